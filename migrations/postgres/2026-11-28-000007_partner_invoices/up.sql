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
SELECT o.id, 'INV-' || lpad(((SELECT value FROM counters WHERE name = 'invoice')
           + ROW_NUMBER() OVER (ORDER BY o.id))::text, 6, '0'),
       o.id, o.partner_id, o.payment_terms, o.currency, o.subtotal_minor, 0,
       o.created_at,
       CASE o.payment_terms WHEN 'net30' THEN o.created_at + INTERVAL '30 days'
                            WHEN 'net60' THEN o.created_at + INTERVAL '60 days'
                            ELSE o.created_at END,
       o.paid_at, NULL, NULL,
       CASE WHEN o.status = 'cancelled' AND o.paid_at IS NULL THEN o.updated_at END,
       NULL, NULL, 1, o.created_at, o.updated_at
FROM orders o;
UPDATE counters SET value = value + (SELECT COUNT(*) FROM orders) WHERE name = 'invoice';

-- The two partner components of a plan write their own line types (seed 004 "New Partners",
-- "Partner Orders").
ALTER TABLE commission_lines DROP CONSTRAINT commission_lines_line_type_check;
ALTER TABLE commission_lines ADD CONSTRAINT commission_lines_line_type_check
    CHECK (line_type IN ('new_business', 'residual', 'upsell', 'partner_order', 'new_partner', 'true_up', 'team_bonus', 'override', 'cap', 'clawback', 'adjustment'));

-- Notifications of partner orders and invoices (seed 004 "FOR PARTNER", "FOR SALES REP").
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('allocation_new', 'allocation_expired',
        'allocation_reassigned', 'allocation_rejected', 'allocation_overflow',
        'order_placed', 'order_status', 'invoice_due', 'invoice_overdue', 'invoice_paid'));
