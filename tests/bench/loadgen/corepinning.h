// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace Hallway::Bench {

// A set of CPU cores to run a process on, as taskset(1) writes it: "0", "1-3", "0,2".
// Pinning the server, PostgreSQL and the load generator apart measures each without the
// others taking its core; docs/performance.md reports both layouts.
class CoreSet {
public:
    // Parses a list; an empty text is "anywhere". Sets error on a bad list or a core this
    // machine does not have.
    static CoreSet parse(const QString &text, QString *error);

    bool isEmpty() const { return m_cores.isEmpty(); }
    QString toString() const; // as given, e.g. "0-1"; "any" when empty
    // Pins the thread (or process) tid to these cores; 0 is the calling thread. Threads it
    // creates later inherit the set.
    bool applyTo(qint64 tid, QString *error) const;
    // Pins a process and every thread it has now.
    bool applyToProcess(qint64 pid, QString *error) const;
    // For QProcess::setChildProcessModifier: pins the child between fork and exec, so every
    // thread the program starts runs on these cores. Allocates nothing in the child.
    std::function<void()> childModifier() const;

private:
    QList<int> m_cores;
    QString m_text;
};

// The cores a process's threads may run on, as Linux reports them (Cpus_allowed_list), e.g.
// "1", or "0-1" when not pinned; "0 and 1" if its threads differ. What a run reports, so a
// layout is seen to be in force rather than asked for.
QString allowedCores(qint64 pid);

// The postmaster of the PostgreSQL serving databaseUrl, if it runs on this machine; 0 and an
// error if not.
qint64 postmasterOf(const QString &databaseUrl, QString *error);
// The cores of the postmaster and every process it has forked (backends, WAL writer, ...).
QString allowedCoresOfPostgres(qint64 postmaster);

// PostgreSQL's server processes, pinned to cores: the postmaster, every process it has forked
// and so every backend it forks from now on.
bool pinPostgres(qint64 postmaster, const CoreSet &cores, QString *error);

} // namespace Hallway::Bench
