-- Saved shipping addresses (issue 13 §1 and §3, seed 004 `ShippingAddress`): an account's
-- stores and warehouses, each with what the driver needs at its dock; one may be the default,
-- where an order goes when it names none.
CREATE TABLE shipping_addresses (
    id TEXT PRIMARY KEY NOT NULL,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    label TEXT NOT NULL,
    -- The label lower-cased: unique within the account.
    label_key TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    region TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    dock_instructions TEXT,
    dock_hours TEXT,
    requires_appointment BOOLEAN NOT NULL,
    is_default BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (partner_id, label_key)
);
-- At most one default per account.
CREATE UNIQUE INDEX shipping_addresses_default ON shipping_addresses (partner_id) WHERE is_default;
