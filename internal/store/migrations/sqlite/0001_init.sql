-- 0001_init: the network, its communities, activity types, bodies, activities
-- and the participations that link bodies to activities.
-- Keep in step with ../postgres/0001_init.sql.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE network (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    tagline     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    area        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE communities (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE activity_types (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    baseline_count INTEGER NOT NULL DEFAULT 0 CHECK (baseline_count >= 0),
    position       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE bodies (
    id                    INTEGER PRIMARY KEY,
    slug                  TEXT NOT NULL UNIQUE,
    name                  TEXT NOT NULL,
    kind                  TEXT NOT NULL CHECK (kind IN ('comune', 'citta_metropolitana', 'unione_comuni', 'provincia', 'regione', 'associazione', 'ufficio', 'altro')),
    parent_id             INTEGER REFERENCES bodies (id) ON DELETE SET NULL,
    istat_code            TEXT,
    province              TEXT NOT NULL DEFAULT '',
    province_code         TEXT NOT NULL DEFAULT '',
    region                TEXT NOT NULL DEFAULT '',
    latitude              REAL,
    longitude             REAL,
    website               TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    regulation_adopted    BOOLEAN NOT NULL DEFAULT FALSE,
    regulation_adopted_on DATE,
    created_at            TIMESTAMP NOT NULL,
    updated_at            TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX bodies_istat_code ON bodies (istat_code) WHERE istat_code IS NOT NULL;
CREATE INDEX bodies_parent ON bodies (parent_id);
CREATE INDEX bodies_name ON bodies (name);

CREATE TABLE themes (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE activities (
    id                     INTEGER PRIMARY KEY,
    slug                   TEXT NOT NULL UNIQUE,
    title                  TEXT NOT NULL,
    type_id                INTEGER NOT NULL REFERENCES activity_types (id),
    community_id           INTEGER REFERENCES communities (id) ON DELETE SET NULL,
    is_stage               BOOLEAN NOT NULL DEFAULT FALSE,
    status                 TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    starts_on              DATE NOT NULL,
    start_time             TEXT,
    end_time               TEXT,
    format                 TEXT NOT NULL CHECK (format IN ('online', 'in_presenza', 'ibrido')),
    venue                  TEXT NOT NULL DEFAULT '',
    online_note            TEXT NOT NULL DEFAULT '',
    headline               TEXT NOT NULL DEFAULT '',
    summary                TEXT NOT NULL DEFAULT '',
    description            TEXT NOT NULL DEFAULT '',
    outcome_shared         BOOLEAN NOT NULL DEFAULT FALSE,
    outcome_report         TEXT NOT NULL DEFAULT '',
    declared_people        INTEGER CHECK (declared_people >= 0),
    declared_people_approx BOOLEAN NOT NULL DEFAULT FALSE,
    declared_bodies        INTEGER CHECK (declared_bodies >= 0),
    declared_bodies_approx BOOLEAN NOT NULL DEFAULT FALSE,
    published_at           TIMESTAMP,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL
);
CREATE INDEX activities_status_date ON activities (status, starts_on, id);
CREATE INDEX activities_type ON activities (type_id, status, starts_on);
CREATE INDEX activities_community ON activities (community_id, is_stage, starts_on);

CREATE TABLE activity_themes (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    theme_id    INTEGER NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (activity_id, theme_id)
);
CREATE INDEX activity_themes_theme ON activity_themes (theme_id);

CREATE TABLE breakout_tables (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    title       TEXT NOT NULL,
    theme_id    INTEGER REFERENCES themes (id) ON DELETE SET NULL,
    outcome     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX breakout_tables_activity ON breakout_tables (activity_id, position);

CREATE TABLE declared_roles (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('sindaco', 'assessore', 'consigliere', 'politico', 'dirigente', 'funzionario', 'tecnico', 'altro')),
    people      INTEGER CHECK (people >= 0),
    PRIMARY KEY (activity_id, role)
);

CREATE TABLE participations (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    body_id     INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('host', 'co_organizer', 'partner', 'speaker', 'attendee')),
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, body_id, role)
);
CREATE INDEX participations_body ON participations (body_id, activity_id);
