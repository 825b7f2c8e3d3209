DROP INDEX leads_territory_id;
ALTER TABLE leads DROP COLUMN territory_id;
DROP TABLE territory_assignments;
DROP TABLE territories;
