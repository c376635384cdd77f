// SPDX-License-Identifier: MIT
#pragma once

#include "corepinning.h"

#include <QProcess>
#include <QUrl>
#include <memory>

namespace Hallway::Bench {

// A server under test, run as its own process so its CPU time and memory can be read from
// /proc apart from the load generator's.
class ServerProcess {
public:
    ~ServerProcess();

    // Starts program on cores (anywhere if empty) and waits until it says it listens.
    bool start(const QString &program, const QStringList &arguments, const CoreSet &cores = {});
    void stop();
    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    // User + system CPU seconds the process has used so far.
    double cpuSeconds() const;
    qint64 residentKiB() const;
    QString log() const { return m_log; }

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_log;
};

} // namespace Hallway::Bench
