//! `PATCH /partners/{id}`: the business's details, and (admins) the commercial terms.

use closebook_shared::Role;
use closebook_shared::partners::{Partner, PartnerStatus, UpdatePartnerRequest, name_key};
use uuid::Uuid;

use super::apply::rep_for;
use super::review::{account_manager, credit_minor};
use super::{load, save};
use crate::authz::PartnerCaller;
use crate::concurrency;
use crate::db::DbConn;
use crate::db::partners as rows;
use crate::error::ApiError;

pub fn update(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: UpdatePartnerRequest,
    expected: Option<i64>,
) -> Result<Partner, ApiError> {
    if caller.principal.role == Role::Finance {
        return Err(ApiError::forbidden("finance reads partner accounts"));
    }
    let before = load(conn, caller, id)?;
    let admin = caller.principal.role == Role::Admin;
    if req.changes_terms() && !admin {
        return Err(ApiError::forbidden(
            "only an admin sets an account's tier, credit, terms, rep or manager",
        ));
    }
    if before.status == PartnerStatus::Pending
        && (req.tier.is_some() || req.credit_limit.is_some() || req.payment_terms.is_some())
    {
        return Err(ApiError::conflict(
            "a pending application gets its tier, credit and terms when it is approved",
        ));
    }
    if before.status == PartnerStatus::Closed {
        return Err(ApiError::conflict("a closed account stays as it was"));
    }
    let mut row = before.clone();
    if let Some(name) = &req.business_name {
        let key = name_key(name);
        if rows::name_taken(conn, &key, Some(&row.id))? {
            return Err(
                ApiError::conflict("a partner account with this name exists")
                    .on_field("business_name", "is already a partner account"),
            );
        }
        row.business_name = name.trim().to_owned();
        row.name_key = key;
    }
    if let Some(t) = req.business_type {
        row.business_type = t;
    }
    if let Some(t) = req.tax_id {
        row.tax_id = Some(t.trim().to_owned());
    }
    if let Some(c) = req.contact_name {
        row.contact_name = c.trim().to_owned();
    }
    if let Some(e) = req.email {
        row.email = e.trim().to_owned();
    }
    if let Some(p) = req.phone {
        row.phone = p.trim().to_owned();
    }
    if let Some(w) = req.website {
        row.website = Some(w.trim().to_owned());
    }
    if let Some(a) = req.address {
        row.set_address(a);
    }
    if let Some(t) = req.tier {
        row.tier = t;
    }
    if let Some(c) = &req.credit_limit {
        let (minor, currency) = credit_minor(conn, c)?;
        row.credit_limit_minor = minor;
        row.currency = currency;
    }
    if let Some(t) = req.payment_terms {
        row.payment_terms = t;
    }
    if req.rep_id.is_some() {
        row.rep_id = rep_for(conn, caller, req.rep_id)?;
    }
    if let Some(m) = req.account_manager_id {
        row.account_manager_id = Some(account_manager(conn, m)?);
    }
    concurrency::check(expected, before.version)?;
    save(conn, &caller.actor, "partner.update", &before, row)
}
