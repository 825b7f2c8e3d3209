use actix_web::post;
use closebook_shared::auth::SetPasswordRequest;

use crate::auth::password;
use crate::context::Ctx;
use crate::db::users;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::TAG_USERS;
use crate::params::Id;
use crate::reply::Reply;
use crate::{audit, authz, time};
use closebook_shared::users::User;

/// Set a user's password
///
/// Admin only: a temporary password, by default to be changed at the next sign-in. The user's
/// sessions are signed out. (Self-service reset by email comes later.)
#[utoipa::path(tag = TAG_USERS, operation_id = "set_user_password", security(("bearer" = [])), params(
    Id<User>,
), responses(
    (status = 204, description = "Set"),
))]
#[post("/users/{id}/password")]
pub async fn set_user_password(
    ctx: Ctx,
    id: Id<User>,
    body: Json<SetPasswordRequest>,
) -> ApiResult<Reply<()>> {
    authz::require_admin(&ctx.principal)?;
    let id = id.uuid();
    let req = body.0;
    let must_change = req.must_change_password.unwrap_or(true);
    let hash = password::hash(req.password).await?;
    let actor = ctx.actor();
    let reply = ctx
        .commit(move |c| {
            let user = users::find(c, id)?.ok_or_else(|| ApiError::not_found("user"))?;
            let now = time::now();
            users::set_password(c, &user.id, &hash, must_change, now)?;
            users::end_sessions(c, &user.id, now)?;
            let detail = serde_json::json!({ "by": "admin", "must_change_password": must_change });
            audit::record(
                c,
                &actor,
                "user.password_reset",
                "user",
                Some(&user.id),
                None::<&()>,
                Some(&detail),
            )?;
            Ok(Reply::no_content())
        })
        .await?;
    ctx.state.sessions_ended().await;
    Ok(reply)
}
