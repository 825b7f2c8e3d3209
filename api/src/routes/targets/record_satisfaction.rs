use actix_web::post;
use closebook_shared::clients::Client;
use closebook_shared::targets::{RecordSatisfactionRequest, SatisfactionScore};

use crate::authz::PipelineCtx;
use crate::domain::targets;
use crate::extract::Json;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Record a customer satisfaction score
///
/// A 1–5 score the client gave; it counts towards its rep's customer-satisfaction targets.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "record_client_satisfaction", params(Id<Client>), responses(
    (status = 201, description = "Recorded; `Location` names it", body = SatisfactionScore),
))]
#[post("/clients/{id}/satisfaction")]
pub async fn record_satisfaction(
    ctx: PipelineCtx,
    id: Id<Client>,
    body: Json<RecordSatisfactionRequest>,
) -> Answer<SatisfactionScore> {
    ctx.create("/satisfaction-scores", move |c, caller| {
        targets::record_satisfaction(c, caller, id.uuid(), body.0)
    })
    .await
}
