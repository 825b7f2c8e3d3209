use actix_web::get;
use closebook_shared::Page;
use closebook_shared::partners::{Partner, PartnerListQuery};

use crate::authz::PartnerCtx;
use crate::domain::partners;
use crate::extract::Query;
use crate::openapi::TAG_PARTNERS;
use crate::reply::Answer;

/// List partner accounts
///
/// By business name. Admins and finance see every account, a manager those its people look
/// after, a rep its own, a partner user its account.
#[utoipa::path(tag = TAG_PARTNERS, operation_id = "list_partners", params(PartnerListQuery), responses(
    (status = 200, description = "A page of accounts", body = Page<Partner>),
))]
#[get("/partners")]
pub async fn list_partners(ctx: PartnerCtx, q: Query<PartnerListQuery>) -> Answer<Page<Partner>> {
    ctx.list(q.0, partners::list).await
}
