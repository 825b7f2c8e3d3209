use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partners::{Partner, PartnerStatusRequest};

use crate::authz::AdminCtx;
use crate::domain::partners;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Suspend, reactivate or close an account
///
/// Admins only. Active ↔ suspended, active or suspended → closed, and a pending application
/// → closed (declined); suspending or closing says why. Approval is its own step.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "set_partner_status", params(Id<Partner>, IfMatch), responses(
    (status = 200, description = "The account in its new status", body = Partner),
    (status = 409, description = "The status does not follow the account's (`conflict`)", body = Problem),
    (status = 412, description = "The account changed since that version (`version_mismatch`)", body = Problem),
))]
#[post("/partners/{id}/status")]
pub async fn set_partner_status(
    ctx: AdminCtx,
    id: Id<Partner>,
    body: Json<PartnerStatusRequest>,
) -> Answer<Partner> {
    ctx.edit(body.version, move |c, caller, expected| {
        partners::change_status(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
