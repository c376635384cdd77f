// SPDX-License-Identifier: MIT
// The chat panel on real widgets against a real server: an incoming message raises the
// unread count, opening the conversation loads the latest 15 and marks them read, scrolling
// up loads older ones, and Enter sends a message that shows as sent, then delivered.
#include "chat.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "conversationsmodel.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

class tst_ChatPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chatLikeAPerson();
};

void tst_ChatPanel::chatLikeAPerson()
{
    TestServer server;
    QVERIFY(server.start());
    const QString password = QStringLiteral("chat-gui-password");
    TestClient pat;
    QVERIFY(pat.open(server.url()));
    QVERIFY(!pat.hello().isError());
    QVERIFY(!pat.registerUser(QStringLiteral("pat"), password, QStringLiteral("Pat")).isError());
    QVERIFY(!pat.subscribe(Protocol::Topic::Chat).isError());

    HallwayClient client;
    ConversationsModel conversations(&client);
    ChatPanel panel(&client, &conversations);
    panel.resize(700, 260);
    panel.show();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(server.url(),
                           {QStringLiteral("myself"), QStringLiteral("Myself"), password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    const qint64 me = client.currentUser().id;

    // Pat writes 40 messages; they arrive live and the unread count climbs.
    for (int i = 0; i < 40; ++i) {
        const QJsonObject data{{QStringLiteral("clientId"), QStringLiteral("p%1").arg(i)},
                               {QStringLiteral("to"), me},
                               {QStringLiteral("text"), QStringLiteral("Pat says %1").arg(i)}};
        QVERIFY(!pat.request(Protocol::Type::SendMessage, data).isError());
    }
    QTRY_COMPARE(conversations.rowCount(), 1);
    QTRY_COMPARE(conversations.totalUnread(), 40);
    QCOMPARE(conversations.index(0).data(ConversationsModel::UnreadRole).toLongLong(), 40);
    QVERIFY(conversations.index(0).data().toString().startsWith(
            QStringLiteral("Pat (40 unread)\nPat says 39")));

    // Open it: the latest 15, read at once.
    QListView *list = panel.conversationList();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(conversations.index(0)).center());
    QTRY_VERIFY(panel.chat());
    ChatModel *chat = panel.chat();
    QTRY_COMPARE(chat->rowCount(), 15);
    QCOMPARE(chat->index(14).data().toString(), QStringLiteral("Pat says 39"));
    QTRY_COMPARE(conversations.totalUnread(), 0);

    // Scrolling up loads the page before.
    QListView *messages = panel.messageList();
    QTRY_VERIFY(messages->verticalScrollBar()->value() > 0);
    messages->verticalScrollBar()->setValue(messages->verticalScrollBar()->minimum());
    QTRY_COMPARE(chat->rowCount(), 30);
    QCOMPARE(chat->index(0).data().toString(), QStringLiteral("Pat says 10"));

    // Enter sends; the message shows at once, then as sent, then delivered once Pat's app
    // has it.
    QTest::keyClicks(panel.composer(), QStringLiteral("See you at the coffee machine"));
    QTest::keyClick(panel.composer(), Qt::Key_Return);
    QVERIFY(panel.composer()->text().isEmpty());
    const int last = chat->rowCount() - 1;
    QCOMPARE(chat->index(last).data().toString(), QStringLiteral("See you at the coffee machine"));
    QVERIFY(chat->index(last).data(ChatModel::FromMeRole).toBool());
    QTRY_COMPARE(chat->stateAt(chat->rowCount() - 1), ChatModel::State::Sent);
    const Envelope arrived = pat.waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
        return event.data.value(QStringLiteral("message"))
                       .toObject()
                       .value(QStringLiteral("text"))
                       .toString()
                == QStringLiteral("See you at the coffee machine");
    });
    const qint64 id = arrived.data.value(QStringLiteral("message"))
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInteger();
    QVERIFY(!pat.request(Protocol::Type::AckDelivery,
                         {{QStringLiteral("messageIds"), QJsonArray{id}}})
                     .isError());
    QTRY_COMPARE(chat->stateAt(chat->rowCount() - 1), ChatModel::State::Delivered);
    int shown = 0;
    for (int row = 0; row < chat->rowCount(); ++row)
        shown += chat->index(row).data().toString()
                == QStringLiteral("See you at the coffee machine");
    QCOMPARE(shown, 1); // not again when the stream brings it back
}

QTEST_MAIN(tst_ChatPanel)
#include "tst_chatpanel.moc"
