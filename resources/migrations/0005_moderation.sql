-- SPDX-License-Identifier: MIT
-- Moderation: hidden facts, banned and muted users, announcements and the audit log.
ALTER TABLE facts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));
ALTER TABLE users ADD COLUMN banned INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1));
-- Until when the user may not post (ms since the epoch); 0 or a past time: not muted.
ALTER TABLE users ADD COLUMN muted_until BIGINT NOT NULL DEFAULT 0;

CREATE TABLE announcements (
    id {{id}},
    author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    created_at BIGINT NOT NULL,
    UNIQUE (author_id, client_id)
);

-- Who did what to whom. A NULL moderator is the server's command line; rows outlive the users
-- they name. detail is a JSON object the app uses to describe the action.
CREATE TABLE audit_log (
    id {{id}},
    moderator_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    target_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL
);

-- Statistics count posts per city and per minute.
CREATE INDEX facts_created_at ON facts (created_at);
