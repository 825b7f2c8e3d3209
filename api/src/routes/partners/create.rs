use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::partners::{CreatePartnerRequest, Partner};

use crate::authz::PartnerCtx;
use crate::domain::partners;
use crate::extract::Json;
use crate::openapi::TAG_PARTNERS;
use crate::reply::Answer;

/// Apply for a partner account
///
/// Reps (for the businesses they look after), managers and admins. The account starts
/// pending, on the starter tier with no credit and prepaid terms, until an admin approves it.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "create_partner", responses(
    (status = 201, description = "The pending account; `Location` names it", body = Partner),
    (status = 409, description = "An account with this business name exists (`conflict`); `rep_id` is not a rep the caller names (`invalid_reference`)", body = Problem),
))]
#[post("/partners")]
pub async fn create_partner(ctx: PartnerCtx, body: Json<CreatePartnerRequest>) -> Answer<Partner> {
    ctx.create("/partners", move |c, caller| {
        partners::apply(c, caller, body.0)
    })
    .await
}
