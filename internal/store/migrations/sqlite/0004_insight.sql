-- 0004_insight: a data version bumped by every write to the tables /rete reads,
-- so each instance can tell cheaply whether its cached figures are stale.
-- Keep in step with ../postgres/0004_insight.sql.

CREATE TABLE insight_data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO insight_data_version (id, version) VALUES (1, 0);

-- SQLite has row triggers only: a bulk load bumps the version once per row, which
-- costs a single-row update each and keeps the rule simple.
CREATE TRIGGER insight_dv_communities_insert AFTER INSERT ON communities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_communities_update AFTER UPDATE ON communities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_communities_delete AFTER DELETE ON communities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_bodies_insert AFTER INSERT ON bodies BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_bodies_update AFTER UPDATE ON bodies BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_bodies_delete AFTER DELETE ON bodies BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activities_insert AFTER INSERT ON activities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activities_update AFTER UPDATE ON activities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activities_delete AFTER DELETE ON activities BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_participations_insert AFTER INSERT ON participations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_participations_update AFTER UPDATE ON participations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_participations_delete AFTER DELETE ON participations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_declared_roles_insert AFTER INSERT ON declared_roles BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_declared_roles_update AFTER UPDATE ON declared_roles BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_declared_roles_delete AFTER DELETE ON declared_roles BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;

-- /rete reads published stages by date.
CREATE INDEX insight_activities_stages ON activities (is_stage, status, starts_on, id);
