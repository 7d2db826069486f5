-- 0009_speed: counted facts derived through indexes, and one data version for
-- every public page. Keep in step with ../sqlite/0009_speed.sql.

-- New bodies and memberships probe a body's member participations, and its
-- attended registrations (registrations_body, 0005), by body and role.
CREATE INDEX participations_body_role ON participations (body_id, role, activity_id);
-- The news feed (Atom) lists the most recently changed activities first.
CREATE INDEX activities_updated ON activities (updated_at, id);

-- The data version now stands for every table a public page shows, and each
-- commit that bumps it notifies the listening instances (LISTEN
-- benicommunity_data_version). It is bumped once per transaction — the
-- version must differ after each commit, not count statements — so a bulk
-- load does not rewrite the row thousands of times; a setting local to the
-- transaction remembers that it was done (undone with a rolled-back savepoint).
CREATE OR REPLACE FUNCTION insight_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('benicommunity.version_bumped', true) = txid_current()::text THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('benicommunity.version_bumped', txid_current()::text, true);
    UPDATE insight_data_version SET version = version + 1 WHERE id = 1;
    PERFORM pg_notify('benicommunity_data_version', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER insight_dv_settings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_network AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_activity_types AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_types FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_themes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themes FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_activity_themes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_themes FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_breakout_tables AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON breakout_tables FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_attachments AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON attachments FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_body_logos AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON body_logos FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
-- Registrations are written by many people at once, under a lock on their
-- activity: their bump waits for the commit (a deferred row trigger), so the
-- version row is always the last lock a transaction takes and two
-- registrations can never deadlock on it.
CREATE CONSTRAINT TRIGGER insight_dv_registrations AFTER INSERT OR UPDATE OR DELETE ON registrations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION insight_bump_data_version();
