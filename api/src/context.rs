//! What every authenticated handler needs, extracted once: the caller, the request id and the
//! application state. Handlers stay a few lines of glue (DESIGN.md §8.1).

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use closebook_shared::Page;
use futures_util::future::LocalBoxFuture;
use serde::Serialize;

use crate::app::AppState;
use crate::audit::Actor;
use crate::auth::Principal;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::middleware::RequestId;
use crate::middleware::idempotency::KeyedRequest;
use crate::pagination::{PageRequest, Paging};
use crate::reply::{Identified, Reply, Versioned};

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

/// Who may use a capability at all, and which of its records they see. The extractor
/// [`Scoped`] admits the caller before the handler runs; the scope is worked out inside the
/// handler's transaction, so it agrees with the data it filters.
pub trait Capability: 'static {
    type Scope: Send + 'static;
    fn admit(p: &Principal) -> Result<(), ApiError>;
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<Self::Scope, ApiError>;
}

/// The caller as a capability's handlers see it inside a transaction.
pub struct Caller<S> {
    pub principal: Principal,
    pub actor: Actor,
    pub scope: S,
}

/// A [`Ctx`] whose caller has been admitted to capability `C`; a refused caller gets the 403
/// before the body is read.
pub struct Scoped<C: Capability> {
    pub ctx: Ctx,
    capability: std::marker::PhantomData<fn() -> C>,
}

impl<C: Capability> Scoped<C> {
    pub fn principal(&self) -> &Principal {
        &self.ctx.principal
    }

    /// The version an edit expects: `If-Match` or the body's `version` (412 when they disagree).
    pub fn expected_version(&self, body_version: Option<i64>) -> ApiResult<Option<i64>> {
        crate::concurrency::expected_version(&self.ctx.req, body_version)
    }

    /// `f` as a database job that first works out the caller's scope on its connection.
    fn with_caller<T, F>(&self, f: F) -> impl FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
    {
        let (principal, actor) = (self.ctx.principal, self.ctx.actor());
        move |c| {
            let caller = Caller {
                scope: C::scope(c, &principal)?,
                principal,
                actor,
            };
            f(c, &caller)
        }
    }

    /// A read on the read pool, with the caller's scope.
    pub async fn read<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.ctx.db().read(self.with_caller(f)).await
    }

    /// A write (PATCH, DELETE) in one transaction, with the caller's scope.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.ctx.db().write(self.with_caller(f)).await
    }

    /// An edit of a versioned record: the version the caller expects (`If-Match` or the body's
    /// `version`, 412 when they disagree) goes to `f`, which checks it against the stored one;
    /// the answer carries the new version as `ETag`. Runs through [`Self::commit`], so a POST
    /// edit's answer is recorded under its `Idempotency-Key`.
    pub async fn edit<T, F>(&self, body_version: Option<i64>, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>, Option<i64>) -> ApiResult<T> + Send + 'static,
        T: Versioned + Serialize + Send + 'static,
    {
        let expected = self.expected_version(body_version)?;
        self.commit(move |c, caller| f(c, caller, expected).map(Reply::versioned))
            .await
    }

    /// A read of one versioned record, answered with its version as `ETag`.
    pub async fn get<T, F>(&self, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
        T: Versioned + Serialize + Send + 'static,
    {
        self.read(f).await.map(Reply::versioned)
    }

    /// A read answered as it is (200).
    pub async fn show<T, F>(&self, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
        T: Serialize + Send + 'static,
    {
        self.read(f).await.map(Reply::ok)
    }

    /// A POST that makes a record: `f` writes it, and the answer is 201 with its `Location`
    /// under `collection` (`"/leads"`), recorded like any [`Self::commit`].
    pub async fn create<T, F>(&self, collection: &'static str, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<T> + Send + 'static,
        T: Identified + Serialize + Send + 'static,
    {
        self.commit(move |c, caller| {
            let made = f(c, caller)?;
            Ok(Reply::created_at(collection, made.id(), made))
        })
        .await
    }

    /// A page of a list: the query's `limit` and `cursor` are judged first (400), then `f`
    /// reads the page with the query and the caller's scope.
    pub async fn list<Q, T, F>(&self, q: Q, f: F) -> ApiResult<Reply<Page<T>>>
    where
        Q: Paging + Send + 'static,
        F: FnOnce(&mut DbConn, &Caller<C::Scope>, Q, &PageRequest) -> ApiResult<Page<T>>
            + Send
            + 'static,
        T: Serialize + Send + 'static,
    {
        let page = q.page_request()?;
        self.read(move |c, caller| f(c, caller, q, &page))
            .await
            .map(Reply::ok)
    }

    /// A POST's write and reply in one transaction, recorded under its `Idempotency-Key`
    /// ([`Ctx::commit`]).
    pub async fn commit<T, F>(&self, f: F) -> ApiResult<Reply<T>>
    where
        F: FnOnce(&mut DbConn, &Caller<C::Scope>) -> ApiResult<Reply<T>> + Send + 'static,
        T: Serialize + Send + 'static,
    {
        self.ctx.commit(self.with_caller(f)).await
    }
}

impl<C: Capability> FromRequest for Scoped<C> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let ctx = Ctx::from_request(req, payload);
        Box::pin(async move {
            let ctx = ctx.await?;
            C::admit(&ctx.principal)?;
            Ok(Scoped {
                ctx,
                capability: std::marker::PhantomData,
            })
        })
    }
}
