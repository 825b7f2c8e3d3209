-- Allocation (seed 003 §3.2.3, §6.1): a lead may now be held by nobody (the overflow pool, or
-- waiting in a territory to be claimed).
ALTER TABLE leads ALTER COLUMN owner_id DROP NOT NULL;

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
