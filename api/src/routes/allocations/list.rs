use actix_web::get;
use closebook_shared::Page;
use closebook_shared::allocation::{Allocation, AllocationListQuery};

use crate::authz::PipelineCtx;
use crate::domain::allocations;
use crate::extract::Query;
use crate::openapi::TAG_ALLOCATIONS;
use crate::reply::Answer;

/// List allocations
///
/// Newest first. A rep sees its own; a manager its reps' and the overflow allocations of its
/// territories; an admin all.
#[utoipa::path(tag = TAG_ALLOCATIONS, operation_id = "list_allocations", params(AllocationListQuery), responses(
    (status = 200, description = "A page of allocations", body = Page<Allocation>),
))]
#[get("/allocations")]
pub async fn list_allocations(
    ctx: PipelineCtx,
    q: Query<AllocationListQuery>,
) -> Answer<Page<Allocation>> {
    ctx.list(q.0, move |c, caller, q, page| {
        allocations::list(c, caller, &q, page)
    })
    .await
}
