-- SPDX-License-Identifier: MIT
-- Surviving outages.
-- A row the server rewrites to learn whether a SQLite database takes writes again after its
-- disk was full or read-only.
CREATE TABLE storage_probe (
    id INTEGER PRIMARY KEY,
    written_at BIGINT NOT NULL
);

-- Every change a node tells the others of (PostgreSQL NOTIFY), kept for a few minutes under
-- the node's own sequence number: notifications sent while a node is not listening are gone,
-- so a node whose listening connection dropped reads back what it missed from here. A node's
-- transactions commit one after another, so its numbers commit in order.
CREATE TABLE cluster_events (
    node_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (node_id, seq)
);
CREATE INDEX cluster_events_sent_at ON cluster_events (sent_at);
