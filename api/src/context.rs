//! What every authenticated handler needs, extracted once: the caller, the request id and the
//! application state. Handlers stay a few lines of glue (DESIGN.md §8.1).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use serde::Serialize;

use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::Principal;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::middleware::RequestId;
use crate::middleware::idempotency::KeyedRequest;
use crate::reply::Reply;

pub struct Ctx {
    pub principal: Principal,
    pub request_id: String,
    pub state: web::Data<AppState>,
    pub req: HttpRequest,
}

impl Ctx {
    pub fn actor(&self) -> Actor {
        Actor::new(&self.principal, &self.request_id)
    }

    pub fn db(&self) -> &crate::db::Db {
        &self.state.db
    }

    /// Runs a write and builds its reply in one transaction. When the request carries an
    /// `Idempotency-Key`, the reply is recorded under it before the commit, so the effect and
    /// the key's outcome land together or not at all (see `middleware::idempotency`). Every
    /// POST handler that changes something answers through this.
    pub async fn commit<T, F>(&self, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn) -> ApiResult<Reply<T>> + Send + 'static,
        T: Serialize + Send + 'static,
    {
        let keyed = self.req.extensions().get::<KeyedRequest>().cloned();
        self.db()
            .write(move |c| {
                let mut reply = f(c)?;
                if let Some(keyed) = keyed {
                    keyed.record(c, &mut reply)?;
                }
                Ok(reply)
            })
            .await
    }
}

impl FromRequest for Ctx {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = Principal::from_request(req, payload).into_inner();
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let req = req.clone();
        Box::pin(async move {
            Ok(Ctx {
                principal: principal?,
                request_id,
                state: state.ok_or_else(|| ApiError::internal("application state missing"))?,
                req,
            })
        })
    }
}

/// For endpoints used before signing in (login, refresh): request id, state and client address.
pub struct PublicCtx {
    pub request_id: String,
    pub state: web::Data<AppState>,
    pub client_ip: String,
}

impl FromRequest for PublicCtx {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let request_id = req
            .extensions()
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        std::future::ready(match state {
            Some(state) => Ok(PublicCtx {
                request_id,
                client_ip: state.client_ip(req),
                state,
            }),
            None => Err(ApiError::internal("application state missing")),
        })
    }
}
