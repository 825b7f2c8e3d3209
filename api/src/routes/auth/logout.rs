use actix_web::post;
use actix_web::web::Bytes;
use closebook_shared::auth::LogoutRequest;
use garde::Validate;

use crate::audit;
use crate::auth::refresh;
use crate::context::Ctx;
use crate::db::users;
use crate::error::ApiError;
use crate::extract::parse_json;
use crate::openapi::TAG_AUTH;
use crate::reply::{Answer, Reply};
use crate::time;

/// Sign out
///
/// With `refresh_token`, revokes that sign-in's tokens; with an empty body, every refresh token
/// of the caller (sign out everywhere). Access tokens expire on their own within minutes.
#[utoipa::path(tag = TAG_AUTH, operation_id = "logout", request_body(content = Option<LogoutRequest>, description = "Optional; empty body signs out everywhere"), responses(
    (status = 204, description = "Signed out"),
))]
#[post("/auth/logout")]
pub async fn logout(ctx: Ctx, body: Bytes) -> Answer<()> {
    let req: LogoutRequest = if body.iter().all(u8::is_ascii_whitespace) {
        LogoutRequest::default()
    } else {
        parse_json(&body)?
    };
    req.validate()?;
    let user_id = ctx
        .principal
        .user_id()
        .ok_or_else(|| {
            ApiError::forbidden("service tokens do not sign in; revoke the token instead")
        })?
        .to_string();
    let actor = ctx.actor();
    let reply = ctx.commit(move |c| {
        let now = time::now();
        let revoked = match &req.refresh_token {
            Some(t) => usize::from(refresh::revoke_family_of(c, t, &user_id, now)?),
            None => users::end_sessions(c, &user_id, now)?,
        };
        let detail =
            serde_json::json!({ "everywhere": req.refresh_token.is_none(), "revoked": revoked });
        audit::record_after(c, &actor, "auth.logout", "user", &user_id, &detail)?;
        Ok(Reply::no_content())
    })
    .await?;
    ctx.state.sessions_ended().await;
    Ok(reply)
}
