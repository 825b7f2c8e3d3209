-- Partner invoices (issue 13 §4, seed 004 Invoice): one per order, issued when it is placed,
-- numbered in the one INV- series the client invoices use. Its status is not stored: paid,
-- cancelled, or open / overdue by its due date at the time it is read
-- (closebook_shared::partner_invoices::Standing).
CREATE TABLE partner_invoices (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    order_id TEXT NOT NULL UNIQUE REFERENCES orders (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    payment_terms TEXT NOT NULL CHECK (payment_terms IN ('net30', 'net60', 'prepaid')),
    currency TEXT NOT NULL,
    subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
    -- Added once, by the reminder job, when it became overdue.
    late_fee_minor BIGINT NOT NULL CHECK (late_fee_minor >= 0),
    issued_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    payment_reference TEXT,
    paid_by TEXT REFERENCES users (id),
    cancelled_at TIMESTAMP,
    -- The reminders sent (each once).
    due_soon_sent_at TIMESTAMP,
    overdue_sent_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX partner_invoices_partner ON partner_invoices (partner_id, id);
-- The reminder job's scan: neither paid nor cancelled, by due date.
CREATE INDEX partner_invoices_unsettled ON partner_invoices (paid_at, cancelled_at, due_at);

-- Orders placed before invoices existed get theirs, numbered after the series so far.
INSERT INTO partner_invoices
SELECT o.id, printf('INV-%06d', (SELECT value FROM counters WHERE name = 'invoice')
           + ROW_NUMBER() OVER (ORDER BY o.id)),
       o.id, o.partner_id, o.payment_terms, o.currency, o.subtotal_minor, 0,
       o.created_at,
       CASE o.payment_terms WHEN 'net30' THEN datetime(o.created_at, '+30 days')
                            WHEN 'net60' THEN datetime(o.created_at, '+60 days')
                            ELSE o.created_at END,
       o.paid_at, NULL, NULL,
       CASE WHEN o.status = 'cancelled' AND o.paid_at IS NULL THEN o.updated_at END,
       NULL, NULL, 1, o.created_at, o.updated_at
FROM orders o;
UPDATE counters SET value = value + (SELECT COUNT(*) FROM orders) WHERE name = 'invoice';

-- The two partner components of a plan write their own line types (seed 004 "New Partners",
-- "Partner Orders"). SQLite changes a CHECK by rebuilding the table (the migration runner
-- turns foreign keys off around migrations and checks them after).
CREATE TABLE commission_lines_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    rep_id TEXT NOT NULL REFERENCES users (id),
    line_type TEXT NOT NULL CHECK (line_type IN ('new_business', 'residual', 'upsell', 'partner_order', 'new_partner', 'true_up', 'team_bonus', 'override', 'cap', 'clawback', 'adjustment')),
    -- What it comes from: 'lead', 'invoice', 'upsell', 'refund', 'close' (period), 'dispute',
    -- 'order' (a paid partner order), 'partner' (a partner account approved from a won lead).
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
INSERT INTO commission_lines_rebuilt SELECT * FROM commission_lines;
DROP TABLE commission_lines;
ALTER TABLE commission_lines_rebuilt RENAME TO commission_lines;
CREATE INDEX commission_lines_rep_period ON commission_lines (rep_id, period, id);
CREATE INDEX commission_lines_period ON commission_lines (period, id);
CREATE INDEX commission_lines_related ON commission_lines (related_line_id);
CREATE INDEX commission_lines_rep_id ON commission_lines (rep_id, id);
CREATE TRIGGER commission_lines_no_update BEFORE UPDATE ON commission_lines
BEGIN
    SELECT RAISE(ABORT, 'commission_lines is append-only');
END;
CREATE TRIGGER commission_lines_no_delete BEFORE DELETE ON commission_lines
BEGIN
    SELECT RAISE(ABORT, 'commission_lines is append-only');
END;

-- Notifications of partner orders and invoices (seed 004 "FOR PARTNER", "FOR SALES REP").
CREATE TABLE notifications_rebuilt (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL CHECK (kind IN ('allocation_new', 'allocation_expired',
        'allocation_reassigned', 'allocation_rejected', 'allocation_overflow',
        'order_placed', 'order_status', 'invoice_due', 'invoice_overdue', 'invoice_paid')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- the web page it points to
    link TEXT,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
INSERT INTO notifications_rebuilt SELECT * FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_rebuilt RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);
