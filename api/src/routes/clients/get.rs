use actix_web::{HttpResponse, get, web};
use closebook_shared::Problem;
use closebook_shared::clients::Client;

use crate::authz;
use crate::context::Ctx;
use crate::db::clients;
use crate::error::{ApiError, ApiResult};
use crate::openapi::TAG_CLIENTS;
use crate::routes::parse_id;

/// Get a client account
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "get_client", params(("id" = uuid::Uuid, Path, description = "Client id")), security(("bearer" = [])), responses(
    (status = 200, description = "The client", body = Client),
    (status = 403, description = "Not allowed (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such client, or not visible to the caller (`not_found`)", body = Problem, content_type = "application/problem+json"),
))]
#[get("/clients/{id}")]
pub async fn get_client(ctx: Ctx, id: web::Path<String>) -> ApiResult<HttpResponse> {
    authz::require_pipeline_role(&ctx.principal)?;
    let id = parse_id(&id, "client")?.to_string();
    let principal = ctx.principal;
    let client = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            let Some(row) = clients::find(c, &id)?.filter(|r| scope.covers(&r.owner_id)) else {
                return Ok(None);
            };
            let name = crate::db::users::name_of(c, &row.owner_id)?;
            Ok(Some(row.to_dto(&name)))
        })
        .await?
        .ok_or_else(|| ApiError::not_found("client"))?;
    Ok(super::super::ok(&client))
}
