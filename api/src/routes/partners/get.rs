use actix_web::get;
use closebook_shared::partners::Partner;

use crate::authz::PartnerCtx;
use crate::domain::partners;
use crate::openapi::TAG_PARTNERS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a partner account
///
/// With its tier's discount under today's settings.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "get_partner", params(Id<Partner>), responses(
    (status = 200, description = "The account; `ETag` carries its version", body = Partner),
))]
#[get("/partners/{id}")]
pub async fn get_partner(ctx: PartnerCtx, id: Id<Partner>) -> Answer<Partner> {
    ctx.get(move |c, caller| partners::get(c, caller, id.uuid()))
        .await
}
