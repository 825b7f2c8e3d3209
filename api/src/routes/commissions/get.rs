use actix_web::get;
use closebook_shared::commission_lines::{CommissionLine, CommissionLineDetail};

use crate::authz::CommissionCtx;
use crate::db::commissions::lines;
use crate::error::ApiError;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Get a commission line
///
/// With its explanation (rule, inputs, the band or tier hit, the rounding) and its whole status
/// history. A line outside the caller's scope does not exist for it.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_commission", params(Id<CommissionLine>), responses(
    (status = 200, description = "The line and its history", body = CommissionLineDetail),
))]
#[get("/commissions/{id}")]
pub async fn get_commission(
    ctx: CommissionCtx,
    id: Id<CommissionLine>,
) -> Answer<CommissionLineDetail> {
    ctx.read(move |c, caller| {
        lines::detail(c, &caller.scope, id.uuid())?
            .ok_or_else(|| ApiError::not_found("commission line"))
    })
    .await
    .map(Reply::ok)
}
