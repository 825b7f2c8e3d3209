use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::commission_lines::{CreatePayoutRequest, Payout};

use crate::authz::FinanceCtx;
use crate::domain::commissions::payouts;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::Answer;

/// Run a payout
///
/// Finance and admins. Every approved line of the period in the currency becomes paid under
/// the run's reference, in one transaction. Retry with the same `Idempotency-Key`: a second run
/// without one finds nothing left to pay (409).
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "create_payout", responses(
    (status = 201, description = "Paid; `Location` names the run", body = Payout),
    (status = 409, description = "Nothing approved to pay, or the reference is taken (`conflict`)", body = Problem),
))]
#[post("/payouts")]
pub async fn create_payout(ctx: FinanceCtx, body: Json<CreatePayoutRequest>) -> Answer<Payout> {
    ctx.create("/payouts", move |c, caller| {
        payouts::run(c, &caller.actor, body.0)
    })
    .await
}
