// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QTextStream;

namespace Hallway {

class SimulatedAttendee;

// Brings a room to life: N attendees who sign in, come and go, post facts, chat, propose
// talks and vote, at about R actions a second in all, for a fixed time. It prints a line of
// progress every second and a summary at the end, then emits finished(exit code).
class Simulator : public QObject {
    Q_OBJECT
public:
    struct Options {
        QUrl server;
        int users = 20;
        double rate = 5;
        int durationSeconds = 60;
        QString prefix = QStringLiteral("sim");
        QString password = QStringLiteral("simulated-attendee");
        quint32 seed = 0; // 0: random
    };

    Simulator(const Options &options, QTextStream &out, QTextStream &err,
              QObject *parent = nullptr);
    ~Simulator() override;

    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    enum class Action { Fact, Vote, Message, Talk, Presence, Leave };
    struct Count {
        int sent = 0;
        int stored = 0;
    };

    void tick();
    void act(SimulatedAttendee *attendee, Action action);
    Action pickAction();
    void printProgress();
    void stop();
    void finish();
    void giveUpIfNobodyIsIn();
    int onlineCount() const;
    QString fact();

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    QRandomGenerator m_random;
    QList<SimulatedAttendee *> m_attendees;
    QSet<SimulatedAttendee *> m_everSignedIn;
    SimulatedAttendee *m_watcher = nullptr; // the first one in: follows the talks, never leaves
    qint64 m_firstOnlineMs = -1; // when actions could start
    qint64 m_activeMs = 0;
    QList<qint64> m_talkIds;
    QMap<QString, Count> m_counts; // by request type
    QMap<QString, int> m_rejections; // by error code
    int m_presenceChanges = 0;
    int m_leaves = 0;
    int m_registered = 0;
    int m_signInFailures = 0;
    QString m_lastFailure;
    double m_owed = 0; // actions due but not yet taken (the rate is fractional per tick)
    QTimer m_tick;
    QTimer m_progress;
    QElapsedTimer m_clock;
    bool m_stopping = false;
};

} // namespace Hallway
