use actix_web::get;
use closebook_shared::Problem;
use closebook_shared::users::User;

use crate::context::Ctx;
use crate::db::users;
use crate::error::ApiError;
use crate::openapi::TAG_AUTH;
use crate::reply::{Answer, Reply};

/// The current user
///
/// The signed-in user's own record.
#[utoipa::path(tag = TAG_AUTH, operation_id = "get_me", responses(
    (status = 200, description = "The caller", body = User),
    (status = 403, description = "Called with a service token (`forbidden`)", body = Problem),
))]
#[get("/me")]
pub async fn get_me(ctx: Ctx) -> Answer<User> {
    let id = ctx
        .principal
        .user_id()
        .ok_or_else(|| ApiError::forbidden("a service token has no user record"))?;
    let user = ctx.db().read(move |c| users::find(c, id)).await?;
    match user {
        Some(u) if u.active => Ok(Reply::versioned(u.to_dto())),
        // Deleted or deactivated since the token was issued.
        _ => Err(ApiError::unauthenticated(
            "this account is no longer active",
        )),
    }
}
