use actix_web::get;
use closebook_shared::Page;
use closebook_shared::users::{User, UserListQuery};

use crate::authz;
use crate::context::Ctx;
use crate::db::users;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_USERS;
use crate::pagination::PageRequest;
use crate::reply::Reply;

/// List users
///
/// Sorted by name. Admin and finance see everyone; a sales manager sees itself, its direct
/// reports and its teams' members; everyone else sees only itself.
#[utoipa::path(tag = TAG_USERS, operation_id = "list_users", params(UserListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of users", body = Page<User>),
))]
#[get("/users")]
pub async fn list_users(ctx: Ctx, q: Query<UserListQuery>) -> ApiResult<Reply<Page<User>>> {
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let principal = ctx.principal;
    let result = ctx
        .db()
        .read(move |c| {
            let scope = authz::user_scope(c, &principal)?;
            users::list(c, &scope, &q.0, &page)
        })
        .await?;
    Ok(Reply::ok(result))
}
