use actix_web::{HttpResponse, post};
use closebook_shared::Problem;
use closebook_shared::orders::{Quote, QuoteRequest};

use crate::authz::PartnerCtx;
use crate::domain::orders;
use crate::error::ApiResult;
use crate::extract::Json;
use crate::openapi::TAG_ORDERS;

/// Price a cart
///
/// The cart at the account's tier: each line rounded up to whole cases and checked against the
/// product's minimum order, the account's credit, and anything that stops it being placed now.
/// Nothing is stored. The web's cart prices with the same shared code.
#[utoipa::path(tag = TAG_ORDERS, operation_id = "quote_order", responses(
    (status = 200, description = "The priced cart", body = Quote),
    (status = 404, description = "No account the caller sees has `partner_id` (`not_found`)", body = Problem),
    (status = 409, description = "A line below its product's minimum order, or of a product no longer sold (`conflict`); a product that is not in the catalogue (`invalid_reference`)", body = Problem),
))]
#[post("/orders/quote")]
pub async fn quote_order(ctx: PartnerCtx, body: Json<QuoteRequest>) -> ApiResult<HttpResponse> {
    let quote = ctx
        .read(move |c, caller| orders::quote(c, caller, body.0))
        .await?;
    Ok(crate::middleware::idempotency::computed(&quote))
}
