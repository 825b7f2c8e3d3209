use actix_web::get;
use closebook_shared::Page;
use closebook_shared::activities::ListQuery;
use closebook_shared::compensation_plans::CompensationPlan;

use crate::authz::FinanceCtx;
use crate::db::commissions::plans;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::Answer;

/// List compensation plans
///
/// Finance and admins. By name, each with its versions.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "list_compensation_plans", params(ListQuery), responses(
    (status = 200, description = "A page of plans", body = Page<CompensationPlan>),
))]
#[get("/compensation-plans")]
pub async fn list_compensation_plans(
    ctx: FinanceCtx,
    q: Query<ListQuery>,
) -> Answer<Page<CompensationPlan>> {
    ctx.list(q.0, |c, _, _, page| plans::list_plans(c, page))
        .await
}
