// SPDX-License-Identifier: MIT
// hallway-reference-server: the floor Qt's own API sets. A bare QWebSocketServer that sends
// every text message it receives to every connection: no sign-in, no storage, no JSON. The
// load generator measures it in the same run as hallway-server and prints the ratio.
#include <QCoreApplication>
#include <QHostAddress>
#include <QList>
#include <QTextStream>
#include <QWebSocket>
#include <QWebSocketServer>

int main(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1"); // the same event dispatcher as hallway-server
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qsizetype portAt = arguments.indexOf(QStringLiteral("--port"));
    const quint16 port = portAt > 0 && portAt + 1 < arguments.size()
            ? static_cast<quint16>(arguments.at(portAt + 1).toUInt())
            : 0;

    QWebSocketServer server(QStringLiteral("reference"), QWebSocketServer::NonSecureMode);
    QList<QWebSocket *> clients;
    QObject::connect(&server, &QWebSocketServer::newConnection, [&]() {
        while (QWebSocket *socket = server.nextPendingConnection()) {
            clients.append(socket);
            QObject::connect(socket, &QWebSocket::textMessageReceived,
                             [&clients](const QString &message) {
                                 for (QWebSocket *client : std::as_const(clients))
                                     client->sendTextMessage(message);
                             });
            QObject::connect(socket, &QWebSocket::disconnected, [&clients, socket]() {
                clients.removeOne(socket);
                socket->deleteLater();
            });
        }
    });
    if (!server.listen(QHostAddress::LocalHost, port)) {
        QTextStream(stderr) << "cannot listen: " << server.errorString() << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "listening on ws://127.0.0.1:" << server.serverPort() << Qt::endl;
    return app.exec();
}
