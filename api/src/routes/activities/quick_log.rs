use actix_web::post;
use closebook_shared::activities::{Activity, CreateActivityRequest, QuickLogRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::error::ApiError;
use crate::extract::Json;
use crate::openapi::TAG_ACTIVITIES;
use crate::reply::{Answer, Reply};

/// Quick log: an activity naming its lead
///
/// The 10-second log of seed 004: the same as `POST /leads/{id}/activities` with `lead_id` in
/// the body.
#[utoipa::path(tag = TAG_ACTIVITIES, operation_id = "create_activity", request_body = QuickLogRequest, responses(
    (status = 201, description = "Logged; `Location` names it", body = Activity),
))]
#[post("/activities")]
pub async fn create_activity(
    ctx: PipelineCtx,
    body: Json<CreateActivityRequest>,
) -> Answer<Activity> {
    let req = body.0;
    let lead_id = req
        .lead_id
        .ok_or_else(|| ApiError::field("lead_id", "is required"))?;
    ctx.commit(move |c, caller| {
        let created = domain::activities::create(c, caller, lead_id, req).map_err(|e| {
            if e.code == closebook_shared::ErrorCode::NotFound {
                ApiError::reference("lead_id", "no such lead")
            } else {
                e
            }
        })?;
        Ok(Reply::created_at("/activities", created.id, created))
    })
    .await
}
