use actix_web::get;
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::db::leads;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a lead
#[utoipa::path(tag = TAG_LEADS, operation_id = "get_lead", params(Id<Lead>), responses(
    (status = 200, description = "The lead; `ETag` carries its version", body = Lead),
))]
#[get("/leads/{id}")]
pub async fn get_lead(ctx: PipelineCtx, id: Id<Lead>) -> Answer<Lead> {
    ctx.get(move |c, caller| {
        let row = crate::domain::leads::load_visible(c, &caller.scope, id.uuid())?;
        leads::to_dto(c, &row)
    })
    .await
}
