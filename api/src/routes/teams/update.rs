use actix_web::{HttpResponse, patch, web};
use closebook_shared::Problem;
use closebook_shared::teams::{Team, UpdateTeamRequest};

use crate::context::Ctx;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_TEAMS;
use crate::routes::{ok_versioned, parse_id};
use crate::{authz, concurrency, domain};

/// Update a team
///
/// Admin only. Send the `version` you edited (or `If-Match`) to be told, with 412, when someone
/// else changed the team first.
#[utoipa::path(tag = TAG_TEAMS, operation_id = "update_team", security(("bearer" = [])), params(
    ("id" = uuid::Uuid, Path, description = "Team id"),
    ("If-Match" = Option<String>, Header, description = "ETag of the version being edited, e.g. \"3\""),
), responses(
    (status = 200, description = "The updated team", body = Team),
    (status = 403, description = "Not an admin (`forbidden`)", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "No such team (`not_found`)", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "Name already in use (`conflict`)", body = Problem, content_type = "application/problem+json"),
    (status = 412, description = "The team changed since that version (`version_mismatch`)", body = Problem, content_type = "application/problem+json"),
))]
#[patch("/teams/{id}")]
pub async fn update_team(
    ctx: Ctx,
    id: web::Path<String>,
    body: Json<UpdateTeamRequest>,
) -> ApiResult<HttpResponse> {
    authz::require_admin(&ctx.principal)?;
    let id = parse_id(&id, "team")?;
    let patch = body.0;
    let expected = concurrency::expected_version(&ctx.req, patch.version)?;
    let actor = ctx.actor();
    let team = ctx
        .db()
        .write(move |c| domain::teams::update(c, &actor, id, patch, expected))
        .await?;
    Ok(ok_versioned(&team, team.version))
}
