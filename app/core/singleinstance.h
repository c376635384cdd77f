// SPDX-License-Identifier: MIT
#pragma once

#include <QLocalServer>
#include <QObject>

namespace Hallway {

// One app per person and settings at a time, as a browser opens a clicked link in the window
// it already has: a second start (a click on an invite link while the app runs) hands its
// link to the running app over a local socket, and ends. The socket lives in the user's
// runtime directory, readable by that user only, and is named after the settings file, so
// apps that do not share settings (other users, tests) never meet.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    // The longest link taken; a longer message is not a link, and its sender is cut off.
    static constexpr qsizetype MaxMessageBytes = 4096;

    explicit SingleInstance(QObject *parent = nullptr);
    ~SingleInstance() override;

    // From a starting app, before it shows anything: whether an app already runs for these
    // settings and took link (empty: "come to the front"). If so the caller ends. Blocks for
    // at most timeoutMs.
    static bool handOver(const QString &link, int timeoutMs = 3000);

    // Answers later starts from now on, in the place of a crashed or hung app if there was
    // one. False, and later starts run on their own, if the socket cannot be made.
    bool listen();
    bool isListening() const { return m_server.isListening(); }

    // The path of the socket for the current settings.
    static QString socketPath();

Q_SIGNALS:
    // A later start asked to come to the front, with the invite link it was given (or none).
    void activated(const QString &link);

private:
    void answer(QLocalSocket *socket);

    QLocalServer m_server;
};

} // namespace Hallway
