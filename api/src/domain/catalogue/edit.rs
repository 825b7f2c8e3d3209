//! An admin's changes to the catalogue: `POST /products`, `PATCH /products/{id}` and
//! `POST /products/{id}/stock`. Only admins are admitted (`AdminCtx`).

use closebook_shared::catalogue::{
    CreateProductRequest, Product, StockAdjustmentRequest, UpdateProductRequest, sku_key,
};
use uuid::Uuid;

use super::{Viewer, to_dto};
use crate::audit;
use crate::concurrency;
use crate::context::Caller;
use crate::db::columns::{minor_in, to_json_list};
use crate::db::products::{self as rows, ProductRow};
use crate::db::{DbConn, settings, versioned};
use crate::error::ApiError;
use crate::time;

/// Labels stored trimmed, blank ones dropped.
fn labels(v: &[String]) -> String {
    let kept: Vec<String> = v
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    to_json_list(&kept)
}

fn nutrition_json(n: &closebook_shared::catalogue::Nutrition) -> Result<String, ApiError> {
    serde_json::to_string(n).map_err(ApiError::internal)
}

fn count(v: u32) -> i32 {
    // Requests bound these well below i32::MAX (garde ranges).
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn text(v: Option<String>) -> Option<String> {
    v.map(|t| t.trim().to_owned())
}

pub fn create(
    conn: &mut DbConn,
    caller: &Caller<()>,
    req: CreateProductRequest,
) -> Result<Product, ApiError> {
    let currency = settings::get(conn)?.currency;
    let msrp = minor_in("msrp", &req.msrp, &currency)?;
    let wholesale = minor_in("wholesale_price", &req.wholesale_price, &currency)?;
    let cost = minor_in("cost", &req.cost, &currency)?;
    let sku = sku_key(&req.sku);
    if rows::sku_taken(conn, &sku)? {
        return Err(ApiError::conflict("a product with this SKU exists")
            .on_field("sku", "is already in the catalogue"));
    }
    let now = time::now();
    let name = req.name.trim().to_owned();
    let row = ProductRow {
        id: Uuid::now_v7().to_string(),
        sku,
        name_key: name.to_lowercase(),
        name,
        category: req.category,
        subcategory: text(req.subcategory),
        description: text(req.description),
        currency,
        msrp_minor: msrp,
        wholesale_minor: wholesale,
        cost_minor: cost,
        case_pack: count(req.case_pack),
        min_order_qty: count(req.min_order_qty),
        stock: i64::from(req.stock),
        reorder_point: i64::from(req.reorder_point),
        allergens: labels(&req.allergens),
        certifications: labels(&req.certifications),
        nutrition: nutrition_json(&req.nutrition)?,
        storage_temp: text(req.storage_temp),
        shelf_life_days: count(req.shelf_life_days),
        active: true,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let viewer = Viewer::back_office(conn)?;
    let dto = to_dto(conn, &row, &viewer)?;
    audit::record_after(
        conn,
        &caller.actor,
        "product.create",
        "product",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

fn find(conn: &mut DbConn, id: Uuid) -> Result<ProductRow, ApiError> {
    rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("product"))
}

pub fn update(
    conn: &mut DbConn,
    caller: &Caller<()>,
    id: Uuid,
    req: UpdateProductRequest,
    expected: Option<i64>,
) -> Result<Product, ApiError> {
    let before = find(conn, id)?;
    let mut row = before.clone();
    let currency = before.currency.clone();
    if let Some(m) = &req.msrp {
        row.msrp_minor = minor_in("msrp", m, &currency)?;
    }
    if let Some(m) = &req.wholesale_price {
        row.wholesale_minor = minor_in("wholesale_price", m, &currency)?;
    }
    if let Some(m) = &req.cost {
        row.cost_minor = minor_in("cost", m, &currency)?;
    }
    concurrency::check(expected, before.version)?;
    if let Some(name) = req.name {
        row.name = name.trim().to_owned();
        row.name_key = row.name.to_lowercase();
    }
    if let Some(c) = req.category {
        row.category = c;
    }
    if req.subcategory.is_some() {
        row.subcategory = text(req.subcategory);
    }
    if req.description.is_some() {
        row.description = text(req.description);
    }
    if let Some(n) = req.case_pack {
        row.case_pack = count(n);
    }
    if let Some(n) = req.min_order_qty {
        row.min_order_qty = count(n);
    }
    if let Some(n) = req.reorder_point {
        row.reorder_point = i64::from(n);
    }
    if let Some(v) = &req.allergens {
        row.allergens = labels(v);
    }
    if let Some(v) = &req.certifications {
        row.certifications = labels(v);
    }
    if let Some(n) = &req.nutrition {
        row.nutrition = nutrition_json(n)?;
    }
    if req.storage_temp.is_some() {
        row.storage_temp = text(req.storage_temp);
    }
    if let Some(n) = req.shelf_life_days {
        row.shelf_life_days = count(n);
    }
    if let Some(a) = req.active {
        row.active = a;
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    // Stock is not saved with the row (another order may have moved it): read it back.
    row.stock = rows::stock_of(conn, &row.id)?;
    let viewer = Viewer::back_office(conn)?;
    let (was, after) = (
        to_dto(conn, &before, &viewer)?,
        to_dto(conn, &row, &viewer)?,
    );
    audit::record(
        conn,
        &caller.actor,
        "product.update",
        "product",
        Some(&row.id),
        Some(&was),
        Some(&after),
    )?;
    Ok(after)
}

pub fn adjust_stock(
    conn: &mut DbConn,
    caller: &Caller<()>,
    id: Uuid,
    req: StockAdjustmentRequest,
) -> Result<Product, ApiError> {
    let mut row = find(conn, id)?;
    let Some(stock) = rows::adjust_stock(conn, &row.id, req.change)? else {
        return Err(ApiError::conflict(format!(
            "only {} units are in stock: removing {} would leave less than none",
            rows::stock_of(conn, &row.id)?,
            -req.change
        ))
        .on_field("change", "removes more units than are in stock"));
    };
    row.stock = stock;
    let viewer = Viewer::back_office(conn)?;
    let dto = to_dto(conn, &row, &viewer)?;
    audit::record_after(
        conn,
        &caller.actor,
        "product.stock",
        "product",
        &row.id,
        &serde_json::json!({ "change": req.change, "reason": req.reason.trim(), "stock": dto.stock }),
    )?;
    Ok(dto)
}
