// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>

namespace Hallway {

// argon2id through libsodium, on a pool of its own: a hash takes ~60 ms of CPU and 64 MiB,
// which must never run on the network thread. The pool is bounded by the core count so a
// sign-in storm queues instead of exhausting memory.
class PasswordHasher : public QObject {
    Q_OBJECT
public:
    explicit PasswordHasher(QObject *parent = nullptr);
    ~PasswordHasher() override;

    void hash(QObject *context, const QString &password,
              std::function<void(const Expected<QString> &)> done);
    // Verifies against storedHash, or against a dummy hash when storedHash is empty, so an
    // unknown username costs as much time as a wrong password.
    void verify(QObject *context, const QString &password, const QString &storedHash,
                std::function<void(bool)> done);

    static Expected<QString> hashNow(const QString &password);
    static bool verifyNow(const QString &password, const QString &storedHash);

private:
    template<typename Result>
    void runInPool(QObject *context, std::function<Result()> work,
                   std::function<void(const Result &)> done);

    QThreadPool m_pool;
    QString m_dummyHash;
};

} // namespace Hallway
