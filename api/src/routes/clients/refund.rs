use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::clients::Client;
use closebook_shared::invoices::{CreateRefundRequest, Refund};

use crate::authz::FinanceCtx;
use crate::domain::commissions::refunds::{self, Target};
use crate::extract::Json;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Refund a client's deal
///
/// Finance and admins: all or part of the deal value that opened the client. Within the plan's
/// window (45 days after the deal was won, by local date) it writes a clawback of the deal's
/// new-business line: `−(line × refunded ÷ deal value)`; later, none.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "refund_client_deal", params(
    Id<Client>,
), responses(
    (status = 201, description = "Recorded; `Location` names the refund", body = Refund),
    (status = 409, description = "The deal has no value (`conflict`)", body = Problem),
))]
#[post("/clients/{id}/refunds")]
pub async fn refund_client_deal(
    ctx: FinanceCtx,
    id: Id<Client>,
    body: Json<CreateRefundRequest>,
) -> Answer<Refund> {
    ctx.commit(move |c, caller| {
        let target = Target::Deal(id.uuid().to_string());
        let refund = refunds::create(c, &caller.actor, target, body.0)?;
        Ok(Reply::created_at("/refunds", refund.id, refund))
    })
    .await
}
