use actix_web::post;
use closebook_shared::activities::{CreateTouchRequest, Touch};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IdempotencyKey};
use crate::reply::Reply;

/// Log a relationship touch
///
/// Check-in, congratulation, shared article, personal note, thank-you, holiday greeting or invite.
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead_touch", security(("bearer" = [])), params(Id<Lead>, IdempotencyKey), responses(
    (status = 201, description = "Created; `Location` names it", body = Touch),
))]
#[post("/leads/{id}/touches")]
pub async fn create_lead_touch(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<CreateTouchRequest>,
) -> ApiResult<Reply<Touch>> {
    ctx.commit(move |c, caller| {
        let created = domain::activities::add_touch(c, caller, id.uuid(), body.0)?;
        Ok(Reply::created(
            format!("/api/v1/touches/{}", created.id),
            created,
        ))
    })
    .await
}
