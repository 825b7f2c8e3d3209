use actix_web::get;
use closebook_shared::Page;
use closebook_shared::targets::{Target, TargetListQuery, TargetType};
use closebook_shared::users::User;

use crate::authz::InsightCtx;
use crate::domain::targets;
use crate::extract::Query;
use crate::openapi::TAG_TARGETS;
use crate::params::Id;
use crate::reply::Answer;

/// A rep's targets
///
/// The individual targets of one rep (relationship manager) the caller sees; 404 for a rep
/// outside its scope.
#[utoipa::path(tag = TAG_TARGETS, operation_id = "list_rm_targets", params(Id<User>, TargetListQuery), responses(
    (status = 200, description = "A page of the rep's targets", body = Page<Target>),
))]
#[get("/targets/rm/{id}")]
pub async fn list_rm_targets(
    ctx: InsightCtx,
    id: Id<User>,
    q: Query<TargetListQuery>,
) -> Answer<Page<Target>> {
    ctx.list(q.0, move |c, caller, q, page| {
        targets::list_of(c, caller, TargetType::Individual, id.uuid(), q, page)
    })
    .await
}
