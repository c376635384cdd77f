// SPDX-License-Identifier: MIT
#include "corepinning.h"
#include "directquery.h"

#include <QDir>
#include <QFile>
#include <QThread>
#include <sched.h>

namespace Hallway::Bench {

namespace {
// The parent process id, from /proc/<pid>/stat (the field after the state).
qint64 parentOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // The command name is in parentheses and may hold spaces: read after the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

QList<qint64> childrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 candidate = entry.toLongLong(&ok);
        if (ok && parentOf(candidate) == pid)
            children.append(candidate);
    }
    return children;
}
} // namespace

CoreSet CoreSet::parse(const QString &text, QString *error)
{
    CoreSet set;
    set.m_text = text.trimmed();
    if (set.m_text.isEmpty())
        return set;
    const int available = QThread::idealThreadCount();
    for (const QString &part : set.m_text.split(QLatin1Char(','))) {
        const QStringList range = part.split(QLatin1Char('-'));
        bool firstOk = false, lastOk = true;
        const int first = range.value(0).toInt(&firstOk);
        const int last = range.size() == 2 ? range.at(1).toInt(&lastOk) : first;
        if (range.size() > 2 || !firstOk || !lastOk || first < 0 || last < first) {
            *error =
                    QStringLiteral("\"%1\" is not a list of cores such as 0, 1-3 or 0,2").arg(text);
            return {};
        }
        if (last >= available) {
            *error = QStringLiteral("core %1 does not exist: this machine has cores 0 to %2")
                             .arg(last)
                             .arg(available - 1);
            return {};
        }
        for (int core = first; core <= last; ++core)
            set.m_cores.append(core);
    }
    return set;
}

QString CoreSet::toString() const
{
    return m_text.isEmpty() ? QStringLiteral("any") : m_text;
}

namespace {
cpu_set_t maskOf(const QList<int> &cores)
{
    cpu_set_t mask;
    CPU_ZERO(&mask);
    for (int core : cores)
        CPU_SET(core, &mask);
    return mask;
}
} // namespace

std::function<void()> CoreSet::childModifier() const
{
    if (m_cores.isEmpty())
        return {};
    const cpu_set_t mask = maskOf(m_cores);
    return [mask]() { sched_setaffinity(0, sizeof mask, &mask); };
}

bool CoreSet::applyTo(qint64 tid, QString *error) const
{
    if (m_cores.isEmpty())
        return true;
    const cpu_set_t mask = maskOf(m_cores);
    if (sched_setaffinity(static_cast<pid_t>(tid), sizeof mask, &mask) == 0)
        return true;
    *error = QStringLiteral("cannot pin %1 to cores %2: %3")
                     .arg(tid)
                     .arg(m_text, QString::fromLocal8Bit(strerror(errno)));
    return false;
}

bool CoreSet::applyToProcess(qint64 pid, QString *error) const
{
    const QStringList threads = QDir(QStringLiteral("/proc/%1/task").arg(pid))
                                        .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (threads.isEmpty())
        return applyTo(pid, error);
    for (const QString &thread : threads) {
        if (!applyTo(thread.toLongLong(), error))
            return false;
    }
    return true;
}

QString allowedCores(qint64 pid)
{
    QStringList seen;
    const QStringList threads = QDir(QStringLiteral("/proc/%1/task").arg(pid))
                                        .entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &thread : threads) {
        QFile status(QStringLiteral("/proc/%1/task/%2/status").arg(pid).arg(thread));
        if (!status.open(QIODevice::ReadOnly))
            continue; // it ended meanwhile
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("Cpus_allowed_list:")) {
                const QString cores = QString::fromLatin1(line.mid(18).trimmed());
                if (!seen.contains(cores))
                    seen.append(cores);
            }
        }
    }
    return seen.isEmpty() ? QStringLiteral("?") : seen.join(QStringLiteral(" and "));
}

qint64 postmasterOf(const QString &databaseUrl, QString *error)
{
    const auto url = DatabaseUrl::parse(databaseUrl);
    if (!url || url->driver != DatabaseUrl::Driver::Postgres) {
        *error = QStringLiteral("--postgres-cpus needs a PostgreSQL --database");
        return 0;
    }
    // The backend serving a connection of ours is a child of the postmaster.
    const qint64 backend =
            queryOnce(url.value(), QStringLiteral("SELECT pg_backend_pid()"), error).toLongLong();
    if (backend <= 0) {
        *error = QStringLiteral("cannot ask PostgreSQL for its process: %1").arg(*error);
        return 0;
    }
    const qint64 postmaster = parentOf(backend);
    QFile command(QStringLiteral("/proc/%1/cmdline").arg(postmaster));
    if (postmaster <= 1 || !command.open(QIODevice::ReadOnly)
        || !command.readAll().contains("postgres")) {
        *error = QStringLiteral("PostgreSQL does not run on this machine (its backend %1 is "
                                "not a process here)")
                         .arg(backend);
        return 0;
    }
    return postmaster;
}

QString allowedCoresOfPostgres(qint64 postmaster)
{
    QStringList seen{allowedCores(postmaster)};
    for (const qint64 child : childrenOf(postmaster)) {
        const QString cores = allowedCores(child);
        if (cores != QLatin1StringView("?") && !seen.contains(cores))
            seen.append(cores);
    }
    return seen.join(QStringLiteral(" and "));
}

bool pinPostgres(qint64 postmaster, const CoreSet &cores, QString *error)
{
    if (cores.isEmpty())
        return true;
    if (!cores.applyToProcess(postmaster, error))
        return false;
    for (const qint64 child : childrenOf(postmaster)) {
        QString childError;
        // A backend may exit meanwhile (ours just did): that one needs no pinning.
        if (!cores.applyToProcess(child, &childError)
            && QFile::exists(QStringLiteral("/proc/%1").arg(child))) {
            *error = childError;
            return false;
        }
    }
    return true;
}

} // namespace Hallway::Bench
