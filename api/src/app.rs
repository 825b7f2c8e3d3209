//! Assembles the application: state, middleware, routes, OpenAPI document, web app.

use std::num::NonZeroU32;
use std::path::PathBuf;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{ErrorHandlers, from_fn};
use actix_web::{App, HttpRequest, web};
use chrono::Duration;
use utoipa::OpenApi;
use utoipa_actix_web::{AppExt, UtoipaApp, scope};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::auth::login_throttle::Throttle;
use crate::auth::revocation::Revocations;
use crate::db::Db;
use crate::extract::BODY_LIMIT;
use crate::media::MediaStore;
use crate::middleware::{authenticate, idempotency, rate_limit, request_context};
use crate::{openapi, routes, web_app};

/// Everything handlers share. Nothing here may hold state that only this process knows and that
/// must be global (DESIGN.md §2); the in-memory rate limiter is per-process by design.
pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub refresh_ttl: Duration,
    pub throttle: Throttle,
    pub limiter: Option<rate_limit::Limiter>,
    /// Users whose recent access tokens are revoked; reloaded from the database.
    pub revocations: Revocations,
    /// Trust `X-Forwarded-For`/`Forwarded` for the client address (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Where uploaded files are kept.
    pub media: MediaStore,
}

impl AppState {
    pub fn new(db: Db, jwt: JwtKeys, media: MediaStore) -> Self {
        Self {
            db,
            jwt,
            refresh_ttl: Duration::days(30),
            throttle: Throttle::default(),
            limiter: NonZeroU32::new(1200).map(rate_limit::Limiter::new),
            trust_proxy: false,
            revocations: Revocations::default(),
            media,
        }
    }

    pub async fn reload_revocations(&self) -> Result<(), crate::error::ApiError> {
        self.revocations
            .reload(&self.db, self.jwt.ttl_seconds)
            .await
    }

    /// After a write that may have ended someone's sessions: this process refuses their old
    /// tokens at once (the others within `revocation::REFRESH_EVERY`). The write has committed,
    /// so a failed reload is only logged; the periodic one catches up.
    pub async fn sessions_ended(&self) {
        if let Err(e) = self.reload_revocations().await {
            tracing::warn!(error = %e, "revocation reload after a write failed");
        }
    }

    pub fn client_ip(&self, req: &HttpRequest) -> String {
        let info = req.connection_info();
        let addr = if self.trust_proxy {
            info.realip_remote_addr()
        } else {
            info.peer_addr()
        };
        let addr = addr.unwrap_or("unknown");
        // Strip a port, keeping IPv6 addresses whole.
        addr.parse::<std::net::SocketAddr>()
            .map_or_else(|_| addr.to_owned(), |s| s.ip().to_string())
    }
}

/// The `/api/v1` routes and health checks, shared by the server and the OpenAPI export.
fn with_routes<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.configure(routes::health::configure).service(
        scope::scope("/api/v1")
            .wrap(from_fn(idempotency::idempotency))
            .wrap(from_fn(rate_limit::rate_limit))
            .wrap(from_fn(authenticate::authenticate))
            .configure(routes::configure)
            .default_service(web::to(routes::known::unmatched)),
    )
}

/// The OpenAPI document, as served at `/api/openapi.json` and checked in at `openapi/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, spec) = with_routes(
        App::new()
            .into_utoipa_app()
            .openapi(openapi::ApiDoc::openapi()),
    )
    .split_for_parts();
    openapi::finish(spec)
}

pub fn build_app(
    state: web::Data<AppState>,
    web_dir: Option<PathBuf>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let spec = openapi_document();
    let known = web::Data::new(routes::known::KnownRoutes::from_spec(&spec));
    let (app, _) = with_routes(
        App::new()
            .app_data(state)
            .app_data(known)
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            // Inner: turns actix's own bare errors (405, unmatched route) into problem documents.
            .wrap(ErrorHandlers::new().default_handler(routes::problem_for_bare_errors))
            // Outer: sees every request and response, including the problems above.
            .wrap(from_fn(request_context::request_context))
            .into_utoipa_app(),
    )
    .split_for_parts();
    app.service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", spec))
        // The probes answer other methods with 405 + Allow, like every API path.
        .service(web::resource(["/healthz", "/readyz"]).to(routes::known::unmatched))
        .service(web::scope("/api").default_service(web::to(routes::known::unmatched)))
        .configure(|cfg| web_app::configure(cfg, web_dir))
}
