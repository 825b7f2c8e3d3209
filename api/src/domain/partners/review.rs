//! An admin's review: `POST /partners/{id}/approve` and `POST /partners/{id}/status`. Only
//! admins are admitted (`AdminCtx`), and they see every account.

use closebook_shared::Role;
use closebook_shared::partners::{
    ApprovePartnerRequest, Partner, PartnerStatus, PartnerStatusRequest,
};
use uuid::Uuid;

use super::{find, save};
use crate::context::Caller;
use crate::db::columns::minor_in;
use crate::db::{DbConn, settings, users};
use crate::error::ApiError;
use crate::{concurrency, outbox, time};
use closebook_shared::events::{Event, PartnerApproved};

/// A back-office user to manage an account: an active admin or finance user.
pub(super) fn account_manager(conn: &mut DbConn, id: Uuid) -> Result<String, ApiError> {
    users::find(conn, id)?
        .filter(|u| u.active && matches!(u.role, Role::Admin | Role::Finance))
        .map(|u| u.id)
        .ok_or_else(|| {
            ApiError::reference(
                "account_manager_id",
                "is not an active admin or finance user",
            )
        })
}

/// The credit limit in minor units of the organisation's currency.
pub(super) fn credit_minor(
    conn: &mut DbConn,
    credit: &closebook_shared::Money,
) -> Result<(i64, String), ApiError> {
    let currency = settings::get(conn)?.currency;
    Ok((minor_in("credit_limit", credit, &currency)?, currency))
}

pub fn approve(
    conn: &mut DbConn,
    caller: &Caller<()>,
    id: Uuid,
    req: ApprovePartnerRequest,
    expected: Option<i64>,
) -> Result<Partner, ApiError> {
    let before = find(conn, id)?;
    let (credit, currency) = credit_minor(conn, &req.credit_limit)?;
    let manager = match req.account_manager_id.or(caller.principal.user_id()) {
        Some(m) => Some(account_manager(conn, m)?),
        None => None,
    };
    concurrency::check(expected, before.version)?;
    if before.status != PartnerStatus::Pending {
        return Err(ApiError::conflict(format!(
            "the account is {}: only a pending application is approved",
            before.status
        )));
    }
    let now = time::now();
    let mut row = before.clone();
    row.tier = req.tier;
    row.credit_limit_minor = credit;
    row.currency = currency;
    row.payment_terms = req.payment_terms;
    row.status = PartnerStatus::Active;
    row.status_reason = None;
    row.account_manager_id = manager;
    row.approved_by = caller.principal.user_id().map(|u| u.to_string());
    row.approved_at = Some(now);
    let approved = save(conn, &caller.actor, "partner.approve", &before, row)?;
    outbox::emit(
        conn,
        &Event::PartnerApproved(PartnerApproved {
            partner_id: approved.id,
            rep_id: approved.rep_id,
            lead_id: approved.lead_id,
            tier: approved.tier,
            approved_at: now.and_utc(),
        }),
    )?;
    Ok(approved)
}

pub fn change_status(
    conn: &mut DbConn,
    caller: &Caller<()>,
    id: Uuid,
    req: PartnerStatusRequest,
    expected: Option<i64>,
) -> Result<Partner, ApiError> {
    let before = find(conn, id)?;
    if req.status.needs_reason() && req.reason.is_none() {
        return Err(ApiError::field(
            "reason",
            format!("is required to make an account {}", req.status),
        ));
    }
    concurrency::check(expected, before.version)?;
    if !before.status.may_become(req.status) {
        let how = if before.status == PartnerStatus::Pending && req.status == PartnerStatus::Active
        {
            "; approve it instead".to_owned()
        } else {
            String::new()
        };
        return Err(ApiError::conflict(format!(
            "a {} account does not become {}{how}",
            before.status, req.status
        ))
        .on_field("status", "does not follow the account's status"));
    }
    let mut row = before.clone();
    row.status = req.status;
    row.status_reason = req.reason.map(|r| r.trim().to_owned());
    save(conn, &caller.actor, "partner.status", &before, row)
}
