//! Upsells (seed 000 F5): offered on a client, then marked sold. The sale writes the client's
//! owner (when offered) a pending line of the plan's upsell rate of the price, earned after the
//! eligibility window like new business.

use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use closebook_shared::upsells::{CreateUpsellRequest, MarkUpsellSoldRequest, Upsell};
use uuid::Uuid;

use super::ledger::{self, NewLine};
use super::{calendar, plans};
use crate::audit::{self, Actor};
use crate::authz::OwnerScope;
use crate::db::DbConn;
use crate::db::clients as client_rows;
use crate::db::commissions::lines;
use crate::db::commissions::upsells::{self as rows, UpsellRow};
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::time;

fn dto(conn: &mut DbConn, row: &UpsellRow) -> Result<Upsell, ApiError> {
    let line = lines::find_source_line(conn, LineType::Upsell, LineSource::Upsell, &row.id, None)?;
    row.to_dto(line.as_ref().map(|l| l.id.as_str()))
}

/// The upsell, when the caller's scope covers its client's owner.
fn load(conn: &mut DbConn, scope: &OwnerScope, id: Uuid) -> Result<UpsellRow, ApiError> {
    let row = rows::find(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("upsell"))?;
    let owner = client_rows::find(conn, &row.client_id)?
        .map(|c| c.owner_id)
        .ok_or_else(|| ApiError::internal("an upsell's client is gone"))?;
    if !scope.covers(&owner) {
        return Err(ApiError::not_found("upsell"));
    }
    Ok(row)
}

pub fn get(conn: &mut DbConn, scope: &OwnerScope, id: Uuid) -> Result<Upsell, ApiError> {
    let row = load(conn, scope, id)?;
    dto(conn, &row)
}

/// The client's upsells, newest first.
pub fn of_client(
    conn: &mut DbConn,
    scope: &OwnerScope,
    client_id: Uuid,
) -> Result<Vec<Upsell>, ApiError> {
    let client = crate::domain::clients::load_for(conn, scope, client_id)?;
    let rows = rows::of_client(conn, &client.id.to_string())?;
    rows.iter().map(|r| dto(conn, r)).collect()
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    scope: &OwnerScope,
    client_id: Uuid,
    req: CreateUpsellRequest,
) -> Result<Upsell, ApiError> {
    let client = crate::domain::clients::load_for(conn, scope, client_id)?;
    if client.cancelled_at.is_some() {
        return Err(ApiError::conflict("the client has cancelled"));
    }
    let now = time::now();
    let row = UpsellRow {
        id: Uuid::now_v7().to_string(),
        client_id: client.id.to_string(),
        product: req.product.trim().to_owned(),
        price_minor: req
            .price
            .to_minor()
            .map_err(|e| ApiError::field("price", e.to_string()))?,
        currency: req.price.currency.clone(),
        sold_at: None,
        rep_id: client.owner_id.to_string(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let out = row.to_dto(None)?;
    audit::record_after(conn, actor, "upsell.create", "upsell", &row.id, &out)?;
    Ok(out)
}

/// Marks it sold and writes its line; selling twice is a 409.
pub fn mark_sold(
    conn: &mut DbConn,
    actor: &Actor,
    scope: &OwnerScope,
    id: Uuid,
    req: MarkUpsellSoldRequest,
) -> Result<Upsell, ApiError> {
    let at = req.sold_at.map_or_else(time::now, |t| t.naive_utc());
    super::not_future("sold_at", at)?;
    let before = load(conn, scope, id)?;
    if at < before.created_at - chrono::Duration::days(366) {
        return Err(ApiError::field(
            "sold_at",
            "is more than a year before it was offered",
        ));
    }
    if !rows::mark_sold(conn, &before.id, at)? {
        return Err(ApiError::conflict("the upsell is already sold"));
    }
    let zone = calendar::zone(conn)?;
    let role = user_rows::find(conn, crate::db::columns::uuid_of(&before.rep_id))?
        .map(|u| u.role())
        .ok_or_else(|| ApiError::internal("an upsell's rep is gone"))?;
    let plan = plans::in_force(
        conn,
        Some(&before.rep_id),
        role,
        calendar::local_date(zone, at),
    )?;
    let dp = super::digits(&before.currency)?;
    let price = super::amount_of(before.price_minor, &before.currency)?;
    let e = rules::upsell(&plan.rules, price, dp);
    ledger::write(
        conn,
        NewLine {
            rep_id: &before.rep_id,
            line_type: LineType::Upsell,
            source_type: LineSource::Upsell,
            source_id: &before.id,
            plan_version_id: plan.plan_version_id.as_deref(),
            base: price,
            rate: Some(plan.rules.upsell_rate),
            explanation: &e,
            currency: &before.currency,
            period: calendar::period_of(zone, at),
            source_at: at,
            earns_at: Some(rules::earned_at(&plan.rules, at)),
            related_line_id: None,
        },
        LineStatus::Pending,
        "upsell sold",
    )?;
    let after = rows::find(conn, &before.id)?.ok_or_else(|| ApiError::not_found("upsell"))?;
    let (old, new) = (before.to_dto(None)?, dto(conn, &after)?);
    audit::record(
        conn,
        actor,
        "upsell.sold",
        "upsell",
        Some(&after.id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}
