use actix_web::get;
use closebook_shared::Page;
use closebook_shared::users::{User, UserListQuery};

use crate::authz::PeopleCtx;
use crate::db::users;
use crate::extract::Query;
use crate::openapi::TAG_USERS;
use crate::reply::Answer;

/// List users
///
/// Sorted by name. Admin and finance see everyone; a sales manager sees itself, its direct
/// reports and its teams' members; everyone else sees only itself.
#[utoipa::path(tag = TAG_USERS, operation_id = "list_users", params(UserListQuery), responses(
    (status = 200, description = "A page of users", body = Page<User>),
))]
#[get("/users")]
pub async fn list_users(ctx: PeopleCtx, q: Query<UserListQuery>) -> Answer<Page<User>> {
    ctx.list(q.0, |c, caller, q, page| {
        users::list(c, &caller.scope, &q, page)
    })
    .await
}
