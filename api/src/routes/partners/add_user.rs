use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partners::{CreatePartnerUserRequest, Partner};
use closebook_shared::users::User;

use crate::auth::password;
use crate::authz::AdminCtx;
use crate::domain::partners;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// Add a user to a partner account
///
/// Admins only. A user of role `partner` who sees only this account; the password is its
/// initial one, changed at first sign-in.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "add_partner_user", params(Id<Partner>), responses(
    (status = 201, description = "The user; `Location` names it", body = User),
    (status = 409, description = "The email is in use, or the account is closed (`conflict`)", body = Problem),
))]
#[post("/partners/{id}/users")]
pub async fn add_partner_user(
    ctx: AdminCtx,
    id: Id<Partner>,
    body: Json<CreatePartnerUserRequest>,
) -> Answer<User> {
    let req = body.0;
    let hash = password::hash(req.password.clone()).await?;
    ctx.create("/users", move |c, caller| {
        partners::add_user(c, caller, id.uuid(), req, hash)
    })
    .await
}
