use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::leads::{Lead, SetOutcomeBody, SetOutcomeRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IfMatch};
use crate::reply::{Answer, Reply};

/// Close a lead as won or lost
///
/// Lost needs a `lost_reason`. Won opens a client account (see `/clients`). Emits `sales.pipeline.closed`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "set_lead_outcome", request_body = SetOutcomeBody, params(Id<Lead>, IfMatch), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 409, description = "The lead is already closed (`conflict`)", body = Problem),
))]
#[post("/leads/{id}/outcome")]
pub async fn set_lead_outcome(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<SetOutcomeRequest>,
) -> Answer<Lead> {
    // Judged after the values (`concurrency::Precondition`), so not refused here.
    let expected = ctx.expected_version(body.version);
    ctx.commit(move |c, caller| {
        domain::leads::set_outcome(c, caller, id.uuid(), body.0, expected).map(Reply::versioned)
    })
    .await
}
