use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::shipments::{Shipment, TrackingEventRequest};

use crate::authz::PartnerCtx;
use crate::domain::shipments;
use crate::extract::Json;
use crate::openapi::TAG_SHIPMENTS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Add a tracking event
///
/// Admins (a carrier's scan entered or relayed): moves the shipment forward, into an exception
/// or out of one; delivering names who signed for it.
#[utoipa::path(tag = TAG_SHIPMENTS, operation_id = "track_shipment", params(Id<Shipment>, IfMatch), responses(
    (status = 200, description = "The shipment with the event", body = Shipment),
    (status = 409, description = "The status does not follow the shipment's (`conflict`)", body = Problem),
    (status = 412, description = "The shipment changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/shipments/{id}/events")]
pub async fn track_shipment(
    ctx: PartnerCtx,
    id: Id<Shipment>,
    body: Json<TrackingEventRequest>,
) -> Answer<Shipment> {
    ctx.edit(body.version, move |c, caller, expected| {
        shipments::track(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
