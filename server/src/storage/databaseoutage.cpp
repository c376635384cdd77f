// SPDX-License-Identifier: MIT
#include "databaseoutage.h"
#include "logging.h"

namespace Hallway {

void DatabaseOutage::begin(const QString &reason)
{
    m_ongoing = true;
    m_reason = reason.simplified(); // libpq's messages run over several lines
    m_refused = 0;
    m_retryMs = FirstRetryMs;
    m_since.start();
    m_lastAttempt.start();
    m_lastReminder.start();
    qCWarning(lcStorage).noquote()
            << m_name << "is unavailable:" << m_reason << "- trying again until it is back";
}

void DatabaseOutage::retryFailed(const QString &reason)
{
    m_reason = reason.simplified();
    m_lastAttempt.start();
    m_retryMs = qMin(m_retryMs * 2, MaxRetryMs);
    if (m_lastReminder.hasExpired(ReminderMs)) {
        m_lastReminder.start();
        qCWarning(lcStorage).noquote()
                << m_name << "is still unavailable after" << m_since.elapsed() / 1000
                << "s:" << m_reason << "-" << m_refused << "request(s) refused so far";
    }
}

void DatabaseOutage::end()
{
    qCInfo(lcStorage).noquote() << m_name << "is back after" << m_since.elapsed() << "ms;"
                                << m_refused << "request(s) were refused meanwhile";
    m_ongoing = false;
    m_reason.clear();
}

bool DatabaseOutage::isTimeToRetry() const
{
    return m_lastAttempt.hasExpired(m_retryMs);
}

Error DatabaseOutage::error() const
{
    Error unavailable{ErrorCode::Unavailable,
                      QStringLiteral("the database is unavailable; try again shortly")};
    unavailable.retryAfterMs = MaxRetryMs;
    return unavailable;
}

} // namespace Hallway
