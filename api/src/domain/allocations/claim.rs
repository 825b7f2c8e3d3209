//! A rep claims a lead nobody holds in a territory it owns (seed 000 F3), within its capacity.

use closebook_shared::Role;
use closebook_shared::allocation::AllocationStatus;
use closebook_shared::leads::{Lead, Outcome};
use uuid::Uuid;

use super::{How, decide_manual, record};
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::allocations as rows;
use crate::db::leads as lead_rows;
use crate::domain::leads::hand_over;
use crate::error::ApiError;
use crate::time;

pub fn claim(conn: &mut DbConn, caller: &PipelineCaller, id: Uuid) -> Result<Lead, ApiError> {
    let me = match (caller.principal.role, caller.principal.user_id()) {
        (Role::SalesRep, Some(me)) => me.to_string(),
        _ => return Err(ApiError::forbidden("only a sales rep claims leads")),
    };
    let lead = lead_rows::find(conn, &id.to_string())?
        .filter(|l| {
            caller
                .scope
                .sees(l.owner_id.as_deref(), l.territory_id.as_deref())
        })
        .ok_or_else(|| ApiError::not_found("lead"))?;
    if lead.owner_id.is_some() {
        return Err(ApiError::conflict("someone holds this lead already"));
    }
    if lead.outcome != Outcome::Open {
        return Err(ApiError::conflict(format!(
            "the lead is closed ({})",
            lead.outcome
        )));
    }
    let now = time::now();
    let decision = decide_manual(conn, &me, "id", now)?;
    let (dto, lead) = hand_over(
        conn,
        &caller.actor,
        &lead,
        Some(me.clone()),
        "claimed from the territory",
        None,
    )?;
    let previous = rows::live_of(conn, &lead.id)?.map(|p| (p, AllocationStatus::Reassigned));
    let how = How {
        previous,
        allocated_by: Some(me),
        claimed: true,
        reason: Some("Claimed by the rep from its territory".to_owned()),
        ..How::default()
    };
    record(conn, &caller.actor, &lead, &decision, how, now)?;
    Ok(dto)
}
