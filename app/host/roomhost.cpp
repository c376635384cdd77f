// SPDX-License-Identifier: MIT
#include "roomhost.h"
#include "hallwayserver.h"

#include <QEventLoop>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QTimer>

namespace Hallway {

namespace {
Q_LOGGING_CATEGORY(lcRoomHost, "hallway.app.host", QtInfoMsg)
} // namespace

RoomHost::RoomHost(QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("hallway-room-host"));
}

RoomHost::~RoomHost()
{
    stop();
}

QString RoomHost::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/hosted-room.db");
}

Status RoomHost::start(const QString &databasePath, const QHostAddress &address, quint16 port)
{
    stop();
    ServerSettings settings;
    settings.listenAddress = address;
    settings.port = port;
    settings.databaseUrl = QStringLiteral("sqlite:") + databasePath;
    settings.firstAccountIsModerator = true; // the host's own account moderates the room

    m_thread.start();
    Status result = Done{};
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
            context,
            [&]() {
                auto *server = new HallwayServer(settings);
                result = server->start();
                if (result)
                    m_server = server;
                else
                    delete server;
            },
            Qt::BlockingQueuedConnection);
    delete context;
    if (!result) {
        m_thread.quit();
        m_thread.wait();
        return result;
    }
    m_localUrl = QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->port()));
    m_databasePath = databasePath;
    qCInfo(lcRoomHost).noquote()
            << "hosting a room at" << m_localUrl.toString() << "on" << databasePath;
    return result;
}

void RoomHost::stop()
{
    if (!m_server)
        return;
    HallwayServer *server = std::exchange(m_server, nullptr);
    // Let the server finish its writes and say goodbye to its clients, but never hang the app.
    QEventLoop loop;
    connect(server, &HallwayServer::stopped, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QTimer::singleShot(8000, &loop, &QEventLoop::quit);
    QMetaObject::invokeMethod(server, &HallwayServer::shutdown, Qt::QueuedConnection);
    loop.exec();
    QMetaObject::invokeMethod(
            server, [server]() { delete server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    qCInfo(lcRoomHost) << "stopped hosting";
}

} // namespace Hallway
