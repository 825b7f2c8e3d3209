use actix_web::get;
use closebook_shared::clients::Client;
use closebook_shared::upsells::Upsell;

use crate::authz::PipelineCtx;
use crate::domain::commissions::upsells;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// A client's upsells
///
/// Newest first, offered and sold.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "list_client_upsells", params(Id<Client>), responses(
    (status = 200, description = "The client's upsells", body = Vec<Upsell>),
))]
#[get("/clients/{id}/upsells")]
pub async fn list_client_upsells(ctx: PipelineCtx, id: Id<Client>) -> Answer<Vec<Upsell>> {
    ctx.read(move |c, caller| upsells::of_client(c, &caller.scope, id.uuid()))
        .await
        .map(Reply::ok)
}
