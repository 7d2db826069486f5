-- 0004_insight: a data version bumped by every write to the tables /rete reads,
-- so each instance can tell cheaply whether its cached figures are stale.
-- Keep in step with ../sqlite/0004_insight.sql.

CREATE TABLE insight_data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO insight_data_version (id, version) VALUES (1, 0);

CREATE FUNCTION insight_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE insight_data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

-- Statement triggers: a bulk load bumps the version once per statement.
CREATE TRIGGER insight_dv_communities AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communities FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_bodies AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bodies FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_activities AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activities FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_participations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON participations FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_declared_roles AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON declared_roles FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();

-- /rete reads published stages by date.
CREATE INDEX insight_activities_stages ON activities (is_stage, status, starts_on, id);
