-- The team reports (Sales Leak, manager dashboard) answered from indexes rather than rows:
-- each lookup below used to read the lead, activity or history row behind an index entry.

-- Referral asks of a team in a week or month.
CREATE INDEX leads_owner_referral_ask ON leads (owner_id, referral_ask_at);
-- Closes and deal cycles of a team (outcome, close and creation instants).
CREATE INDEX leads_owner_won ON leads (owner_id, outcome, closed_at, created_at);
-- The funnel: a team's leads created since a day, with their pipeline and stage. A lead's
-- `id` is a column of the table, not the rowid an index holds, so indexes that answer a query
-- selecting ids carry it.
DROP INDEX leads_owner_created;
CREATE INDEX leads_owner_created ON leads (owner_id, created_at, pipeline_id, stage_id, id);
-- Discipline: the open leads contacted in 7 days, by id.
DROP INDEX leads_discipline;
CREATE INDEX leads_discipline ON leads
    (owner_id, outcome, display_sales_stage, next_contact_at, last_contact_at, id);
-- Open leads with personal details: few, so the discipline count reads only those.
DROP INDEX leads_with_details;
CREATE INDEX leads_with_details ON leads (owner_id, outcome) WHERE personal_details IS NOT NULL;
-- Completed contacts: by whom in a span (first contacts, presentations), and on which lead
-- before a day (whether a contact was the first).
CREATE INDEX activities_done_by_user ON activities (user_id, at, kind, lead_id, completed_at)
    WHERE completed_at IS NOT NULL;
CREATE INDEX activities_done_on_lead ON activities (lead_id, at, kind, completed_at)
    WHERE completed_at IS NOT NULL;
-- The stages a lead has left (the funnel's "reached").
CREATE INDEX lead_history_moves ON lead_history (lead_id, kind, from_stage_id);
