DROP INDEX lead_history_moves;
DROP INDEX activities_done_on_lead;
DROP INDEX activities_done_by_user;
DROP INDEX leads_with_details;
CREATE INDEX leads_with_details ON leads (owner_id) WHERE personal_details IS NOT NULL;
DROP INDEX leads_discipline;
CREATE INDEX leads_discipline ON leads
    (owner_id, outcome, display_sales_stage, next_contact_at, last_contact_at);
DROP INDEX leads_owner_created;
CREATE INDEX leads_owner_created ON leads (owner_id, created_at);
DROP INDEX leads_owner_won;
DROP INDEX leads_owner_referral_ask;
