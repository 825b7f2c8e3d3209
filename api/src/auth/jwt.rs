//! Access tokens: HS256 JWTs, validated explicitly (one algorithm; `exp`, `iss`, `aud`, `sub`
//! required; small leeway) rather than with jsonwebtoken's permissive defaults.

use closebook_shared::Role;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Principal;
use crate::error::ApiError;

pub const ISSUER: &str = "closebook";
pub const AUDIENCE: &str = "closebook-api";
/// Clock skew tolerated between instances, in seconds.
pub const LEEWAY_SECONDS: u64 = 5;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// Signed in with a temporary password: only the password change is allowed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pwc: bool,
    /// The user's token generation at issue; older generations are revoked
    /// (`auth::revocation`).
    #[serde(default)]
    pub generation: i64,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Access token lifetime, seconds.
    pub ttl_seconds: i64,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl_seconds: i64) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl_seconds,
        }
    }

    pub fn issue(&self, user_id: Uuid, role: Role) -> Result<String, ApiError> {
        self.issue_with(user_id, role, false, 0)
    }

    /// `must_change_password` marks the token as good only for changing the password.
    pub fn issue_with(
        &self,
        user_id: Uuid,
        role: Role,
        must_change_password: bool,
        generation: i64,
    ) -> Result<String, ApiError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            exp: now + self.ttl_seconds,
            pwc: must_change_password,
            generation,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::internal(format!("token signing failed: {e}")))
    }

    /// The caller a valid token names, and the token generation it was issued under.
    pub fn verify(&self, token: &str) -> Result<(Principal, i64), ApiError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| {
                use jsonwebtoken::errors::ErrorKind;
                let why = match e.kind() {
                    ErrorKind::ExpiredSignature => "the access token has expired; refresh it",
                    ErrorKind::InvalidAudience | ErrorKind::InvalidIssuer => {
                        "the access token is not for this service"
                    }
                    ErrorKind::MissingRequiredClaim(_) => "the access token lacks a required claim",
                    _ => "the access token is invalid",
                };
                ApiError::unauthenticated(why)
            })?;
        let id = Uuid::parse_str(&data.claims.sub)
            .map_err(|_| ApiError::unauthenticated("the access token is invalid"))?;
        let mut principal = Principal::user(id, data.claims.role);
        principal.must_change_password = data.claims.pwc;
        Ok((principal, data.claims.generation))
    }
}
