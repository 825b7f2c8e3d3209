use actix_web::get;
use closebook_shared::clients::Client;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::Answer;

/// Get a client account
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "get_client", params(Id<Client>), responses(
    (status = 200, description = "The client", body = Client),
))]
#[get("/clients/{id}")]
pub async fn get_client(ctx: PipelineCtx, id: Id<Client>) -> Answer<Client> {
    ctx.show(move |c, caller| domain::clients::load_for(c, &caller.scope, id.uuid()))
        .await
}
