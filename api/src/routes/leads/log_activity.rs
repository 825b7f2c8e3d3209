use actix_web::post;
use closebook_shared::activities::{Activity, CreateActivityRequest};
use closebook_shared::leads::Lead;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::Answer;

/// Log or schedule an activity on a lead
///
/// A completed contact (call, email, meeting, demo, proposal, door knock, SMS) sets the lead's `last_contact_at` and follow-up count; `follow_up_at` becomes its `next_contact_at`.
#[utoipa::path(tag = TAG_LEADS, operation_id = "create_lead_activity", params(Id<Lead>), responses(
    (status = 201, description = "Created; `Location` names it", body = Activity),
))]
#[post("/leads/{id}/activities")]
pub async fn create_lead_activity(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<CreateActivityRequest>,
) -> Answer<Activity> {
    ctx.create("/activities", move |c, caller| {
        domain::activities::create(c, caller, id.uuid(), body.0)
    })
    .await
}
