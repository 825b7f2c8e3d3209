use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::orders::Order;
use closebook_shared::shipments::{CreateShipmentRequest, Shipment};

use crate::authz::PartnerCtx;
use crate::domain::shipments;
use crate::extract::Json;
use crate::openapi::TAG_SHIPMENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Book a shipment of an order
///
/// Admins, for an order confirmed and not cancelled: the carrier, its tracking number (unique
/// per carrier), packages, and for frozen goods the target temperature and tolerance of its
/// log (default −10.0 °F ± 5.0).
#[utoipa::path(tag = TAG_SHIPMENTS, operation_id = "create_shipment", params(Id<Order>), responses(
    (status = 201, description = "The shipment, pending at the warehouse", body = Shipment),
    (status = 409, description = "The order is pending or cancelled, or the tracking number is taken (`conflict`)", body = Problem),
))]
#[post("/orders/{id}/shipments")]
pub async fn create_shipment(
    ctx: PartnerCtx,
    id: Id<Order>,
    body: Json<CreateShipmentRequest>,
) -> Answer<Shipment> {
    ctx.create("/shipments", move |c, caller| {
        shipments::create(c, caller, id.uuid(), body.0)
    })
    .await
}
