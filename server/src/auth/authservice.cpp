// SPDX-License-Identifier: MIT
#include "authservice.h"
#include "logging.h"
#include "passwordhasher.h"
#include "sessiontoken.h"
#include "storage/storage.h"

#include <QDateTime>

namespace Hallway {

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Error wrongCredentials()
{
    return {ErrorCode::Unauthorized, QStringLiteral("wrong username or password")};
}

Error bannedAccount()
{
    return {ErrorCode::Forbidden, QStringLiteral("a moderator has banned this account")};
}
} // namespace

AuthService::AuthService(Storage &storage, PasswordHasher &hasher, QObject *parent)
    : QObject(parent), m_storage(storage), m_hasher(hasher)
{
}

void AuthService::startSession(QObject *context, const StoredCredentials &account,
                               SignInCallback done)
{
    const QString token = SessionToken::generate();
    const QString tokenHash = SessionToken::hash(token);
    m_storage.run<Status>(
            context,
            [userId = account.user.id, tokenHash](StorageWorker &worker) {
                return worker.accounts().createSession(userId, tokenHash, now());
            },
            [account, token, tokenHash, done](const Status &stored) {
                if (!stored)
                    return done(stored.error());
                done(SignIn{SessionReply{token, account.user}, tokenHash, account.mutedUntil});
            });
}

void AuthService::registerUser(QObject *context, const RegisterRequest &request,
                               SignInCallback done)
{
    m_hasher.hash(
            context, request.password,
            [this, context, request, done](const Expected<QString> &hash) {
                if (!hash)
                    return done(hash.error());
                NewUser user{request.username,
                             request.displayName,
                             hash.value(),
                             request.city,
                             request.region,
                             Role::Attendee,
                             m_firstAccountIsModerator};
                m_storage.run<Expected<UserInfo>>(
                        context,
                        [user](StorageWorker &worker) {
                            return worker.accounts().createUser(user, now());
                        },
                        [this, context, done](const Expected<UserInfo> &created) {
                            if (!created)
                                return done(created.error());
                            qCInfo(lcAuth).noquote()
                                    << "registered" << quotedForLog(created->username)
                                    << (created->role == Role::Moderator
                                                ? "as the room's first account and moderator"
                                                : "");
                            startSession(context, StoredCredentials{created.value(), {}}, done);
                        });
            });
}

void AuthService::login(QObject *context, const LoginRequest &request, SignInCallback done)
{
    m_storage.run<Expected<StoredCredentials>>(
            context,
            [username = request.username](StorageWorker &worker) {
                return worker.accounts().credentialsByUsername(username);
            },
            [this, context, request, done](const Expected<StoredCredentials> &stored) {
                if (!stored && stored.error().code != ErrorCode::NotFound)
                    return done(stored.error());
                const QString hash = stored ? stored->passwordHash : QString();
                const StoredCredentials account = stored ? stored.value() : StoredCredentials{};
                m_hasher.verify(
                        context, request.password, hash,
                        [this, context, account, username = request.username, done](bool ok) {
                            if (!ok) {
                                qCInfo(lcAuth).noquote()
                                        << "failed sign-in for" << quotedForLog(username);
                                return done(wrongCredentials());
                            }
                            // Only with the right password: a ban is no one
                            // else's business.
                            if (account.banned)
                                return done(bannedAccount());
                            startSession(context, account, done);
                        });
            });
}

void AuthService::resume(QObject *context, const ResumeRequest &request, SignInCallback done)
{
    const QString tokenHash = SessionToken::hash(request.token);
    m_storage.run<Expected<StoredCredentials>>(
            context,
            [tokenHash](StorageWorker &worker) {
                return worker.accounts().sessionCredentials(tokenHash, now());
            },
            [tokenHash, done](const Expected<StoredCredentials> &account) {
                if (!account)
                    return done(account.error());
                if (account->banned)
                    return done(bannedAccount());
                done(SignIn{SessionReply{QString(), account->user}, tokenHash,
                            account->mutedUntil});
            });
}

void AuthService::logout(QObject *context, const QString &tokenHash, StatusCallback done)
{
    m_storage.run<Status>(
            context,
            [tokenHash](StorageWorker &worker) {
                return worker.accounts().deleteSession(tokenHash);
            },
            std::move(done));
}

void AuthService::changePassword(QObject *context, qint64 userId, const QString &tokenHash,
                                 const ChangePasswordRequest &request, StatusCallback done)
{
    m_storage.run<Expected<StoredCredentials>>(
            context,
            [userId](StorageWorker &worker) { return worker.accounts().credentialsById(userId); },
            [this, context, userId, tokenHash, request,
             done](const Expected<StoredCredentials> &stored) {
                if (!stored)
                    return done(stored.error());
                m_hasher.verify(
                        context, request.currentPassword, stored->passwordHash,
                        [this, context, userId, tokenHash, request, done](bool ok) {
                            if (!ok)
                                return done(Error{ErrorCode::Unauthorized,
                                                  QStringLiteral("the current password is wrong")});
                            m_hasher.hash(context, request.newPassword,
                                          [this, context, userId, tokenHash,
                                           done](const Expected<QString> &hash) {
                                              if (!hash)
                                                  return done(hash.error());
                                              m_storage.run<Status>(
                                                      context,
                                                      [userId, tokenHash, newHash = hash.value()](
                                                              StorageWorker &worker) {
                                                          return worker.accounts().changePassword(
                                                                  userId, newHash, tokenHash);
                                                      },
                                                      done);
                                          });
                        });
            });
}

} // namespace Hallway
