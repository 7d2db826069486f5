-- Failed logins, one row per failure, shared by every instance so that two
-- servers count as one. Rows past expires_at no longer count and are swept.
CREATE TABLE login_failures (
    id         BIGSERIAL PRIMARY KEY,
    email      TEXT NOT NULL,
    client     TEXT NOT NULL,
    failed_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_pair ON login_failures (email, client, failed_at);
CREATE INDEX login_failures_client ON login_failures (client, failed_at);
CREATE INDEX login_failures_expires ON login_failures (expires_at);

-- Periodic jobs that exactly one instance must run each period (backups):
-- an instance takes the period by moving claimed_at forward.
CREATE TABLE job_claims (
    name       TEXT PRIMARY KEY,
    claimed_at TIMESTAMPTZ NOT NULL
);
