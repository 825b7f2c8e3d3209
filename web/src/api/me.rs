//! The signed-in user: signing in and out, their own record and password.

use closebook_shared::auth::{ChangePasswordRequest, LoginRequest, LogoutRequest, TokenResponse};
use closebook_shared::users::User;

use super::{ApiResult, Method, Session, call_empty, get, post, post_public, to_json};

pub async fn get_me() -> ApiResult<User> {
    get("/me").await
}

/// Signs in and keeps the session; answers who signed in.
pub async fn sign_in(req: &LoginRequest) -> ApiResult<User> {
    let tokens = post_public::<_, TokenResponse>("/auth/login", req).await?;
    Session::store(&tokens);
    get_me().await
}

/// Revokes this sign-in on the server.
pub async fn sign_out() -> ApiResult<()> {
    call_empty(
        Method::Post,
        "/auth/logout",
        to_json(&LogoutRequest::default()),
    )
    .await
}

/// Changes the password; the server ends every other session and answers new tokens, kept here.
pub async fn change_password(req: &ChangePasswordRequest) -> ApiResult<User> {
    let tokens = post::<_, TokenResponse>("/me/password", req).await?;
    Session::store(&tokens);
    get_me().await
}
