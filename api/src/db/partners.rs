//! Partner account rows and queries.

use chrono::NaiveDateTime;
use closebook_shared::partners::{
    BusinessType, PartnerListQuery, PartnerStatus, PartnerTier, PaymentTerms, PostalAddress,
};
use diesel::prelude::*;

use super::DbConn;
use super::columns::{StoredCurrency, StoredId, StoredOptId, like_pattern};
use super::schema::{partners, users};
use crate::authz::{PartnerScope, within_partner_scope};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = partners, treat_none_as_null = true)]
pub struct PartnerRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub business_name: String,
    /// `closebook_shared::partners::name_key` of the name: one account per business.
    pub name_key: String,
    pub business_type: BusinessType,
    pub tax_id: Option<String>,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub website: Option<String>,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub tier: PartnerTier,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub credit_limit_minor: i64,
    pub payment_terms: PaymentTerms,
    pub status: PartnerStatus,
    pub status_reason: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub rep_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub account_manager_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub lead_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub applied_by: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl PartnerRow {
    pub fn address(&self) -> PostalAddress {
        PostalAddress {
            line1: self.address_line1.clone(),
            line2: self.address_line2.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
        }
    }

    pub fn set_address(&mut self, a: PostalAddress) {
        self.address_line1 = a.line1;
        self.address_line2 = a.line2;
        self.city = a.city;
        self.region = a.region;
        self.postal_code = a.postal_code;
        self.country = a.country;
    }
}

crate::db::find_fn!(find, PartnerRow, partners);
crate::db::insert_fn!(insert, PartnerRow, partners);
super::versioned::versioned_row!(PartnerRow, partners);

/// Whether another account (not `except`) has this name key.
pub fn name_taken(conn: &mut DbConn, key: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let holders: Vec<String> = partners::table
        .filter(partners::name_key.eq(key))
        .select(partners::id)
        .load(conn)?;
    Ok(holders.iter().any(|h| Some(h.as_str()) != except))
}

/// Whether an account came from the lead `id`.
pub fn from_lead(conn: &mut DbConn, id: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        partners::table.filter(partners::lead_id.eq(id)),
    ))
    .get_result(conn)?)
}

/// A page of the accounts `scope` covers, by business name.
pub fn list(
    conn: &mut DbConn,
    scope: &PartnerScope,
    q: &PartnerListQuery,
    page: &PageRequest,
) -> Result<Vec<PartnerRow>, ApiError> {
    let mut query = partners::table.select(PartnerRow::as_select()).into_boxed();
    query = within_partner_scope!(query, scope);
    if let Some(s) = q.status {
        query = query.filter(partners::status.eq(s));
    }
    if let Some(t) = q.tier {
        query = query.filter(partners::tier.eq(t));
    }
    if let Some(r) = q.rep_id {
        query = query.filter(partners::rep_id.eq(r.to_string()));
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        query = query.filter(partners::name_key.like(like_pattern(text)).escape('\\'));
    }
    Ok(
        keyset!(query, page, partners::name_key, text_key, partners::id, asc)
            .limit(page.fetch())
            .load(conn)?,
    )
}

/// Makes `user` one of the account's users.
pub fn attach_user(conn: &mut DbConn, user: &str, partner: &str) -> Result<(), ApiError> {
    diesel::update(users::table.find(user))
        .set(users::partner_id.eq(partner))
        .execute(conn)?;
    Ok(())
}
