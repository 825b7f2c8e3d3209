use actix_web::{HttpRequest, get};
use closebook_shared::Problem;
use closebook_shared::dashboards::{PipelineReport, ReportQuery};

use super::Report;
use crate::authz::InsightCtx;
use crate::domain::sales_reports;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_DASHBOARDS;

/// The pipeline report
///
/// Every pipeline's open stages: the open leads in each that were created in the days
/// (default the last 30), their deal value and the value weighted by probability.
/// `Accept: text/csv` downloads it as CSV
/// (`pipeline, stage_key, stage_name, leads, value, weighted, currency`).
#[utoipa::path(tag = TAG_DASHBOARDS, operation_id = "get_pipeline_report", params(ReportQuery), responses(
    (status = 200, description = "The report", content(
        (PipelineReport = "application/json"),
        (String = "text/csv"),
    )),
    (status = 404, description = "`team_id` names a team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/reports/pipeline")]
pub async fn get_pipeline_report(
    ctx: InsightCtx,
    req: HttpRequest,
    q: Query<ReportQuery>,
) -> ApiResult<Report<PipelineReport>> {
    let report = ctx
        .read(move |c, caller| sales_reports::pipeline(c, caller, q.0))
        .await?;
    Report::of(&req, "pipeline", report, sales_reports::pipeline_csv)
}
