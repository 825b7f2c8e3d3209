use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::shipments::{Shipment, TemperatureLogRequest};

use crate::authz::PartnerCtx;
use crate::domain::shipments;
use crate::extract::Json;
use crate::openapi::TAG_SHIPMENTS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Add temperature readings
///
/// Admins (the logger's readings): each is flagged as an excursion when warmer than the
/// shipment's target plus its tolerance.
#[utoipa::path(tag = TAG_SHIPMENTS, operation_id = "log_shipment_temperatures", params(Id<Shipment>), responses(
    (status = 200, description = "The shipment with its log", body = Shipment),
    (status = 409, description = "The shipment is not temperature-controlled (`conflict`)", body = Problem),
))]
#[post("/shipments/{id}/temperatures")]
pub async fn log_shipment_temperatures(
    ctx: PartnerCtx,
    id: Id<Shipment>,
    body: Json<TemperatureLogRequest>,
) -> Answer<Shipment> {
    ctx.commit(move |c, caller| {
        shipments::log_temperatures(c, caller, id.uuid(), body.0).map(Reply::versioned)
    })
    .await
}
