-- Targets (seed 003 §3.2.4): what a rep, a team or a city aims at over a period. The achieved
-- value is never stored: it is computed from live data on every read.
CREATE TABLE targets (
    id TEXT PRIMARY KEY NOT NULL,
    target_type TEXT NOT NULL CHECK (target_type IN ('individual', 'team', 'city')),
    -- the rep (individual) or the team (team); null for a city target
    assignee_id TEXT,
    city TEXT,
    -- the assignee id, or the lower-cased city: one live target per subject, period and metric
    subject_key TEXT NOT NULL,
    period_type TEXT NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
    -- the period's first and last local days (inclusive), in the organisation's time zone
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    metric_type TEXT NOT NULL CHECK (metric_type IN ('revenue', 'deals_closed',
        'leads_contacted', 'visits_scheduled', 'conversion_rate', 'upsell_conversions',
        'customer_satisfaction')),
    -- decimal text: a count, an amount in the organisation's currency, a percentage or a score
    target_value TEXT NOT NULL,
    cancelled BOOLEAN NOT NULL,
    created_by TEXT REFERENCES users (id),
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX targets_live_subject ON targets
    (target_type, subject_key, period_type, period_start, metric_type) WHERE cancelled = FALSE;
CREATE INDEX targets_period ON targets (period_start, id);
CREATE INDEX targets_assignee ON targets (assignee_id, period_start);

-- Customer satisfaction scores (1–5) entered for a client; the rep is the client's owner then.
CREATE TABLE satisfaction_scores (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    rep_id TEXT NOT NULL REFERENCES users (id),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    recorded_by TEXT REFERENCES users (id),
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX satisfaction_scores_rep ON satisfaction_scores (rep_id, recorded_at);
CREATE INDEX satisfaction_scores_client ON satisfaction_scores (client_id, recorded_at);

-- The weekly scorecard's stored history (seed 001 §15): one snapshot per rep and week, its
-- counts kept raw (numerators and denominators) so a team's week adds up exactly.
CREATE TABLE scorecard_snapshots (
    rep_id TEXT NOT NULL REFERENCES users (id),
    week_start DATE NOT NULL,
    counts_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (rep_id, week_start)
);
CREATE INDEX scorecard_snapshots_week ON scorecard_snapshots (week_start);

-- Operator targets of the Sales Leak report (seed 001 §3.5, §9).
ALTER TABLE settings ADD COLUMN leak_new_contacts_per_week INTEGER NOT NULL DEFAULT 5;
ALTER TABLE settings ADD COLUMN leak_follow_ups_per_week INTEGER;
ALTER TABLE settings ADD COLUMN leak_referral_asks_per_month INTEGER;
ALTER TABLE settings ADD COLUMN presentation_overfocus_threshold INTEGER NOT NULL DEFAULT 3;

-- The analytics read a period of one rep's (or everyone's) records.
CREATE INDEX leads_owner_closed ON leads (owner_id, closed_at);
CREATE INDEX leads_owner_created ON leads (owner_id, created_at);
CREATE INDEX leads_closed ON leads (closed_at);
CREATE INDEX leads_created ON leads (created_at);
CREATE INDEX activities_at ON activities (at);
CREATE INDEX activities_follow_up ON activities (user_id, follow_up_at);
CREATE INDEX touches_user ON touches (user_id, created_at);
CREATE INDEX upsells_rep_sold ON upsells (rep_id, sold_at);
CREATE INDEX lead_history_at ON lead_history (at);
CREATE INDEX lead_history_actor ON lead_history (actor_id, at);
CREATE INDEX lead_notes_author ON lead_notes (author_id, created_at);
-- Follow-up discipline and the lens stages counted in the index, without reading the leads.
CREATE INDEX leads_discipline ON leads
    (owner_id, outcome, display_sales_stage, next_contact_at, last_contact_at);
CREATE INDEX leads_with_details ON leads (owner_id) WHERE personal_details IS NOT NULL;
