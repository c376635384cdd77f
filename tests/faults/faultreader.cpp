// SPDX-License-Identifier: MIT
// A signed-in attendee in a process of its own, so that a test can stop it with SIGSTOP:
// it registers, subscribes to the topics named on its command line, prints "ready <user id>"
// and then reads whatever comes, slowly, through a small receive buffer.
//   faultreader <port> <username> <password> <topic>...
#include "rawclient.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <cstdio>

using namespace Hallway::Test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() < 4) {
        std::fprintf(stderr, "usage: faultreader <port> <username> <password> <topic>...\n");
        return 2;
    }
    const auto port = quint16(arguments.at(1).toUInt());
    RawClient client;
    constexpr int SmallReceiveBuffer = 4096;
    if (!client.connectTcp(port, {}, SmallReceiveBuffer) || !client.handshake(port)) {
        std::fprintf(stderr, "cannot connect\n");
        return 1;
    }
    const qint64 userId = client.signIn(arguments.at(2), arguments.at(3), true);
    if (userId == 0) {
        std::fprintf(stderr, "cannot sign in\n");
        return 1;
    }
    qint64 id = 1;
    for (const QString &topic : arguments.mid(4)) {
        client.sendRequest(id, QStringLiteral("topic.subscribe"),
                           {{QStringLiteral("topic"), topic}});
        const auto reply = client.waitForReply(id++, 10'000);
        if (!reply
            || reply->value(QStringLiteral("type")).toString() != QLatin1StringView("result")) {
            std::fprintf(stderr, "cannot subscribe to %s\n", qPrintable(topic));
            return 1;
        }
    }
    std::printf("ready %lld\n", userId);
    std::fflush(stdout);
    while (client.isOpen())
        client.drain(1000);
    return 0;
}
