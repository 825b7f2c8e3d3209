//! The marketing hub: assets by category, each for a tier and above, downloads counted.

use closebook_shared::Page;
use closebook_shared::partners::PartnerTier;
use closebook_shared::resources::{
    AssetDownload, CreateMarketingAssetRequest, MarketingAsset, MarketingAssetListQuery,
    tier_reaches,
};
use uuid::Uuid;

use super::back_office;
use crate::audit;
use crate::authz::{PartnerCaller, PartnerScope};
use crate::db::columns::{stored_count, uuid_of};
use crate::db::resources::{self as rows, AssetRow};
use crate::db::{DbConn, partners};
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

fn to_dto(r: AssetRow) -> Result<MarketingAsset, ApiError> {
    Ok(MarketingAsset {
        id: uuid_of(&r.id),
        title: r.title,
        description: r.description,
        category: r.category,
        min_tier: r.min_tier,
        downloads: stored_count(r.downloads, "asset downloads")?,
        created_at: r.created_at.and_utc(),
    })
}

/// Which assets a caller has.
enum Reach {
    /// The back office and the field: every asset.
    All,
    /// A partner user: those its account's tier reaches.
    Tier(PartnerTier),
    /// A partner user with no account: none.
    Nothing,
}

impl Reach {
    fn of(conn: &mut DbConn, caller: &PartnerCaller) -> Result<Reach, ApiError> {
        Ok(match &caller.scope {
            PartnerScope::Own(account) => {
                let partner = partners::find(conn, uuid_of(account))?
                    .ok_or_else(|| ApiError::internal("a partner user's account is gone"))?;
                Reach::Tier(partner.tier)
            }
            PartnerScope::Nothing if caller.is_partner_user() => Reach::Nothing,
            _ => Reach::All,
        })
    }

    fn has(&self, asset: &AssetRow) -> bool {
        match self {
            Reach::All => true,
            Reach::Tier(tier) => tier_reaches(*tier, asset.min_tier),
            Reach::Nothing => false,
        }
    }
}

/// The asset `id` when the caller has it (404 otherwise).
fn reachable(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<AssetRow, ApiError> {
    let reach = Reach::of(conn, caller)?;
    rows::find_asset(conn, &id.to_string())?
        .filter(|a| reach.has(a))
        .ok_or_else(|| ApiError::not_found("marketing asset"))
}

pub fn list_assets(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: MarketingAssetListQuery,
    page: &PageRequest,
) -> Result<Page<MarketingAsset>, ApiError> {
    // The lowest tiers whose assets the caller has (none for every asset).
    let reached: Option<Vec<PartnerTier>> = match Reach::of(conn, caller)? {
        Reach::All => None,
        Reach::Tier(tier) => Some(
            PartnerTier::ALL
                .iter()
                .copied()
                .filter(|min| tier_reaches(tier, Some(*min)))
                .collect(),
        ),
        Reach::Nothing => {
            return Ok(page.finish(
                Vec::<(Vec<String>, MarketingAsset)>::new(),
                |(k, _)| k.clone(),
                |(_, d)| d,
            ));
        }
    };
    let found = rows::list_assets(conn, reached.as_deref(), &q, page)?;
    let pairs = found
        .into_iter()
        .map(|r| Ok((vec![r.id.clone()], to_dto(r)?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}

pub fn create_asset(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: CreateMarketingAssetRequest,
) -> Result<MarketingAsset, ApiError> {
    back_office(caller, "marketing assets")?;
    let now = time::now();
    let row = AssetRow {
        id: Uuid::now_v7().to_string(),
        title: req.title.trim().to_owned(),
        description: req.description.map(|d| d.trim().to_owned()),
        category: req.category,
        url: req.url,
        min_tier: req.min_tier,
        downloads: 0,
        created_at: now,
        updated_at: now,
    };
    rows::insert_asset(conn, &row)?;
    let dto = to_dto(row.clone())?;
    audit::record_after(
        conn,
        &caller.actor,
        "marketing_asset.create",
        "marketing_asset",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

/// Counts a download and says where the file is; an asset above a partner's tier is not
/// there for it (404).
pub fn download(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<AssetDownload, ApiError> {
    let asset = reachable(conn, caller, id)?;
    let downloads = rows::count_download(conn, &asset.id, time::now())?;
    Ok(AssetDownload {
        url: asset.url,
        downloads: stored_count(downloads, "asset downloads")?,
    })
}

/// One asset, when the caller's tier reaches it (404 otherwise).
pub fn get_asset(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<MarketingAsset, ApiError> {
    to_dto(reachable(conn, caller, id)?)
}
