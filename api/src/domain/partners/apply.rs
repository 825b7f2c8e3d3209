//! `POST /partners`: an application for a partner account.

use closebook_shared::Role;
use closebook_shared::leads::Outcome;
use closebook_shared::partners::{
    CreatePartnerRequest, Partner, PartnerStatus, PartnerTier, PaymentTerms, name_key,
};
use uuid::Uuid;

use super::dto;
use crate::audit;
use crate::authz::PartnerCaller;
use crate::db::columns::uuid_of;
use crate::db::leads::{self, LeadRow};
use crate::db::partners::{self as rows, PartnerRow};
use crate::db::{DbConn, settings, users};
use crate::error::ApiError;
use crate::time;

/// The rep an account is looked after by: a rep applying looks after it; a manager names one
/// of its people, an admin any active rep (or none yet).
pub(super) fn rep_for(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    named: Option<Uuid>,
) -> Result<Option<String>, ApiError> {
    let me = caller.principal.user_id().map(|u| u.to_string());
    if caller.principal.role == Role::SalesRep {
        if named.is_some_and(|n| Some(n.to_string()) != me) {
            return Err(ApiError::reference(
                "rep_id",
                "a rep applies for its own accounts",
            ));
        }
        return Ok(me);
    }
    let Some(rep) = named else {
        return Ok(None);
    };
    let row = users::find(conn, rep)?
        .filter(|u| u.active && u.role == Role::SalesRep)
        .ok_or_else(|| ApiError::reference("rep_id", "is not an active sales rep"))?;
    if !caller.scope.looks_after(&row.id) {
        return Err(ApiError::reference("rep_id", "is not one of your people"));
    }
    Ok(Some(row.id))
}

/// The won lead `id`, which the caller sees and which no account came from yet.
fn won_lead(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<LeadRow, ApiError> {
    let lead = leads::find(conn, &id.to_string())?
        .filter(|l| {
            l.owner_id
                .as_deref()
                .is_some_and(|o| caller.scope.looks_after(o))
        })
        .ok_or_else(|| ApiError::reference("lead_id", "is not a lead you see"))?;
    if lead.outcome != Outcome::Won {
        return Err(
            ApiError::conflict("only a won lead becomes a partner account")
                .on_field("lead_id", "is not won"),
        );
    }
    if rows::from_lead(conn, &lead.id)? {
        return Err(ApiError::conflict("this lead is already a partner account")
            .on_field("lead_id", "already became a partner account"));
    }
    Ok(lead)
}

pub fn apply(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: CreatePartnerRequest,
) -> Result<Partner, ApiError> {
    if !matches!(
        caller.principal.role,
        Role::Admin | Role::SalesManager | Role::SalesRep
    ) {
        return Err(ApiError::forbidden(
            "only reps, managers and admins apply for partner accounts",
        ));
    }
    let key = name_key(&req.business_name);
    if rows::name_taken(conn, &key, None)? {
        return Err(
            ApiError::conflict("a partner account with this name exists")
                .on_field("business_name", "is already a partner account"),
        );
    }
    let lead = match req.lead_id {
        Some(l) => Some(won_lead(conn, caller, l)?),
        None => None,
    };
    // An account from a lead is looked after by the lead's owner unless another rep is named.
    let named = req.rep_id.or_else(|| {
        lead.as_ref()
            .and_then(|l| l.owner_id.as_deref().map(uuid_of))
    });
    let rep_id = rep_for(conn, caller, named)?;
    let currency = settings::get(conn)?.currency;
    let now = time::now();
    let mut row = PartnerRow {
        id: Uuid::now_v7().to_string(),
        business_name: req.business_name.trim().to_owned(),
        name_key: key,
        business_type: req.business_type,
        tax_id: req.tax_id.map(|t| t.trim().to_owned()),
        contact_name: req.contact_name.trim().to_owned(),
        email: req.email.trim().to_owned(),
        phone: req.phone.trim().to_owned(),
        website: req.website.map(|w| w.trim().to_owned()),
        address_line1: String::new(),
        address_line2: None,
        city: String::new(),
        region: String::new(),
        postal_code: String::new(),
        country: String::new(),
        // Until approval sets them: the first tier, no credit, paid before shipping.
        tier: PartnerTier::Starter,
        currency,
        credit_limit_minor: 0,
        payment_terms: PaymentTerms::Prepaid,
        status: PartnerStatus::Pending,
        status_reason: None,
        rep_id,
        account_manager_id: None,
        lead_id: lead.map(|l| l.id),
        applied_by: caller.principal.user_id().map(|u| u.to_string()),
        approved_by: None,
        approved_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    row.set_address(req.address);
    rows::insert(conn, &row)?;
    let dto = dto(conn, &row)?;
    audit::record_after(
        conn,
        &caller.actor,
        "partner.apply",
        "partner",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}
