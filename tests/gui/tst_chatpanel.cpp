// SPDX-License-Identifier: MIT
// The chat panel on real widgets against a real server: an incoming message raises the
// unread count, opening the conversation loads the latest 15 and marks them read, scrolling
// up loads older ones, and Enter sends a message that shows as sent, then delivered. The
// timeline reads like a chat app's (bubbles on two sides, one name per run of messages, a day
// separator, a "New messages" divider, an unread badge in the list, clickable links), Enter
// sends while Shift+Enter starts a new line, each list says what goes there while it is
// empty, and a message to a window in the background becomes one desktop notification over
// D-Bus (ctest runs this suite under dbus-run-session, with a private session bus).
#include "chat.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "conversationdelegate.h"
#include "conversationsmodel.h"
#include "hallwayclient.h"
#include "mainwindow.h"
#include "messagecomposer.h"
#include "messagedelegate.h"
#include "protocol.h"
#include "session.h"
#include "testclient.h"
#include "testserver.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QJsonArray>
#include <QLabel>
#include <QListView>
#include <QMouseEvent>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QDBusConnection>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("chat-gui-password");

// The desktop's notification service as the freedesktop specification defines it, on the
// test's private session bus, keeping what it was asked to show.
class NotificationService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Shown {
        QString summary;
        QString body;
    };
    QList<Shown> shown;

public Q_SLOTS:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &, int)
    {
        shown.append({summary, body});
        return static_cast<uint>(shown.size());
    }
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }
};

// Where the app's "open this link" goes in the test, instead of a browser.
class LinkCatcher : public QObject {
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void open(const QUrl &url) { opened.append(url); }
};

// A real server with Pat on a test client, and "myself" signed in through the app's client
// beside a chat panel, shown and active.
struct ChatRoom {
    TestServer server;
    TestClient pat;
    HallwayClient client;
    std::unique_ptr<ConversationsModel> conversations;
    std::unique_ptr<ChatPanel> panel;
    qint64 me = 0;

    bool open()
    {
        if (!server.start() || !pat.open(server.url()) || pat.hello().isError()
            || pat.registerUser(QStringLiteral("pat"), Password, QStringLiteral("Pat")).isError()
            || pat.subscribe(Protocol::Topic::Chat).isError())
            return false;
        conversations = std::make_unique<ConversationsModel>(&client);
        panel = std::make_unique<ChatPanel>(&client, conversations.get());
        panel->resize(700, 420);
        panel->show();
        if (!QTest::qWaitForWindowActive(panel.get()))
            return false;
        QSignalSpy signedIn(&client, &HallwayClient::signedIn);
        client.registerAccount(
                server.url(),
                {QStringLiteral("myself"), QStringLiteral("Myself"), Password, {}, {}});
        if (!signedIn.wait(10'000))
            return false;
        me = client.currentUser().id;
        return true;
    }

    // Pat writes to me; the id of the stored message.
    qint64 patSays(const QString &text)
    {
        static int sent = 0;
        const Envelope reply =
                pat.request(Protocol::Type::SendMessage,
                            {{QStringLiteral("clientId"), QStringLiteral("pat-%1").arg(++sent)},
                             {QStringLiteral("to"), me},
                             {QStringLiteral("text"), text}});
        return reply.data.value(QStringLiteral("message"))
                .toObject()
                .value(QStringLiteral("id"))
                .toInteger();
    }
};
} // namespace

class tst_ChatPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void chatLikeAPerson();
    void unreadDividerAndBadge();
    void sentMessagesShowWhenThePeerHasReadThem();
    void runsOfOneSenderShareOneName();
    void enterSendsShiftEnterBreaksTheLine();
    void linksOpen();
    void bubblesAreLaidOutOnceNotOnEveryPaint();
    void emptyListsSayWhatGoesThere();
    void aMessageToAWindowInTheBackgroundNotifies();

private:
    QTemporaryDir m_settingsDir;
};

