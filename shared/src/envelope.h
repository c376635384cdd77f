// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Hallway {

// One JSON text frame: {"type": ..., "id": ..., "data": {...}} plus, for events, "topic" and
// "seq". The id is chosen by the client (a string of up to 64 characters or an integer) and
// echoed verbatim on the reply.
struct Envelope {
    QString type;
    QJsonValue id; // Undefined when absent
    QJsonObject data;
    QString topic; // events only
    qint64 seq = 0; // events only

    static Envelope result(const QJsonValue &id, const QJsonObject &data = {});
    static Envelope error(const QJsonValue &id, const Error &error);
    static Envelope event(const QString &topic, qint64 seq, const QJsonObject &data);

    bool isError() const;
    // For an "error" envelope: its code and message (Internal if the frame is malformed).
    Error toError() const;

    QByteArray toJson() const;
    // Any frame, from either side: a null id is allowed, as the server's reply to an
    // unreadable frame carries one.
    static Expected<Envelope> fromJson(QByteArrayView json);
    // A frame from a client, by the rules of a request (docs/protocol.md, "How the server reads
    // a frame"): its id, if present, is a string or an integer, never null. On failure,
    // *requestId (if given) still receives the frame's id when it was readable, so the error
    // reply can carry it.
    static Expected<Envelope> requestFromJson(QByteArrayView json, QJsonValue *requestId = nullptr);

private:
    static Expected<Envelope> parse(QByteArrayView json, bool request, QJsonValue *requestId);
};

inline constexpr int MaxRequestIdLength = 64;

} // namespace Hallway
