// SPDX-License-Identifier: MIT
#include "serverprocess.h"
#include "processstats.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QThread>

namespace Hallway::Bench {

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QString &program, const QStringList &arguments,
                          const CoreSet &cores)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    if (const auto pin = cores.childModifier())
        m_process->setChildProcessModifier(pin);
    m_process->start(program, arguments);
    if (!m_process->waitForStarted(10'000))
        return false;
    static const QRegularExpression listening(QStringLiteral(R"(listening on (ws://[^\s]+))"));
    QDeadlineTimer deadline(30'000);
    while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(100);
        m_log += QString::fromUtf8(m_process->readAll());
        const auto match = listening.match(m_log);
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            // Keep draining its output so it never blocks on a full pipe; the per-connection
            // lines of a big run are not worth keeping.
            QObject::connect(m_process.get(), &QProcess::readyRead, m_process.get(),
                             [this]() { m_process->readAll(); });
            return true;
        }
    }
    return false;
}

void ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(15'000))
        m_process->kill();
    m_process->waitForFinished(5000);
}

double ServerProcess::cpuSeconds() const
{
    return Test::cpuSeconds(pid());
}

qint64 ServerProcess::residentKiB() const
{
    return Test::residentKiB(pid());
}

} // namespace Hallway::Bench
