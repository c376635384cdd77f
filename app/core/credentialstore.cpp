// SPDX-License-Identifier: MIT
#include "credentialstore.h"
#include "clientlogging.h"

#include <qt6keychain/keychain.h>

namespace Hallway {

CredentialStore::CredentialStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{
}

QString CredentialStore::accountKey(const QString &serverUrl, const QString &username)
{
    return username + QLatin1Char('@') + serverUrl;
}

void CredentialStore::markUnavailable(const QString &reason)
{
    if (!m_available)
        return;
    m_available = false;
    m_unavailableReason = reason;
    qCWarning(lcClientKeychain).noquote() << "keychain unavailable:" << reason;
    Q_EMIT keychainUnavailable(reason);
}

void CredentialStore::readToken(const QString &account,
                                std::function<void(const Expected<QString> &)> done)
{
    if (!m_available) {
        if (m_memory.contains(account))
            return done(m_memory.value(account));
        return done(Error{ErrorCode::NotFound, tr("No saved sign-in.")});
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, done]() {
        switch (job->error()) {
        case QKeychain::NoError:
            return done(job->textData());
        case QKeychain::EntryNotFound:
            return done(Error{ErrorCode::NotFound, tr("No saved sign-in.")});
        default:
            markUnavailable(job->errorString());
            return done(Error{ErrorCode::Unavailable, job->errorString()});
        }
    });
    job->start();
}

void CredentialStore::probe()
{
    readToken(QStringLiteral("hallway-keychain-probe"), [](const Expected<QString> &) {});
}

void CredentialStore::writeToken(const QString &account, const QString &token,
                                 std::function<void(const Status &)> done)
{
    if (!m_available) {
        m_memory.insert(account, token);
        if (done)
            done(Done{});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(account);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job, account, token, done]() {
        if (job->error() != QKeychain::NoError) {
            // No keychain: keep it for this run so the app goes on working.
            markUnavailable(job->errorString());
            m_memory.insert(account, token);
        }
        if (done)
            done(Done{});
    });
    job->start();
}

void CredentialStore::deleteToken(const QString &account, std::function<void(const Status &)> done)
{
    m_memory.remove(account);
    if (!m_available) {
        if (done)
            done(Done{});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(account);
    connect(job, &QKeychain::Job::finished, this, [job, done]() {
        if (!done)
            return;
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            return done(Done{});
        done(Error{ErrorCode::Unavailable, job->errorString()});
    });
    job->start();
}

} // namespace Hallway
