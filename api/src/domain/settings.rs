//! Organisation settings.

use closebook_shared::FieldError;
use closebook_shared::settings::{Settings, UpdateSettingsRequest};

use super::check_time_zone;
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::settings as rows;
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, time};

/// The values a patch sets, all checked (every bad field named at once) before the version is
/// looked at: a 422 says what to fix, which a 412 ("reload and retry") would hide.
fn check_values(p: &UpdateSettingsRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if let Some(c) = &p.currency
        && closebook_shared::money::minor_unit_digits(c).is_err()
    {
        // Exactly as ISO 4217 writes it (the contract lists the codes).
        errors.push(FieldError::new(
            "currency",
            format!("`{c}` is not an ISO 4217 currency"),
        ));
    }
    if let Some(tz) = &p.time_zone
        && let Err(e) = check_time_zone("time_zone", tz)
    {
        errors.extend(e.errors);
    }
    if let Some(secret) = &p.billing_webhook_secret
        && !secret.chars().all(|c| c.is_ascii_graphic())
    {
        errors.push(FieldError::new(
            "billing_webhook_secret",
            "must be visible ASCII characters, without spaces",
        ));
    }
    if let Some(t) = &p.production
        && t.yellow_per_month > t.green_per_month
    {
        errors.push(FieldError::new(
            "production.yellow_per_month",
            "must not be above green_per_month",
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    p: UpdateSettingsRequest,
    expected: concurrency::Precondition,
) -> Result<Settings, ApiError> {
    check_values(&p)?;
    let before = rows::get(conn)?;
    concurrency::check(expected?, before.version)?;
    let mut row = before.clone();
    if let Some(n) = p.org_name {
        row.org_name = n.trim().to_owned();
    }
    if let Some(c) = p.currency {
        row.currency = c;
    }
    if let Some(tz) = p.time_zone {
        row.time_zone = tz;
    }
    if let Some(w) = p.week_start {
        row.week_start = w;
    }
    if let Some(c) = p.cold_outreach_allowed {
        row.cold_outreach_allowed = c;
    }
    if let Some(secret) = p.billing_webhook_secret {
        row.billing_webhook_secret = Some(secret);
    }
    if let Some(t) = p.approval_threshold {
        // Which currency is right depends on the settings, not the request: a conflict.
        if t.currency != row.currency {
            return Err(
                ApiError::conflict("the threshold is in another currency").on_field(
                    "approval_threshold",
                    format!("must be in {}, the organisation's currency", row.currency),
                ),
            );
        }
        row.approval_threshold_minor = Some(
            t.to_minor()
                .map_err(|e| ApiError::field("approval_threshold", e.to_string()))?,
        );
    }
    if let Some(rules) = &p.allocation {
        row.set_allocation_rules(rules);
    }
    if let Some(t) = p.production {
        row.production_green_per_month = t.green_per_month as i32;
        row.production_yellow_per_month = t.yellow_per_month as i32;
    }
    if let Some(t) = &p.partner_tiers {
        row.set_partner_tiers(t);
    }
    if let Some(t) = &p.leak_targets {
        row.set_leak_targets(t);
    }
    if let Some(url) = p.map_tile_url {
        row.map_tile_url = url;
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    let (old, new) = (before.to_dto(), row.to_dto());
    audit::record(
        conn,
        actor,
        "settings.update",
        "settings",
        None,
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}
