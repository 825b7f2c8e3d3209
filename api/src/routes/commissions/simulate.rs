use actix_web::{HttpResponse, post};
use closebook_shared::commissions::month::{SimulateRequest, SimulateResult};

use crate::authz::CommissionCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_COMMISSIONS;

/// What a month would pay
///
/// Hypothetical closes, paid invoices, upsells and refunds of one rep's month → the lines and
/// totals the ledger would write, each with its explanation; nothing is stored. Without `plan`,
/// the plan in force for the caller today applies. The web's what-if simulator runs the same
/// shared code in the browser, so both give the same cents.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "simulate_commissions", responses(
    (status = 200, description = "The month's lines and totals", body = SimulateResult),
))]
#[post("/commissions/simulate")]
pub async fn simulate_commissions(
    ctx: CommissionCtx,
    body: Json<SimulateRequest>,
) -> ApiResult<HttpResponse> {
    let result = ctx
        .read(move |c, caller| domain::commissions::simulate::simulate(c, caller, &body.0))
        .await?;
    Ok(crate::middleware::idempotency::computed(&result))
}
