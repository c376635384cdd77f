// SPDX-License-Identifier: MIT
#include "pgbenchreference.h"
#include "directquery.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace Hallway::Bench {

namespace {
// Hallway's insert of a post (FactStore::post), with a client id pgbench makes up.
const char *const SingleRow =
        "\\set n random(1, 1000000000000)\n"
        "INSERT INTO facts (author_id, client_id, text, created_at) "
        "VALUES (:author, 'pgbench-' || CAST(:n AS BIGINT), 'a fact from pgbench', 0) "
        "ON CONFLICT (author_id, client_id) DO NOTHING;\n";
const char *const Batch =
        "\\set n random(1, 1000000000000)\n"
        "INSERT INTO facts (author_id, client_id, text, created_at) "
        "SELECT :author, 'pgbench-' || (CAST(:n AS BIGINT) + g), 'a fact from pgbench', 0 "
        "FROM generate_series(1, %1) AS g "
        "ON CONFLICT (author_id, client_id) DO NOTHING;\n";

} // namespace

std::optional<PgbenchReference::Result> PgbenchReference::measure(const QString &databaseUrl,
                                                                  int seconds, const CoreSet &cores,
                                                                  QString *error)
{
    const auto url = DatabaseUrl::parse(databaseUrl);
    if (!url || url->driver != DatabaseUrl::Driver::Postgres) {
        *error = QStringLiteral("--pgbench needs a PostgreSQL --database");
        return std::nullopt;
    }
    const QString pgbench = QStandardPaths::findExecutable(QStringLiteral("pgbench"));
    if (pgbench.isEmpty()) {
        *error = QStringLiteral("pgbench is not installed (Debian: postgresql-client)");
        return std::nullopt;
    }
    const QVariant author =
            queryOnce(url.value(), QStringLiteral("SELECT MIN(id) FROM users"), error);
    if (!author.isValid() || author.toLongLong() <= 0) {
        if (error->isEmpty())
            *error = QStringLiteral("the database has no user to write facts as");
        return std::nullopt;
    }
    QTemporaryDir dir;
    const auto run = [&](const QByteArray &script) -> double {
        QFile file(dir.filePath(QStringLiteral("script.sql")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = file.errorString();
            return -1;
        }
        file.write(script);
        file.close();
        QStringList arguments{QStringLiteral("--no-vacuum"),
                              QStringLiteral("--protocol=prepared"),
                              QStringLiteral("--client=1"),
                              QStringLiteral("--time=%1").arg(seconds),
                              QStringLiteral("--define=author=%1").arg(author.toLongLong()),
                              QStringLiteral("--file=%1").arg(file.fileName())};
        if (!url->host.isEmpty())
            arguments << QStringLiteral("--host=%1").arg(url->host);
        if (url->port > 0)
            arguments << QStringLiteral("--port=%1").arg(url->port);
        if (!url->user.isEmpty())
            arguments << QStringLiteral("--username=%1").arg(url->user);
        arguments << url->databaseName;
        QProcess process;
        if (const auto pin = cores.childModifier())
            process.setChildProcessModifier(pin);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        if (!url->password.isEmpty())
            environment.insert(QStringLiteral("PGPASSWORD"), url->password);
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(pgbench, arguments);
        if (!process.waitForFinished((seconds + 60) * 1000)) {
            process.kill();
            *error = QStringLiteral("pgbench did not finish");
            return -1;
        }
        const QString output = QString::fromLocal8Bit(process.readAll());
        static const QRegularExpression tps(QStringLiteral(R"(tps = ([0-9.]+))"));
        const auto match = tps.match(output);
        if (process.exitCode() != 0 || !match.hasMatch()) {
            *error = QStringLiteral("pgbench failed:\n%1").arg(output);
            return -1;
        }
        return match.captured(1).toDouble();
    };
    Result result;
    const double single = run(SingleRow);
    if (single < 0)
        return std::nullopt;
    result.singleRowsPerSecond = single;
    const double batches = run(QByteArray(Batch).replace("%1", QByteArray::number(BatchRows)));
    if (batches < 0)
        return std::nullopt;
    result.batchedRowsPerSecond = batches * BatchRows;
    QString cleanup;
    queryOnce(url.value(), QStringLiteral("DELETE FROM facts WHERE client_id LIKE 'pgbench-%'"),
              &cleanup);
    return result;
}

} // namespace Hallway::Bench
