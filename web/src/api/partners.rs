//! The partner-account resource.

use closebook_shared::Page;
use closebook_shared::partners::{
    ApprovePartnerRequest, Partner, PartnerListQuery, PartnerStatusRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: PartnerListQuery) -> ApiResult<Page<Partner>> {
    get(&format!("/partners{}", query_string(&q))).await
}

pub async fn approve(id: Uuid, req: &ApprovePartnerRequest) -> ApiResult<Partner> {
    post(&format!("/partners/{id}/approve"), req).await
}

pub async fn set_status(id: Uuid, req: &PartnerStatusRequest) -> ApiResult<Partner> {
    post(&format!("/partners/{id}/status"), req).await
}

pub async fn analytics(
    id: Uuid,
    q: closebook_shared::partner_analytics::AnalyticsQuery,
) -> ApiResult<closebook_shared::partner_analytics::PartnerAnalytics> {
    get(&format!("/partners/{id}/analytics{}", query_string(&q))).await
}

pub async fn addresses(id: Uuid) -> ApiResult<Vec<closebook_shared::partners::ShippingAddress>> {
    get(&format!("/partners/{id}/addresses")).await
}

pub async fn add_address(
    id: Uuid,
    req: &closebook_shared::partners::SaveAddressRequest,
) -> ApiResult<closebook_shared::partners::ShippingAddress> {
    post(&format!("/partners/{id}/addresses"), req).await
}

pub async fn make_default_address(
    address: Uuid,
) -> ApiResult<closebook_shared::partners::ShippingAddress> {
    post(
        &format!("/shipping-addresses/{address}/default"),
        &serde_json::json!({}),
    )
    .await
}

pub async fn delete_address(address: Uuid) -> ApiResult<()> {
    super::call_empty(
        super::Method::Delete,
        &format!("/shipping-addresses/{address}"),
        None,
    )
    .await
}
