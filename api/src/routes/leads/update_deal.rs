use actix_web::patch;
use closebook_shared::Problem;
use closebook_shared::leads::{Lead, UpdateDealRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Change a lead's deal value, units, probability or expected close
///
/// The money path, kept apart from the detail edit. Locked once the lead is closed (409).
#[utoipa::path(tag = TAG_LEADS, operation_id = "update_lead_deal", params(Id<Lead>, IfMatch), responses(
    (status = 200, description = "The updated lead", body = Lead),
    (status = 409, description = "The lead is closed (`conflict`)", body = Problem),
))]
#[patch("/leads/{id}/deal")]
pub async fn update_lead_deal(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<UpdateDealRequest>,
) -> Answer<Lead> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::leads::update_deal(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
