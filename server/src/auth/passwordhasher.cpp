// SPDX-License-Identifier: MIT
#include "passwordhasher.h"

#include <QThread>
#include <sodium.h>

namespace Hallway {

PasswordHasher::PasswordHasher(QObject *parent) : QObject(parent)
{
    if (sodium_init() < 0)
        qFatal("libsodium failed to initialise");
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    m_pool.setObjectName(QStringLiteral("hallway-password-hasher"));
    m_dummyHash = hashNow(QStringLiteral("not a real password")).value();
}

PasswordHasher::~PasswordHasher()
{
    m_pool.waitForDone();
}

template<typename Result>
void PasswordHasher::runInPool(QObject *context, std::function<Result()> work,
                               std::function<void(const Result &)> done)
{
    m_pool.start([this, work = std::move(work), done = std::move(done),
                  guard = QPointer<QObject>(context)]() {
        Result result = work();
        QMetaObject::invokeMethod(
                this,
                [result = std::move(result), done, guard]() {
                    if (guard)
                        done(result);
                },
                Qt::QueuedConnection);
    });
}

void PasswordHasher::hash(QObject *context, const QString &password,
                          std::function<void(const Expected<QString> &)> done)
{
    runInPool<Expected<QString>>(
            context, [password]() { return hashNow(password); }, std::move(done));
}

void PasswordHasher::verify(QObject *context, const QString &password, const QString &storedHash,
                            std::function<void(bool)> done)
{
    const QString against = storedHash.isEmpty() ? m_dummyHash : storedHash;
    const bool isReal = !storedHash.isEmpty();
    runInPool<bool>(
            context,
            [password, against, isReal]() { return verifyNow(password, against) && isReal; },
            std::move(done));
}

Expected<QString> PasswordHasher::hashNow(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), static_cast<unsigned long long>(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0)
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("the server is out of memory for "
                                    "password hashing; try again")};
    return QString::fromLatin1(out);
}

bool PasswordHasher::verifyNow(const QString &password, const QString &storedHash)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(),
                                    static_cast<unsigned long long>(utf8.size()))
            == 0;
}

} // namespace Hallway
