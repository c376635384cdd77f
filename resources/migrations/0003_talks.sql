-- SPDX-License-Identifier: MIT
-- Lightning talks and votes. One vote per user per talk is the votes table's primary key;
-- vote_toggles remembers each toggle's client id so a resend never counts twice.
CREATE TABLE talks (
    id {{id}},
    speaker_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 64),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
    abstract TEXT NOT NULL DEFAULT '' CHECK (length(abstract) <= 2000),
    hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    created_at BIGINT NOT NULL,
    UNIQUE (speaker_id, client_id)
);

CREATE TABLE votes (
    talk_id BIGINT NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (talk_id, user_id)
);

CREATE INDEX votes_user ON votes (user_id);

CREATE TABLE vote_toggles (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    talk_id BIGINT NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
    voted INTEGER NOT NULL CHECK (voted IN (0, 1)),
    PRIMARY KEY (user_id, client_id)
);

-- Room-wide switches a moderator turns; voting starts open.
CREATE TABLE room_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO room_settings (name, value) VALUES ('voting_open', '1');
