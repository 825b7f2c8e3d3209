-- Commissions (issue 10): plans, the ledger and its sources. Money is integer minor units; rates
-- are decimal text; periods are 'YYYY-MM' in the organisation's time zone.

-- A plan has versions; the version in force at a source event's time applies.
CREATE TABLE compensation_plans (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    -- The plan everyone of this role is on unless assigned another.
    default_for_role TEXT UNIQUE CHECK (default_for_role IN ('admin', 'sales_manager', 'sales_rep', 'finance', 'partner')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX compensation_plans_name ON compensation_plans (name);

CREATE TABLE plan_versions (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES compensation_plans (id),
    number INTEGER NOT NULL,
    effective_from DATE NOT NULL,
    rules_json TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (plan_id, number),
    UNIQUE (plan_id, effective_from)
);

-- Who is on which plan from when, with the monthly revenue quota.
CREATE TABLE plan_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    plan_id TEXT NOT NULL REFERENCES compensation_plans (id),
    effective_from DATE NOT NULL,
    monthly_quota_minor BIGINT CHECK (monthly_quota_minor >= 0),
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, effective_from)
);

CREATE TABLE team_quotas (
    team_id TEXT NOT NULL REFERENCES teams (id),
    effective_from DATE NOT NULL,
    monthly_quota_minor BIGINT NOT NULL CHECK (monthly_quota_minor >= 0),
    currency TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (team_id, effective_from)
);

-- The residual locked when the client was won (seed 000 F4), never recalculated; and whether the
-- client is still active (a cancellation voids lines not yet earned).
ALTER TABLE clients ADD COLUMN residual_locked_minor BIGINT;
ALTER TABLE clients ADD COLUMN residual_currency TEXT;
ALTER TABLE clients ADD COLUMN cancelled_at TIMESTAMP;

CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    -- The billing system's id: a webhook delivered twice finds the invoice it made.
    external_id TEXT UNIQUE,
    client_id TEXT NOT NULL REFERENCES clients (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency TEXT NOT NULL,
    service_month TEXT NOT NULL,
    paid_at TIMESTAMP,
    refunded_minor BIGINT NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX invoices_client ON invoices (client_id, paid_at);
CREATE INDEX invoices_paid ON invoices (paid_at);

CREATE TABLE refunds (
    id TEXT PRIMARY KEY NOT NULL,
    external_id TEXT UNIQUE,
    -- What was refunded: an invoice or a deal (a won lead's client).
    invoice_id TEXT REFERENCES invoices (id),
    client_id TEXT REFERENCES clients (id),
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    refunded_at TIMESTAMP NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    CHECK ((invoice_id IS NULL) <> (client_id IS NULL))
);

-- Gapless numbers (INV-000001, …): the row is locked by the increment until the transaction
-- commits, so concurrent writers on PostgreSQL take turns instead of colliding.
CREATE TABLE counters (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('invoice', 0);

CREATE TABLE upsells (
    id TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL REFERENCES clients (id),
    product TEXT NOT NULL,
    price_minor BIGINT NOT NULL CHECK (price_minor >= 0),
    currency TEXT NOT NULL,
    sold_at TIMESTAMP,
    rep_id TEXT NOT NULL REFERENCES users (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX upsells_client ON upsells (client_id, created_at);

-- The ledger. A line is never changed: corrections are new lines (clawback, adjustment, cap).
CREATE TABLE commission_lines (
    id TEXT PRIMARY KEY NOT NULL,
    rep_id TEXT NOT NULL REFERENCES users (id),
    line_type TEXT NOT NULL CHECK (line_type IN ('new_business', 'residual', 'upsell', 'true_up', 'team_bonus', 'override', 'cap', 'clawback', 'adjustment')),
    -- What it comes from: 'lead', 'invoice', 'upsell', 'refund', 'close' (period), 'dispute'.
    source_type TEXT NOT NULL,
    source_id TEXT NOT NULL,
    plan_version_id TEXT REFERENCES plan_versions (id),
    base_minor BIGINT NOT NULL,
    rate TEXT,
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    period TEXT NOT NULL,
    source_at TIMESTAMP NOT NULL,
    -- When a pending line becomes earned (new business and upsells).
    earns_at TIMESTAMP,
    -- The line a clawback, adjustment or override refers to.
    related_line_id TEXT REFERENCES commission_lines (id),
    explanation_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- One line per rule, source and rep: delivering a source twice writes it once.
    UNIQUE (line_type, source_type, source_id, rep_id)
);
CREATE INDEX commission_lines_rep_period ON commission_lines (rep_id, period, id);
CREATE INDEX commission_lines_period ON commission_lines (period, id);
CREATE INDEX commission_lines_related ON commission_lines (related_line_id);

CREATE TABLE commission_status_history (
    id TEXT PRIMARY KEY NOT NULL,
    line_id TEXT NOT NULL REFERENCES commission_lines (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'earned', 'approved', 'paid', 'voided', 'clawed_back', 'disputed')),
    actor_id TEXT REFERENCES users (id),
    reason TEXT,
    reference TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX commission_status_history_line ON commission_status_history (line_id, at, id);

CREATE FUNCTION commission_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER commission_lines_no_update BEFORE UPDATE ON commission_lines
    FOR EACH ROW EXECUTE FUNCTION commission_ledger_append_only();
CREATE TRIGGER commission_lines_no_delete BEFORE DELETE ON commission_lines
    FOR EACH ROW EXECUTE FUNCTION commission_ledger_append_only();
CREATE TRIGGER commission_lines_no_truncate BEFORE TRUNCATE ON commission_lines
    FOR EACH STATEMENT EXECUTE FUNCTION commission_ledger_append_only();
CREATE TRIGGER commission_status_history_no_update BEFORE UPDATE ON commission_status_history
    FOR EACH ROW EXECUTE FUNCTION commission_ledger_append_only();
CREATE TRIGGER commission_status_history_no_delete BEFORE DELETE ON commission_status_history
    FOR EACH ROW EXECUTE FUNCTION commission_ledger_append_only();
CREATE TRIGGER commission_status_history_no_truncate BEFORE TRUNCATE ON commission_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION commission_ledger_append_only();

-- The latest status of each line, kept with the history in one transaction, so lists filter
-- by status without reading the history. The history is the record; this is its index.
CREATE TABLE commission_line_status (
    line_id TEXT PRIMARY KEY NOT NULL REFERENCES commission_lines (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'earned', 'approved', 'paid', 'voided', 'clawed_back', 'disputed')),
    -- The status a disputed line returns to when the dispute is upheld.
    before_dispute TEXT,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX commission_line_status_status ON commission_line_status (status);

CREATE TABLE payouts (
    id TEXT PRIMARY KEY NOT NULL,
    period TEXT NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    line_count BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);

-- A rep's statement of a closed period, as written by the close; replay compares against it.
CREATE TABLE commission_statements (
    rep_id TEXT NOT NULL REFERENCES users (id),
    period TEXT NOT NULL,
    currency TEXT NOT NULL,
    line_count BIGINT NOT NULL,
    net_minor BIGINT NOT NULL,
    totals_json TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (rep_id, period, currency)
);

-- Where each outbox consumer has read to: the event is handled and the position advanced in
-- one transaction, so a crash neither loses nor repeats one.
CREATE TABLE outbox_positions (
    consumer TEXT PRIMARY KEY NOT NULL,
    last_event_id TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Runs of periodic jobs, claimed in the database so several API processes run each once.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    run_key TEXT NOT NULL,
    claimed_by TEXT NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    report_json TEXT,
    PRIMARY KEY (job, run_key)
);

ALTER TABLE settings ADD COLUMN billing_webhook_secret TEXT;
ALTER TABLE settings ADD COLUMN approval_threshold_minor BIGINT;
