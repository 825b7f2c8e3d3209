-- Pipeline: organisation settings, pipelines and stages, leads with their history, activities,
-- private notes, relationship touches, the script library and won client accounts.
-- Money is integer minor units; latitude/longitude are integer micro-degrees (exact, no REAL).

CREATE TABLE settings (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    org_name TEXT NOT NULL,
    currency TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    week_start TEXT NOT NULL,
    cold_outreach_allowed BOOLEAN NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO settings (id, org_name, currency, time_zone, week_start, cold_outreach_allowed, version, updated_at)
VALUES (1, 'Closebook', 'USD', 'UTC', 'monday', TRUE, 1, CURRENT_TIMESTAMP);

CREATE TABLE pipelines (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    is_default BOOLEAN NOT NULL,
    built_in BOOLEAN NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE pipeline_stages (
    id TEXT PRIMARY KEY NOT NULL,
    pipeline_id TEXT NOT NULL REFERENCES pipelines (id),
    stage_key TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    kind TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (pipeline_id, stage_key)
);

INSERT INTO pipelines (id, name, name_key, is_default, built_in, version, created_at, updated_at) VALUES
('00000000-0000-7000-8000-000000000001', 'Assisted sales', 'assisted sales', TRUE, TRUE, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
('00000000-0000-7000-8000-000000000002', 'B2B wholesale', 'b2b wholesale', FALSE, TRUE, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

INSERT INTO pipeline_stages (id, pipeline_id, stage_key, name, position, probability, kind, created_at) VALUES
('00000000-0000-7000-8001-000000000101', '00000000-0000-7000-8000-000000000001', 'NEW', 'New', 0, 5, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000102', '00000000-0000-7000-8000-000000000001', 'CONTACTED', 'Contacted', 1, 10, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000103', '00000000-0000-7000-8000-000000000001', 'REQUIREMENTS_CAPTURED', 'Requirements captured', 2, 20, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000104', '00000000-0000-7000-8000-000000000001', 'SHORTLIST_SENT', 'Shortlist sent', 3, 30, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000105', '00000000-0000-7000-8000-000000000001', 'VISIT_SCHEDULED', 'Visit scheduled', 4, 40, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000106', '00000000-0000-7000-8000-000000000001', 'VISIT_COMPLETED', 'Visit completed', 5, 55, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000107', '00000000-0000-7000-8000-000000000001', 'NEGOTIATION', 'Negotiation', 6, 70, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000108', '00000000-0000-7000-8000-000000000001', 'AGREEMENT_PENDING', 'Agreement pending', 7, 90, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000109', '00000000-0000-7000-8000-000000000001', 'CLOSED_WON', 'Closed won', 8, 100, 'won', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000110', '00000000-0000-7000-8000-000000000001', 'CLOSED_LOST', 'Closed lost', 9, 0, 'lost', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000201', '00000000-0000-7000-8000-000000000002', 'new', 'New', 0, 10, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000202', '00000000-0000-7000-8000-000000000002', 'contacted', 'Contacted', 1, 20, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000203', '00000000-0000-7000-8000-000000000002', 'qualified', 'Qualified', 2, 30, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000204', '00000000-0000-7000-8000-000000000002', 'demo_scheduled', 'Demo scheduled', 3, 40, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000205', '00000000-0000-7000-8000-000000000002', 'demo_completed', 'Demo completed', 4, 50, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000206', '00000000-0000-7000-8000-000000000002', 'proposal_sent', 'Proposal sent', 5, 65, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000207', '00000000-0000-7000-8000-000000000002', 'negotiation', 'Negotiation', 6, 80, 'open', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000208', '00000000-0000-7000-8000-000000000002', 'closed_won', 'Closed won', 7, 100, 'won', CURRENT_TIMESTAMP),
('00000000-0000-7000-8001-000000000209', '00000000-0000-7000-8000-000000000002', 'closed_lost', 'Closed lost', 8, 0, 'lost', CURRENT_TIMESTAMP);

CREATE TABLE leads (
    id TEXT PRIMARY KEY NOT NULL,
    company TEXT NOT NULL,
    -- lower-cased company, for search
    company_key TEXT NOT NULL,
    contact_name TEXT,
    contact_title TEXT,
    email TEXT,
    email_key TEXT,
    phone TEXT,
    -- digits only, for duplicate matching
    phone_key TEXT,
    website TEXT,
    address TEXT,
    city TEXT,
    state TEXT,
    zip TEXT,
    -- normalised company + address, for duplicate matching
    dedupe_key TEXT,
    latitude_e6 BIGINT,
    longitude_e6 BIGINT,
    source_type TEXT,
    source_channel TEXT,
    introduced_by TEXT,
    owner_id TEXT NOT NULL REFERENCES users (id),
    pipeline_id TEXT NOT NULL REFERENCES pipelines (id),
    stage_id TEXT NOT NULL REFERENCES pipeline_stages (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('open', 'won', 'lost')),
    lost_reason TEXT,
    closed_at TIMESTAMP,
    client_id TEXT,
    deal_value_minor BIGINT,
    deal_currency TEXT,
    estimated_units BIGINT,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close_date DATE,
    budget TEXT,
    authority TEXT,
    need TEXT,
    timeline TEXT,
    -- JSON array of strings
    competitors TEXT NOT NULL DEFAULT '[]',
    next_action TEXT,
    next_contact_at TIMESTAMP,
    last_contact_at TIMESTAMP,
    follow_up_count INTEGER NOT NULL DEFAULT 0,
    follow_up_cadence_days INTEGER,
    permission_to_follow_up BOOLEAN,
    personal_details TEXT,
    referral_ask_status TEXT NOT NULL DEFAULT 'not_asked',
    referral_ask_at TIMESTAMP,
    referral_count INTEGER NOT NULL DEFAULT 0,
    -- JSON array of strings
    referral_names TEXT NOT NULL DEFAULT '[]',
    sales_stage TEXT,
    -- derived on every write (sales lens, incomplete flag, score) so lists can filter and sort
    display_sales_stage TEXT NOT NULL,
    incomplete BOOLEAN NOT NULL,
    score INTEGER NOT NULL,
    score_factors TEXT NOT NULL,
    -- JSON array of strings
    tags TEXT NOT NULL DEFAULT '[]',
    created_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX leads_owner_outcome_updated ON leads (owner_id, outcome, updated_at, id);
CREATE INDEX leads_updated ON leads (updated_at, id);
CREATE INDEX leads_stage ON leads (stage_id);
CREATE INDEX leads_email_key ON leads (email_key);
CREATE INDEX leads_phone_key ON leads (phone_key);
CREATE INDEX leads_dedupe_key ON leads (dedupe_key);

CREATE TABLE lead_history (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id),
    kind TEXT NOT NULL CHECK (kind IN ('created', 'stage', 'owner', 'outcome')),
    from_stage_id TEXT,
    to_stage_id TEXT,
    from_owner_id TEXT,
    to_owner_id TEXT,
    outcome TEXT,
    note TEXT,
    actor_id TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX lead_history_lead ON lead_history (lead_id, at, id);

CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id),
    user_id TEXT,
    kind TEXT NOT NULL,
    subject TEXT,
    notes TEXT,
    outcome TEXT,
    duration_minutes INTEGER,
    scheduled_at TIMESTAMP,
    completed_at TIMESTAMP,
    -- scheduled_at, else completed_at: where it sits on a schedule
    at TIMESTAMP NOT NULL,
    follow_up_at TIMESTAMP,
    follow_up_note TEXT,
    location TEXT,
    latitude_e6 BIGINT,
    longitude_e6 BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX activities_lead ON activities (lead_id, at, id);
CREATE INDEX activities_user ON activities (user_id, at, id);

CREATE TABLE lead_notes (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id),
    author_id TEXT,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX lead_notes_lead ON lead_notes (lead_id, created_at, id);

CREATE TABLE touches (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id),
    user_id TEXT,
    kind TEXT NOT NULL,
    notes TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX touches_lead ON touches (lead_id, created_at, id);

CREATE TABLE scripts (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    sales_stage TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    subject TEXT,
    body TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    created_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE clients (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL UNIQUE REFERENCES leads (id),
    name TEXT NOT NULL,
    owner_id TEXT NOT NULL REFERENCES users (id),
    deal_value_minor BIGINT,
    deal_currency TEXT,
    signed_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX clients_owner ON clients (owner_id, signed_at, id);
