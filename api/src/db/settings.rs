//! The organisation's one settings row.

use chrono::NaiveDateTime;
use closebook_shared::settings::{Settings, Weekday};
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredCurrency;
use super::schema::settings;
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, AsChangeset)]
#[diesel(table_name = settings)]
pub struct SettingsRow {
    pub id: i32,
    pub org_name: String,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub time_zone: String,
    pub week_start: Weekday,
    pub cold_outreach_allowed: bool,
    pub version: i64,
    pub updated_at: NaiveDateTime,
    /// Shared secret of `POST /billing/events` signatures; none refuses every delivery.
    pub billing_webhook_secret: Option<String>,
    /// Lines above this amount (organisation currency) are flagged in the approval queue.
    pub approval_threshold_minor: Option<i64>,
}

impl SettingsRow {
    pub fn to_dto(&self) -> Settings {
        Settings {
            org_name: self.org_name.clone(),
            currency: self.currency.clone(),
            time_zone: self.time_zone.clone(),
            week_start: self.week_start,
            cold_outreach_allowed: self.cold_outreach_allowed,
            billing_webhook_configured: self.billing_webhook_secret.is_some(),
            approval_threshold: crate::db::columns::money_of(
                self.approval_threshold_minor,
                Some(&self.currency),
            ),
            version: self.version,
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn get(conn: &mut DbConn) -> Result<SettingsRow, ApiError> {
    Ok(super::native!(conn, |c| settings::table
        .find(1)
        .select(SettingsRow::as_select())
        .first(c))?)
}

super::versioned::versioned_row!(SettingsRow, settings);
