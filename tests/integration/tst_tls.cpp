// SPDX-License-Identifier: MIT
// wss:// end to end: the server serves TLS with the files it is given; the app's client
// refuses a certificate nobody vouches for until the user trusts its fingerprint, then
// remembers it, refuses loudly when it changes, and needs no question for a certificate
// signed by an authority the system trusts.
#include "hallwayclient.h"
#include "knownservers.h"
#include "testclient.h"
#include "testserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("tls-password");

bool openssl(const QStringList &arguments, const QString &dir)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30'000) || process.exitCode() != 0) {
        qWarning("openssl %s failed: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 process.readAll().constData());
        return false;
    }
    return true;
}

const QString Subject = QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost");

// A self-signed certificate for 127.0.0.1: NAME.pem and NAME.key.
bool selfSigned(const QString &dir, const QString &name)
{
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                    name + QStringLiteral(".key"), QStringLiteral("-out"),
                    name + QStringLiteral(".pem"), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                    QStringLiteral("-addext"), Subject},
                   dir);
}

QByteArray fingerprintOfFile(const QString &path)
{
    const auto certificates = QSslCertificate::fromPath(path);
    return certificates.isEmpty() ? QByteArray()
                                  : KnownServers::fingerprintOf(certificates.first());
}
} // namespace

class tst_Tls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void anUnknownCertificateIsAskedAboutAndThenRemembered();
    void aChangedCertificateIsRefused();
    void aCertificateFromATrustedAuthorityNeedsNoQuestion();
    void badTlsFilesStopTheServerWithAMessage();

private:
    QTemporaryDir m_dir;
    TestServer m_server;
    KnownServers m_known{QString()}; // in memory: as if the user answered
};

void tst_Tls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(selfSigned(m_dir.path(), QStringLiteral("first")));
    QVERIFY(selfSigned(m_dir.path(), QStringLiteral("second")));
    m_server.setTls(m_dir.filePath(QStringLiteral("first.pem")),
                    m_dir.filePath(QStringLiteral("first.key")));
    QVERIFY(m_server.start());
    QCOMPARE(m_server.url().scheme(), QStringLiteral("wss"));
}

