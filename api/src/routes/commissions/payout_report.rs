use actix_web::http::header;
use actix_web::{HttpResponse, get};
use closebook_shared::commission_lines::PayoutReportQuery;

use crate::authz::FinanceCtx;
use crate::domain::commissions::payout_report;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;

/// The payout report (CSV)
///
/// Finance and admins. One row per rep and currency with lines approved or paid in the period:
/// `employee_id, rep_id, rep_name, email, period, currency, approved_lines, approved_amount,
/// paid_lines, paid_amount, payout_references`. Text a spreadsheet would run as a formula is
/// prefixed with `'`.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_payout_report", params(PayoutReportQuery), responses(
    (status = 200, description = "The report", content_type = "text/csv", body = String),
))]
#[get("/commissions/payout-report")]
pub async fn get_payout_report(
    ctx: FinanceCtx,
    q: Query<PayoutReportQuery>,
) -> ApiResult<HttpResponse> {
    let period = q.period;
    let body = ctx.read(move |c, _| payout_report::csv(c, period)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"payout-report-{period}.csv\""),
        ))
        .body(body))
}
