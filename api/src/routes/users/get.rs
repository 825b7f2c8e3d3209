use actix_web::get;
use closebook_shared::users::User;

use crate::authz::PeopleCtx;
use crate::domain;
use crate::openapi::TAG_USERS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a user
///
/// Users outside the caller's view answer 404, as if they did not exist.
#[utoipa::path(tag = TAG_USERS, operation_id = "get_user", params(Id<User>), responses(
    (status = 200, description = "The user; `ETag` carries its version", body = User),
))]
#[get("/users/{id}")]
pub async fn get_user(ctx: PeopleCtx, id: Id<User>) -> Answer<User> {
    ctx.get(move |c, caller| Ok(domain::users::load_for(c, &caller.scope, id.uuid())?.to_dto()))
        .await
}
