use actix_web::get;
use closebook_shared::upsells::Upsell;

use crate::authz::PipelineCtx;
use crate::domain::commissions::upsells;
use crate::openapi::TAG_CLIENTS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Get an upsell
#[utoipa::path(tag = TAG_CLIENTS, operation_id = "get_upsell", params(Id<Upsell>), responses(
    (status = 200, description = "The upsell", body = Upsell),
))]
#[get("/upsells/{id}")]
pub async fn get_upsell(ctx: PipelineCtx, id: Id<Upsell>) -> Answer<Upsell> {
    ctx.read(move |c, caller| upsells::get(c, &caller.scope, id.uuid()))
        .await
        .map(Reply::ok)
}
