use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::users::{UpdateUserRequest, User};

use crate::context::Ctx;
use crate::db::users;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::openapi::TAG_USERS;
use crate::params::{Id, IfMatch};
use crate::reply::Reply;
use crate::{authz, concurrency, domain};

/// Update a user
///
/// Admins may change any field, including `active: false` to deactivate (users are never
/// deleted; a deactivated user cannot sign in or refresh). Users may change their own `name`,
/// `phone` and `time_zone`. Send the `version` you edited (or `If-Match`) to be told, with 412,
/// when someone else changed the record first.
#[utoipa::path(tag = TAG_USERS, operation_id = "update_user", security(("bearer" = [])), params(
    Id<User>,
    IfMatch,
), responses(
    (status = 200, description = "The updated user", body = User),
    (status = 409, description = "Email already in use (`conflict`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "The user changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/users/{id}")]
pub async fn update_user(
    ctx: Ctx,
    id: Id<User>,
    body: Json<UpdateUserRequest>,
) -> ApiResult<Reply<User>> {
    let id = id.uuid();
    let patch = body.0;
    // Only a deactivation or a role change ends sessions (`domain::users::update`).
    let may_end_sessions = patch.active == Some(false) || patch.role.is_some();
    // A bad value is a 422 even when the precondition is off too: it says what to fix.
    if let Some(tz) = &patch.time_zone {
        domain::check_time_zone("time_zone", tz)?;
    }
    let expected = concurrency::expected_version(&ctx.req, patch.version)?;
    let (principal, actor) = (ctx.principal, ctx.actor());
    let user = ctx
        .db()
        .write(move |c| {
            let scope = authz::user_scope(c, &principal)?;
            let visible = users::find(c, id)?.is_some_and(|u| {
                scope.covers_user(id, u.team_id.as_deref(), u.manager_id.as_deref())
            });
            if !visible {
                return Err(ApiError::not_found("user"));
            }
            authz::check_user_patch(&principal, id, &patch.touched_fields())?;
            domain::users::update(c, &actor, id, patch, expected)
        })
        .await?;
    if may_end_sessions {
        ctx.state.sessions_ended().await;
    }
    Ok(Reply::ok_versioned_by(user, |r| r.version))
}
