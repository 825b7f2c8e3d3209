use actix_web::get;
use closebook_shared::commission_lines::{Profitability, ProfitabilityQuery};

use crate::authz::FinanceCtx;
use crate::domain::commissions::reports;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// Profitability of a period
///
/// Finance and admins. In the organisation's currency: revenue (paid invoices less refunds),
/// bookings (deal values won), commissions, residuals and overrides written for the period,
/// and what is left (seed 000 CompanyProfitability).
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_profitability", params(ProfitabilityQuery), responses(
    (status = 200, description = "The period's profitability", body = Profitability),
))]
#[get("/reports/profitability")]
pub async fn get_profitability(
    ctx: FinanceCtx,
    q: Query<ProfitabilityQuery>,
) -> Answer<Profitability> {
    let period = q.period;
    ctx.read(move |c, _| reports::profitability(c, period))
        .await
        .map(Reply::ok)
}
