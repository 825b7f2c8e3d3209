use actix_web::patch;
use closebook_shared::leads::{Lead, UpdateLeadRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Update a lead's details
///
/// Only the allowlisted, non-money-path fields (seed 001 §2.5); `null` clears one. Stage, outcome, owner and deal value have their own routes. Send `version` or `If-Match` to be told (412) when someone else changed the lead first.
#[utoipa::path(tag = TAG_LEADS, operation_id = "update_lead", params(Id<Lead>, IfMatch), responses(
    (status = 200, description = "The updated lead", body = Lead),
))]
#[patch("/leads/{id}")]
pub async fn update_lead(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<UpdateLeadRequest>,
) -> Answer<Lead> {
    ctx.edit(body.version, move |c, caller, expected| {
        domain::leads::update(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
