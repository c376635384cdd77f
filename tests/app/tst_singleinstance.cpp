// SPDX-License-Identifier: MIT
// A second start of the app hands its invite link to the one already running, over a local
// socket named after the settings; with no app running (or one that crashed, or hangs) it
// starts on its own, and what is not one of ours is cut off.
#include "appfixtures.h"
#include "singleinstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
// The link app received when a later start handed link over, or what went wrong.
QString receivedBy(SingleInstance &app, const QString &link)
{
    QSignalSpy activated(&app, &SingleInstance::activated);
    if (!handOverFromAnotherStart(link))
        return QStringLiteral("(the later start was not answered)");
    if (!QTest::qWaitFor([&]() { return !activated.isEmpty(); }, 3000) || activated.size() != 1)
        return QStringLiteral("(activated %1 times)").arg(activated.size());
    return activated.first().first().toString();
}
} // namespace

class tst_SingleInstance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void withNoAppRunningTheStartGoesOn();
    void aLaterStartHandsItsLinkOver();
    void aLaterStartWithoutALinkAsksToComeForward();
    void aSocketLeftByACrashedAppIsReplaced();
    void anAppThatHangsDoesNotSwallowTheLink();
    void somethingElseTalkingIsCutOff();
    void otherSettingsMeanAnotherApp();

private:
    QTemporaryDir m_runtime;
    QTemporaryDir m_settings;
};

void tst_SingleInstance::initTestCase()
{
    QVERIFY(m_runtime.isValid() && m_settings.isValid());
    QVERIFY(QFile::setPermissions(m_runtime.path(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qputenv("XDG_RUNTIME_DIR", m_runtime.path().toLocal8Bit());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QVERIFY(SingleInstance::socketPath().startsWith(m_runtime.path()));
}

void tst_SingleInstance::withNoAppRunningTheStartGoesOn()
{
    QVERIFY(!QFile::exists(SingleInstance::socketPath()));
    QVERIFY(!SingleInstance::handOver(QStringLiteral("hallway://10.0.0.5:8470"), 500));
}

void tst_SingleInstance::aLaterStartHandsItsLinkOver()
{
    SingleInstance running;
    QVERIFY(running.listen());
    const QString link = QStringLiteral("hallway://10.0.0.5:8470");
    QCOMPARE(receivedBy(running, link), link);
    // Only its owner may talk to it.
    QCOMPARE(
            QFileInfo(SingleInstance::socketPath()).permissions()
                    & (QFile::ReadOther | QFile::WriteOther | QFile::ReadGroup | QFile::WriteGroup),
            QFile::Permissions());
}

void tst_SingleInstance::aLaterStartWithoutALinkAsksToComeForward()
{
    SingleInstance running;
    QVERIFY(running.listen());
    QCOMPARE(receivedBy(running, QString()), QString());
}

void tst_SingleInstance::aSocketLeftByACrashedAppIsReplaced()
{
    // A socket file with no one behind it, as a killed app leaves it.
    const QByteArray path = QFile::encodeName(SingleInstance::socketPath());
    const int descriptor = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    qstrncpy(address.sun_path, path.constData(), sizeof address.sun_path);
    QCOMPARE(::bind(descriptor, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ::close(descriptor);
    QVERIFY(QFile::exists(SingleInstance::socketPath()));
    QVERIFY(!SingleInstance::handOver(QStringLiteral("hallway://10.0.0.5:8470"), 500));

    SingleInstance running;
    QVERIFY(running.listen());
    const QString link = QStringLiteral("hallway://10.0.0.6:8470");
    QCOMPARE(receivedBy(running, link), link);
}

void tst_SingleInstance::anAppThatHangsDoesNotSwallowTheLink()
{
    // Something listens, takes the message and never answers: the start goes on by itself.
    QLocalServer hung;
    QVERIFY(hung.listen(SingleInstance::socketPath()));
    QVERIFY(!handOverFromAnotherStart(QStringLiteral("hallway://10.0.0.5:8470"), 500));
    QVERIFY(hung.hasPendingConnections());
    // The app that starts then answers later starts in its place.
    SingleInstance next;
    QVERIFY(next.listen());
    const QString link = QStringLiteral("hallway://10.0.0.7:8470");
    QCOMPARE(receivedBy(next, link), link);
}

void tst_SingleInstance::somethingElseTalkingIsCutOff()
{
    SingleInstance running;
    QVERIFY(running.listen());
    QSignalSpy activated(&running, &SingleInstance::activated);
    QLocalSocket stranger;
    stranger.connectToServer(SingleInstance::socketPath());
    QVERIFY(stranger.waitForConnected(1000));
    stranger.write(QByteArray(SingleInstance::MaxMessageBytes + 100, 'x'));
    QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(activated.size(), 0);
    // The app goes on answering.
    const QString link = QStringLiteral("hallway://10.0.0.5:8470");
    QCOMPARE(receivedBy(running, link), link);
}

void tst_SingleInstance::otherSettingsMeanAnotherApp()
{
    SingleInstance running;
    QVERIFY(running.listen());
    const QString first = SingleInstance::socketPath();
    QTemporaryDir otherSettings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, otherSettings.path());
    const QString other = SingleInstance::socketPath();
    const bool handedOver =
            SingleInstance::handOver(QStringLiteral("hallway://10.0.0.5:8470"), 500);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QVERIFY(first != other);
    QVERIFY(!handedOver);
}

QTEST_GUILESS_MAIN(tst_SingleInstance)
#include "tst_singleinstance.moc"
