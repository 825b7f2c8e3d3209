use actix_web::get;
use closebook_shared::shipments::Shipment;

use crate::authz::PartnerCtx;
use crate::domain::shipments;
use crate::openapi::TAG_SHIPMENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a shipment
///
/// With its tracking timeline, its temperature log (excursions flagged) and the proof of
/// delivery.
#[utoipa::path(tag = TAG_SHIPMENTS, operation_id = "get_shipment", params(Id<Shipment>), responses(
    (status = 200, description = "The shipment; `ETag` carries its version", body = Shipment),
))]
#[get("/shipments/{id}")]
pub async fn get_shipment(ctx: PartnerCtx, id: Id<Shipment>) -> Answer<Shipment> {
    ctx.get(move |c, caller| shipments::get(c, caller, id.uuid()))
        .await
}
