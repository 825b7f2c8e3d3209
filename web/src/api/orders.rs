//! The partner-order resource.

use closebook_shared::Page;
use closebook_shared::orders::{
    Order, OrderListQuery, OrderStatusRequest, OrderSummary, PlaceOrderRequest, Quote, QuoteRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: OrderListQuery) -> ApiResult<Page<OrderSummary>> {
    get(&format!("/orders{}", query_string(&q))).await
}

pub async fn get_order(id: Uuid) -> ApiResult<Order> {
    get(&format!("/orders/{id}")).await
}

pub async fn quote(req: &QuoteRequest) -> ApiResult<Quote> {
    post("/orders/quote", req).await
}

pub async fn place(req: &PlaceOrderRequest) -> ApiResult<Order> {
    post("/orders", req).await
}

pub async fn set_status(id: Uuid, req: &OrderStatusRequest) -> ApiResult<Order> {
    post(&format!("/orders/{id}/status"), req).await
}
