use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partners::{ApprovePartnerRequest, Partner};

use crate::authz::AdminCtx;
use crate::domain::partners;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Approve an application
///
/// Admins only. Pending → active, with the tier (its discount is in settings), the credit
/// limit in the organisation's currency, the payment terms and the account manager (default
/// the admin approving).
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "approve_partner", params(Id<Partner>, IfMatch), responses(
    (status = 200, description = "The active account", body = Partner),
    (status = 409, description = "The account is not pending (`conflict`); the account manager is not an admin or finance user (`invalid_reference`)", body = Problem),
    (status = 412, description = "The account changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/partners/{id}/approve")]
pub async fn approve_partner(
    ctx: AdminCtx,
    id: Id<Partner>,
    body: Json<ApprovePartnerRequest>,
) -> Answer<Partner> {
    ctx.edit(body.version, move |c, caller, expected| {
        partners::approve(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
