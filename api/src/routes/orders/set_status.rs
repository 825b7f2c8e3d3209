use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::orders::{Order, OrderStatusRequest};

use crate::authz::PartnerCtx;
use crate::domain::orders;
use crate::extract::Json;
use crate::openapi::TAG_ORDERS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Move an order along, or cancel it
///
/// Admins move it one step: pending → confirmed (its units reserved out of stock) →
/// production → quality check → shipped → delivered, or cancel it before it ships (a
/// reservation is put back). The partner and its rep may cancel it while it is pending.
/// Cancelling says why (`note`).
#[utoipa::path(tag = TAG_ORDERS, operation_id = "set_order_status", params(Id<Order>, IfMatch), responses(
    (status = 200, description = "The order in its new status", body = Order),
    (status = 409, description = "The status does not follow the order's, or the stock does not cover it (`conflict`)", body = Problem),
    (status = 412, description = "The order changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/orders/{id}/status")]
pub async fn set_order_status(
    ctx: PartnerCtx,
    id: Id<Order>,
    body: Json<OrderStatusRequest>,
) -> Answer<Order> {
    ctx.edit(body.version, move |c, caller, expected| {
        orders::change_status(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
