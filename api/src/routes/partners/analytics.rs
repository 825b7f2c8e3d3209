use actix_web::get;
use closebook_shared::partner_analytics::{AnalyticsQuery, PartnerAnalytics};
use closebook_shared::partners::Partner;

use crate::authz::PartnerCtx;
use crate::domain::partners;
use crate::extract::Query;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// An account's analytics
///
/// What it bought over the last `months` calendar months (this one included, in the
/// organisation's time zone): each month's orders, units, spend and the margin it stands to
/// make selling at MSRP, the same by product (highest spend first), and the totals. Cancelled
/// orders count for nothing. Whoever sees the account.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "get_partner_analytics", params(Id<Partner>, AnalyticsQuery), responses(
    (status = 200, description = "The account's analytics", body = PartnerAnalytics),
))]
#[get("/partners/{id}/analytics")]
pub async fn get_partner_analytics(
    ctx: PartnerCtx,
    id: Id<Partner>,
    q: Query<AnalyticsQuery>,
) -> Answer<PartnerAnalytics> {
    ctx.show(move |c, caller| partners::analytics(c, caller, id.uuid(), q.0))
        .await
}
