-- Partner resources (issue 13 §6, seed 004 MarketingAsset, VideoGuide, PartnerIntegration): the
-- marketing hub's assets (each for a tier and above, downloads counted), the how-to video
-- library with each user's progress and rating, and the accounts' integrations (listed with
-- their status; connecting one is a later step).
CREATE TABLE marketing_assets (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    category TEXT NOT NULL
        CHECK (category IN ('poster', 'social', 'shelf_talker', 'video', 'logo', 'brochure')),
    url TEXT NOT NULL,
    -- The lowest tier that may download it; NULL: every tier.
    min_tier TEXT CHECK (min_tier IN ('starter', 'growth', 'enterprise')),
    downloads BIGINT NOT NULL CHECK (downloads >= 0),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX marketing_assets_category ON marketing_assets (category, id);

CREATE TABLE video_guides (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    category TEXT NOT NULL
        CHECK (category IN ('getting_started', 'ordering', 'merchandising', 'storage', 'marketing')),
    duration_seconds INTEGER NOT NULL CHECK (duration_seconds BETWEEN 1 AND 36000),
    url TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE video_progress (
    user_id TEXT NOT NULL REFERENCES users (id),
    video_id TEXT NOT NULL REFERENCES video_guides (id),
    watched_seconds INTEGER NOT NULL CHECK (watched_seconds >= 0),
    completed BOOLEAN NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, video_id)
);
CREATE INDEX video_progress_video ON video_progress (video_id);

CREATE TABLE partner_integrations (
    partner_id TEXT NOT NULL REFERENCES partners (id),
    provider TEXT NOT NULL
        CHECK (provider IN ('square', 'shopify', 'lightspeed', 'quickbooks', 'xero', 'netsuite')),
    status TEXT NOT NULL CHECK (status IN ('connected', 'error')),
    connected_at TIMESTAMP NOT NULL,
    last_sync_at TIMESTAMP,
    PRIMARY KEY (partner_id, provider)
);
