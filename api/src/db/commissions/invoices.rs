//! Invoices of client accounts.

use chrono::NaiveDateTime;
use closebook_shared::invoices::Invoice;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, uuid_of as uuid};
use crate::db::schema::invoices;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invoices)]
pub struct InvoiceRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub number: String,
    pub external_id: Option<String>,
    #[diesel(deserialize_as = StoredId)]
    pub client_id: String,
    pub amount_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub service_month: String,
    pub paid_at: Option<NaiveDateTime>,
    pub refunded_minor: i64,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

impl InvoiceRow {
    pub fn to_dto(&self) -> Result<Invoice, ApiError> {
        Ok(Invoice {
            id: uuid(&self.id),
            number: self.number.clone(),
            external_id: self.external_id.clone(),
            client_id: uuid(&self.client_id),
            amount: closebook_shared::Money::from_minor(self.amount_minor, &self.currency)
                .map_err(|e| ApiError::internal(format!("stored invoice amount: {e}")))?,
            service_month: self.service_month.parse().map_err(|e| {
                ApiError::internal(format!("invoice {}: stored month: {e}", self.id))
            })?,
            paid_at: self.paid_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
        })
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<InvoiceRow>, ApiError> {
    Ok(invoices::table
        .find(id)
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?)
}

crate::db::insert_fn!(insert, InvoiceRow, invoices);

/// The next number, `INV-000001` onwards (`counters::next`).
pub fn next_number(conn: &mut DbConn) -> Result<String, ApiError> {
    Ok(format!(
        "INV-{:06}",
        crate::db::counters::next(conn, "invoice")?
    ))
}

pub fn mark_paid(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> Result<bool, ApiError> {
    Ok(
        diesel::update(invoices::table.find(id).filter(invoices::paid_at.is_null()))
            .set(invoices::paid_at.eq(Some(at)))
            .execute(conn)?
            == 1,
    )
}

/// Adds a refund to the invoice's refunded total.
pub fn add_refunded(conn: &mut DbConn, id: &str, minor: i64) -> Result<(), ApiError> {
    diesel::update(invoices::table.find(id))
        .set(invoices::refunded_minor.eq(invoices::refunded_minor + minor))
        .execute(conn)?;
    Ok(())
}

/// The invoice the billing system knows by `external_id`.
pub fn find_external(conn: &mut DbConn, external_id: &str) -> Result<Option<InvoiceRow>, ApiError> {
    Ok(invoices::table
        .filter(invoices::external_id.eq(external_id))
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?)
}
