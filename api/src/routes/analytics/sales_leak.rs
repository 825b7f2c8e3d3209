use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::analytics::{AnalyticsQuery, SalesLeakReport};

use crate::authz::InsightCtx;
use crate::domain::analytics;
use crate::extract::Query;
use crate::openapi::TAG_ANALYTICS;
use crate::reply::Answer;

/// The Sales Leak
///
/// "Where is the leak this week?": the week's prospecting, contacts, presentations, follow-ups
/// due and done, referral asks and leads, relationship touches and lens-stage flow, for one rep,
/// one team or everyone the caller sees; the stage that falls furthest short and why; follow-up
/// discipline; the presentation over-focus warning. Targets are the settings' per rep, summed.
#[utoipa::path(tag = TAG_ANALYTICS, operation_id = "get_sales_leak", params(AnalyticsQuery), responses(
    (status = 200, description = "The week's leak report", body = SalesLeakReport),
    (status = 404, description = "`rep_id` or `team_id` names a rep or team the caller does not see (`not_found`)", body = Problem),
))]
#[get("/analytics/sales-leak")]
pub async fn get_sales_leak(ctx: InsightCtx, q: Query<AnalyticsQuery>) -> Answer<SalesLeakReport> {
    ctx.show(move |c, caller| analytics::sales_leak(c, caller, q.0))
        .await
}
