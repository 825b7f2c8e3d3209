use actix_web::get;
use closebook_shared::pipelines::Pipeline;

use crate::authz::PipelineReaderCtx;
use crate::db::pipelines;
use crate::domain;
use crate::openapi::TAG_PIPELINES;
use crate::reply::{Answer, Reply};

/// List pipelines
///
/// All pipelines with their stages in order and the number of leads in each stage. Sales roles
/// and finance.
#[utoipa::path(tag = TAG_PIPELINES, operation_id = "list_pipelines", responses(
    (status = 200, description = "Every pipeline, by name", body = Vec<Pipeline>),
))]
#[get("/pipelines")]
pub async fn list_pipelines(ctx: PipelineReaderCtx) -> Answer<Vec<Pipeline>> {
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
