//! Resources as the API shows them, and the requests that add and use them.

use chrono::{DateTime, Utc};
use garde::Validate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{AssetCategory, IntegrationStatus, Provider, VideoCategory};
use crate::partners::PartnerTier;
use crate::validate::{self, NAME_MAX};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingAsset {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub category: AssetCategory,
    /// The lowest tier that may download it; none: every tier.
    pub min_tier: Option<PartnerTier>,
    /// Times downloaded, by every account.
    pub downloads: u64,
    pub created_at: DateTime<Utc>,
}

/// A new marketing asset (the back office): the file lives where `url` says (the brand's
/// storage).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateMarketingAssetRequest {
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub title: String,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub description: Option<String>,
    #[garde(skip)]
    pub category: AssetCategory,
    /// An `https://` address of the file.
    #[garde(length(chars, min = 9, max = 2000), custom(validate::https_url))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 9, max_length = 2000, pattern = r"^https://[^\s\u0000]+$")
    )]
    pub url: String,
    #[serde(default)]
    #[garde(skip)]
    pub min_tier: Option<PartnerTier>,
}

/// Where to fetch a downloaded asset, and how often it has been downloaded now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssetDownload {
    pub url: String,
    pub downloads: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct MarketingAssetListQuery {
    pub category: Option<AssetCategory>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// A how-to video, with the caller's progress and everyone's ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VideoGuide {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub category: VideoCategory,
    pub duration_seconds: u32,
    pub url: String,
    /// How far the caller watched (seconds); 0 before it started.
    pub watched_seconds: u32,
    /// Watched to 90% or more.
    pub completed: bool,
    /// The caller's rating, 1–5.
    pub my_rating: Option<u8>,
    /// The mean of everyone's ratings, to one decimal; none before the first.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "4.5"))]
    #[serde(with = "rust_decimal::serde::str_option")]
    pub average_rating: Option<Decimal>,
    pub ratings: u32,
}

/// A new how-to video (the back office).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateVideoGuideRequest {
    #[garde(length(chars, min = 1, max = NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub title: String,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 2000), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub description: Option<String>,
    #[garde(skip)]
    pub category: VideoCategory,
    /// 1 second to 10 hours.
    #[garde(range(min = 1, max = 36000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 36000))]
    pub duration_seconds: u32,
    /// An `https://` address of the video.
    #[garde(length(chars, min = 9, max = 2000), custom(validate::https_url))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 9, max_length = 2000, pattern = r"^https://[^\s\u0000]+$")
    )]
    pub url: String,
}

/// How far the caller has watched a video, and optionally its rating.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VideoProgressRequest {
    /// Seconds watched, at most the video's length; progress never goes back.
    #[garde(range(max = 36000))]
    #[cfg_attr(feature = "openapi", schema(maximum = 36000))]
    pub watched_seconds: u32,
    /// 1–5.
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 5)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: Option<u8>,
}

/// One system an account may connect, and whether it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Integration {
    pub provider: Provider,
    /// "Point of sale", "Accounting", …
    pub kind: String,
    pub status: IntegrationStatus,
    pub connected_at: Option<DateTime<Utc>>,
    pub last_sync_at: Option<DateTime<Utc>>,
}
