//! HTTP handlers: one file per action, each a few lines of glue — extract, authorise, call,
//! convert, return. The `#[utoipa::path]` beside each is its documentation and contract.

pub mod activities;
pub mod allocations;
pub mod analytics;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod clients;
pub mod commissions;
pub mod compensation_plans;
pub mod dashboard;
pub mod health;
pub mod invoices;
pub mod known;
pub mod leads;
mod marketing_assets;
pub mod me;
pub mod notes;
pub mod notifications;
pub mod orders;
mod partner_invoices;
pub mod partners;
pub mod payouts;
pub mod pipelines;
pub mod product_images;
pub mod products;
pub mod refunds;
pub mod reports;
pub mod scripts;
pub mod service_tokens;
pub mod settings;
mod shipments;
mod shipping_addresses;
mod support_tickets;
pub mod targets;
pub mod teams;
pub mod territories;
pub mod territory_assignments;
pub mod territory_placements;
pub mod touches;
pub mod upsells;
pub mod users;
mod video_guides;

use actix_web::ResponseError;
use actix_web::dev::ServiceResponse;
use actix_web::http::header;
use actix_web::middleware::ErrorHandlerResponse;
use closebook_shared::ErrorCode;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, PROBLEM_JSON};

pub fn configure(cfg: &mut ServiceConfig) {
    auth::configure(cfg);
    me::configure(cfg);
    users::configure(cfg);
    teams::configure(cfg);
    audit::configure(cfg);
    service_tokens::configure(cfg);
    settings::configure(cfg);
    pipelines::configure(cfg);
    leads::configure(cfg);
    activities::configure(cfg);
    notes::configure(cfg);
    touches::configure(cfg);
    clients::configure(cfg);
    scripts::configure(cfg);
    commissions::configure(cfg);
    compensation_plans::configure(cfg);
    territories::configure(cfg);
    territory_assignments::configure(cfg);
    territory_placements::configure(cfg);
    allocations::configure(cfg);
    notifications::configure(cfg);
    partners::configure(cfg);
    products::configure(cfg);
    product_images::configure(cfg);
    orders::configure(cfg);
    partner_invoices::configure(cfg);
    shipments::configure(cfg);
    support_tickets::configure(cfg);
    shipping_addresses::configure(cfg);
    marketing_assets::configure(cfg);
    video_guides::configure(cfg);
    targets::configure(cfg);
    analytics::configure(cfg);
    dashboard::configure(cfg);
    invoices::configure(cfg);
    refunds::configure(cfg);
    billing::configure(cfg);
    upsells::configure(cfg);
    payouts::configure(cfg);
    reports::configure(cfg);
}

/// actix answers some errors itself (405, a path that did not parse) with an empty body; give
/// those the same problem shape as ours.
pub fn problem_for_bare_errors<B>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    let is_api = res.request().path().starts_with("/api/");
    if is_problem || !is_api {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let code = match res.status().as_u16() {
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        401 => ErrorCode::Unauthenticated,
        403 => ErrorCode::Forbidden,
        429 => ErrorCode::RateLimited,
        s if s >= 500 => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    };
    let detail = match code {
        ErrorCode::MethodNotAllowed => format!(
            "{} is not supported on this endpoint",
            res.request().method()
        ),
        _ => code.title().to_owned(),
    };
    let (req, _) = res.into_parts();
    let body = ApiError::new(code, detail).error_response();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, body).map_into_right_body(),
    ))
}
