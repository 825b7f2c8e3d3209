//! The in-app notifications allocations raise: the rep a lead goes to, the managers of a
//! territory whose lead overflowed, and the rep a lead left without its say (expired,
//! reassigned).

use chrono::NaiveDateTime;
use closebook_shared::Role;
use closebook_shared::allocation::AllocationStatus;
use closebook_shared::notifications::NotificationKind;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::allocations::AllocationRow;
use crate::db::leads::LeadRow;
use crate::db::notifications::{self, NotificationRow};
use crate::db::schema::{territory_assignments, users};
use crate::db::territories;
use crate::error::ApiError;

fn link(row: &AllocationRow) -> Option<String> {
    Some(format!("/allocations/{}", row.id))
}

/// A new allocation: its rep, or for the overflow pool the managers assigned to the lead's
/// territories.
pub fn allocated(
    conn: &mut DbConn,
    row: &AllocationRow,
    lead: &LeadRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    match &row.rm_id {
        Some(rep) if row.status == AllocationStatus::Pending => {
            let n = NotificationRow::new(
                rep,
                NotificationKind::AllocationNew,
                format!("New lead: {}", lead.company),
                format!(
                    "{}. Accept or act on it by {} UTC.",
                    row.allocation_reason,
                    row.sla_deadline.format("%Y-%m-%d %H:%M")
                ),
                link(row),
                now,
            );
            notifications::insert(conn, &n)
        }
        Some(_) => Ok(()),
        None => {
            let Some(t) = &lead.territory_id else {
                return Ok(());
            };
            let chain = territories::with_ancestors(conn, t)?;
            let managers: Vec<String> = territory_assignments::table
                .inner_join(users::table.on(users::id.eq(territory_assignments::user_id)))
                .filter(territory_assignments::territory_id.eq_any(chain))
                .filter(users::role.eq(Role::SalesManager))
                .filter(users::active.eq(true))
                .filter(
                    territory_assignments::effective_to
                        .is_null()
                        .or(territory_assignments::effective_to.ge(now.date())),
                )
                .select(users::id)
                .distinct()
                .load(conn)?;
            for m in managers {
                let n = NotificationRow::new(
                    &m,
                    NotificationKind::AllocationOverflow,
                    format!("Overflow: {}", lead.company),
                    format!("{}. Place it with a rep.", row.allocation_reason),
                    link(row),
                    now,
                );
                notifications::insert(conn, &n)?;
            }
            Ok(())
        }
    }
}

/// The rep of an allocation that ended without its say: it expired or a manager moved it.
pub fn moved_on(
    conn: &mut DbConn,
    ended: &AllocationRow,
    company: &str,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let Some(rep) = &ended.rm_id else {
        return Ok(());
    };
    let (kind, title, body) = match ended.status {
        AllocationStatus::Expired => (
            NotificationKind::AllocationExpired,
            format!("Expired: {company}"),
            "Nobody acted on the lead in time (LAR-006); it went to another rep.".to_owned(),
        ),
        AllocationStatus::Reassigned => (
            NotificationKind::AllocationReassigned,
            format!("Reassigned: {company}"),
            format!(
                "A manager moved the lead: {}",
                reason.unwrap_or("no reason given")
            ),
        ),
        _ => return Ok(()),
    };
    notifications::insert(
        conn,
        &NotificationRow::new(rep, kind, title, body, link(ended), now),
    )
}
