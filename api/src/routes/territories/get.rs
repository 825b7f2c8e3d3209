use actix_web::get;
use closebook_shared::territories::Territory;

use crate::authz::PipelineReaderCtx;
use crate::db::territories;
use crate::error::ApiError;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;
use crate::reply::Answer;

/// Get a territory, with its shape
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "get_territory", params(Id<Territory>), responses(
    (status = 200, description = "The territory; `ETag` carries its version", body = Territory),
))]
#[get("/territories/{id}")]
pub async fn get_territory(ctx: PipelineReaderCtx, id: Id<Territory>) -> Answer<Territory> {
    ctx.get(move |c, _| {
        territories::find(c, id.uuid())?
            .ok_or_else(|| ApiError::not_found("territory"))?
            .to_dto()
    })
    .await
}
