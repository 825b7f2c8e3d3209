//! Partner invoice rows: one per order, numbered in the `invoice` series; the list by status at
//! an instant; the reminder job's scan.

use chrono::NaiveDateTime;
use closebook_shared::partner_invoices::{InvoiceStatus, PartnerInvoiceListQuery};
use closebook_shared::partners::PaymentTerms;
use diesel::prelude::*;

use super::DbConn;
use super::columns::{StoredCurrency, StoredId, StoredOptId};
use super::orders::with_order_names;
use super::schema::{orders, partner_invoices, partners};
use crate::authz::PartnerScope;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = partner_invoices, treat_none_as_null = true)]
pub struct InvoiceRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub number: String,
    #[diesel(deserialize_as = StoredId)]
    pub order_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    pub payment_terms: PaymentTerms,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub subtotal_minor: i64,
    pub late_fee_minor: i64,
    pub issued_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub paid_at: Option<NaiveDateTime>,
    pub payment_reference: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub paid_by: Option<String>,
    pub cancelled_at: Option<NaiveDateTime>,
    pub due_soon_sent_at: Option<NaiveDateTime>,
    pub overdue_sent_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An invoice with the names a page shows beside it.
#[derive(Debug, Clone, Queryable, Selectable)]
pub struct NamedInvoice {
    #[diesel(embed)]
    pub invoice: InvoiceRow,
    #[diesel(select_expression = orders::number)]
    #[diesel(select_expression_type = orders::number)]
    pub order_number: String,
    #[diesel(select_expression = partners::business_name)]
    #[diesel(select_expression_type = partners::business_name)]
    pub partner_name: String,
}

crate::db::find_fn!(find, InvoiceRow, partner_invoices);
crate::db::insert_fn!(insert, InvoiceRow, partner_invoices);
super::versioned::versioned_row!(InvoiceRow, partner_invoices);

/// The invoice of an order, if it has one.
pub fn of_order(conn: &mut DbConn, order: &str) -> Result<Option<InvoiceRow>, ApiError> {
    Ok(partner_invoices::table
        .filter(partner_invoices::order_id.eq(order))
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?)
}

/// One invoice with its names, if `scope` covers its account.
pub fn find_named(
    conn: &mut DbConn,
    scope: &PartnerScope,
    id: &str,
) -> Result<Option<NamedInvoice>, ApiError> {
    Ok(with_order_names!(partner_invoices, NamedInvoice, scope)
        .filter(partner_invoices::id.eq(id))
        .first(conn)
        .optional()?)
}

/// A page of the invoices `scope` covers, newest first; `status` is judged at `now`.
pub fn list(
    conn: &mut DbConn,
    scope: &PartnerScope,
    q: &PartnerInvoiceListQuery,
    now: NaiveDateTime,
    page: &PageRequest,
) -> Result<Vec<NamedInvoice>, ApiError> {
    use partner_invoices as pi;
    let mut query = with_order_names!(partner_invoices, NamedInvoice, scope);
    if let Some(p) = q.partner_id {
        query = query.filter(pi::partner_id.eq(p.to_string()));
    }
    if let Some(o) = q.order_id {
        query = query.filter(pi::order_id.eq(o.to_string()));
    }
    // The same cases as `Standing::status_at`, in SQL.
    query = match q.status {
        None => query,
        Some(InvoiceStatus::Paid) => query.filter(pi::paid_at.is_not_null()),
        Some(InvoiceStatus::Cancelled) => query
            .filter(pi::paid_at.is_null())
            .filter(pi::cancelled_at.is_not_null()),
        Some(InvoiceStatus::Overdue) => query
            .filter(pi::paid_at.is_null())
            .filter(pi::cancelled_at.is_null())
            .filter(pi::payment_terms.ne(PaymentTerms::Prepaid))
            .filter(pi::due_at.le(now)),
        Some(InvoiceStatus::Open) => query
            .filter(pi::paid_at.is_null())
            .filter(pi::cancelled_at.is_null())
            .filter(
                pi::payment_terms
                    .eq(PaymentTerms::Prepaid)
                    .or(pi::due_at.gt(now)),
            ),
    };
    Ok(keyset!(query, page, pi::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}

/// Unsettled invoices on NET terms that fall due before `horizon` and still owe a reminder
/// (the job's scan, from `partner_invoices_unsettled`), at most `limit`, soonest due first.
pub fn owing_reminders(
    conn: &mut DbConn,
    horizon: NaiveDateTime,
    limit: i64,
) -> Result<Vec<InvoiceRow>, ApiError> {
    use partner_invoices as pi;
    Ok(pi::table
        .filter(pi::paid_at.is_null())
        .filter(pi::cancelled_at.is_null())
        .filter(pi::due_at.lt(horizon))
        .filter(pi::payment_terms.ne(PaymentTerms::Prepaid))
        .filter(pi::overdue_sent_at.is_null())
        .order((pi::due_at.asc(), pi::id.asc()))
        .limit(limit)
        .select(InvoiceRow::as_select())
        .load(conn)?)
}
