// SPDX-License-Identifier: MIT
#include "testpostgres.h"

#include <QDir>
#include <QFile>
#include <QProcess>

namespace Hallway::Test {

TestPostgres::TestPostgres()
{
    // Right under /tmp, not in a private temporary folder: the postgres user must reach it.
    QTemporaryDir reserve(QDir::tempPath() + QStringLiteral("/hallway-pg-XXXXXX"));
    reserve.setAutoRemove(false);
    m_dir = reserve.path();
}

TestPostgres::~TestPostgres()
{
    runScript(QStringLiteral("stop"));
}

bool TestPostgres::runScript(const QString &command, const QStringList &more)
{
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    QStringList arguments{QStringLiteral(HALLWAY_SOURCE_DIR "/scripts/pg-throwaway.sh"), command,
                          m_dir};
    if (command == QLatin1StringView("start"))
        arguments << QStringLiteral("durable");
    arguments << more;
    script.start(QStringLiteral("bash"), arguments);
    if (!script.waitForFinished(120'000) || script.exitStatus() != QProcess::NormalExit
        || script.exitCode() != 0) {
        m_error = QStringLiteral("pg-throwaway.sh %1 failed: %2")
                          .arg(command, QString::fromUtf8(script.readAll()));
        return false;
    }
    return true;
}

bool TestPostgres::start()
{
    if (!runScript(QStringLiteral("start")))
        return false;
    QFile url(m_dir + QStringLiteral("/url"));
    if (!url.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("pg-throwaway.sh wrote no url");
        return false;
    }
    m_url = QString::fromUtf8(url.readAll()).trimmed();
    return true;
}

bool TestPostgres::halt()
{
    m_halted = runScript(QStringLiteral("halt"));
    return m_halted;
}

bool TestPostgres::resume()
{
    m_halted = !runScript(QStringLiteral("resume"));
    return !m_halted;
}

bool TestPostgres::startStandbyOf(const TestPostgres &primary)
{
    return runScript(QStringLiteral("standby"), {primary.m_dir});
}

bool TestPostgres::takeOverFrom(const TestPostgres &primary)
{
    return runScript(QStringLiteral("take-over"), {primary.m_dir});
}

QString TestPostgres::query(const QString &sql, bool *ok) const
{
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-h"), m_dir, QStringLiteral("-p"), QStringLiteral("5432"),
                QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"),
                QStringLiteral("hallway"), QStringLiteral("-X"), QStringLiteral("-At"),
                QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-c"),
                sql});
    const bool finished = psql.waitForFinished(30'000) && psql.exitStatus() == QProcess::NormalExit
            && psql.exitCode() == 0;
    if (ok)
        *ok = finished;
    return QString::fromUtf8(finished ? psql.readAllStandardOutput() : psql.readAllStandardError())
            .trimmed();
}

} // namespace Hallway::Test
