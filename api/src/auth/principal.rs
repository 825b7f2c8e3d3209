//! The authenticated caller, set on the request by the `authenticate` middleware.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use closebook_shared::Role;
use uuid::Uuid;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    User,
    ServiceToken,
}

impl PrincipalKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::ServiceToken => "service_token",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    pub kind: PrincipalKind,
    /// The user id, or the service token id.
    pub id: Uuid,
    pub role: Role,
    /// Signed in with a temporary password; every endpoint but a few refuses it.
    pub must_change_password: bool,
}

impl Principal {
    pub fn user(id: Uuid, role: Role) -> Self {
        Self {
            kind: PrincipalKind::User,
            id,
            role,
            must_change_password: false,
        }
    }

    /// The signed-in user's id; `None` for service tokens.
    pub fn user_id(&self) -> Option<Uuid> {
        (self.kind == PrincipalKind::User).then_some(self.id)
    }

    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Key for per-caller state (rate limits, idempotency keys).
    pub fn key(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.id)
    }
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(req.extensions().get::<Principal>().copied().ok_or_else(|| {
            ApiError::unauthenticated("sign in and send `Authorization: Bearer <access token>`")
        }))
    }
}
