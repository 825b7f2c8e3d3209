use actix_web::get;
use closebook_shared::commission_lines::{ResidualBook, ResidualBookQuery};

use crate::authz::CommissionCtx;
use crate::domain::commissions::reports;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// The residual book
///
/// Each client with its locked residual, months active (paid invoices), what its residual lines
/// earned to date and whether it is still active; sortable, a page at a time, with totals over
/// the whole book. A rep sees its own clients, a manager its teams', finance and admins all.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_residual_book", params(ResidualBookQuery), responses(
    (status = 200, description = "The book", body = ResidualBook),
))]
#[get("/residual-book")]
pub async fn get_residual_book(
    ctx: CommissionCtx,
    q: Query<ResidualBookQuery>,
) -> Answer<ResidualBook> {
    ctx.read(move |c, caller| {
        reports::residual_book(c, &caller.scope, caller.principal.user_id(), &q.0)
    })
    .await
    .map(Reply::ok)
}
