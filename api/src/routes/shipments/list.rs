use actix_web::get;
use closebook_shared::Page;
use closebook_shared::shipments::{Shipment, ShipmentListQuery};

use crate::authz::PartnerCtx;
use crate::domain::shipments;
use crate::extract::Query;
use crate::openapi::TAG_SHIPMENTS;
use crate::reply::Answer;

/// List shipments
///
/// Newest first, each with its tracking timeline and temperature log. A partner user sees its
/// account's (its Track Orders page), a rep those of the accounts it looks after, a manager its
/// people's, the back office all.
#[utoipa::path(tag = TAG_SHIPMENTS, operation_id = "list_shipments", params(ShipmentListQuery), responses(
    (status = 200, description = "A page of shipments", body = Page<Shipment>),
))]
#[get("/shipments")]
pub async fn list_shipments(
    ctx: PartnerCtx,
    q: Query<ShipmentListQuery>,
) -> Answer<Page<Shipment>> {
    ctx.list(q.0, shipments::list).await
}
