-- Shipments of partner orders (issue 13 §5, seed 004 Shipment, TrackingEvent): the carrier's
-- tracking, a status moved by tracking events, a temperature log for frozen goods, the proof of
-- delivery. Temperatures are stored in tenths of a degree Fahrenheit (exact).
CREATE TABLE shipments (
    id TEXT PRIMARY KEY NOT NULL,
    order_id TEXT NOT NULL REFERENCES orders (id),
    partner_id TEXT NOT NULL REFERENCES partners (id),
    carrier TEXT NOT NULL CHECK (carrier IN ('fedex', 'ups', 'usps', 'xpo', 'other')),
    service TEXT,
    tracking_number TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('pending', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
    current_location TEXT,
    estimated_delivery TIMESTAMP,
    packages INTEGER NOT NULL CHECK (packages BETWEEN 1 AND 1000),
    delivered_at TIMESTAMP,
    signed_by TEXT,
    temperature_controlled BOOLEAN NOT NULL,
    target_tenths INTEGER NOT NULL,
    tolerance_tenths INTEGER NOT NULL CHECK (tolerance_tenths >= 0),
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (carrier, tracking_number)
);
CREATE INDEX shipments_order ON shipments (order_id, id);
CREATE INDEX shipments_partner ON shipments (partner_id, id);

CREATE TABLE shipment_events (
    id TEXT PRIMARY KEY NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    status TEXT NOT NULL
        CHECK (status IN ('pending', 'picked_up', 'in_transit', 'out_for_delivery', 'delivered', 'exception')),
    location TEXT NOT NULL,
    description TEXT,
    at TIMESTAMP NOT NULL
);
CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, at, id);

CREATE TABLE temperature_readings (
    id TEXT PRIMARY KEY NOT NULL,
    shipment_id TEXT NOT NULL REFERENCES shipments (id),
    at TIMESTAMP NOT NULL,
    tenths INTEGER NOT NULL,
    location TEXT
);
CREATE INDEX temperature_readings_shipment ON temperature_readings (shipment_id, at, id);
