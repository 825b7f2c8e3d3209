ALTER TABLE settings DROP COLUMN partner_enterprise_discount_percent;
ALTER TABLE settings DROP COLUMN partner_growth_discount_percent;
ALTER TABLE settings DROP COLUMN partner_starter_discount_percent;
DROP INDEX users_partner;
ALTER TABLE users DROP COLUMN partner_id;
DROP TABLE partners;
