-- SPDX-License-Identifier: MIT
-- Hubs: named pages of widgets that moderators arrange. config is the widget's settings as a
-- JSON object, checked by the server against the widget's kind.
CREATE TABLE hubs (
    id {{id}},
    name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),
    created_at BIGINT NOT NULL
);

CREATE TABLE hub_widgets (
    id {{id}},
    hub_id BIGINT NOT NULL REFERENCES hubs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    config TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX hub_widgets_hub ON hub_widgets (hub_id, position);

-- Every room starts with one hub showing a bit of everything.
INSERT INTO hubs (name, created_at) VALUES ('Lobby', 0);
INSERT INTO hub_widgets (hub_id, position, kind, config)
    SELECT id, 0, 'announcements', '{"limit":3}' FROM hubs WHERE name = 'Lobby';
INSERT INTO hub_widgets (hub_id, position, kind, config)
    SELECT id, 1, 'stats', '{}' FROM hubs WHERE name = 'Lobby';
INSERT INTO hub_widgets (hub_id, position, kind, config)
    SELECT id, 2, 'talks', '{"limit":5}' FROM hubs WHERE name = 'Lobby';
INSERT INTO hub_widgets (hub_id, position, kind, config)
    SELECT id, 3, 'presence', '{"limit":12}' FROM hubs WHERE name = 'Lobby';
INSERT INTO hub_widgets (hub_id, position, kind, config)
    SELECT id, 4, 'community_feed', '{"limit":10}' FROM hubs WHERE name = 'Lobby';
