use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::upsells::{MarkUpsellSoldRequest, Upsell};

use crate::authz::PipelineCtx;
use crate::domain::commissions::upsells;
use crate::extract::Json;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Mark an upsell sold
///
/// Writes the rep a pending commission line of the plan's upsell rate (10% by default) of the
/// price, earned after the eligibility window. Selling twice is a 409.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "mark_upsell_sold", params(Id<Upsell>), responses(
    (status = 200, description = "Sold", body = Upsell),
    (status = 409, description = "Already sold (`conflict`)", body = Problem),
))]
#[post("/upsells/{id}/sold")]
pub async fn mark_upsell_sold(
    ctx: PipelineCtx,
    id: Id<Upsell>,
    body: Json<MarkUpsellSoldRequest>,
) -> Answer<Upsell> {
    ctx.commit(move |c, caller| {
        upsells::mark_sold(c, &caller.actor, &caller.scope, id.uuid(), body.0).map(Reply::ok)
    })
    .await
}
