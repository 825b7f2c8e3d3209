use actix_web::post;
use closebook_shared::commission_lines::{CloseReport, CloseRequest};

use crate::authz::FinanceCtx;
use crate::domain::commissions::close;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// Run the monthly close
///
/// Finance and admins; a job also runs it for the month just ended. In order, each step seeing
/// the lines before it: tier true-ups, team bonuses, manager overrides, caps; then each rep's
/// statement. Running it again writes only what lines that arrived since leave owing — nothing
/// when none did. The period must have ended in the organisation's time zone.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "close_commission_period", responses(
    (status = 200, description = "What the close wrote", body = CloseReport),
))]
#[post("/commissions/close")]
pub async fn close_commission_period(
    ctx: FinanceCtx,
    body: Json<CloseRequest>,
) -> Answer<CloseReport> {
    ctx.commit(move |c, caller| close::close_ended(c, &caller.actor, body.period).map(Reply::ok))
        .await
}
