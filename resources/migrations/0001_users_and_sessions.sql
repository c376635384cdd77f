-- SPDX-License-Identifier: MIT
-- Users and their sign-in sessions. One logical schema for SQLite and PostgreSQL:
-- {{id}} is an auto-generated 64-bit primary key in each dialect; times are milliseconds
-- since the Unix epoch (UTC).
CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 3 AND 32),
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
    password_hash TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'attendee' CHECK (role IN ('attendee', 'moderator')),
    created_at BIGINT NOT NULL
);

-- Tokens are never stored: only their SHA-256, so a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL
);

CREATE INDEX sessions_user_id ON sessions (user_id);
