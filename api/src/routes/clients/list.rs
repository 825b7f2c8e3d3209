use actix_web::{HttpResponse, get};
use closebook_shared::clients::{Client, ClientListQuery};
use closebook_shared::{Page, Problem};

use crate::authz;
use crate::context::Ctx;
use crate::db::clients;
use crate::error::ApiResult;
use crate::extract::Query;
use crate::openapi::TAG_CLIENTS;
use crate::pagination::PageRequest;

/// List client accounts
///
/// Won customers, newest first, scoped like leads.
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "list_clients", params(ClientListQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of clients", body = Page<Client>),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients")]
pub async fn list_clients(ctx: Ctx, q: Query<ClientListQuery>) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let principal = ctx.principal;
    let result = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            clients::list(c, &scope, principal.user_id(), &q.0, &page)
        })
        .await?;
    Ok(super::super::ok(&result))
}
