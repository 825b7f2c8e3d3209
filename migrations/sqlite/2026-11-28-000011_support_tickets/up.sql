-- Support tickets (issue 13 §7, seed 004 "Support — contact account manager, submit tickets,
-- FAQ"): a partner's user (or staff on its behalf) asks for help about an order, an invoice, a
-- delivery, a product or the account; whoever looks after the account resolves it, saying how.
CREATE TABLE support_tickets (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    opened_by TEXT NOT NULL REFERENCES users (id),
    category TEXT NOT NULL
        CHECK (category IN ('order', 'invoice', 'delivery', 'product', 'account', 'other')),
    order_id TEXT REFERENCES orders (id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    resolution TEXT,
    resolved_by TEXT REFERENCES users (id),
    resolved_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);
CREATE INDEX support_tickets_partner ON support_tickets (partner_id, created_at, id);
CREATE INDEX support_tickets_open ON support_tickets (status, created_at, id);
INSERT INTO counters (name, value) VALUES ('support', 1000);
