//! Turning a verified user into a token pair.

use closebook_shared::auth::TokenResponse;

use super::jwt::JwtKeys;
use crate::db::users::UserRow;
use crate::error::ApiError;

pub fn token_pair(
    jwt: &JwtKeys,
    user: &UserRow,
    refresh_token: String,
    generation: i64,
) -> Result<TokenResponse, ApiError> {
    Ok(TokenResponse {
        access_token: jwt.issue_with(
            user.uuid(),
            user.role(),
            user.must_change_password,
            generation,
        )?,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: jwt.ttl_seconds,
        must_change_password: user.must_change_password,
    })
}
