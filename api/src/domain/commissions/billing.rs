//! The billing system's deliveries (`POST /billing/events`): signed with a shared secret, each
//! idempotent by the billing system's own ids, so a retried delivery changes nothing.

use chrono::NaiveDateTime;
use closebook_shared::billing::{BillingEvent, BillingEventReceipt, TOLERANCE_SECONDS};
use closebook_shared::invoices::CreateInvoiceRequest;
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::refunds::{self, NewRefund, Target};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::clients as client_rows;
use crate::db::columns::uuid_of;
use crate::db::commissions::invoices as invoice_rows;
use crate::db::commissions::refunds as refund_rows;
use crate::db::schema::clients;
use crate::error::ApiError;

/// Checks `signature` (`sha256=<hex>`) over `timestamp.body` with the shared secret, and that the
/// timestamp (Unix seconds) is within five minutes of `now`. Every failure is a 401 that says
/// which check failed, never what the signature should have been.
pub fn verify(
    secret: Option<&str>,
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let secret = secret.filter(|s| !s.is_empty()).ok_or_else(|| {
        ApiError::unauthenticated("billing deliveries are off: no webhook secret is set")
    })?;
    let ts_text = timestamp
        .ok_or_else(|| ApiError::unauthenticated("the X-Closebook-Timestamp header is missing"))?;
    let ts: i64 = ts_text
        .trim()
        .parse()
        .map_err(|_| ApiError::unauthenticated("X-Closebook-Timestamp must be Unix seconds"))?;
    if (now.and_utc().timestamp() - ts).abs() > TOLERANCE_SECONDS {
        return Err(ApiError::unauthenticated(
            "the delivery's timestamp is more than 5 minutes from now",
        ));
    }
    let hex_sig = signature
        .and_then(|s| s.trim().strip_prefix("sha256="))
        .ok_or_else(|| ApiError::unauthenticated("X-Closebook-Signature must be `sha256=<hex>`"))?;
    let given = hex::decode(hex_sig)
        .map_err(|_| ApiError::unauthenticated("X-Closebook-Signature is not hex"))?;
    // Constant-time comparison.
    mac(secret, ts_text.trim(), body)?
        .verify_slice(&given)
        .map_err(|_| ApiError::unauthenticated("the signature does not match"))
}

fn mac(secret: &str, timestamp: &str, body: &[u8]) -> Result<Hmac<Sha256>, ApiError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| ApiError::internal(format!("hmac key: {e}")))?;
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(mac)
}

/// The signature header a sender computes (tests, and integrators reading this code).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> Result<String, ApiError> {
    let mac = mac(secret, &timestamp.to_string(), body)?;
    Ok(format!(
        "sha256={}",
        hex::encode(mac.finalize().into_bytes())
    ))
}

fn external_id(field: &str, id: &str) -> Result<(), ApiError> {
    if id.is_empty() || id.len() > 200 || !id.chars().all(|c| c.is_ascii_graphic()) {
        return Err(ApiError::field(
            field,
            "must be 1 to 200 visible ASCII characters, without spaces",
        ));
    }
    Ok(())
}

/// Applies one verified delivery.
pub fn apply(
    conn: &mut DbConn,
    actor: &Actor,
    event: BillingEvent,
) -> Result<BillingEventReceipt, ApiError> {
    match event {
        BillingEvent::InvoicePaid {
            invoice_id,
            client_id,
            amount,
            service_month,
            paid_at,
        } => {
            external_id("invoice_id", &invoice_id)?;
            let paid_at = paid_at.naive_utc();
            let existing = invoice_rows::find_external(conn, &invoice_id)?;
            let (invoice, duplicate) = match existing {
                Some(inv) if inv.paid_at.is_some() => (inv.to_dto()?, true),
                Some(inv) => (super::invoices::pay(conn, actor, &inv.id, paid_at)?, false),
                None => {
                    let req = CreateInvoiceRequest {
                        client_id,
                        amount,
                        service_month,
                        paid_at: Some(paid_at.and_utc()),
                    };
                    let dto = super::invoices::create_external(conn, actor, req, &invoice_id)?;
                    (dto, false)
                }
            };
            Ok(BillingEventReceipt {
                duplicate,
                invoice_id: Some(invoice.id),
                refund_id: None,
                commission_lines: u32::from(!duplicate),
            })
        }
        BillingEvent::InvoiceRefunded {
            invoice_id,
            refund_id,
            amount,
            refunded_at,
        } => {
            external_id("invoice_id", &invoice_id)?;
            external_id("refund_id", &refund_id)?;
            let invoice = invoice_rows::find_external(conn, &invoice_id)?.ok_or_else(|| {
                ApiError::reference("invoice_id", "is not an invoice we were sent")
            })?;
            if let Some(done) = refund_rows::find_external(conn, &refund_id)? {
                return Ok(BillingEventReceipt {
                    duplicate: true,
                    invoice_id: Some(uuid_of(&invoice.id)),
                    refund_id: Some(uuid_of(&done.id)),
                    commission_lines: 0,
                });
            }
            let refund = refunds::record(
                conn,
                actor,
                NewRefund {
                    target: Target::Invoice(invoice.id.clone()),
                    external_id: Some(refund_id),
                    amount,
                    refunded_at: refunded_at.naive_utc(),
                },
            )?;
            Ok(BillingEventReceipt {
                duplicate: false,
                invoice_id: Some(uuid_of(&invoice.id)),
                refund_id: Some(refund.id),
                commission_lines: u32::from(refund.clawback_line_id.is_some()),
            })
        }
        BillingEvent::SubscriptionCancelled {
            client_id,
            cancelled_at,
        } => {
            let id = client_id.to_string();
            let client = client_rows::find(conn, &id)?
                .ok_or_else(|| ApiError::reference("client_id", "is not a client"))?;
            let at = cancelled_at.naive_utc();
            super::not_future("cancelled_at", at)?;
            let duplicate = client.cancelled_at.is_some();
            if !duplicate {
                diesel::update(clients::table.find(&id))
                    .set(clients::cancelled_at.eq(Some(at)))
                    .execute(conn)?;
                audit::record(
                    conn,
                    actor,
                    "client.cancel",
                    "client",
                    Some(&id),
                    None::<&()>,
                    Some(&cancelled_at),
                )?;
            }
            // Lines not yet earned on this client are voided now rather than at the next run
            // of the eligibility job.
            let voided = if duplicate {
                0
            } else {
                super::eligibility::void_for_client(conn, &id, at)?
            };
            Ok(BillingEventReceipt {
                duplicate,
                invoice_id: None,
                refund_id: None,
                commission_lines: u32::try_from(voided).unwrap_or(u32::MAX),
            })
        }
    }
}
