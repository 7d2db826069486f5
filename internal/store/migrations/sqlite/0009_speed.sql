-- 0009_speed: counted facts derived through indexes, and one data version for
-- every public page. Keep in step with ../postgres/0009_speed.sql.

-- New bodies and memberships probe a body's member participations, and its
-- attended registrations (registrations_body, 0005), by body and role.
CREATE INDEX participations_body_role ON participations (body_id, role, activity_id);
-- The news feed (Atom) lists the most recently changed activities first.
CREATE INDEX activities_updated ON activities (updated_at, id);

-- The data version now stands for every table a public page shows.
CREATE TRIGGER insight_dv_settings_insert AFTER INSERT ON settings BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_settings_update AFTER UPDATE ON settings BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_settings_delete AFTER DELETE ON settings BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_network_insert AFTER INSERT ON network BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_network_update AFTER UPDATE ON network BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_network_delete AFTER DELETE ON network BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_types_insert AFTER INSERT ON activity_types BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_types_update AFTER UPDATE ON activity_types BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_types_delete AFTER DELETE ON activity_types BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_themes_insert AFTER INSERT ON themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_themes_update AFTER UPDATE ON themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_themes_delete AFTER DELETE ON themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_themes_insert AFTER INSERT ON activity_themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_themes_update AFTER UPDATE ON activity_themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_activity_themes_delete AFTER DELETE ON activity_themes BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_breakout_tables_insert AFTER INSERT ON breakout_tables BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_breakout_tables_update AFTER UPDATE ON breakout_tables BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_breakout_tables_delete AFTER DELETE ON breakout_tables BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_attachments_insert AFTER INSERT ON attachments BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_attachments_update AFTER UPDATE ON attachments BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_attachments_delete AFTER DELETE ON attachments BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_body_logos_insert AFTER INSERT ON body_logos BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_body_logos_update AFTER UPDATE ON body_logos BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_body_logos_delete AFTER DELETE ON body_logos BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_registrations_insert AFTER INSERT ON registrations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_registrations_update AFTER UPDATE ON registrations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER insight_dv_registrations_delete AFTER DELETE ON registrations BEGIN UPDATE insight_data_version SET version = version + 1 WHERE id = 1; END;
