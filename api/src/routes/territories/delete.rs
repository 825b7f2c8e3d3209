use actix_web::{HttpResponse, delete};
use closebook_shared::Problem;
use closebook_shared::territories::Territory;

use crate::authz::ManagerCtx;
use crate::domain;
use crate::error::ApiResult;
use crate::openapi::TAG_TERRITORIES;
use crate::params::Id;

/// Delete a territory
///
/// Managers and admins, while no child territory and no lead refer to it (deactivate it
/// otherwise). Its assignments go with it; the audit log keeps it as it was.
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "delete_territory", params(Id<Territory>), responses(
    (status = 204, description = "Deleted"),
    (status = 409, description = "Child territories or leads refer to it (`conflict`)", body = Problem),
))]
#[delete("/territories/{id}")]
pub async fn delete_territory(ctx: ManagerCtx, id: Id<Territory>) -> ApiResult<HttpResponse> {
    ctx.write(move |c, caller| domain::territories::delete(c, &caller.actor, id.uuid()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
