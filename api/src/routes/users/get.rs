use actix_web::get;
use closebook_shared::users::User;

use crate::authz;
use crate::context::Ctx;
use crate::db::users;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_USERS;
use crate::params::Id;
use crate::reply::Reply;

/// Get a user
///
/// Users outside the caller's view answer 404, as if they did not exist.
#[utoipa::path(tag = TAG_USERS, operation_id = "get_user", params(Id<User>), security(("bearer" = [])), responses(
    (status = 200, description = "The user; `ETag` carries its version", body = User),
))]
#[get("/users/{id}")]
pub async fn get_user(ctx: Ctx, id: Id<User>) -> ApiResult<Reply<User>> {
    let id = id.uuid();
    let principal = ctx.principal;
    let user = ctx
        .db()
        .read(move |c| {
            let scope = authz::user_scope(c, &principal)?;
            Ok(users::find(c, id)?
                .filter(|u| scope.covers_user(id, u.team_id.as_deref(), u.manager_id.as_deref())))
        })
        .await?
        .ok_or_else(|| ApiError::not_found("user"))?;
    Ok(Reply::ok_versioned(user.to_dto(), user.version))
}
