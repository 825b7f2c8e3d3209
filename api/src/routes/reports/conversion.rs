use actix_web::{HttpRequest, get};
use closebook_shared::Problem;
use closebook_shared::dashboards::{ConversionReport, ReportQuery};

use super::Report;
use crate::authz::InsightCtx;
use crate::domain::sales_reports;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_DASHBOARDS;

/// The conversion report
///
/// Per rep over the days (default the last 30): leads created, won and lost, win rate,
/// lead-to-close and won value, with a total row. `Accept: text/csv` downloads it as CSV
/// (`rep_id, rep_name, created, won, lost, win_rate, lead_to_close, won_value, currency`).
#[utoipa::path(tag = TAG_DASHBOARDS, operation_id = "get_conversion_report", params(ReportQuery), responses(
    (status = 200, description = "The report", content(
        (ConversionReport = "application/json"),
        (String = "text/csv"),
    )),
    (status = 404, description = "`team_id` names a team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/reports/conversion")]
pub async fn get_conversion_report(
    ctx: InsightCtx,
    req: HttpRequest,
    q: Query<ReportQuery>,
) -> ApiResult<Report<ConversionReport>> {
    let report = ctx
        .read(move |c, caller| sales_reports::conversion(c, caller, q.0))
        .await?;
    Report::of(&req, "conversion", report, sales_reports::conversion_csv)
}
