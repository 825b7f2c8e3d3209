use actix_web::post;
use closebook_shared::Problem;
use closebook_shared::clients::Client;
use closebook_shared::upsells::{CreateUpsellRequest, Upsell};

use crate::authz::PipelineCtx;
use crate::domain::commissions::upsells;
use crate::extract::Json;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Offer an upsell to a client
///
/// The client's owner earns it once it is marked sold (`POST /upsells/{id}/sold`).
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "create_client_upsell", params(Id<Client>), responses(
    (status = 201, description = "Created; `Location` names it", body = Upsell),
    (status = 409, description = "The client has cancelled (`conflict`)", body = Problem),
))]
#[post("/clients/{id}/upsells")]
pub async fn create_client_upsell(
    ctx: PipelineCtx,
    id: Id<Client>,
    body: Json<CreateUpsellRequest>,
) -> Answer<Upsell> {
    ctx.create("/upsells", move |c, caller| {
        upsells::create(c, &caller.actor, &caller.scope, id.uuid(), body.0)
    })
    .await
}
