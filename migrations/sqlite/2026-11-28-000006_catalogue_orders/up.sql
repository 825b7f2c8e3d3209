-- The wholesale catalogue and partner orders (issue 13 §2–3, seed 004 Product, Order,
-- OrderItem, ShippingAddress).
CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    -- Upper-case, trimmed (closebook_shared::catalogue::sku_key).
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- The name lower-cased: the list's order and its search.
    name_key TEXT NOT NULL,
    category TEXT NOT NULL
        CHECK (category IN ('smoothie', 'ice_cream', 'popsicle', 'frozen_meal', 'protein_bar', 'other')),
    subcategory TEXT,
    description TEXT,
    currency TEXT NOT NULL,
    msrp_minor BIGINT NOT NULL CHECK (msrp_minor >= 0),
    wholesale_minor BIGINT NOT NULL CHECK (wholesale_minor >= 0),
    cost_minor BIGINT NOT NULL CHECK (cost_minor >= 0),
    case_pack INTEGER NOT NULL CHECK (case_pack >= 1),
    min_order_qty INTEGER NOT NULL CHECK (min_order_qty >= 1),
    -- Units on hand and not reserved by a confirmed order: never below zero, whatever runs at
    -- the same time (a reservation is `stock = stock - n WHERE stock >= n`).
    stock BIGINT NOT NULL CHECK (stock >= 0),
    reorder_point BIGINT NOT NULL CHECK (reorder_point >= 0),
    -- JSON lists of text.
    allergens TEXT NOT NULL,
    certifications TEXT NOT NULL,
    -- JSON object (closebook_shared::catalogue::Nutrition).
    nutrition TEXT NOT NULL,
    storage_temp TEXT,
    shelf_life_days INTEGER NOT NULL CHECK (shelf_life_days >= 1),
    active BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX products_name ON products (name_key, id);

-- Order numbers, ORD-10001 on: taken in the order's transaction.
INSERT INTO counters (name, value) VALUES ('order', 10000);

CREATE TABLE orders (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    partner_id TEXT NOT NULL REFERENCES partners (id),
    -- The rep looking after the account when it was placed: paid on it.
    rep_id TEXT REFERENCES users (id),
    placed_by TEXT REFERENCES users (id),
    status TEXT NOT NULL
        CHECK (status IN ('pending', 'confirmed', 'production', 'quality_check', 'shipped', 'delivered', 'cancelled')),
    currency TEXT NOT NULL,
    discount_percent INTEGER NOT NULL CHECK (discount_percent >= 0),
    units BIGINT NOT NULL CHECK (units > 0),
    msrp_total_minor BIGINT NOT NULL CHECK (msrp_total_minor >= 0),
    subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
    payment_terms TEXT NOT NULL CHECK (payment_terms IN ('net30', 'net60', 'prepaid')),
    paid_at TIMESTAMP,
    po_number TEXT,
    ship_recipient TEXT NOT NULL,
    ship_line1 TEXT NOT NULL,
    ship_line2 TEXT,
    ship_city TEXT NOT NULL,
    ship_region TEXT NOT NULL,
    ship_postal_code TEXT NOT NULL,
    ship_country TEXT NOT NULL,
    dock_instructions TEXT,
    dock_hours TEXT,
    requires_appointment BOOLEAN NOT NULL,
    special_instructions TEXT,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX orders_partner ON orders (partner_id, id);
CREATE INDEX orders_rep ON orders (rep_id, id);
-- The credit check's open balance, read from the index alone: unpaid (paid_at NULL), not
-- cancelled, summed.
CREATE INDEX orders_partner_unpaid ON orders (partner_id, paid_at, status, subtotal_minor);

CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id),
    line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL REFERENCES products (id),
    -- As the product was when ordered.
    sku TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    case_pack INTEGER NOT NULL CHECK (case_pack >= 1),
    unit_msrp_minor BIGINT NOT NULL,
    unit_price_minor BIGINT NOT NULL,
    subtotal_minor BIGINT NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

CREATE TABLE order_events (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES orders (id),
    from_status TEXT
        CHECK (from_status IN ('pending', 'confirmed', 'production', 'quality_check', 'shipped', 'delivered', 'cancelled')),
    to_status TEXT NOT NULL
        CHECK (to_status IN ('pending', 'confirmed', 'production', 'quality_check', 'shipped', 'delivered', 'cancelled')),
    by_user TEXT REFERENCES users (id),
    note TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, at, id);
