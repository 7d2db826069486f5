-- 0005_registrations: people register for upcoming activities (double opt-in,
-- capacity and waiting list), attendance, certificates and the scheduled
-- e-mail jobs. Keep in step with ../postgres/0005_registrations.sql.

-- Registration settings of an activity, and the online link that only
-- registered people receive by e-mail.
ALTER TABLE activities ADD COLUMN online_link TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN registrations_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE activities ADD COLUMN registrations_capacity INTEGER CHECK (registrations_capacity >= 0);
ALTER TABLE activities ADD COLUMN registrations_open_from TIMESTAMP;
ALTER TABLE activities ADD COLUMN registrations_close_at TIMESTAMP;
ALTER TABLE activities ADD COLUMN outcome_sent_at TIMESTAMP;

CREATE TABLE registrations (
    id                  INTEGER PRIMARY KEY,
    activity_id         INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    user_id             INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Personal data: emptied (email NULL) by the erasure job or on request.
    name                TEXT NOT NULL DEFAULT '',
    email               TEXT,
    accessibility       TEXT NOT NULL DEFAULT '',
    -- Kept after erasure for the aggregates.
    body_id             INTEGER REFERENCES bodies (id) ON DELETE SET NULL,
    proposed_body_name  TEXT NOT NULL DEFAULT '',
    proposed_body_kind  TEXT NOT NULL DEFAULT '',
    proposed_body_place TEXT NOT NULL DEFAULT '',
    role                TEXT NOT NULL CHECK (role IN ('sindaco', 'assessore', 'consigliere', 'dirigente', 'funzionario', 'altro')),
    table_id            INTEGER REFERENCES breakout_tables (id) ON DELETE SET NULL,
    consent_version     TEXT NOT NULL,
    consent_at          TIMESTAMP NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'waiting', 'cancelled')),
    queued_at           TIMESTAMP,
    confirm_hash        TEXT UNIQUE,
    confirm_expires_at  TIMESTAMP,
    confirmed_at        TIMESTAMP,
    manage_nonce        TEXT,
    cancelled_at        TIMESTAMP,
    attended            BOOLEAN NOT NULL DEFAULT FALSE,
    certificate_code    TEXT UNIQUE,
    reminder_sent_at    TIMESTAMP,
    outcome_sent_at     TIMESTAMP,
    erased_at           TIMESTAMP,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
-- One registration per address and activity, whatever the case typed
-- (addresses are stored lower-cased); erased rows have no address.
CREATE UNIQUE INDEX registrations_activity_email ON registrations (activity_id, email);
CREATE INDEX registrations_activity_status ON registrations (activity_id, status, queued_at, id);
CREATE INDEX registrations_body ON registrations (body_id, activity_id) WHERE attended;
CREATE INDEX registrations_email ON registrations (email);
