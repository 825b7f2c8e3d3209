use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::users::{UpdateUserRequest, User};

use crate::authz::PeopleCtx;
use crate::extract::Json;
use crate::openapi::TAG_USERS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;
use crate::{authz, domain};

/// Update a user
///
/// Admins may change any field, including `active: false` to deactivate (users are never
/// deleted; a deactivated user cannot sign in or refresh). Users may change their own `name`,
/// `phone` and `time_zone`. Send the `version` you edited (or `If-Match`) to be told, with 412,
/// when someone else changed the record first.
#[utoipa::path(tag = TAG_USERS, operation_id = "update_user", params(Id<User>, IfMatch), responses(
    (status = 200, description = "The updated user", body = User),
    (status = 409, description = "Email already in use (`conflict`)", body = Problem),
    (status = 412, description = "The user changed since that version (`version_mismatch`)", body = Problem),
))]
#[patch("/users/{id}")]
pub async fn update_user(
    ctx: PeopleCtx,
    id: Id<User>,
    body: Json<UpdateUserRequest>,
) -> Answer<User> {
    let patch = body.0;
    // Only a deactivation or a role change ends sessions (`domain::users::update`).
    let may_end_sessions = patch.active == Some(false) || patch.role.is_some();
    // A bad value is a 422 even when the precondition is off too: it says what to fix.
    if let Some(tz) = &patch.time_zone {
        domain::check_time_zone("time_zone", tz)?;
    }
    let reply = ctx
        .edit(patch.version, move |c, caller, expected| {
            let id = id.uuid();
            domain::users::load_for(c, &caller.scope, id)?;
            authz::check_user_patch(&caller.principal, id, &patch.touched_fields())?;
            domain::users::update(c, &caller.actor, id, patch, expected)
        })
        .await?;
    if may_end_sessions {
        ctx.ctx.state.sessions_ended().await;
    }
    Ok(reply)
}
