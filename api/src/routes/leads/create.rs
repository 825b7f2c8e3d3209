use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::leads::{CreateLeadParams, CreateLeadRequest, Lead};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::{Json, Query};
use crate::openapi::TAG_LEADS;
use crate::reply::Answer;

/// Create a lead
///
/// The owner defaults to the caller. An open lead with the same email, phone, or company and
/// address is a duplicate (409 naming it) unless `allow_duplicate=true`. When the organisation
/// forbids cold outreach, a cold source is refused (409, naming the fields).
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead", params(CreateLeadParams), responses(
    (status = 201, description = "Created; `Location` names it", body = Lead),
    (status = 409, description = "A duplicate of an open lead (`conflict`)", body = Problem),
))]
#[post("/leads")]
pub async fn create_lead(
    ctx: PipelineCtx,
    params: Query<CreateLeadParams>,
    body: Json<CreateLeadRequest>,
) -> Answer<Lead> {
    let allow = params.allow_duplicate.unwrap_or(false);
    ctx.create("/leads", move |c, caller| {
        domain::leads::create(c, caller, body.0, allow)
    })
    .await
}
