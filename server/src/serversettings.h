// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>

namespace Hallway {

// Every knob an operator may turn, with its default, in one place. docs/operations.md lists
// them with the config-file key each one is read from.
struct ServerSettings {
    QHostAddress listenAddress = QHostAddress::LocalHost; // [server] listen
    quint16 port = 8470; // [server] port; 0 picks a free port
    QString databaseUrl; // [database] url; empty: sqlite in the user's data folder
    // The first account registered in an empty room is its moderator: a room the app hosts
    // belongs to the person hosting it.
    bool firstAccountIsModerator = false; // [auth] first_account_is_moderator
    // With both, the server speaks wss:// (TLS) only. PEM files; the certificate file may hold
    // the whole chain, the server's own certificate first.
    QString tlsCertificateFile; // [tls] certificate
    QString tlsKeyFile; // [tls] key

    // Every connection is bounded, from its first byte.
    qint64 maxMessageBytes = 64 * 1024; // [limits] max_message_bytes
    qint64 readBufferBytes = 128 * 1024; // [limits] read_buffer_bytes
    qint64 maxUnsentBytes = 1024 * 1024; // [limits] max_unsent_bytes
    int helloTimeoutMs = 10'000; // [limits] hello_timeout_ms
    int signInTimeoutMs = 60'000; // [limits] sign_in_timeout_ms
    // From accepting a socket to the end of its TLS and WebSocket handshakes.
    int handshakeTimeoutMs = 10'000; // [limits] handshake_timeout_ms
    // A connection with this many requests unanswered is not read until a reply goes out.
    int maxOutstandingRequests = 8; // [limits] max_outstanding_requests
    // Open connections and handshakes in all; 0: as many as the file-descriptor limit allows
    // (less a reserve). A larger value is lowered to that too.
    int maxConnections = 0; // [limits] max_connections
    int maxPendingConnections = 256; // [limits] max_pending_connections
    int listenBacklog = 1024; // [limits] listen_backlog: the kernel's queue of new connections
    // [limits] socket_send_buffer_bytes: the kernel's send buffer per connection; 0 keeps the
    // OS default (which grows to several MiB per socket on Linux).
    int socketSendBufferBytes = 0;

    int topicHistory = 1024; // [topics] history: events kept per topic for resubscribers
    // [topics] idle_seconds: a user's own topic (fact feed, chat stream) that nobody has
    // followed for this long forgets its kept events.
    int topicIdleSeconds = 600;
    // The community feed: how many of the latest facts it shows, and how often at most it
    // sends each subscriber an update under a flood.
    int communityFeedSize = 20; // [facts] community_size
    int communityFeedIntervalMs = 5'000; // [facts] community_interval_ms
    // Under heavy voting, tallies go out at most once per this interval (a few per second).
    int tallyIntervalMs = 250; // [talks] tally_interval_ms
    int messagesToLoad = 15; // [chat] messages_to_load: a conversation's first page
    int shutdownGraceMs = 5'000; // [server] shutdown_grace_ms: wait for pending writes

    // GET /healthz, /stats and /metrics on their own port; off unless a port is given.
    QHostAddress httpListenAddress = QHostAddress::LocalHost; // [http] listen
    std::optional<quint16> httpPort; // [http] port; 0 picks a free port
    int statsIntervalMs = 60'000; // [stats] interval_seconds: how often statistics refresh

    // Abuse limits, per server node. A per-minute rate of 0 turns that limit off.
    int postsPerMinute = 10; // [abuse] posts_per_minute: facts, talk proposals and edits
    int postsBurst = 5; // [abuse] posts_burst: how many at once before the rate applies
    int messagesPerMinute = 60; // [abuse] messages_per_minute
    int messagesBurst = 20; // [abuse] messages_burst
    int votesPerMinute = 120; // [abuse] votes_per_minute
    int votesBurst = 30; // [abuse] votes_burst
    // Failed sign-ins allowed per username, and per address, before waits start (1 s,
    // doubling with each further failure, up to the cap).
    int signInFreeFailures = 5; // [abuse] sign_in_free_failures
    int signInFreeFailuresPerAddress = 50; // [abuse] sign_in_free_failures_per_address
    int signInMaxWaitSeconds = 300; // [abuse] sign_in_max_wait_seconds
    int connectionsPerAddress = 256; // [abuse] connections_per_address; 0: no limit
    // Browser pages allowed to connect (their Origin header); apps send none and may always.
    QStringList allowedOrigins; // [abuse] allowed_origins, comma-separated, in quotes

    // Several nodes on one PostgreSQL: each heartbeats this often, and one silent for longer
    // than the timeout is dead; its users go offline everywhere. Unused on SQLite.
    int heartbeatMs = 2'000; // [cluster] heartbeat_ms
    int nodeTimeoutMs = 10'000; // [cluster] node_timeout_ms

    static QString defaultDatabaseUrl();
    // Reads an INI file; keys it does not mention keep the values already in *this.
    Status loadFile(const QString &path);
};

} // namespace Hallway
