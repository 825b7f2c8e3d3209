use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::users::{CreateUserRequest, User};

use crate::auth::password;
use crate::authz::AdminCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_USERS;
use crate::reply::Answer;

/// Create a user
///
/// Admin only. The password is the user's initial one; by default the user must change it at
/// first sign-in.
#[utoipa::path(tag = TAG_USERS, operation_id = "create_user", responses(
    (status = 201, description = "Created; `Location` names it", body = User),
    (status = 409, description = "Email already in use (`conflict`)", body = Problem),
))]
#[post("/users")]
pub async fn create_user(ctx: AdminCtx, body: Json<CreateUserRequest>) -> Answer<User> {
    let req = body.0;
    // Cheap checks first: no point hashing a password for a request that will be refused.
    if let Some(tz) = &req.time_zone {
        domain::check_time_zone("time_zone", tz)?;
    }
    let hash = password::hash(req.password.clone()).await?;
    ctx.create("/users", move |c, caller| {
        domain::users::create(c, &caller.actor, req, hash)
    })
    .await
}
