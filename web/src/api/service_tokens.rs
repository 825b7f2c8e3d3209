//! Service tokens for integrations (admins).

use closebook_shared::Page;
use closebook_shared::service_tokens::{
    CreateServiceTokenRequest, CreatedServiceToken, ServiceToken, ServiceTokenListQuery,
};
use uuid::Uuid;

use super::{ApiResult, Method, call_empty, get, post, query_string};

pub async fn list(q: ServiceTokenListQuery) -> ApiResult<Page<ServiceToken>> {
    get(&format!("/service-tokens{}", query_string(&q))).await
}

pub async fn create(req: &CreateServiceTokenRequest) -> ApiResult<CreatedServiceToken> {
    post("/service-tokens", req).await
}

pub async fn revoke(id: Uuid) -> ApiResult<()> {
    call_empty(Method::Delete, &format!("/service-tokens/{id}"), None).await
}
