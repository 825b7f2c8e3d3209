use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Claim a lead
///
/// A sales rep takes an open lead nobody holds in a territory it owns (seed 000 F3), within its
/// capacity (LAR-002). The claim is recorded as an accepted allocation.
#[utoipa::path(tag = TAG_LEADS, operation_id = "claim_lead", params(Id<Lead>), responses(
    (status = 200, description = "The lead, now the caller's", body = Lead),
    (status = 409, description = "Someone holds it, it is closed, or the caller's queue is full (`conflict`)", body = Problem),
))]
#[post("/leads/{id}/claim")]
pub async fn claim_lead(ctx: PipelineCtx, id: Id<Lead>) -> Answer<Lead> {
    ctx.commit(move |c, caller| allocations::claim(c, caller, id.uuid()).map(Reply::versioned))
        .await
}
