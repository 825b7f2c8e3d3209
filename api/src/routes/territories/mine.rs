use actix_web::get;
use closebook_shared::territories::MyTerritory;

use crate::authz::PipelineCtx;
use crate::domain;
use crate::openapi::TAG_TERRITORIES;
use crate::reply::Answer;

/// My territory
///
/// The territories the caller owns or contributes to (primary first), the leads lying in them:
/// addressable, claimed, available to claim, won, penetration (won / addressable); and the
/// caller's production: closes over the rolling 90 days as a monthly average, green, yellow or
/// red against the thresholds in the settings (seed 000 F3, F6).
#[utoipa::path(tag = TAG_TERRITORIES, operation_id = "get_my_territory", responses(
    (status = 200, description = "The caller's territory card", body = MyTerritory),
))]
#[get("/territories/mine")]
pub async fn get_my_territory(ctx: PipelineCtx) -> Answer<MyTerritory> {
    ctx.show(domain::territories::mine).await
}
