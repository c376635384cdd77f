-- SPDX-License-Identifier: MIT
-- Several server nodes on one PostgreSQL (the tables stay empty on SQLite, where one process
-- hosts the room). Each node's last sign of life: one silent for longer than the timeout is
-- dead, and its users are offline for everyone.
-- endpoint (host/address:port) is where it listens: a node starting there replaces one that
-- died there, at once.
CREATE TABLE cluster_nodes (
    id TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL
);

-- Who is signed in on which node, and whether all their apps there are away.
CREATE TABLE cluster_presence (
    node_id TEXT NOT NULL REFERENCES cluster_nodes (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('online', 'away')),
    PRIMARY KEY (node_id, user_id)
);
