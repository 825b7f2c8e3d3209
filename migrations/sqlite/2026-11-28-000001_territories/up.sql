-- Territories (seed 002 §4): REGION → AREA → MICRO, a GeoJSON shape and/or lists of ZIP codes,
-- cities and states. The bounding box (degrees × 10^6) lets a bbox filter and the placing of
-- leads skip far shapes without reading them.
CREATE TABLE territories (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('region', 'area', 'micro')),
    parent_id TEXT REFERENCES territories (id),
    color TEXT NOT NULL,
    priority_weight INTEGER NOT NULL CHECK (priority_weight BETWEEN 1 AND 100),
    active BOOLEAN NOT NULL,
    -- the GeoJSON geometry object, as sent
    geometry TEXT,
    west_e6 BIGINT,
    south_e6 BIGINT,
    east_e6 BIGINT,
    north_e6 BIGINT,
    -- JSON lists of text
    zip_codes TEXT NOT NULL,
    cities TEXT NOT NULL,
    states TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX territories_parent_id ON territories (parent_id, id);

-- Who works a territory, from when to when; an ended assignment is kept as history.
CREATE TABLE territory_assignments (
    id TEXT PRIMARY KEY NOT NULL,
    territory_id TEXT NOT NULL REFERENCES territories (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL CHECK (role IN ('owner', 'contributor', 'viewer')),
    is_primary BOOLEAN NOT NULL,
    effective_from DATE NOT NULL,
    effective_to DATE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX territory_assignments_territory ON territory_assignments (territory_id, id);
CREATE INDEX territory_assignments_user ON territory_assignments (user_id);

ALTER TABLE leads ADD COLUMN territory_id TEXT REFERENCES territories (id);
CREATE INDEX leads_territory_id ON leads (territory_id);
