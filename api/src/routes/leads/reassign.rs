use actix_web::post;
use closebook_shared::leads::{Lead, ReassignLeadRequest};

use crate::authz::{self, PipelineCtx};
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::{Id, IfMatch};
use crate::reply::Answer;

/// Give a lead to another rep
///
/// Managers (within their teams) and admins; a reason is required and kept in the history.
#[utoipa::path(tag = TAG_LEADS, operation_id = "reassign_lead", params(Id<Lead>, IfMatch), responses(
    (status = 200, description = "The updated lead", body = Lead),
))]
#[post("/leads/{id}/reassign")]
pub async fn reassign_lead(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<ReassignLeadRequest>,
) -> Answer<Lead> {
    authz::require_manager(ctx.principal())?;
    ctx.edit(body.version, move |c, caller, expected| {
        domain::leads::reassign(c, caller, id.uuid(), body.0, expected)
    })
    .await
}
