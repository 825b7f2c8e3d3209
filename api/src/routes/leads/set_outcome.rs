use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::leads::{Lead, SetOutcomeBody, SetOutcomeRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IdempotencyKey, IfMatch};
use crate::reply::Reply;

/// Close a lead as won or lost
///
/// Lost needs a `lost_reason`. Won opens a client account (see `/clients`). Emits `sales.pipeline.closed`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "set_lead_outcome", security(("bearer" = [])), request_body = SetOutcomeBody, params(Id<Lead>, IfMatch, IdempotencyKey), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 409, description = "The lead is already closed (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/leads/{id}/outcome")]
pub async fn set_lead_outcome(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<SetOutcomeRequest>,
) -> ApiResult<Reply<Lead>> {
    // Judged after the values (`concurrency::Precondition`), so not refused here.
    let expected = ctx.expected_version(body.version);
    ctx.commit(move |c, caller| {
        domain::leads::set_outcome(c, caller, id.uuid(), body.0, expected).map(Reply::versioned)
    })
    .await
}
