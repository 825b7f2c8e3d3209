DROP TABLE placement_runs;
DROP TABLE notifications;
DROP TABLE allocations;
DROP TABLE allocation_sequence;
DROP TABLE rep_intake;
ALTER TABLE settings DROP COLUMN map_tile_url;
ALTER TABLE settings DROP COLUMN production_yellow_per_month;
ALTER TABLE settings DROP COLUMN production_green_per_month;
ALTER TABLE settings DROP COLUMN allocation_sla_minutes;
ALTER TABLE settings DROP COLUMN allocation_high_performer_score;
ALTER TABLE settings DROP COLUMN allocation_high_value_minor;
ALTER TABLE settings DROP COLUMN allocation_skill_match;
ALTER TABLE settings DROP COLUMN allocation_max_active_leads;
ALTER TABLE settings DROP COLUMN allocation_geographic;
-- leads.owner_id stays nullable (restoring NOT NULL would drop or misattribute unowned leads).
