use actix_web::get;
use closebook_shared::commission_lines::Payout;

use crate::authz::FinanceCtx;
use crate::domain::commissions::payouts;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Get a payout run
///
/// Finance and admins.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_payout", params(Id<Payout>), responses(
    (status = 200, description = "The run", body = Payout),
))]
#[get("/payouts/{id}")]
pub async fn get_payout(ctx: FinanceCtx, id: Id<Payout>) -> Answer<Payout> {
    ctx.read(move |c, _| payouts::load(c, &id.uuid().to_string()))
        .await
        .map(Reply::ok)
}
