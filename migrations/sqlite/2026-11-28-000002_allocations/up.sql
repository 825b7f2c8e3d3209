-- Allocation (seed 003 §3.2.3, §6.1): a lead may now be held by nobody (the overflow pool, or
-- waiting in a territory to be claimed), so leads.owner_id becomes nullable. SQLite cannot drop
-- NOT NULL in place: the table is rebuilt (the documented twelve-step procedure; the migration
-- runner turns foreign keys off around migrations and checks them after).
CREATE TABLE leads_rebuilt (
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
    -- null: nobody holds the lead (the overflow pool, or not yet claimed)
    owner_id TEXT REFERENCES users (id),
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
    updated_at TIMESTAMP NOT NULL,
    territory_id TEXT REFERENCES territories (id)
);
INSERT INTO leads_rebuilt SELECT * FROM leads;
DROP TABLE leads;
ALTER TABLE leads_rebuilt RENAME TO leads;
CREATE INDEX leads_owner_outcome_updated ON leads (owner_id, outcome, updated_at, id);
CREATE INDEX leads_updated ON leads (updated_at, id);
CREATE INDEX leads_stage ON leads (stage_id);
CREATE INDEX leads_email_key ON leads (email_key);
CREATE INDEX leads_phone_key ON leads (phone_key);
CREATE INDEX leads_dedupe_key ON leads (dedupe_key);
CREATE INDEX leads_territory_id ON leads (territory_id);

-- The organisation's allocation rules (seed 003 §6.1) and production thresholds (seed 000 F6:
-- closes per month over the rolling 90 days), and the map's tile server (none: plain background).
ALTER TABLE settings ADD COLUMN allocation_geographic BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE settings ADD COLUMN allocation_max_active_leads INTEGER NOT NULL DEFAULT 25;
ALTER TABLE settings ADD COLUMN allocation_skill_match TEXT NOT NULL DEFAULT 'prefer'
    CHECK (allocation_skill_match IN ('off', 'prefer', 'require'));
ALTER TABLE settings ADD COLUMN allocation_high_value_minor BIGINT;
ALTER TABLE settings ADD COLUMN allocation_high_performer_score INTEGER NOT NULL DEFAULT 80;
ALTER TABLE settings ADD COLUMN allocation_sla_minutes INTEGER NOT NULL DEFAULT 120;
ALTER TABLE settings ADD COLUMN production_green_per_month INTEGER NOT NULL DEFAULT 3;
ALTER TABLE settings ADD COLUMN production_yellow_per_month INTEGER NOT NULL DEFAULT 2;
ALTER TABLE settings ADD COLUMN map_tile_url TEXT;

-- A rep's intake: whether it takes leads now, its own capacity and skills, and its round-robin
-- position (the sequence number of its last allocation). No row: available, no skills, never
-- allocated.
CREATE TABLE rep_intake (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    availability TEXT NOT NULL CHECK (availability IN ('available', 'on_leave', 'offline')),
    intake_paused BOOLEAN NOT NULL,
    capacity INTEGER CHECK (capacity BETWEEN 0 AND 1000),
    -- JSON list of text
    skills TEXT NOT NULL,
    last_allocated BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);

-- One row every allocation takes (UPDATE … RETURNING): allocations are serialised on it, so
-- queue counts and round-robin positions read after it are current on every backend.
CREATE TABLE allocation_sequence (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO allocation_sequence (id, last) VALUES (1, 0);

CREATE TABLE allocations (
    id TEXT PRIMARY KEY NOT NULL,
    lead_id TEXT NOT NULL REFERENCES leads (id),
    -- null: the overflow pool
    rm_id TEXT REFERENCES users (id),
    allocation_type TEXT NOT NULL
        CHECK (allocation_type IN ('geographic', 'skill_based', 'round_robin', 'manual', 'overflow')),
    allocation_reason TEXT NOT NULL,
    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'active', 'escalated',
        'reassigned', 'rejected', 'completed', 'expired')),
    allocated_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    first_action_at TIMESTAMP,
    sla_deadline TIMESTAMP NOT NULL,
    is_reassignment BOOLEAN NOT NULL,
    previous_rm_id TEXT REFERENCES users (id),
    reassignment_reason TEXT,
    rejection_reason TEXT,
    -- the allocation that took over when this one was rejected, expired or reassigned
    superseded_by TEXT,
    sequence BIGINT NOT NULL,
    -- JSON: the engine's rule steps
    trace TEXT NOT NULL,
    -- null: the engine decided
    allocated_by TEXT REFERENCES users (id),
    ended_at TIMESTAMP,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- A lead has at most one live allocation.
CREATE UNIQUE INDEX allocations_live_lead ON allocations (lead_id)
    WHERE status IN ('pending', 'accepted', 'active', 'escalated');
CREATE INDEX allocations_rm_status ON allocations (rm_id, status);
CREATE INDEX allocations_status_deadline ON allocations (status, sla_deadline);
CREATE INDEX allocations_allocated ON allocations (allocated_at, id);
CREATE INDEX allocations_lead ON allocations (lead_id);

-- In-app notifications (allocations now; later capabilities add kinds).
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('allocation_new', 'allocation_expired',
        'allocation_reassigned', 'allocation_rejected', 'allocation_overflow')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- the web page it points to
    link TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);

-- Placing every lead again after a territory changed, in the background: one run at a time
-- walks the leads in id order, its position (`after_id`) saved with each batch it writes, so a
-- run killed halfway goes on from its last batch.
CREATE TABLE placement_runs (
    id TEXT PRIMARY KEY NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done')),
    reason TEXT NOT NULL,
    total BIGINT NOT NULL,
    processed BIGINT NOT NULL,
    moved BIGINT NOT NULL,
    after_id TEXT,
    worker TEXT,
    heartbeat_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    started_at TIMESTAMP,
    finished_at TIMESTAMP
);
CREATE INDEX placement_runs_status ON placement_runs (status, id);
