use actix_web::get;
use closebook_shared::Page;
use closebook_shared::clients::{Client, ClientListQuery};

use crate::authz::PipelineCtx;
use crate::db::clients;
use crate::extract::Query;
use crate::openapi::TAG_CLIENTS;
use crate::reply::Answer;

/// List client accounts
///
/// Won customers, newest first, scoped like leads.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "list_clients", params(ClientListQuery), responses(
    (status = 200, description = "A page of clients", body = Page<Client>),
))]
#[get("/clients")]
pub async fn list_clients(ctx: PipelineCtx, q: Query<ClientListQuery>) -> Answer<Page<Client>> {
    ctx.list(q.0, |c, caller, q, page| {
        let me = caller.principal.user_id();
        clients::list(c, &caller.scope, me, &q, page)
    })
    .await
}
