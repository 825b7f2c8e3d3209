//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::app::AppState;
use crate::error::ApiResult;
use crate::openapi::TAG_HEALTH;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(healthz).service(readyz);
}

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok` (alive) or `ready` (able to serve: the database answers).
    pub status: &'static str,
}

/// Liveness
///
/// The process is up. Does not touch the database.
#[utoipa::path(tag = TAG_HEALTH, operation_id = "healthz", security(()), responses((status = 200, description = "Alive", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Readiness
///
/// The database is reachable; 503 otherwise.
#[utoipa::path(tag = TAG_HEALTH, operation_id = "readyz", security(()), responses(
    (status = 200, description = "Ready", body = Health),
    (status = 503, description = "Database unreachable (`service_unavailable`)", body = closebook_shared::Problem),
))]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    state.db.ping().await?;
    Ok(HttpResponse::Ok().json(Health { status: "ready" }))
}
