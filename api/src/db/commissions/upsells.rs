//! Upsells of client accounts.

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::upsells::Upsell;
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, uuid_of as uuid};
use crate::db::schema::upsells;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = upsells)]
pub struct UpsellRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub client_id: String,
    pub product: String,
    pub price_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub sold_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = StoredId)]
    pub rep_id: String,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl UpsellRow {
    pub fn to_dto(&self, line_id: Option<&str>) -> Result<Upsell, ApiError> {
        Ok(Upsell {
            id: uuid(&self.id),
            client_id: uuid(&self.client_id),
            rep_id: uuid(&self.rep_id),
            product: self.product.clone(),
            price: Money::from_minor(self.price_minor, &self.currency)
                .map_err(|e| ApiError::internal(format!("stored upsell price: {e}")))?,
            sold_at: self.sold_at.map(|t| t.and_utc()),
            commission_line_id: line_id.map(uuid),
            version: self.version,
            created_at: self.created_at.and_utc(),
        })
    }
}

crate::db::insert_fn!(insert, UpsellRow, upsells);

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<UpsellRow>, ApiError> {
    Ok(upsells::table
        .find(id)
        .select(UpsellRow::as_select())
        .first(conn)
        .optional()?)
}

/// A client's upsells, newest first.
pub fn of_client(conn: &mut DbConn, client_id: &str) -> Result<Vec<UpsellRow>, ApiError> {
    Ok(upsells::table
        .filter(upsells::client_id.eq(client_id))
        .order(upsells::id.desc())
        .select(UpsellRow::as_select())
        .load(conn)?)
}

/// Marks it sold at `at`; `false` when it already was.
pub fn mark_sold(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> Result<bool, ApiError> {
    Ok(
        diesel::update(upsells::table.find(id).filter(upsells::sold_at.is_null()))
            .set((
                upsells::sold_at.eq(Some(at)),
                upsells::version.eq(upsells::version + 1),
                upsells::updated_at.eq(crate::time::now()),
            ))
            .execute(conn)?
            == 1,
    )
}
