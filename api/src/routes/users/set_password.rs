use actix_web::post;
use closebook_shared::auth::SetPasswordRequest;

use crate::auth::password;
use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_USERS;
use crate::params::Id;
use crate::reply::{Answer, Reply};
use closebook_shared::users::User;

/// Set a user's password
///
/// Admin only: a temporary password, by default to be changed at the next sign-in. The user's
/// sessions are signed out. (Self-service reset by email comes later.)
#[utoipa::path(tag = TAG_USERS, operation_id = "set_user_password", params(Id<User>), responses(
    (status = 204, description = "Set"),
))]
#[post("/users/{id}/password")]
pub async fn set_user_password(
    ctx: AdminCtx,
    id: Id<User>,
    body: Json<SetPasswordRequest>,
) -> Answer<()> {
    let req = body.0;
    let must_change = req.must_change_password.unwrap_or(true);
    let hash = password::hash(req.password).await?;
    let reply = ctx
        .commit(move |c, caller| {
            domain::users::reset_password(c, &caller.actor, id.uuid(), &hash, must_change)?;
            Ok(Reply::no_content())
        })
        .await?;
    ctx.ctx.state.sessions_ended().await;
    Ok(reply)
}
