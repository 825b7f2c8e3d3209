use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::partners::{Partner, UpdatePartnerRequest};

use crate::authz::PartnerCtx;
use crate::domain::partners;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Change a partner account
///
/// The business's details: by its own users, its rep, its rep's manager and admins. The
/// commercial terms (tier, credit limit, payment terms, rep, account manager): admins only,
/// once the account is approved. Send the `version` you edited (or `If-Match`).
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "update_partner", params(Id<Partner>, IfMatch), responses(
    (status = 200, description = "The changed account", body = Partner),
    (status = 409, description = "Another account has the name, the account is closed, or a pending application's terms (`conflict`); a rep or manager who is not one (`invalid_reference`)", body = Problem),
    (status = 412, description = "The account changed since that version (`version_mismatch`)", body = Problem),
))]
#[patch("/partners/{id}")]
pub async fn update_partner(
    ctx: PartnerCtx,
    id: Id<Partner>,
    body: Json<UpdatePartnerRequest>,
) -> Answer<Partner> {
    ctx.edit(body.version, move |c, caller, expected| {
        partners::update(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
