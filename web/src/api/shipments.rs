//! The shipment resource.

use closebook_shared::Page;
use closebook_shared::shipments::{
    CreateShipmentRequest, Shipment, ShipmentListQuery, TrackingEventRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: ShipmentListQuery) -> ApiResult<Page<Shipment>> {
    get(&format!("/shipments{}", query_string(&q))).await
}

pub async fn book(order: Uuid, req: &CreateShipmentRequest) -> ApiResult<Shipment> {
    post(&format!("/orders/{order}/shipments"), req).await
}

pub async fn track(id: Uuid, req: &TrackingEventRequest) -> ApiResult<Shipment> {
    post(&format!("/shipments/{id}/events"), req).await
}
