-- 0006_front_door: the network's front door. Bodies ask to join the network
-- (double opt-in, reviewed by coordinators). Keep in step with ../postgres/0006_front_door.sql.

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

