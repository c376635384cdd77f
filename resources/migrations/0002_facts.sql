-- SPDX-License-Identifier: MIT
-- Facts users post about themselves. A fact's client_id is chosen by the poster's app, so a
-- resend after a reconnect finds the stored row instead of adding a second one.
CREATE TABLE facts (
    id {{id}},
    author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 280),
    created_at BIGINT NOT NULL,
    UNIQUE (author_id, client_id)
);

-- One user's feed, newest first, paged by id (keyset): WHERE author_id = ? AND id < ?
-- ORDER BY id DESC. The community feed walks the primary key backwards.
CREATE INDEX facts_author_newest ON facts (author_id, id);
