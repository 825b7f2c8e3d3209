use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::orders::{Order, PlaceOrderRequest};

use crate::authz::PartnerCtx;
use crate::domain::orders;
use crate::extract::Json;
use crate::openapi::TAG_ORDERS;
use crate::reply::Answer;

/// Place an order
///
/// A partner user for its account, a rep or manager for an account its people look after, an
/// admin for any. Priced at the account's tier (lines in whole cases, at least the minimum
/// order); on NET terms the subtotal must fit the available credit. The order starts pending.
#[utoipa::path(tag = TAG_ORDERS, operation_id = "place_order", responses(
    (status = 201, description = "The pending order; `Location` names it", body = Order),
    (status = 404, description = "No account the caller sees has `partner_id` (`not_found`)", body = Problem),
    (status = 409, description = "The account is not active, the order exceeds its available credit, or a line is below its product's minimum order or of a product no longer sold (`conflict`); a product that is not in the catalogue (`invalid_reference`)", body = Problem),
))]
#[post("/orders")]
pub async fn place_order(ctx: PartnerCtx, body: Json<PlaceOrderRequest>) -> Answer<Order> {
    ctx.create("/orders", move |c, caller| orders::place(c, caller, body.0))
        .await
}
