//! Asking a won client for referrals.

use closebook_shared::leads::{Lead, ReferralAskRequest, ReferralAskStatus};
use uuid::Uuid;

use super::{load_for, save, trimmed};
use crate::authz::PipelineCaller;
use crate::db::DbConn;
use crate::db::columns::to_json_list;
use crate::db::pipelines;
use crate::error::ApiError;
use crate::time;

pub fn referral_ask(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    req: ReferralAskRequest,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    let now = time::now();
    let mut row = before.clone();
    row.referral_ask_status = req.status;
    if req.status != ReferralAskStatus::NotAsked
        && before.referral_status() == ReferralAskStatus::NotAsked
    {
        row.referral_ask_at = Some(now);
    }
    if req.status == ReferralAskStatus::NotAsked {
        row.referral_ask_at = None;
    }
    let names: Vec<String> = req
        .names
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|n| trimmed(Some(n)))
        .collect();
    if req.names.is_some() {
        row.referral_names = to_json_list(&names);
    }
    if let Some(c) = req.count {
        row.referral_count = c;
    } else if req.names.is_some() {
        row.referral_count = i32::try_from(names.len()).unwrap_or(i32::MAX);
    }
    if req.status == ReferralAskStatus::Received && row.referral_count == 0 {
        // Depends on what the lead already records (a lead with referrals may be marked
        // received without a count), so a conflict with its state, not a malformed request.
        return Err(
            ApiError::conflict("no referrals are recorded for this lead yet")
                .on_field("count", "give the number (or names) of referrals received"),
        );
    }
    let set = pipelines::stages(conn, &row.pipeline_id)?;
    let (dto, _) = save(
        conn,
        &caller.actor,
        "lead.referral_ask",
        &before,
        row,
        &set,
        now,
    )?;
    Ok(dto)
}
