use actix_web::get;
use closebook_shared::pipelines::Pipeline;

use crate::authz::PipelineReaderCtx;
use crate::db::pipelines;
use crate::domain;
use crate::error::ApiResult;
use crate::openapi::TAG_PIPELINES;
use crate::reply::Reply;

/// List pipelines
///
/// All pipelines with their stages in order and the number of leads in each stage. Sales roles
/// and finance.
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "list_pipelines", security(("bearer" = [])), responses(
    (status = 200, description = "Every pipeline, by name", body = Vec<Pipeline>),
))]
#[get("/pipelines")]
pub async fn list_pipelines(ctx: PipelineReaderCtx) -> ApiResult<Reply<Vec<Pipeline>>> {
    let all = ctx
        .read(|c, _| {
            pipelines::all(c)?
                .iter()
                .map(|r| domain::pipelines::with_stages(c, r))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(Reply::ok(all))
}
