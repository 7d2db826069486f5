-- 0003_accounts: accounts and roles, server-side sessions, single-use e-mail
-- tokens, the audit log, attachments and body logos, all kept in the database
-- so several instances on PostgreSQL share them.
-- Keep in step with ../postgres/0003_accounts.sql.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'referent', 'participant')),
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE body_referents (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_id INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, body_id)
);
CREATE INDEX body_referents_body ON body_referents (body_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_email  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    label       TEXT NOT NULL DEFAULT '',
    before_json TEXT NOT NULL DEFAULT '',
    after_json  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_user ON audit_log (user_id, at);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    section      TEXT NOT NULL CHECK (section IN ('activity', 'outcome')),
    filename     TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_activity ON attachments (activity_id, section, id);

CREATE TABLE body_logos (
    body_id      INTEGER PRIMARY KEY REFERENCES bodies (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);

ALTER TABLE bodies ADD COLUMN contact_office TEXT NOT NULL DEFAULT '';
