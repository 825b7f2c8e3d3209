//! The catalogue (issue 13 §2): products added and changed by admins, restocked by stock
//! adjustments, read by everyone signed in — each at their own price: a partner user sees its
//! tier's, the back office sees cost too. Every change is audited.

mod edit;
pub mod images;

pub use edit::{adjust_stock, create, update};

use std::collections::HashMap;

use closebook_shared::catalogue::{
    Nutrition, Product, ProductImage, ProductListQuery, TierPrice, margin_percent, needs_reorder,
    tier_price,
};
use closebook_shared::partners::{PartnerTier, PartnerTiers};
use closebook_shared::{Money, Page, Role};
use uuid::Uuid;

use crate::authz::{PartnerCaller, PartnerScope};
use crate::db::columns::{json_list, stored_count, stored_money, uuid_of};
use crate::db::products::{self as rows, ProductRow};
use crate::db::{DbConn, partners, settings};
use crate::error::ApiError;
use crate::pagination::PageRequest;

/// Who is looking at a product: what it may see and at which tier it buys.
pub(crate) struct Viewer {
    pub tiers: PartnerTiers,
    /// Admins and finance: cost, inactive products.
    pub back_office: bool,
    /// A partner user's account's tier.
    pub tier: Option<PartnerTier>,
}

impl Viewer {
    pub fn of(conn: &mut DbConn, caller: &PartnerCaller) -> Result<Viewer, ApiError> {
        let tiers = settings::get(conn)?.partner_tiers();
        let tier = match &caller.scope {
            PartnerScope::Own(id) => partners::find(conn, uuid_of(id))?.map(|p| p.tier),
            _ => None,
        };
        Ok(Viewer {
            tiers,
            back_office: matches!(caller.principal.role, Role::Admin | Role::Finance),
            tier,
        })
    }

    /// The back office's view (a product just written by an admin).
    pub fn back_office(conn: &mut DbConn) -> Result<Viewer, ApiError> {
        Ok(Viewer {
            tiers: settings::get(conn)?.partner_tiers(),
            back_office: true,
            tier: None,
        })
    }
}

fn price_at(msrp: &Money, tier: PartnerTier, tiers: &PartnerTiers) -> Result<TierPrice, ApiError> {
    let discount_percent = tiers.discount(tier);
    let price = tier_price(msrp, discount_percent).map_err(ApiError::internal)?;
    Ok(TierPrice {
        tier,
        discount_percent,
        margin: Money::new(msrp.amount - price.amount, msrp.currency.clone()),
        margin_percent: margin_percent(msrp, &price),
        price,
    })
}

/// The images of `products`, by product id, each product's in order.
fn images_by_product(
    conn: &mut DbConn,
    products: &[String],
) -> Result<HashMap<String, Vec<ProductImage>>, ApiError> {
    let mut by_product: HashMap<String, Vec<ProductImage>> = HashMap::new();
    for row in crate::db::product_images::of_products(conn, products)? {
        let dto = images::to_dto(&row)?;
        by_product.entry(row.product_id).or_default().push(dto);
    }
    Ok(by_product)
}

/// One product as `viewer` sees it, with its images.
pub(crate) fn to_dto(
    conn: &mut DbConn,
    row: &ProductRow,
    viewer: &Viewer,
) -> Result<Product, ApiError> {
    let images = images_by_product(conn, std::slice::from_ref(&row.id))?
        .remove(&row.id)
        .unwrap_or_default();
    dto(row, viewer, images)
}

fn dto(row: &ProductRow, viewer: &Viewer, images: Vec<ProductImage>) -> Result<Product, ApiError> {
    let msrp = stored_money(row.msrp_minor, &row.currency)?;
    let tier_prices = PartnerTier::ALL
        .iter()
        .map(|t| price_at(&msrp, *t, &viewer.tiers))
        .collect::<Result<Vec<_>, _>>()?;
    let your_price = viewer
        .tier
        .and_then(|t| tier_prices.iter().find(|p| p.tier == t).cloned());
    let nutrition: Nutrition = serde_json::from_str(&row.nutrition)
        .map_err(|e| ApiError::internal(format!("product {} nutrition: {e}", row.id)))?;
    let reorder_point = stored_count(row.reorder_point, "reorder point")?;
    Ok(Product {
        id: uuid_of(&row.id),
        sku: row.sku.clone(),
        name: row.name.clone(),
        category: row.category,
        subcategory: row.subcategory.clone(),
        description: row.description.clone(),
        wholesale_price: stored_money(row.wholesale_minor, &row.currency)?,
        cost: if viewer.back_office {
            Some(stored_money(row.cost_minor, &row.currency)?)
        } else {
            None
        },
        msrp,
        tier_prices,
        your_price,
        case_pack: stored_count(row.case_pack, "case pack")?,
        min_order_qty: stored_count(row.min_order_qty, "minimum order")?,
        stock: row.stock,
        reorder_point,
        needs_reorder: needs_reorder(row.stock, reorder_point),
        allergens: json_list(&row.allergens),
        certifications: json_list(&row.certifications),
        nutrition,
        storage_temp: row.storage_temp.clone(),
        shelf_life_days: stored_count(row.shelf_life_days, "shelf life")?,
        active: row.active,
        images,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The product `id`: any for the back office, an active one for everyone else (404 otherwise).
fn load(conn: &mut DbConn, id: Uuid, viewer: &Viewer) -> Result<ProductRow, ApiError> {
    rows::find(conn, id)?
        .filter(|p| p.active || viewer.back_office)
        .ok_or_else(|| ApiError::not_found("product"))
}

pub fn get(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<Product, ApiError> {
    let viewer = Viewer::of(conn, caller)?;
    let row = load(conn, id, &viewer)?;
    to_dto(conn, &row, &viewer)
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: ProductListQuery,
    page: &PageRequest,
) -> Result<Page<Product>, ApiError> {
    let viewer = Viewer::of(conn, caller)?;
    let rows = rows::list(conn, &q, viewer.back_office, page)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut images = images_by_product(conn, &ids)?;
    let pairs = rows
        .iter()
        .map(|r| {
            let pictures = images.remove(&r.id).unwrap_or_default();
            Ok((
                vec![r.name_key.clone(), r.id.clone()],
                dto(r, &viewer, pictures)?,
            ))
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}
