use actix_web::get;
use closebook_shared::Page;
use closebook_shared::orders::{OrderListQuery, OrderSummary};

use crate::authz::PartnerCtx;
use crate::domain::orders;
use crate::extract::Query;
use crate::openapi::TAG_ORDERS;
use crate::reply::Answer;

/// List partner orders
///
/// Newest first. A partner user sees its account's, a rep the orders of the accounts it looks
/// after, a manager its people's, the back office all.
#[utoipa::path(tag = TAG_ORDERS, operation_id = "list_orders", params(OrderListQuery), responses(
    (status = 200, description = "A page of orders", body = Page<OrderSummary>),
))]
#[get("/orders")]
pub async fn list_orders(ctx: PartnerCtx, q: Query<OrderListQuery>) -> Answer<Page<OrderSummary>> {
    ctx.list(q.0, orders::list).await
}
