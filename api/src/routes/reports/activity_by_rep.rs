use actix_web::{HttpRequest, get};
use closebook_shared::Problem;
use closebook_shared::dashboards::{ActivityReport, ReportQuery};

use super::Report;
use crate::authz::InsightCtx;
use crate::domain::sales_reports;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_DASHBOARDS;

/// Activity by rep
///
/// Per rep over the days (default the last 30): completed calls, emails, meetings, demos,
/// proposals, other activities and the total. `Accept: text/csv` downloads it as CSV
/// (`rep_id, rep_name, calls, emails, meetings, demos, proposals, other, total`).
#[utoipa::path(tag = TAG_DASHBOARDS, operation_id = "get_activity_report", params(ReportQuery), responses(
    (status = 200, description = "The report", content(
        (ActivityReport = "application/json"),
        (String = "text/csv"),
    )),
    (status = 404, description = "`team_id` names a team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/reports/activity-by-rep")]
pub async fn get_activity_report(
    ctx: InsightCtx,
    req: HttpRequest,
    q: Query<ReportQuery>,
) -> ApiResult<Report<ActivityReport>> {
    let report = ctx
        .read(move |c, caller| sales_reports::activity(c, caller, q.0))
        .await?;
    Report::of(&req, "activity-by-rep", report, sales_reports::activity_csv)
}
