use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::clients::Client;
use closebook_shared::upsells::{CreateUpsellRequest, Upsell};

use crate::authz::PipelineCtx;
use crate::domain::commissions::upsells;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_CLIENTS;
use crate::params::{Id, IdempotencyKey};
use crate::reply::Reply;

/// Offer an upsell to a client
///
/// The client's owner earns it once it is marked sold (`POST /upsells/{id}/sold`).
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "create_client_upsell", security(("bearer" = [])), params(Id<Client>, IdempotencyKey), responses(
    (status = 201, description = "Created; `Location` names it", body = Upsell),
    (status = 409, description = "The client has cancelled (`conflict`)", body = Problem, content_type = "application/problem+json"),
))]
#[post("/clients/{id}/upsells")]
pub async fn create_client_upsell(
    ctx: PipelineCtx,
    id: Id<Client>,
    body: Json<CreateUpsellRequest>,
) -> ApiResult<Reply<Upsell>> {
    ctx.commit(move |c, caller| {
        let created = upsells::create(c, &caller.actor, &caller.scope, id.uuid(), body.0)?;
        Ok(Reply::created(
            format!("/api/v1/upsells/{}", created.id),
            created,
        ))
    })
    .await
}
