//! LAR-006: a pending allocation nobody acted on by its deadline expires, and the lead goes to
//! the next rep (never back to one that let it lapse) or to the overflow pool.

use chrono::NaiveDateTime;
use closebook_shared::allocation::AllocationStatus;
use closebook_shared::leads::Outcome;

use super::{How, decide, end_live, record};
use crate::audit::Actor;
use crate::db::DbConn;
use crate::db::allocations as rows;
use crate::db::leads as lead_rows;
use crate::domain::leads::hand_over;
use crate::error::ApiError;

/// Expires up to `limit` lapsed allocations and re-allocates their leads; how many.
///
/// Safe with several processes: the sequence row is locked first, so a second monitor waits,
/// then reads the allocations as the first left them (those already expired are no longer
/// pending).
pub fn expire_lapsed(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> Result<usize, ApiError> {
    rows::next_sequence(conn)?;
    let lapsed = rows::lapsed(conn, now, limit)?;
    let actor = Actor::system();
    for row in &lapsed {
        let Some(lead) = lead_rows::find(conn, &row.lead_id)? else {
            continue;
        };
        if lead.outcome != Outcome::Open {
            end_live(conn, &lead.id, AllocationStatus::Completed, now)?;
            continue;
        }
        let rep = row.rm_id.clone().into_iter().collect::<Vec<_>>();
        let decision = decide(conn, &lead, &rep, now)?;
        let owner = decision.rep_id();
        let lead = if lead.owner_id == owner {
            lead
        } else {
            hand_over(conn, &actor, &lead, owner, "SLA lapsed (LAR-006)", None)?.1
        };
        let how = How {
            previous: Some((row.clone(), AllocationStatus::Expired)),
            reassignment_reason: Some("SLA lapsed with no action (LAR-006)".to_owned()),
            ..How::default()
        };
        record(conn, &actor, &lead, &decision, how, now)?;
    }
    Ok(lapsed.len())
}
