//! The organisation's one settings row.

use chrono::NaiveDateTime;
use closebook_shared::allocation::{AllocationRules, SkillMatch};
use closebook_shared::analytics::LeakTargets;
use closebook_shared::partners::PartnerTiers;
use closebook_shared::settings::{Settings, Weekday};
use closebook_shared::territories::ProductionThresholds;
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
    pub allocation_geographic: bool,
    pub allocation_max_active_leads: i32,
    pub allocation_skill_match: SkillMatch,
    pub allocation_high_value_minor: Option<i64>,
    pub allocation_high_performer_score: i32,
    pub allocation_sla_minutes: i32,
    pub production_green_per_month: i32,
    pub production_yellow_per_month: i32,
    pub map_tile_url: Option<String>,
    pub leak_new_contacts_per_week: i32,
    pub leak_follow_ups_per_week: Option<i32>,
    pub leak_referral_asks_per_month: Option<i32>,
    pub presentation_overfocus_threshold: i32,
    pub partner_starter_discount_percent: i32,
    pub partner_growth_discount_percent: i32,
    pub partner_enterprise_discount_percent: i32,
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
            allocation: self.allocation_rules(),
            production: self.production(),
            map_tile_url: self.map_tile_url.clone(),
            leak_targets: self.leak_targets(),
            partner_tiers: self.partner_tiers(),
            version: self.version,
            updated_at: self.updated_at.and_utc(),
        }
    }

    pub fn allocation_rules(&self) -> AllocationRules {
        AllocationRules {
            geographic: self.allocation_geographic,
            max_active_leads: self.allocation_max_active_leads.max(1) as u32,
            skill_match: self.allocation_skill_match,
            high_value_minor: self.allocation_high_value_minor,
            high_performer_score: self.allocation_high_performer_score.clamp(0, 100) as u32,
            sla_minutes: self.allocation_sla_minutes.max(1) as u32,
        }
    }

    pub fn set_allocation_rules(&mut self, r: &AllocationRules) {
        self.allocation_geographic = r.geographic;
        self.allocation_max_active_leads = r.max_active_leads as i32;
        self.allocation_skill_match = r.skill_match;
        self.allocation_high_value_minor = r.high_value_minor;
        self.allocation_high_performer_score = r.high_performer_score as i32;
        self.allocation_sla_minutes = r.sla_minutes as i32;
    }

    pub fn production(&self) -> ProductionThresholds {
        ProductionThresholds {
            green_per_month: self.production_green_per_month.max(0) as u32,
            yellow_per_month: self.production_yellow_per_month.max(0) as u32,
        }
    }
}

impl SettingsRow {
    pub fn leak_targets(&self) -> LeakTargets {
        let count = |v: i32| v.max(1) as u32;
        LeakTargets {
            new_contacts_per_week: count(self.leak_new_contacts_per_week),
            follow_ups_per_week: self.leak_follow_ups_per_week.map(count),
            referral_asks_per_month: self.leak_referral_asks_per_month.map(count),
            presentation_overfocus_threshold: count(self.presentation_overfocus_threshold),
        }
    }

    pub fn set_leak_targets(&mut self, t: &LeakTargets) {
        self.leak_new_contacts_per_week = t.new_contacts_per_week as i32;
        self.leak_follow_ups_per_week = t.follow_ups_per_week.map(|v| v as i32);
        self.leak_referral_asks_per_month = t.referral_asks_per_month.map(|v| v as i32);
        self.presentation_overfocus_threshold = t.presentation_overfocus_threshold as i32;
    }

    pub fn partner_tiers(&self) -> PartnerTiers {
        let percent = |v: i32| v.clamp(0, 90) as u32;
        PartnerTiers {
            starter_discount_percent: percent(self.partner_starter_discount_percent),
            growth_discount_percent: percent(self.partner_growth_discount_percent),
            enterprise_discount_percent: percent(self.partner_enterprise_discount_percent),
        }
    }

    pub fn set_partner_tiers(&mut self, t: &PartnerTiers) {
        self.partner_starter_discount_percent = t.starter_discount_percent as i32;
        self.partner_growth_discount_percent = t.growth_discount_percent as i32;
        self.partner_enterprise_discount_percent = t.enterprise_discount_percent as i32;
    }

    /// The organisation's time zone; a stored name that no longer parses is an error, not UTC.
    pub fn zone(&self) -> Result<chrono_tz::Tz, ApiError> {
        self.time_zone.parse().map_err(|_| {
            ApiError::internal(format!(
                "settings.time_zone `{}` is not a time zone",
                self.time_zone
            ))
        })
    }
}

pub fn get(conn: &mut DbConn) -> Result<SettingsRow, ApiError> {
    Ok(super::native!(conn, |c| settings::table
        .find(1)
        .select(SettingsRow::as_select())
        .first(c))?)
}

super::versioned::versioned_row!(SettingsRow, settings);
