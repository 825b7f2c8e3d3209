//! Partner invoices (issue 13 §4): issued with their order (`issue`), cancelled with it, paid by
//! finance or the back office (`pay`: frees the account's credit and writes the rep's
//! partner-order line), reminded and charged a late fee by a job (`remind`), printed (`pdf`).
//! Who sees an invoice is who sees its account ([`PartnerScope`](crate::authz::PartnerScope)).

mod pay;
mod pdf;
mod remind;

pub use pay::pay;
pub use remind::{RemindersSent, remind};

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::notifications::NotificationKind;
use closebook_shared::partner_invoices::{
    PartnerInvoice, PartnerInvoiceListQuery, Standing, due_at,
};
use closebook_shared::partners::PaymentTerms;
use uuid::Uuid;

use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::columns::{stored_money, uuid_of};
use crate::db::commissions::invoices::next_number;
use crate::db::notifications::{self as notes, NotificationRow};
use crate::db::orders::OrderRow;
use crate::db::partner_invoices::{self as rows, InvoiceRow, NamedInvoice};
use crate::db::users;
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

impl InvoiceRow {
    fn standing(&self) -> Standing {
        Standing {
            terms: self.payment_terms,
            due_at: self.due_at.and_utc(),
            paid: self.paid_at.is_some(),
            cancelled: self.cancelled_at.is_some(),
        }
    }
}

/// The invoice as the API shows it, its status judged at `now`.
pub fn to_dto(named: &NamedInvoice, now: NaiveDateTime) -> Result<PartnerInvoice, ApiError> {
    let r = &named.invoice;
    let money = |minor: i64| stored_money(minor, &r.currency);
    let total = r.subtotal_minor + r.late_fee_minor;
    let settled = r.paid_at.is_some() || r.cancelled_at.is_some();
    Ok(PartnerInvoice {
        id: uuid_of(&r.id),
        number: r.number.clone(),
        order_id: uuid_of(&r.order_id),
        order_number: named.order_number.clone(),
        partner_id: uuid_of(&r.partner_id),
        partner_name: named.partner_name.clone(),
        status: r.standing().status_at(now.and_utc()),
        payment_terms: r.payment_terms,
        subtotal: money(r.subtotal_minor)?,
        late_fee: money(r.late_fee_minor)?,
        total: money(total)?,
        amount_due: money(if settled { 0 } else { total })?,
        issued_at: r.issued_at.and_utc(),
        due_at: r.due_at.and_utc(),
        paid_at: r.paid_at.map(|t| t.and_utc()),
        cancelled_at: r.cancelled_at.map(|t| t.and_utc()),
        version: r.version,
    })
}

/// The invoice `id` with its names, when the caller sees its account (404 otherwise).
fn load(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<NamedInvoice, ApiError> {
    rows::find_named(conn, &caller.scope, &id.to_string())?
        .ok_or_else(|| ApiError::not_found("partner invoice"))
}

pub fn get(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<PartnerInvoice, ApiError> {
    to_dto(&load(conn, caller, id)?, time::now())
}

/// The invoice as a PDF with its order's lines, billed by the organisation; with its number.
pub fn pdf(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
) -> Result<(String, Vec<u8>), ApiError> {
    let invoice = get(conn, caller, id)?;
    let order = crate::domain::orders::get(conn, caller, invoice.order_id)?;
    let seller = crate::db::settings::get(conn)?.org_name;
    let bytes = pdf::render(&invoice, &order, &seller);
    Ok((invoice.number, bytes))
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: PartnerInvoiceListQuery,
    page: &PageRequest,
) -> Result<Page<PartnerInvoice>, ApiError> {
    let now = time::now();
    let rows = rows::list(conn, &caller.scope, &q, now, page)?;
    let pairs = rows
        .into_iter()
        .map(|r| Ok((vec![r.invoice.id.clone()], to_dto(&r, now)?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}

/// The invoice of an order just placed: its subtotal, due after the account's terms.
pub fn issue(conn: &mut DbConn, order: &OrderRow) -> Result<InvoiceRow, ApiError> {
    let issued = order.created_at;
    let row = InvoiceRow {
        id: Uuid::now_v7().to_string(),
        number: next_number(conn)?,
        order_id: order.id.clone(),
        partner_id: order.partner_id.clone(),
        payment_terms: order.payment_terms,
        currency: order.currency.clone(),
        subtotal_minor: order.subtotal_minor,
        late_fee_minor: 0,
        issued_at: issued,
        due_at: due_at(issued.and_utc(), order.payment_terms).naive_utc(),
        paid_at: None,
        payment_reference: None,
        paid_by: None,
        cancelled_at: None,
        due_soon_sent_at: None,
        overdue_sent_at: None,
        version: 1,
        created_at: issued,
        updated_at: issued,
    };
    rows::insert(conn, &row)?;
    Ok(row)
}

/// Whether the order may be confirmed: a prepaid order waits for its invoice to be paid (409).
pub fn check_confirmable(conn: &mut DbConn, order: &OrderRow) -> Result<(), ApiError> {
    if order.payment_terms == PaymentTerms::Prepaid && order.paid_at.is_none() {
        let number = rows::of_order(conn, &order.id)?.map_or_else(String::new, |i| i.number);
        return Err(ApiError::conflict(format!(
            "a prepaid order is confirmed once its invoice {number} is paid"
        ))
        .on_field("status", "the prepaid order's invoice is not paid"));
    }
    Ok(())
}

/// Cancels the unpaid invoice of an order being cancelled; a paid one refuses (409): the money
/// is returned through a refund, not by cancelling.
pub fn cancel_with_order(
    conn: &mut DbConn,
    order: &OrderRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    if order.paid_at.is_some() {
        return Err(ApiError::conflict(
            "the order's invoice is paid: refund the partner rather than cancel the order",
        )
        .on_field("status", "a paid order is not cancelled"));
    }
    if let Some(before) = rows::of_order(conn, &order.id)? {
        let mut row = before.clone();
        row.cancelled_at = Some(now);
        crate::db::versioned::save(conn, &mut row, before.version, now)?;
    }
    Ok(())
}

/// Tells every active user of the account.
pub fn notify_partner(
    conn: &mut DbConn,
    partner_id: &str,
    kind: NotificationKind,
    title: String,
    body: String,
    link: String,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    for user in users::of_partner(conn, partner_id)? {
        let n = NotificationRow::new(
            &user,
            kind,
            title.clone(),
            body.clone(),
            Some(link.clone()),
            now,
        );
        notes::insert(conn, &n)?;
    }
    Ok(())
}
