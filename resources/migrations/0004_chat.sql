-- SPDX-License-Identifier: MIT
-- One-to-one messages. A conversation is its two users, smaller id first (user_low,
-- user_high); client_id makes a resend after a reconnect find the stored row.
CREATE TABLE messages (
    id {{id}},
    sender_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_low BIGINT NOT NULL,
    user_high BIGINT NOT NULL,
    client_id TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    created_at BIGINT NOT NULL,
    delivered_at BIGINT,
    CHECK (sender_id <> recipient_id),
    CHECK (user_low < user_high),
    UNIQUE (sender_id, client_id)
);

-- History of one conversation, newest first, paged by id.
CREATE INDEX messages_conversation ON messages (user_low, user_high, id);
-- Unread counts: a recipient's messages after their read marker.
CREATE INDEX messages_recipient ON messages (recipient_id, sender_id, id);

-- How far each user has read each conversation (by the peer's id).
CREATE TABLE read_markers (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    peer_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_read_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, peer_id)
);