void tst_Tls::anUnknownCertificateIsAskedAboutAndThenRemembered()
{
    HallwayClient client;
    client.connection().setKnownServers(&m_known);
    QSignalSpy untrusted(&client.connection(), &ServerConnection::certificateUntrusted);
    QSignalSpy failed(&client, &HallwayClient::signInFailed);
    client.registerAccount(
            m_server.url(),
            {QStringLiteral("careful"), QStringLiteral("Careful"), Password, {}, {}});
    QVERIFY(failed.wait(10'000));
    QCOMPARE(untrusted.size(), 1);
    // The fingerprint the app shows is the certificate's own.
    QCOMPARE(untrusted.first().at(1).toByteArray(),
             fingerprintOfFile(m_dir.filePath(QStringLiteral("first.pem"))));
    QVERIFY(failed.first().first().value<Error>().message.contains(QStringLiteral("not trusted")));
    // Nothing was sent: no account exists.
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("tls"));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tls"));

    // The user trusts it: the same request now goes through, encrypted.
    m_known.trust(m_server.url(), untrusted.first().at(1).toByteArray());
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(
            m_server.url(),
            {QStringLiteral("careful"), QStringLiteral("Careful"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    QCOMPARE(client.status(), HallwayClient::Status::Online);
    QCOMPARE(untrusted.size(), 1); // not asked again

    // Events, which topics frame once and write to the encrypted socket directly, arrive.
    QSignalSpy events(&client, &HallwayClient::topicEvent);
    client.subscribe(QStringLiteral("presence"));
    HallwayClient other;
    other.connection().setKnownServers(&m_known);
    QSignalSpy otherIn(&other, &HallwayClient::signedIn);
    other.registerAccount(m_server.url(),
                          {QStringLiteral("another"), QStringLiteral("Another"), Password, {}, {}});
    QVERIFY(otherIn.wait(10'000));
    QTRY_VERIFY(!events.isEmpty());
    QCOMPARE(events.first().first().toString(), QStringLiteral("presence"));
}

void tst_Tls::aChangedCertificateIsRefused()
{
    // The user trusted the first certificate (as in the test before) and has an account.
    m_known.trust(m_server.url(), fingerprintOfFile(m_dir.filePath(QStringLiteral("first.pem"))));
    HallwayClient client;
    client.connection().setKnownServers(&m_known);
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(
            m_server.url(),
            {QStringLiteral("changer"), QStringLiteral("Changer"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));

    // The server comes back on the same port with another certificate.
    QSignalSpy changed(&client.connection(), &ServerConnection::certificateChanged);
    QSignalSpy ended(&client, &HallwayClient::sessionEnded);
    m_server.kill();
    m_server.setTls(m_dir.filePath(QStringLiteral("second.pem")),
                    m_dir.filePath(QStringLiteral("second.key")));
    QVERIFY(m_server.restart());
    QVERIFY(changed.wait(20'000));
    QCOMPARE(changed.first().at(1).toByteArray(),
             fingerprintOfFile(m_dir.filePath(QStringLiteral("first.pem"))));
    QCOMPARE(changed.first().at(2).toByteArray(),
             fingerprintOfFile(m_dir.filePath(QStringLiteral("second.pem"))));
    QTRY_COMPARE(ended.size(), 1);
    QCOMPARE(client.status(), HallwayClient::Status::SignedOut);
    // It does not keep trying: no attempt is under way or scheduled.
    QCOMPARE(client.connection().state(), ServerConnection::State::Disconnected);
    QCOMPARE(changed.size(), 1);
}

void tst_Tls::aCertificateFromATrustedAuthorityNeedsNoQuestion()
{
    // An authority, and a certificate it signs for 127.0.0.1.
    const QString dir = m_dir.path();
    QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                     QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-subj"), QStringLiteral("/CN=Hallway Test CA")},
                    dir));
    QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                     QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                     QStringLiteral("signed.key"), QStringLiteral("-out"),
                     QStringLiteral("signed.csr"), QStringLiteral("-subj"),
                     QStringLiteral("/CN=localhost")},
                    dir));
    QFile extensions(m_dir.filePath(QStringLiteral("san.ext")));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write(Subject.toUtf8() + '\n');
    extensions.close();
    QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                     QStringLiteral("signed.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                     QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                     QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                     QStringLiteral("signed.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-extfile"), QStringLiteral("san.ext")},
                    dir));
    TestServer server;
    server.setTls(m_dir.filePath(QStringLiteral("signed.pem")),
                  m_dir.filePath(QStringLiteral("signed.key")));
    QVERIFY(server.start());

    // The authority joins the trusted ones, as a system CA would be.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificates(m_dir.filePath(QStringLiteral("ca.pem")));
    QSslConfiguration::setDefaultConfiguration(configuration);

    KnownServers nothingKnown{QString()};
    HallwayClient client;
    client.connection().setKnownServers(&nothingKnown);
    QSignalSpy untrusted(&client.connection(), &ServerConnection::certificateUntrusted);
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(
            server.url(),
            {QStringLiteral("trusting"), QStringLiteral("Trusting"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    QCOMPARE(untrusted.size(), 0);
    QVERIFY(!nothingKnown.fingerprint(server.url()));
}

void tst_Tls::badTlsFilesStopTheServerWithAMessage()
{
    const auto run = [](const QStringList &arguments) {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(TestServer::executable(),
                      QStringList{QStringLiteral("--port"), QStringLiteral("0"),
                                  QStringLiteral("--database"), QStringLiteral("sqlite::memory:")}
                              + arguments);
        process.waitForFinished(15'000);
        return std::make_pair(process.exitCode(), QString::fromUtf8(process.readAll()));
    };
    const QString certificate = m_dir.filePath(QStringLiteral("first.pem"));
    auto [code, output] = run({QStringLiteral("--tls-cert"), certificate});
    QCOMPARE(code, 1);
    QVERIFY2(output.contains(QStringLiteral("both a certificate and a key")), qPrintable(output));
    std::tie(code, output) = run(
            {QStringLiteral("--tls-cert"), certificate, QStringLiteral("--tls-key"), certificate});
    QCOMPARE(code, 1);
    QVERIFY2(output.contains(QStringLiteral("no unencrypted PEM private key")), qPrintable(output));
    std::tie(code, output) =
            run({QStringLiteral("--tls-cert"), m_dir.filePath(QStringLiteral("none.pem")),
                 QStringLiteral("--tls-key"), certificate});
    QCOMPARE(code, 1);
    QVERIFY2(output.contains(QStringLiteral("cannot read a PEM certificate")), qPrintable(output));
}

QTEST_MAIN(tst_Tls)
#include "tst_tls.moc"
