//! Partner accounts (issue 13 §1, seed 004 `WholesalePartner`): applied for by a rep, a
//! manager or an admin, approved by an admin with a tier, a credit limit and payment terms,
//! suspended, reactivated or closed with a reason; each change audited.

pub mod addresses;
mod analytics;
mod apply;
mod review;
mod update;
mod users;

pub use analytics::analytics;
pub use apply::apply;
pub use review::{approve, change_status};
pub use update::update;
pub use users::add_user;

use std::collections::HashMap;

use closebook_shared::Page;
use closebook_shared::partners::{Partner, PartnerListQuery, PartnerTiers};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::authz::PartnerCaller;
use crate::db::columns::{stored_count, stored_money, uuid_of};
use crate::db::orders::{self, AccountTotals};
use crate::db::partners::{self as rows, PartnerRow};
use crate::db::{DbConn, settings, users as user_rows, versioned};
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

/// The account as the API shows it, with the tier's discount of today's settings.
fn to_dto(
    row: &PartnerRow,
    tiers: &PartnerTiers,
    rep_name: Option<String>,
    totals: Option<&AccountTotals>,
) -> Result<Partner, ApiError> {
    let id = |v: &Option<String>| v.as_deref().map(uuid_of);
    let credit_limit = stored_money(row.credit_limit_minor, &row.currency)?;
    let t = totals.cloned().unwrap_or_default();
    let stats = closebook_shared::partners::stats(
        stored_count(t.orders, "order count")?,
        t.value_minor,
        t.unpaid_minor,
        &credit_limit,
        t.last_at.map(|at| at.and_utc()),
    )
    .map_err(|e| ApiError::internal(format!("partner {} order totals: {e}", row.id)))?;
    Ok(Partner {
        id: uuid_of(&row.id),
        business_name: row.business_name.clone(),
        business_type: row.business_type,
        tax_id: row.tax_id.clone(),
        contact_name: row.contact_name.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        website: row.website.clone(),
        address: row.address(),
        tier: row.tier,
        discount_percent: tiers.discount(row.tier),
        credit_limit,
        payment_terms: row.payment_terms,
        status: row.status,
        status_reason: row.status_reason.clone(),
        rep_id: id(&row.rep_id),
        rep_name,
        account_manager_id: id(&row.account_manager_id),
        lead_id: id(&row.lead_id),
        applied_by: id(&row.applied_by),
        approved_by: id(&row.approved_by),
        approved_at: row.approved_at.map(|t| t.and_utc()),
        stats,
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// The DTOs of `rows`, with their reps' names and their order totals (a query each) and the
/// tiers of today's settings.
fn dtos(conn: &mut DbConn, rows: Vec<PartnerRow>) -> Result<Vec<Partner>, ApiError> {
    let tiers = settings::get(conn)?.partner_tiers();
    let reps: Vec<String> = rows.iter().filter_map(|r| r.rep_id.clone()).collect();
    let names: HashMap<String, String> = user_rows::names(conn, &reps)?.into_iter().collect();
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let totals: HashMap<String, AccountTotals> = orders::totals(conn, &ids)?.into_iter().collect();
    rows.iter()
        .map(|r| {
            let name = r.rep_id.as_ref().and_then(|id| names.get(id).cloned());
            to_dto(r, &tiers, name, totals.get(&r.id))
        })
        .collect()
}

fn dto(conn: &mut DbConn, row: &PartnerRow) -> Result<Partner, ApiError> {
    Ok(dtos(conn, vec![row.clone()])?.remove(0))
}

/// Saves a changed account (version checked against `before`) and audits the change.
pub(super) fn save(
    conn: &mut DbConn,
    actor: &Actor,
    action: &str,
    before: &PartnerRow,
    mut row: PartnerRow,
) -> Result<Partner, ApiError> {
    versioned::save(conn, &mut row, before.version, time::now())?;
    let id = row.id.clone();
    let [was, after]: [Partner; 2] = dtos(conn, vec![before.clone(), row])?
        .try_into()
        .map_err(|_| ApiError::internal("two accounts in, two out"))?;
    audit::record(
        conn,
        actor,
        action,
        "partner",
        Some(&id),
        Some(&was),
        Some(&after),
    )?;
    Ok(after)
}

/// The account `id` as an admin sees it: any (404 when there is none).
fn find(conn: &mut DbConn, id: Uuid) -> Result<PartnerRow, ApiError> {
    rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("partner"))
}

/// The account `id`, when the caller sees it (404 otherwise).
pub(crate) fn load(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<PartnerRow, ApiError> {
    Some(find(conn, id)?)
        .filter(|r| caller.scope.covers(&r.id, r.rep_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("partner"))
}

pub fn get(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<Partner, ApiError> {
    let row = load(conn, caller, id)?;
    dto(conn, &row)
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: PartnerListQuery,
    page: &PageRequest,
) -> Result<Page<Partner>, ApiError> {
    let rows = rows::list(conn, &caller.scope, &q, page)?;
    let keys: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.name_key.clone(), r.id.clone()])
        .collect();
    let pairs: Vec<(Vec<String>, Partner)> = keys.into_iter().zip(dtos(conn, rows)?).collect();
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}
