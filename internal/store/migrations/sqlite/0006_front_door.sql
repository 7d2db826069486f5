-- 0006_front_door: the network's front door. Bodies ask to join the network
-- (double opt-in, reviewed by coordinators) and people subscribe to the news
-- (double opt-in, one digest a day at most), and the about page with the
-- partners, contacts and data controller. Keep in step with ../postgres/0006_front_door.sql.

-- A body's request to join the network. The body is picked from the ISTAT
-- registry (istat_code) or named with its kind; body_id is the body created
-- or linked on acceptance. client_hash is the SHA-256 of the client address,
-- kept only to limit how many requests one address sends.
CREATE TABLE join_requests (
    id                 INTEGER PRIMARY KEY,
    istat_code         TEXT NOT NULL DEFAULT '',
    body_name          TEXT NOT NULL,
    body_kind          TEXT NOT NULL,
    body_place         TEXT NOT NULL DEFAULT '',
    requester_name     TEXT NOT NULL,
    email              TEXT NOT NULL,
    requester_role     TEXT NOT NULL DEFAULT '',
    has_regulation     TEXT NOT NULL DEFAULT 'unknown' CHECK (has_regulation IN ('yes', 'no', 'unknown')),
    regulation_url     TEXT NOT NULL DEFAULT '',
    message            TEXT NOT NULL DEFAULT '',
    consent_version    TEXT NOT NULL,
    consent_at         TIMESTAMP NOT NULL,
    client_hash        TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL CHECK (status IN ('pending_confirmation', 'awaiting_review', 'accepted', 'declined')),
    confirm_hash       TEXT UNIQUE,
    confirm_expires_at TIMESTAMP NOT NULL,
    confirmed_at       TIMESTAMP,
    decision_message   TEXT NOT NULL DEFAULT '',
    decided_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_by_email   TEXT NOT NULL DEFAULT '',
    decided_at         TIMESTAMP,
    body_id            INTEGER REFERENCES bodies (id) ON DELETE SET NULL,
    invited_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    joined_on          TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);
CREATE INDEX join_requests_status ON join_requests (status, created_at, id);
CREATE INDEX join_requests_email ON join_requests (email, created_at);
CREATE INDEX join_requests_client ON join_requests (client_hash, created_at);

-- A subscriber to the network's news. Topics are flags; pact_provinces lists
-- the province codes (e.g. "TO,GE") chosen for new pacts. unsubscribe_token
-- is the secret of the one-click unsubscribe link sent in every message.
CREATE TABLE news_subscribers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE,
    topic_stages       BOOLEAN NOT NULL DEFAULT FALSE,
    topic_outcomes     BOOLEAN NOT NULL DEFAULT FALSE,
    topic_materials    BOOLEAN NOT NULL DEFAULT FALSE,
    topic_pacts        BOOLEAN NOT NULL DEFAULT FALSE,
    pact_provinces     TEXT NOT NULL DEFAULT '',
    consent_version    TEXT NOT NULL,
    consent_at         TIMESTAMP NOT NULL,
    confirm_hash       TEXT UNIQUE,
    confirm_expires_at TIMESTAMP NOT NULL,
    confirmed_at       TIMESTAMP,
    unsubscribe_token  TEXT NOT NULL UNIQUE,
    last_sent_at       TIMESTAMP,
    created_at         TIMESTAMP NOT NULL
);
CREATE INDEX news_subscribers_confirmed ON news_subscribers (confirmed_at, last_sent_at);

-- Things published, for the news digest: publishing code appends one row
-- per thing (kind and ref identify it, so it is announced once).
CREATE TABLE news_items (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('stage', 'activity', 'outcome', 'material', 'practice', 'pact')),
    ref           TEXT NOT NULL,
    title         TEXT NOT NULL,
    url_path      TEXT NOT NULL,
    province_code TEXT NOT NULL DEFAULT '',
    published_at  TIMESTAMP NOT NULL,
    UNIQUE (kind, ref)
);
CREATE INDEX news_items_published ON news_items (published_at, id);

-- The about page ("Chi siamo") and the footer's contacts: one row, id = 1.
CREATE TABLE network_about (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    body_markdown      TEXT NOT NULL DEFAULT '',
    contact_email      TEXT NOT NULL DEFAULT '',
    contact_office     TEXT NOT NULL DEFAULT '',
    controller_name    TEXT NOT NULL DEFAULT '',
    controller_contact TEXT NOT NULL DEFAULT '',
    updated_at         TIMESTAMP
);

-- The network's partners, in display order.
CREATE TABLE network_partners (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    url      TEXT NOT NULL DEFAULT ''
);
