//! Saved shipping address rows.

use chrono::NaiveDateTime;
use closebook_shared::orders::ShipTo;
use closebook_shared::partners::PostalAddress;
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredId;
use super::schema::shipping_addresses;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = shipping_addresses)]
pub struct AddressRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    pub label: String,
    pub label_key: String,
    pub recipient_name: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub dock_instructions: Option<String>,
    pub dock_hours: Option<String>,
    pub requires_appointment: bool,
    pub is_default: bool,
    pub created_at: NaiveDateTime,
}

crate::db::find_fn!(find, AddressRow, shipping_addresses);
crate::db::insert_fn!(insert, AddressRow, shipping_addresses);

impl AddressRow {
    pub fn ship_to(&self) -> ShipTo {
        ShipTo {
            recipient_name: self.recipient_name.clone(),
            address: PostalAddress {
                line1: self.line1.clone(),
                line2: self.line2.clone(),
                city: self.city.clone(),
                region: self.region.clone(),
                postal_code: self.postal_code.clone(),
                country: self.country.clone(),
            },
            dock_instructions: self.dock_instructions.clone(),
            dock_hours: self.dock_hours.clone(),
            requires_appointment: self.requires_appointment,
        }
    }
}

/// The account's addresses: the default first, then by label.
pub fn of_partner(conn: &mut DbConn, partner: &str) -> Result<Vec<AddressRow>, ApiError> {
    Ok(shipping_addresses::table
        .filter(shipping_addresses::partner_id.eq(partner))
        .order((
            shipping_addresses::is_default.desc(),
            shipping_addresses::label_key.asc(),
        ))
        .select(AddressRow::as_select())
        .load(conn)?)
}

/// The account's default address, if it has one.
pub fn default_of(conn: &mut DbConn, partner: &str) -> Result<Option<AddressRow>, ApiError> {
    Ok(shipping_addresses::table
        .filter(shipping_addresses::partner_id.eq(partner))
        .filter(shipping_addresses::is_default.eq(true))
        .select(AddressRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn label_taken(conn: &mut DbConn, partner: &str, key: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        shipping_addresses::table
            .filter(shipping_addresses::partner_id.eq(partner))
            .filter(shipping_addresses::label_key.eq(key)),
    ))
    .get_result(conn)?)
}

/// Makes `id` the account's only default (the old one is cleared first: one default at most).
pub fn make_default(conn: &mut DbConn, partner: &str, id: &str) -> Result<(), ApiError> {
    diesel::update(
        shipping_addresses::table
            .filter(shipping_addresses::partner_id.eq(partner))
            .filter(shipping_addresses::is_default.eq(true)),
    )
    .set(shipping_addresses::is_default.eq(false))
    .execute(conn)?;
    diesel::update(shipping_addresses::table.find(id))
        .set(shipping_addresses::is_default.eq(true))
        .execute(conn)?;
    Ok(())
}

pub fn delete(conn: &mut DbConn, id: &str) -> Result<(), ApiError> {
    diesel::delete(shipping_addresses::table.find(id)).execute(conn)?;
    Ok(())
}
