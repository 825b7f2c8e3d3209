//! Payout runs.

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::commission_lines::Payout;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, StoredOptId, uuid_of as uuid};
use crate::db::schema::payouts;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = payouts)]
pub struct PayoutRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub period: String,
    pub reference: String,
    pub line_count: i64,
    pub total_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

impl PayoutRow {
    pub fn to_dto(&self) -> Result<Payout, ApiError> {
        Ok(Payout {
            id: uuid(&self.id),
            period: self.period.parse().map_err(|e| {
                ApiError::internal(format!("payout {}: stored period: {e}", self.id))
            })?,
            reference: self.reference.clone(),
            line_count: self.line_count,
            total: Money::from_minor(self.total_minor, &self.currency)
                .map_err(|e| ApiError::internal(format!("stored payout total: {e}")))?,
            created_by: self.created_by.as_deref().map(uuid),
            created_at: self.created_at.and_utc(),
        })
    }
}

crate::db::insert_fn!(insert, PayoutRow, payouts);

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<PayoutRow>, ApiError> {
    Ok(payouts::table
        .find(id)
        .select(PayoutRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn reference_taken(conn: &mut DbConn, reference: &str) -> Result<bool, ApiError> {
    Ok(payouts::table
        .filter(payouts::reference.eq(reference))
        .select(payouts::id)
        .first::<String>(conn)
        .optional()?
        .is_some())
}

/// How many runs a period has had (for default references).
pub fn count_for(conn: &mut DbConn, period: &str) -> Result<i64, ApiError> {
    Ok(payouts::table
        .filter(payouts::period.eq(period))
        .count()
        .get_result(conn)?)
}

/// Runs, newest first.
pub fn list(conn: &mut DbConn, limit: i64) -> Result<Vec<PayoutRow>, ApiError> {
    Ok(payouts::table
        .order(payouts::id.desc())
        .limit(limit)
        .select(PayoutRow::as_select())
        .load(conn)?)
}
