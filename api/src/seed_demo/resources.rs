//! The demo's partner resources: a marketing hub with assets for every tier and some for the
//! higher tiers only (downloaded a few times), a how-to library of five videos (Tom Becker has
//! watched and rated some), and Becker Fine Foods' integrations (its till connected, its
//! accounting failing to sync).

use chrono::{Duration, NaiveDateTime};
use closebook_shared::partners::PartnerTier;
use closebook_shared::resources::{AssetCategory, IntegrationStatus, Provider, VideoCategory};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConn;
use crate::db::resources::{self as rows, AssetRow, IntegrationRow, ProgressRow, VideoRow};
use crate::db::schema::{partners, users};
use crate::error::ApiError;

const CDN: &str = "https://assets.demo.closebook.local";

/// (title, category, lowest tier, downloads)
const ASSETS: [(&str, AssetCategory, Option<PartnerTier>, i64); 6] = [
    (
        "Summer smoothie poster (A2)",
        AssetCategory::Poster,
        None,
        42,
    ),
    ("Instagram launch pack", AssetCategory::Social, None, 27),
    (
        "Freezer door shelf talkers",
        AssetCategory::ShelfTalker,
        None,
        18,
    ),
    ("Brand logo kit", AssetCategory::Logo, None, 55),
    (
        "In-store demo video",
        AssetCategory::Video,
        Some(PartnerTier::Growth),
        9,
    ),
    (
        "Co-branded catalogue",
        AssetCategory::Brochure,
        Some(PartnerTier::Enterprise),
        4,
    ),
];

/// (title, category, seconds)
const VIDEOS: [(&str, VideoCategory, i32); 5] = [
    (
        "Your first order in five minutes",
        VideoCategory::GettingStarted,
        300,
    ),
    (
        "Cases, minimums and your tier price",
        VideoCategory::Ordering,
        420,
    ),
    ("Receiving a frozen delivery", VideoCategory::Storage, 540),
    (
        "Facing a freezer door that sells",
        VideoCategory::Merchandising,
        480,
    ),
    ("Running a tasting day", VideoCategory::Marketing, 600),
];

fn slug(title: &str) -> String {
    title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Writes them; how many assets and videos.
pub fn resources(conn: &mut DbConn, now: NaiveDateTime) -> Result<(usize, usize), ApiError> {
    for (i, (title, category, min_tier, downloads)) in ASSETS.iter().enumerate() {
        let at = now - Duration::days(60 - 7 * i64::try_from(i).unwrap_or(0));
        rows::insert_asset(
            conn,
            &AssetRow {
                id: Uuid::now_v7().to_string(),
                title: (*title).to_owned(),
                description: Some(format!("{} for your store, print-ready.", category.label())),
                category: *category,
                url: format!("{CDN}/{}.zip", slug(title)),
                min_tier: *min_tier,
                downloads: *downloads,
                created_at: at,
                updated_at: at,
            },
        )?;
    }
    let mut videos = Vec::new();
    for (title, category, seconds) in VIDEOS {
        let row = VideoRow {
            id: Uuid::now_v7().to_string(),
            title: title.to_owned(),
            description: None,
            category,
            duration_seconds: seconds,
            url: format!("{CDN}/videos/{}.mp4", slug(title)),
            created_at: now - Duration::days(90),
        };
        rows::insert_video(conn, &row)?;
        videos.push(row);
    }
    let tom: Option<String> = users::table
        .filter(users::email.eq("tom.becker@demo.closebook.local"))
        .select(users::id)
        .first(conn)
        .optional()?;
    if let Some(tom) = tom {
        // Watched the first two (rated 5 and 4), half of the third.
        for (video, watched, rating) in [(0, 300, Some(5)), (1, 420, Some(4)), (2, 270, None)] {
            let v: &VideoRow = &videos[video];
            rows::save_progress(
                conn,
                &ProgressRow {
                    user_id: tom.clone(),
                    video_id: v.id.clone(),
                    watched_seconds: watched,
                    completed: closebook_shared::resources::completes(
                        u32::try_from(watched).unwrap_or(0),
                        u32::try_from(v.duration_seconds).unwrap_or(1),
                    ),
                    rating,
                    updated_at: now - Duration::days(10),
                },
            )?;
        }
    }
    let becker: Option<String> = partners::table
        .filter(partners::business_name.eq("Becker Fine Foods"))
        .select(partners::id)
        .first(conn)
        .optional()?;
    if let Some(becker) = becker {
        for (provider, status, synced) in [
            (
                Provider::Square,
                IntegrationStatus::Connected,
                Some(now - Duration::hours(2)),
            ),
            (
                Provider::Quickbooks,
                IntegrationStatus::Error,
                Some(now - Duration::days(3)),
            ),
        ] {
            rows::insert_integration(
                conn,
                &IntegrationRow {
                    partner_id: becker.clone(),
                    provider,
                    status,
                    connected_at: now - Duration::days(40),
                    last_sync_at: synced,
                },
            )?;
        }
    }
    Ok((ASSETS.len(), VIDEOS.len()))
}
