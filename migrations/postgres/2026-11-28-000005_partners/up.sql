-- Wholesale partner accounts (issue 13, seed 004 WholesalePartner): applied for, approved by
-- an admin with a tier, a credit limit and payment terms; their users order.
CREATE TABLE partners (
    id TEXT PRIMARY KEY NOT NULL,
    business_name TEXT NOT NULL,
    -- The name trimmed, folded and lower-cased: one account per business.
    name_key TEXT NOT NULL UNIQUE,
    business_type TEXT NOT NULL
        CHECK (business_type IN ('grocery', 'cafe', 'restaurant', 'gym', 'convenience', 'other')),
    tax_id TEXT,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    website TEXT,
    address_line1 TEXT NOT NULL,
    address_line2 TEXT,
    city TEXT NOT NULL,
    region TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    country TEXT NOT NULL,
    tier TEXT NOT NULL CHECK (tier IN ('starter', 'growth', 'enterprise')),
    currency TEXT NOT NULL,
    credit_limit_minor BIGINT NOT NULL CHECK (credit_limit_minor >= 0),
    payment_terms TEXT NOT NULL CHECK (payment_terms IN ('net30', 'net60', 'prepaid')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'closed')),
    status_reason TEXT,
    rep_id TEXT REFERENCES users (id),
    account_manager_id TEXT REFERENCES users (id),
    lead_id TEXT UNIQUE REFERENCES leads (id),
    applied_by TEXT REFERENCES users (id),
    approved_by TEXT REFERENCES users (id),
    approved_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX partners_rep ON partners (rep_id, id);
CREATE INDEX partners_status ON partners (status, id);

-- A user of role `partner` belongs to one account.
ALTER TABLE users ADD COLUMN partner_id TEXT REFERENCES partners (id);
CREATE INDEX users_partner ON users (partner_id);

-- Each tier's discount off MSRP, in whole percent (seed 004).
ALTER TABLE settings ADD COLUMN partner_starter_discount_percent INTEGER NOT NULL DEFAULT 25;
ALTER TABLE settings ADD COLUMN partner_growth_discount_percent INTEGER NOT NULL DEFAULT 35;
ALTER TABLE settings ADD COLUMN partner_enterprise_discount_percent INTEGER NOT NULL DEFAULT 40;