void tst_ChatPanel::initTestCase()
{
    // The notification setting is the person's: never touch theirs.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

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

void tst_ChatPanel::unreadDividerAndBadge()
{
    ChatRoom room;
    QVERIFY(room.open());
    // Two messages I have read, then three I have not.
    room.patSays(QStringLiteral("Hi, are you at the conference?"));
    const qint64 read = room.patSays(QStringLiteral("I am by the stairs"));
    QVERIFY(read > 0);
    QTRY_COMPARE(room.conversations->totalUnread(), 2);
    room.client.request(
            Protocol::Type::MarkRead,
            {{QStringLiteral("conversation"), conversationKey(room.me, room.pat.userId())},
             {QStringLiteral("upToId"), read}},
            this, [](const Expected<QJsonObject> &) {});
    QTRY_COMPARE(room.conversations->totalUnread(), 0);
    for (const QString &text :
         {QStringLiteral("Talk starts in 5"), QStringLiteral("Room B"), QStringLiteral("Hurry!")})
        room.patSays(text);
    QTRY_COMPARE(room.conversations->totalUnread(), 3);

    // The list shows it as a badge beside the last message.
    QListView *list = room.panel->conversationList();
    const QModelIndex row = room.conversations->index(0);
    ConversationDelegate::Layout item = room.panel->conversationDelegate()->layoutIn(list, row);
    QCOMPARE(item.badgeText, QStringLiteral("3"));
    QVERIFY(!item.badge.isEmpty());
    QVERIFY(list->viewport()->rect().contains(item.badge));
    QCOMPARE(item.previewText, QStringLiteral("Hurry!"));
    QCOMPARE(item.initials, QStringLiteral("P"));
    QCOMPARE(item.nameText, QStringLiteral("Pat"));

    // Opening it: the divider sits above the first of the three, and only there.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
    QTRY_VERIFY(room.panel->chat());
    ChatModel *chat = room.panel->chat();
    QTRY_COMPARE(chat->rowCount(), 5);
    QTRY_COMPARE(chat->firstUnreadRow(), 2);
    QCOMPARE(chat->index(2).data().toString(), QStringLiteral("Talk starts in 5"));
    QListView *messages = room.panel->messageList();
    for (int at = 0; at < chat->rowCount(); ++at) {
        const MessageDelegate::Layout bubble =
                room.panel->messageDelegate()->layoutIn(messages, chat->index(at));
        QCOMPARE(chat->index(at).data(ChatModel::FirstUnreadRole).toBool(), at == 2);
        QCOMPARE(bubble.divider.isNull(), at != 2);
        if (at == 2)
            QVERIFY(bubble.divider.bottom() < bubble.bubble.top()); // above the message
    }
    // Read now: the badge goes, the divider stays while the conversation is open.
    QTRY_COMPARE(room.conversations->totalUnread(), 0);
    QTRY_VERIFY(room.panel->conversationDelegate()->layoutIn(list, row).badge.isNull());
    QCOMPARE(chat->firstUnreadRow(), 2);
}

void tst_ChatPanel::sentMessagesShowWhenThePeerHasReadThem()
{
    ChatRoom room;
    QVERIFY(room.open());
    room.panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    ChatModel *chat = room.panel->chat();
    QTRY_VERIFY(chat->isLatestLoaded());
    for (const QString &text :
         {QStringLiteral("Are you in room B?"), QStringLiteral("Saving you a seat")}) {
        QTest::keyClicks(room.panel->composer(), text);
        QTest::keyClick(room.panel->composer(), Qt::Key_Return);
    }
    QTRY_COMPARE(chat->rowCount(), 2);
    QTRY_COMPARE(chat->stateAt(0), ChatModel::State::Sent);
    QTRY_COMPARE(chat->stateAt(1), ChatModel::State::Sent);
    const qint64 first = chat->index(0).data(ChatModel::MessageIdRole).toLongLong();
    const QString key = conversationKey(room.me, room.pat.userId());

    // Pat has read the first one: it says so, in the corner and on hovering; the second does not.
    QSignalSpy changed(chat, &QAbstractItemModel::dataChanged);
    QVERIFY(!room.pat.request(Protocol::Type::MarkRead,
                              {{QStringLiteral("conversation"), key},
                               {QStringLiteral("upToId"), first}})
                     .isError());
    QTRY_COMPARE(chat->index(0).data(ChatModel::StateRole).toInt(), int(ChatModel::State::Read));
    QCOMPARE(chat->stateAt(1), ChatModel::State::Sent);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(2).value<QList<int>>(), QList<int>{ChatModel::StateRole});
    QVERIFY(chat->index(0).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Read")));
    QListView *messages = room.panel->messageList();
    MessageDelegate *delegate = room.panel->messageDelegate();
    QVERIFY(delegate->layoutIn(messages, chat->index(0)).metaText.endsWith(QStringLiteral("Read")));
    QVERIFY(delegate->layoutIn(messages, chat->index(1))
                    .metaText.endsWith(QStringLiteral("\u2713")));

    // Then all of it.
    const qint64 second = chat->index(1).data(ChatModel::MessageIdRole).toLongLong();
    QVERIFY(!room.pat.request(Protocol::Type::MarkRead,
                              {{QStringLiteral("conversation"), key},
                               {QStringLiteral("upToId"), second}})
                     .isError());
    QTRY_COMPARE(chat->stateAt(1), ChatModel::State::Read);
    QCOMPARE(chat->stateAt(0), ChatModel::State::Read);
}

void tst_ChatPanel::runsOfOneSenderShareOneName()
{
    ChatRoom room;
    QVERIFY(room.open());
    room.patSays(QStringLiteral("First"));
    room.patSays(QStringLiteral("Second, right after"));
    QTRY_COMPARE(room.conversations->totalUnread(), 2); // both below the divider
    room.panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    ChatModel *chat = room.panel->chat();
    QTRY_COMPARE(chat->rowCount(), 2);
    QTest::keyClicks(room.panel->composer(), QStringLiteral("My answer"));
    QTest::keyClick(room.panel->composer(), Qt::Key_Return);
    QTRY_COMPARE(chat->stateAt(2), ChatModel::State::Sent);
    room.patSays(QStringLiteral("Pat again"));
    QTRY_COMPARE(chat->rowCount(), 4);

    QListView *messages = room.panel->messageList();
    MessageDelegate *delegate = room.panel->messageDelegate();
    const auto bubble = [&](int row) { return delegate->layoutIn(messages, chat->index(row)); };
    // Pat's run of two: one name, on the first; the day is said once, above it.
    QCOMPARE(bubble(0).nameText, QStringLiteral("Pat"));
    QVERIFY(!bubble(0).name.isNull());
    QVERIFY(bubble(1).name.isNull());
    QVERIFY(!chat->index(1).data(ChatModel::FirstInGroupRole).toBool());
    QCOMPARE(bubble(0).dayText, QStringLiteral("Today"));
    QVERIFY(bubble(1).day.isNull() && bubble(2).day.isNull() && bubble(3).day.isNull());
    // Messages of one run sit closer together than runs of different senders.
    QVERIFY(bubble(1).bubble.top() - messages->visualRect(chat->index(1)).top()
            < bubble(3).name.top() - messages->visualRect(chat->index(3)).top());
    // Mine on the right, theirs on the left, each with its time; a new run after mine names
    // Pat again.
    const int middle = messages->viewport()->width() / 2;
    QVERIFY(bubble(2).fromMe && bubble(2).bubble.left() > middle);
    QVERIFY(!bubble(0).fromMe && bubble(0).bubble.right() < middle + middle / 2);
    QVERIFY(bubble(0).bubble.left() < middle);
    QVERIFY(bubble(2).name.isNull()); // your own side says it is yours
    QVERIFY(!bubble(3).name.isNull());
    const QString time =
            ChatModel::timeOfDay(chat->index(0).data(ChatModel::TimeRole).toDateTime().time());
    QVERIFY(bubble(0).metaText.startsWith(time));
    QVERIFY(bubble(2).metaText.contains(QStringLiteral("\u2713"))); // sent
    // The full date on hover.
    QVERIFY(chat->index(0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLocale().toString(QDate::currentDate(), QLocale::LongFormat)));
}

void tst_ChatPanel::enterSendsShiftEnterBreaksTheLine()
{
    ChatRoom room;
    QVERIFY(room.open());
    room.panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    ChatModel *chat = room.panel->chat();
    QTRY_VERIFY(chat->isLatestLoaded());
    MessageComposer *composer = room.panel->composer();
    QVERIFY(composer->hasFocus());
    QVERIFY(!room.panel->sendButton()->isEnabled()); // nothing to send yet
    QVERIFY(!composer->accessibleName().isEmpty());
    QVERIFY(!room.panel->sendButton()->accessibleName().isEmpty());

    const int oneLine = composer->height();
    QTest::keyClicks(composer, QStringLiteral("Line one"));
    QTest::keyClick(composer, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(composer, QStringLiteral("Line two"));
    QCOMPARE(composer->text(), QStringLiteral("Line one\nLine two"));
    QCOMPARE(chat->rowCount(), 0); // not sent
    QVERIFY(composer->height() > oneLine); // it grew to show both lines

    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(composer->text().isEmpty());
    QCOMPARE(chat->rowCount(), 1);
    QCOMPARE(chat->index(0).data().toString(), QStringLiteral("Line one\nLine two"));
    const Envelope arrived = room.pat.waitForEvent(Protocol::Topic::Chat, [](const Envelope &e) {
        return e.data.value(QStringLiteral("kind")).toString() == Protocol::ChatEvent::Message;
    });
    QCOMPARE(arrived.data.value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
             QStringLiteral("Line one\nLine two"));
    QTRY_COMPARE(composer->height(), oneLine);

    // The button sends too.
    QTest::keyClicks(composer, QStringLiteral("By button"));
    QVERIFY(room.panel->sendButton()->isEnabled());
    QTest::mouseClick(room.panel->sendButton(), Qt::LeftButton);
    QCOMPARE(chat->rowCount(), 2);
    QCOMPARE(chat->index(1).data().toString(), QStringLiteral("By button"));
    QVERIFY(composer->text().isEmpty());
}

void tst_ChatPanel::linksOpen()
{
    ChatRoom room;
    QVERIFY(room.open());
    LinkCatcher browser;
    QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
    const auto cleanup =
            qScopeGuard([]() { QDesktopServices::unsetUrlHandler(QStringLiteral("https")); });
    room.patSays(QStringLiteral("https://example.org/slides?id=7"));
    QTRY_COMPARE(room.conversations->totalUnread(), 1);
    room.panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    ChatModel *chat = room.panel->chat();
    QTRY_COMPARE(chat->rowCount(), 1);
    QListView *messages = room.panel->messageList();
    const MessageDelegate::Layout bubble =
            room.panel->messageDelegate()->layoutIn(messages, chat->index(0));
    // Beside the text, nothing opens; on the link, the browser does.
    QTest::mouseClick(messages->viewport(), Qt::LeftButton, {},
                      QPoint(bubble.bubble.right() + 20, bubble.text.center().y()));
    QTest::mouseClick(messages->viewport(), Qt::LeftButton, {},
                      QPoint(bubble.text.left() + 10, bubble.text.center().y()));
    QTRY_COMPARE(browser.opened.size(), 1);
    QCOMPARE(browser.opened.first(), QUrl(QStringLiteral("https://example.org/slides?id=7")));
}

void tst_ChatPanel::bubblesAreLaidOutOnceNotOnEveryPaint()
{
    ChatRoom room;
    QVERIFY(room.open());
    for (int i = 0; i < 12; ++i)
        room.patSays(QStringLiteral("Message %1 with a link https://example.org/%1").arg(i));
    QTRY_COMPARE(room.conversations->totalUnread(), 12);
    room.panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    ChatModel *chat = room.panel->chat();
    QTRY_COMPARE(chat->rowCount(), 12);
    QListView *messages = room.panel->messageList();
    MessageDelegate *delegate = room.panel->messageDelegate();
    QTRY_COMPARE(room.conversations->totalUnread(), 0);
    messages->viewport()->repaint();
    const int laidOut = delegate->documentsLaidOut();
    QVERIFY(laidOut >= 12);

    // Painting again, and the pointer moving over every bubble, lay nothing out again.
    messages->viewport()->repaint();
    for (int row = 0; row < chat->rowCount(); ++row) {
        const QRect rect = messages->visualRect(chat->index(row));
        if (!messages->viewport()->rect().intersects(rect))
            continue;
        QMouseEvent move(QEvent::MouseMove, rect.center(),
                         messages->viewport()->mapToGlobal(rect.center()), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(messages->viewport(), &move);
    }
    messages->viewport()->repaint();
    QCOMPARE(delegate->documentsLaidOut(), laidOut);

    // A message of mine going out, sent and delivered: one new bubble, laid out once.
    QTest::keyClicks(room.panel->composer(), QStringLiteral("On my way"));
    QTest::keyClick(room.panel->composer(), Qt::Key_Return);
    QTRY_COMPARE(chat->rowCount(), 13);
    QTRY_COMPARE(chat->stateAt(12), ChatModel::State::Sent);
    const Envelope arrived =
            room.pat.waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
                return event.data.value(QStringLiteral("message"))
                               .toObject()
                               .value(QStringLiteral("text"))
                        == QStringLiteral("On my way");
            });
    const qint64 id = arrived.data.value(QStringLiteral("message"))
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInteger();
    QVERIFY(!room.pat.request(Protocol::Type::AckDelivery,
                              {{QStringLiteral("messageIds"), QJsonArray{id}}})
                     .isError());
    QTRY_COMPARE(chat->stateAt(12), ChatModel::State::Delivered);
    messages->viewport()->repaint();
    QCOMPARE(delegate->documentsLaidOut(), laidOut + 1);

    // A narrower window rewraps every bubble, once.
    room.panel->resize(room.panel->width() - 120, room.panel->height());
    QTRY_VERIFY(delegate->documentsLaidOut() > laidOut + 1);
    messages->viewport()->repaint();
    const int rewrapped = delegate->documentsLaidOut();
    messages->viewport()->repaint();
    QCOMPARE(delegate->documentsLaidOut(), rewrapped);
}

void tst_ChatPanel::emptyListsSayWhatGoesThere()
{
    ChatRoom room;
    QVERIFY(room.open());
    ChatPanel *panel = room.panel.get();
    // Nobody to talk to yet: both lists say what will be there and how to start.
    QTRY_VERIFY(panel->conversationsEmptyState()->isVisible());
    QVERIFY(!panel->conversationList()->isVisible());
    QVERIFY(panel->conversationsEmptyState()->text().contains(QStringLiteral("Send a message")));
    QVERIFY(panel->messagesEmptyState()->isVisible());
    QVERIFY(!panel->messageList()->isVisible());
    QVERIFY(!panel->composer()->isEnabled());

    // A conversation without messages says so, once its history has come back empty.
    panel->openConversation(room.pat.userId(), QStringLiteral("Pat"));
    QTRY_VERIFY(panel->chat()->isLatestLoaded());
    QTRY_VERIFY(
            panel->messagesEmptyState()->text().contains(QStringLiteral("No messages with Pat")));
    QVERIFY(panel->messagesEmptyState()->isVisible());

    // The first message replaces both empty states.
    QTest::keyClicks(panel->composer(), QStringLiteral("Hello Pat"));
    QTest::keyClick(panel->composer(), Qt::Key_Return);
    QVERIFY(panel->messageList()->isVisible());
    QVERIFY(!panel->messagesEmptyState()->isVisible());
    QTRY_COMPARE(room.conversations->rowCount(), 1);
    QVERIFY(panel->conversationList()->isVisible());
    QVERIFY(!panel->conversationsEmptyState()->isVisible());
    // The list keeps a sensible width and never scrolls sideways.
    QVERIFY(panel->conversationList()->width() >= 180);
    QVERIFY(panel->conversationList()->width() < panel->width() / 2);
    QVERIFY(!panel->conversationList()->horizontalScrollBar()->isVisible());
}

void tst_ChatPanel::aMessageToAWindowInTheBackgroundNotifies()
{
    if (!QDBusConnection::sessionBus().isConnected())
        QSKIP("needs a D-Bus session bus of its own: ctest runs this suite under dbus-run-session");
    // The desktop's notification service, on a connection of its own: the app reaches it
    // through the bus daemon, as it would reach a real one.
    NotificationService service;
    QDBusConnection desktop =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("desktop"));
    QVERIFY(desktop.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &service,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(desktop.registerService(QStringLiteral("org.freedesktop.Notifications")));
    const auto cleanup = qScopeGuard([&desktop]() {
        desktop.unregisterService(QStringLiteral("org.freedesktop.Notifications"));
        desktop.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        QDBusConnection::disconnectFromBus(QStringLiteral("desktop"));
    });
    QSettings().remove(QStringLiteral("notifications/enabled")); // on unless switched off

    TestServer server;
    QVERIFY(server.start());
    TestClient pat;
    QVERIFY(pat.open(server.url()));
    QVERIFY(!pat.hello().isError());
    QVERIFY(!pat.registerUser(QStringLiteral("pat"), Password, QStringLiteral("Pat")).isError());
    Session session;
    QSignalSpy signedIn(&session.client(), &HallwayClient::signedIn);
    session.client().registerAccount(
            server.url(), {QStringLiteral("myself"), QStringLiteral("Myself"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    const qint64 me = session.client().currentUser().id;
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QWidget elsewhere; // another app's window in front
    const auto toBackground = [&]() {
        elsewhere.show();
        elsewhere.activateWindow();
        return QTest::qWaitForWindowActive(&elsewhere) && !window.isActiveWindow();
    };
    int sent = 0;
    const auto patSays = [&](const QString &text) {
        return !pat.request(Protocol::Type::SendMessage,
                            {{QStringLiteral("clientId"), QStringLiteral("n%1").arg(++sent)},
                             {QStringLiteral("to"), me},
                             {QStringLiteral("text"), text}})
                        .isError();
    };
    ConversationsModel &conversations = session.conversations();

    // In the background: one notification, with who wrote and what.
    QVERIFY(toBackground());
    QVERIFY(patSays(QStringLiteral("Lunch at noon?")));
    QTRY_COMPARE(service.shown.size(), 1);
    QVERIFY(service.shown.at(0).summary.contains(QStringLiteral("Pat")));
    QCOMPARE(service.shown.at(0).body, QStringLiteral("Lunch at noon?"));

    // In front: none. (Messages and notifications keep their order, so the next one that
    // does notify shows that none went out in between.)
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(patSays(QStringLiteral("While you look")));
    QTRY_COMPARE(conversations.index(0).data(ConversationsModel::LastTextRole).toString(),
                 QStringLiteral("While you look"));

    // Switched off in the menu: none either.
    QAction *setting = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("Desktop &notifications"))
            setting = action;
    }
    QVERIFY(setting);
    QVERIFY(setting->isChecked());
    setting->trigger();
    QVERIFY(!QSettings().value(QStringLiteral("notifications/enabled")).toBool());
    QVERIFY(toBackground());
    QVERIFY(patSays(QStringLiteral("While switched off")));
    QTRY_COMPARE(conversations.index(0).data(ConversationsModel::LastTextRole).toString(),
                 QStringLiteral("While switched off"));

    // Back on: the next message notifies, and it is the only one since the first.
    setting->trigger();
    QVERIFY(patSays(QStringLiteral("Back on")));
    QTRY_COMPARE(service.shown.size(), 2);
    QCOMPARE(service.shown.at(1).body, QStringLiteral("Back on"));
}

QTEST_MAIN(tst_ChatPanel)
#include "tst_chatpanel.moc"
