//! Refunds of invoices and of deals.

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::invoices::Refund;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, StoredOptId, uuid_of as uuid};
use crate::db::schema::refunds;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refunds)]
pub struct RefundRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub external_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub invoice_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub client_id: Option<String>,
    pub amount_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub refunded_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

impl RefundRow {
    pub fn to_dto(&self, clawback_line_id: Option<&str>) -> Result<Refund, ApiError> {
        Ok(Refund {
            id: uuid(&self.id),
            external_id: self.external_id.clone(),
            invoice_id: self.invoice_id.as_deref().map(uuid),
            client_id: self.client_id.as_deref().map(uuid),
            amount: Money::from_minor(self.amount_minor, &self.currency)
                .map_err(|e| ApiError::internal(format!("stored refund amount: {e}")))?,
            refunded_at: self.refunded_at.and_utc(),
            clawback_line_id: clawback_line_id.map(uuid),
            created_at: self.created_at.and_utc(),
        })
    }
}

crate::db::insert_fn!(insert, RefundRow, refunds);

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<RefundRow>, ApiError> {
    Ok(refunds::table
        .find(id)
        .select(RefundRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn find_external(conn: &mut DbConn, external_id: &str) -> Result<Option<RefundRow>, ApiError> {
    Ok(refunds::table
        .filter(refunds::external_id.eq(external_id))
        .select(RefundRow::as_select())
        .first(conn)
        .optional()?)
}

/// Of a client's deal, how much earlier refunds returned (minor units of the deal's currency).
pub fn refunded_of_client(conn: &mut DbConn, client_id: &str) -> Result<i64, ApiError> {
    let amounts: Vec<i64> = refunds::table
        .filter(refunds::client_id.eq(client_id))
        .select(refunds::amount_minor)
        .load(conn)?;
    Ok(amounts.iter().sum())
}
