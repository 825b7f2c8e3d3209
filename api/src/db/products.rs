//! Catalogue rows and queries, and stock: reserved and released in the order's transaction
//! with a guarded update, so it never goes below zero.

use chrono::NaiveDateTime;
use closebook_shared::catalogue::{ProductCategory, ProductListQuery};
use diesel::prelude::*;

use super::DbConn;
use super::columns::{StoredCurrency, StoredId, like_pattern, lower};
use super::schema::products;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = products, treat_none_as_null = true)]
pub struct ProductRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub sku: String,
    pub name: String,
    /// The name lower-cased: the list's order.
    pub name_key: String,
    pub category: ProductCategory,
    pub subcategory: Option<String>,
    pub description: Option<String>,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub msrp_minor: i64,
    pub wholesale_minor: i64,
    pub cost_minor: i64,
    pub case_pack: i32,
    pub min_order_qty: i32,
    /// Changed only by [`adjust_stock`], never by saving the row.
    #[diesel(skip_update)]
    pub stock: i64,
    pub reorder_point: i64,
    /// JSON list.
    pub allergens: String,
    /// JSON list.
    pub certifications: String,
    /// JSON object.
    pub nutrition: String,
    pub storage_temp: Option<String>,
    pub shelf_life_days: i32,
    pub active: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::find_fn!(find, ProductRow, products);
crate::db::insert_fn!(insert, ProductRow, products);
super::versioned::versioned_row!(ProductRow, products);

/// Whether a product has this SKU.
pub fn sku_taken(conn: &mut DbConn, sku: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        products::table.filter(products::sku.eq(sku)),
    ))
    .get_result(conn)?)
}

/// The products `ids`, in any order.
pub fn find_many(conn: &mut DbConn, ids: &[String]) -> Result<Vec<ProductRow>, ApiError> {
    Ok(products::table
        .filter(products::id.eq_any(ids))
        .select(ProductRow::as_select())
        .load(conn)?)
}

/// A page of products by name. `back_office` sees inactive ones when it asks.
pub fn list(
    conn: &mut DbConn,
    q: &ProductListQuery,
    back_office: bool,
    page: &PageRequest,
) -> Result<Vec<ProductRow>, ApiError> {
    let mut query = products::table.select(ProductRow::as_select()).into_boxed();
    if !(back_office && q.include_inactive == Some(true)) {
        query = query.filter(products::active.eq(true));
    }
    if let Some(c) = q.category {
        query = query.filter(products::category.eq(c));
    }
    match q.needs_reorder {
        Some(true) => query = query.filter(products::stock.le(products::reorder_point)),
        Some(false) => query = query.filter(products::stock.gt(products::reorder_point)),
        None => {}
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = like_pattern(text);
        query = query.filter(
            products::name_key
                .like(pattern.clone())
                .escape('\\')
                .or(lower(products::sku).like(pattern).escape('\\')),
        );
    }
    Ok(
        keyset!(query, page, products::name_key, text_key, products::id, asc)
            .limit(page.fetch())
            .load(conn)?,
    )
}

/// Adds `change` units (negative: takes them out, as a confirmed order's reservation does) and
/// gives the stock after; `None`, with nothing changed, when that would take it below zero.
/// The guard is in the update itself, so two orders confirmed at once cannot both take the last
/// units (PostgreSQL re-reads the row after the first one's lock; SQLite runs one writer at a
/// time).
pub fn adjust_stock(conn: &mut DbConn, id: &str, change: i64) -> Result<Option<i64>, ApiError> {
    Ok(
        diesel::update(products::table.find(id).filter(products::stock.ge(-change)))
            .set(products::stock.eq(products::stock + change))
            .returning(products::stock)
            .get_result(conn)
            .optional()?,
    )
}

/// The stock of `id` now.
pub fn stock_of(conn: &mut DbConn, id: &str) -> Result<i64, ApiError> {
    Ok(products::table
        .find(id)
        .select(products::stock)
        .first(conn)?)
}
