//! Resource rows: marketing assets (their download counter), how-to videos with each viewer's
//! progress, and the accounts' integrations.

use chrono::NaiveDateTime;
use closebook_shared::partners::PartnerTier;
use closebook_shared::resources::{
    AssetCategory, IntegrationStatus, MarketingAssetListQuery, Provider, VideoCategory,
};
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredId;
use super::schema::{marketing_assets, partner_integrations, video_guides, video_progress};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = marketing_assets)]
pub struct AssetRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub category: AssetCategory,
    pub url: String,
    pub min_tier: Option<PartnerTier>,
    pub downloads: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::insert_fn!(insert_asset, AssetRow, marketing_assets);

/// A page of assets, newest first; `tiers`: only those for one of these lowest tiers (or for
/// every tier), as a partner's account reaches them.
pub fn list_assets(
    conn: &mut DbConn,
    tiers: Option<&[PartnerTier]>,
    q: &MarketingAssetListQuery,
    page: &PageRequest,
) -> Result<Vec<AssetRow>, ApiError> {
    let mut query = marketing_assets::table
        .select(AssetRow::as_select())
        .into_boxed();
    if let Some(tiers) = tiers {
        query = query.filter(
            marketing_assets::min_tier
                .is_null()
                .or(marketing_assets::min_tier.eq_any(tiers.to_vec())),
        );
    }
    if let Some(c) = q.category {
        query = query.filter(marketing_assets::category.eq(c));
    }
    Ok(keyset!(query, page, marketing_assets::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}

pub fn find_asset(conn: &mut DbConn, id: &str) -> Result<Option<AssetRow>, ApiError> {
    Ok(marketing_assets::table
        .find(id)
        .select(AssetRow::as_select())
        .first(conn)
        .optional()?)
}

/// Counts one download; the count after it.
pub fn count_download(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> Result<i64, ApiError> {
    diesel::update(marketing_assets::table.find(id))
        .set((
            marketing_assets::downloads.eq(marketing_assets::downloads + 1),
            marketing_assets::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(marketing_assets::table
        .find(id)
        .select(marketing_assets::downloads)
        .first(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = video_guides)]
pub struct VideoRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub category: VideoCategory,
    pub duration_seconds: i32,
    pub url: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = video_progress, treat_none_as_null = true)]
pub struct ProgressRow {
    #[diesel(deserialize_as = StoredId)]
    pub user_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub video_id: String,
    pub watched_seconds: i32,
    pub completed: bool,
    pub rating: Option<i32>,
    pub updated_at: NaiveDateTime,
}

crate::db::insert_fn!(insert_video, VideoRow, video_guides);

/// The library, by category then title.
pub fn videos(conn: &mut DbConn) -> Result<Vec<VideoRow>, ApiError> {
    Ok(video_guides::table
        .order((
            video_guides::category.asc(),
            video_guides::title.asc(),
            video_guides::id.asc(),
        ))
        .select(VideoRow::as_select())
        .load(conn)?)
}

pub fn find_video(conn: &mut DbConn, id: &str) -> Result<Option<VideoRow>, ApiError> {
    Ok(video_guides::table
        .find(id)
        .select(VideoRow::as_select())
        .first(conn)
        .optional()?)
}

/// A user's progress on every video it started.
pub fn progress_of(conn: &mut DbConn, user: &str) -> Result<Vec<ProgressRow>, ApiError> {
    Ok(video_progress::table
        .filter(video_progress::user_id.eq(user))
        .select(ProgressRow::as_select())
        .load(conn)?)
}

/// Each rated video's ratings: (video, sum, count).
pub fn ratings(conn: &mut DbConn) -> Result<Vec<(String, i64, i64)>, ApiError> {
    use diesel::dsl::{count, sql};
    use diesel::sql_types::{BigInt, Nullable};
    let rows: Vec<(String, Option<i64>, i64)> = video_progress::table
        .filter(video_progress::rating.is_not_null())
        .group_by(video_progress::video_id)
        .select((
            video_progress::video_id,
            sql::<Nullable<BigInt>>("CAST(SUM(rating) AS BIGINT)"),
            count(video_progress::rating),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(v, sum, n)| (v, sum.unwrap_or_default(), n))
        .collect())
}

/// Writes a user's progress on a video, in place of what it was.
pub fn save_progress(conn: &mut DbConn, row: &ProgressRow) -> Result<(), ApiError> {
    let changed =
        diesel::update(video_progress::table.find((row.user_id.clone(), row.video_id.clone())))
            .set(row)
            .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(video_progress::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = partner_integrations)]
pub struct IntegrationRow {
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    pub provider: Provider,
    pub status: IntegrationStatus,
    pub connected_at: NaiveDateTime,
    pub last_sync_at: Option<NaiveDateTime>,
}

crate::db::insert_fn!(insert_integration, IntegrationRow, partner_integrations);

pub fn integrations_of(conn: &mut DbConn, partner: &str) -> Result<Vec<IntegrationRow>, ApiError> {
    Ok(partner_integrations::table
        .filter(partner_integrations::partner_id.eq(partner))
        .select(IntegrationRow::as_select())
        .load(conn)?)
}
