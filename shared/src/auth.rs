//! Sign-in and token DTOs.

use garde::Validate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[garde(length(chars, min = 1, max = 254))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
    #[garde(length(chars, min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub password: String,
}

/// An access/refresh token pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// Short-lived JWT for `Authorization: Bearer …`.
    pub access_token: String,
    /// Single-use token for `POST /api/v1/auth/refresh`; each use returns a new one.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The user must set a new password before doing anything else.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[garde(length(chars, min = 1, max = 512))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 512))]
    pub refresh_token: String,
}

/// Body of `POST /api/v1/auth/logout`. With a refresh token its whole family is revoked;
/// without one, every refresh token of the caller is.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    #[serde(default)]
    #[garde(length(chars, min = 1, max = 512))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 512))]
    pub refresh_token: Option<String>,
}

/// Body of `POST /api/v1/me/password`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    #[garde(length(chars, min = 1, max = 256))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 256))]
    pub current_password: String,
    /// At least 12 characters, different from the current one.
    #[garde(custom(crate::validate::password))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 256))]
    pub new_password: String,
}

/// Body of `POST /api/v1/users/{id}/password` (admin sets a temporary password).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetPasswordRequest {
    /// At least 12 characters.
    #[garde(custom(crate::validate::password))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 256))]
    pub password: String,
    /// Require a new password at the next sign-in (default true).
    #[serde(default)]
    #[garde(skip)]
    pub must_change_password: Option<bool>,
}
