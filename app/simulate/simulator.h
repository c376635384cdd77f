// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "simulatedattendee.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QTextStream;

namespace Hallway {

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
    // One kind of write, by request type.
    struct Count {
        int sent = 0;
        int stored = 0;
        int rejected = 0;
        int delayed = 0; // answered rate_limited; the client resends it after the wait
        int heldBack = 0; // not sent: everyone picked was still told to wait
    };

    SimulatedAttendee *addAttendee(int number);
    void startMoreSignIns();
    void onSignedIn(SimulatedAttendee *attendee, bool registered);
    void onFailed(SimulatedAttendee *attendee, SimulatedAttendee::Failure failure,
                  const Error &error);
    void watchTalks(SimulatedAttendee *attendee);
    void addTalk(qint64 id);
    void tick();
    void act(Action action, const QList<SimulatedAttendee *> &online);
    void write(SimulatedAttendee *attendee, const QString &type, const QJsonObject &data);
    SimulatedAttendee *pickWriter(const QString &type, const QList<SimulatedAttendee *> &online);
    Action pickAction();
    void printProgress();
    void stop();
    void drain();
    void finish();
    void giveUpIfNobodyIsIn();
    int onlineCount() const;
    int actionCount() const;
    QString fact();
    QString topic();

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    QRandomGenerator m_random;
    QList<SimulatedAttendee *> m_attendees;
    int m_nextToStart = 0;
    int m_signingIn = 0;
    // How the next attendee starts: like the last one whose sign-in came through.
    SimulatedAttendee::SignInMethod m_firstMethod = SimulatedAttendee::SignInMethod::Login;
    QSet<SimulatedAttendee *> m_everSignedIn;
    SimulatedAttendee *m_watcher = nullptr; // the first one in: follows the talks, never leaves
    qint64 m_firstOnlineMs = -1; // when actions could start
    qint64 m_activeMs = 0;
    QList<qint64> m_talkIds; // the visible talks, to vote on
    bool m_votingOpen = true;
    QMap<QString, Count> m_counts; // by request type
    QMap<QString, int> m_rejections; // by error code
    QMap<QString, int> m_failures; // sign-in failures, by what to tell the user
    int m_presenceChanges = 0;
    int m_leaves = 0;
    int m_registered = 0;
    int m_signInFailures = 0;
    int m_droppedOut = 0; // signed in, then could not come back
    QString m_lastFailure;
    double m_owed = 0; // actions due but not yet taken (the rate is fractional per tick)
    QTimer m_tick;
    QTimer m_progress;
    QTimer m_drain;
    QElapsedTimer m_clock;
    QElapsedTimer m_drainClock;
    bool m_stopping = false;
};

} // namespace Hallway
