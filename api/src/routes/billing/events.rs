use actix_web::{HttpRequest, post, web};
use closebook_shared::Problem;
use closebook_shared::billing::{
    BillingEvent, BillingEventReceipt, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};

use crate::audit::Actor;
use crate::context::PublicCtx;
use crate::db::settings;
use crate::domain::commissions::billing;
use crate::extract::parse_json;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};
use crate::time;

/// Deliver a billing event
///
/// For billing systems, not people: no bearer token. The request is signed with the shared
/// secret set in the settings: `X-Closebook-Timestamp` is the Unix time of signing and
/// `X-Closebook-Signature` is `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}`.
/// A bad signature, or a timestamp more than 5 minutes from the server's clock, is 401.
/// Each event is idempotent by the billing system's ids (`invoice_id`, `refund_id`; a client is
/// cancelled once): a repeated delivery answers `duplicate: true` and writes nothing.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "deliver_billing_event", security(()),
    request_body = BillingEvent,
    params(
        ("X-Closebook-Timestamp" = String, Header, description = "Unix seconds when the body was signed", pattern = "^[0-9]{1,12}$"),
        ("X-Closebook-Signature" = String, Header, description = "`sha256=<hex HMAC-SHA256 of {timestamp}.{body}>`", pattern = "^sha256=[0-9a-f]{64}$"),
    ),
    responses(
        (status = 200, description = "Applied (or applied before)", body = BillingEventReceipt),
        (status = 401, description = "Missing, stale or wrong signature, or no secret set (`unauthenticated`)", body = Problem),
        (status = 409, description = "An unknown client or invoice (`invalid_reference`), or an unpaid invoice refunded (`conflict`)", body = Problem),
    ))]
#[post("/billing/events")]
pub async fn billing_event(
    ctx: PublicCtx,
    req: HttpRequest,
    body: web::Bytes,
) -> Answer<BillingEventReceipt> {
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (timestamp, signature) = (header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER));
    let actor = Actor::integration("billing", &ctx.request_id);
    ctx.state
        .db
        .write(move |c| {
            // The signature is checked before the body is read: an unsigned body is never parsed.
            let secret = settings::get(c)?.billing_webhook_secret;
            billing::verify(
                secret.as_deref(),
                timestamp.as_deref(),
                signature.as_deref(),
                &body,
                time::now(),
            )?;
            let event: BillingEvent = parse_json(&body)?;
            billing::apply(c, &actor, event).map(Reply::ok)
        })
        .await
}
