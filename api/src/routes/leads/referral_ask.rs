use actix_web::post;
use closebook_shared::leads::{Lead, ReferralAskRequest};

use crate::authz::PipelineCtx;
use crate::domain;
use crate::extract::Json;
use crate::openapi::TAG_LEADS;
use crate::params::Id;
use crate::reply::{Answer, Reply};

/// Record a referral ask
///
/// `asked` stamps the time of the first ask; `received` needs a count or names. Nothing is sent to anyone.
#[utoipa::path(tag = TAG_LEADS, operation_id = "record_referral_ask", params(Id<Lead>), responses(
    (status = 200, description = "The updated lead", body = Lead),
))]
#[post("/leads/{id}/referral-ask")]
pub async fn record_referral_ask(
    ctx: PipelineCtx,
    id: Id<Lead>,
    body: Json<ReferralAskRequest>,
) -> Answer<Lead> {
    ctx.commit(move |c, caller| {
        domain::leads::referral_ask(c, caller, id.uuid(), body.0).map(Reply::versioned)
    })
    .await
}
