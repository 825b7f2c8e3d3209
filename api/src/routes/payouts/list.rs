use actix_web::get;
use closebook_shared::commission_lines::Payout;

use crate::authz::FinanceCtx;
use crate::db::commissions::payouts;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// Most runs the list answers: a year of monthly runs in a few currencies.
const RECENT: i64 = 100;

/// Recent payout runs
///
/// Finance and admins; the latest 100, newest first.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "list_payouts", responses(
    (status = 200, description = "The runs", body = Vec<Payout>),
))]
#[get("/payouts")]
pub async fn list_payouts(ctx: FinanceCtx) -> Answer<Vec<Payout>> {
    ctx.read(move |c, _| {
        payouts::list(c, RECENT)?
            .iter()
            .map(|r| r.to_dto())
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map(Reply::ok)
}
