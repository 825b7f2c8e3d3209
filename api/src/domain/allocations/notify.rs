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
use crate::db::schema::{teams, territory_assignments, users};
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
            let managers = managers_of(conn, &chain, now)?;
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

/// The active managers who run the territories of `chain`: assigned to them, or managing (directly or
/// through a team) a rep who serves them.
fn managers_of(
    conn: &mut DbConn,
    chain: &[String],
    now: NaiveDateTime,
) -> Result<Vec<String>, ApiError> {
    let assigned: Vec<String> = territories::in_force(now.date())
        .filter(territory_assignments::territory_id.eq_any(chain.to_vec()))
        .select(territory_assignments::user_id)
        .load(conn)?;
    let above: Vec<(Option<String>, Option<String>)> = users::table
        .left_join(teams::table.on(users::team_id.eq(teams::id.nullable())))
        .filter(users::id.eq_any(assigned.clone()))
        .select((users::manager_id, teams::manager_id.nullable()))
        .load(conn)?;
    let mut candidates = assigned;
    for (direct, team) in above {
        candidates.extend(direct);
        candidates.extend(team);
    }
    candidates.sort();
    candidates.dedup();
    Ok(users::table
        .filter(users::id.eq_any(candidates))
        .filter(users::role.eq(Role::SalesManager))
        .filter(users::active.eq(true))
        .select(users::id)
        .order(users::id)
        .load(conn)?)
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
