use actix_web::get;
use closebook_shared::Page;
use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};

use crate::authz::CommissionCtx;
use crate::db::commissions::lines;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::Answer;

/// List commission lines
///
/// Newest first. A rep sees its own lines, a manager its teams', finance and admins all. Filter
/// by rep (`me` or an id), team, status, type, period (`YYYY-MM`) and source.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "list_commissions", params(CommissionListQuery), responses(
    (status = 200, description = "A page of lines", body = Page<CommissionLine>),
))]
#[get("/commissions")]
pub async fn list_commissions(
    ctx: CommissionCtx,
    q: Query<CommissionListQuery>,
) -> Answer<Page<CommissionLine>> {
    ctx.list(q.0, |c, caller, q, page| {
        lines::list(c, &caller.scope, caller.principal.user_id(), &q, page)
    })
    .await
}
