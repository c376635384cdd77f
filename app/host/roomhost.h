// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace Hallway {

class HallwayServer;

// "Host on this computer": the same server as hallway-server, run in-process on its own
// thread with SQLite in the app's data folder, so the window stays smooth while it serves.
// The app speaks to it like to any other server: over the protocol, on loopback.
class RoomHost : public QObject {
    Q_OBJECT
public:
    explicit RoomHost(QObject *parent = nullptr);
    ~RoomHost() override; // stops the server cleanly

    static QString defaultDatabasePath();

    Status start(const QString &databasePath, const QHostAddress &address, quint16 port);
    void stop();
    bool isRunning() const { return m_server != nullptr; }
    // The address this app connects to (loopback).
    QUrl localUrl() const { return m_localUrl; }
    quint16 port() const { return m_localUrl.port(); }
    QString databasePath() const { return m_databasePath; }

private:
    QThread m_thread;
    HallwayServer *m_server = nullptr;
    QUrl m_localUrl;
    QString m_databasePath;
};

} // namespace Hallway
