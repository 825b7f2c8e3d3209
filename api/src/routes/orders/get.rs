use actix_web::get;
use closebook_shared::orders::Order;

use crate::authz::PartnerCtx;
use crate::domain::orders;
use crate::openapi::TAG_ORDERS;
use crate::params::Id;
use crate::reply::Answer;

/// Get an order
///
/// With its lines as priced when placed and its status history.
#[utoipa::path(tag = TAG_ORDERS, operation_id = "get_order", params(Id<Order>), responses(
    (status = 200, description = "The order; `ETag` carries its version", body = Order),
))]
#[get("/orders/{id}")]
pub async fn get_order(ctx: PartnerCtx, id: Id<Order>) -> Answer<Order> {
    ctx.get(move |c, caller| orders::get(c, caller, id.uuid()))
        .await
}
