// SPDX-License-Identifier: MIT
#include "sessiontoken.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <sodium.h>

namespace Hallway::SessionToken {

QString generate()
{
    QByteArray bytes(32, Qt::Uninitialized);
    randombytes_buf(bytes.data(), static_cast<size_t>(bytes.size()));
    return QString::fromLatin1(
            bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString hash(const QString &token)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Hallway::SessionToken
