-- Every table a public page shows bumps the data version, so the render
-- cache never serves a page older than a write (see 0009).
CREATE TRIGGER insight_dv_commons_kinds AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON commons_kinds FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_network_about AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_about FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_network_partners AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_partners FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_pact_activities AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pact_activities FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_pact_status_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pact_status_changes FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_pact_themes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pact_themes FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_pact_types AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pact_types FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_practice_links AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_links FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_practice_themes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON practice_themes FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_regulation_revisions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regulation_revisions FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
CREATE TRIGGER insight_dv_training_links AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON training_links FOR EACH STATEMENT EXECUTE FUNCTION insight_bump_data_version();
