//! Finance approves earned lines (one, or a batch): EARNED → APPROVED, recorded in the line's
//! status history and the audit log. Anything else is refused, never forced.

use closebook_shared::commission_lines::{BatchApproved, CommissionLineDetail, SkippedLine};
use closebook_shared::commissions::LineStatus;
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::authz::OwnerScope;
use crate::db::DbConn;
use crate::db::commissions::lines::{self, Change};
use crate::error::ApiError;
use crate::time;

/// Why a line cannot be approved now; `None` when it can.
fn refusal(status: Option<LineStatus>) -> Option<String> {
    match status {
        None => Some("no such commission line".into()),
        Some(LineStatus::Earned) => None,
        Some(s) => Some(format!("only earned lines are approved; this one is {s}")),
    }
}

fn approve_one(conn: &mut DbConn, actor: &Actor, id: &str) -> Result<(), ApiError> {
    let actor_id = actor.id.map(|u| u.to_string());
    let change = Change {
        status: LineStatus::Approved,
        actor: actor_id.as_deref(),
        reason: None,
        reference: None,
        at: time::now(),
    };
    lines::set_status(conn, id, &change)?;
    audit::record(
        conn,
        actor,
        "commission.approve",
        "commission_line",
        Some(id),
        Some(&LineStatus::Earned),
        Some(&LineStatus::Approved),
    )
}

pub fn approve(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
) -> Result<CommissionLineDetail, ApiError> {
    let key = id.to_string();
    let status = lines::status_of(conn, &key)?;
    if status.is_none() {
        return Err(ApiError::not_found("commission line"));
    }
    if let Some(why) = refusal(status) {
        return Err(ApiError::conflict(why));
    }
    approve_one(conn, actor, &key)?;
    lines::detail(conn, &OwnerScope::All, id)?.ok_or_else(|| ApiError::not_found("commission line"))
}

/// Approves each earned line of `ids`, in one transaction; the rest are listed with the reason.
pub fn batch(conn: &mut DbConn, actor: &Actor, ids: &[Uuid]) -> Result<BatchApproved, ApiError> {
    let mut out = BatchApproved {
        approved: Vec::new(),
        skipped: Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            continue;
        }
        let key = id.to_string();
        let status = lines::status_of(conn, &key)?;
        match refusal(status) {
            Some(reason) => out.skipped.push(SkippedLine { id: *id, reason }),
            None => {
                approve_one(conn, actor, &key)?;
                out.approved.push(*id);
            }
        }
    }
    Ok(out)
}
