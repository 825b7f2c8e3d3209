//! Authentication: who is calling. Authorisation (what they may do) lives in `crate::authz`.

pub mod jwt;
pub mod login_throttle;
pub mod password;
pub mod principal;
pub mod refresh;
pub mod revocation;
pub mod service_token;
pub mod session;
pub mod tokens;

pub use principal::{Principal, PrincipalKind};
