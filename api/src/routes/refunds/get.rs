use actix_web::get;
use closebook_shared::invoices::Refund;

use crate::authz::FinanceCtx;
use crate::domain::commissions::refunds;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Get a refund
///
/// Finance and admins; with the clawback line it wrote, if any.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_refund", params(Id<Refund>), responses(
    (status = 200, description = "The refund", body = Refund),
))]
#[get("/refunds/{id}")]
pub async fn get_refund(ctx: FinanceCtx, id: Id<Refund>) -> Answer<Refund> {
    ctx.read(move |c, _| refunds::load(c, &id.uuid().to_string()))
        .await
        .map(Reply::ok)
}
