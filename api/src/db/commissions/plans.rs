//! Compensation plans, their effective-dated versions, and who is on which.

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::commissions::plan::PlanRules;
use closebook_shared::money::minor_unit_digits;
use diesel::prelude::*;
use rust_decimal::Decimal;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId};
use crate::db::schema::{compensation_plans, plan_assignments, plan_versions};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_versions)]
pub struct PlanVersionRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub plan_id: String,
    pub number: i32,
    pub effective_from: NaiveDate,
    pub rules_json: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

impl PlanVersionRow {
    /// The stored rules; rules that no longer read are a 500 and a log line, never defaults.
    pub fn rules(&self) -> Result<PlanRules, ApiError> {
        serde_json::from_str(&self.rules_json).map_err(|e| {
            ApiError::internal(format!(
                "plan version {} has unreadable rules: {e}",
                self.id
            ))
        })
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = plan_assignments)]
pub struct AssignmentRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub user_id: String,
    #[diesel(deserialize_as = StoredId)]
    pub plan_id: String,
    pub effective_from: NaiveDate,
    pub monthly_quota_minor: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

/// The user's assignment in force on `on`: the latest that has started.
pub fn assignment_on(
    conn: &mut DbConn,
    user_id: &str,
    on: NaiveDate,
) -> Result<Option<AssignmentRow>, ApiError> {
    Ok(plan_assignments::table
        .filter(plan_assignments::user_id.eq(user_id))
        .filter(plan_assignments::effective_from.le(on))
        .order(plan_assignments::effective_from.desc())
        .select(AssignmentRow::as_select())
        .first(conn)
        .optional()?)
}

/// The plan everyone of `role` is on unless assigned another.
pub fn default_plan_for(conn: &mut DbConn, role: Role) -> Result<Option<String>, ApiError> {
    Ok(compensation_plans::table
        .filter(compensation_plans::default_for_role.eq(role.as_str()))
        .select(compensation_plans::id)
        .first::<String>(conn)
        .optional()?)
}

/// The plan's version in force on `on` (the latest that has started), and the plan's currency.
pub fn version_on(
    conn: &mut DbConn,
    plan_id: &str,
    on: NaiveDate,
) -> Result<(Option<PlanVersionRow>, String), ApiError> {
    let currency = compensation_plans::table
        .find(plan_id)
        .select(compensation_plans::currency)
        .first::<StoredCurrency>(conn)?;
    let version = plan_versions::table
        .filter(plan_versions::plan_id.eq(plan_id))
        .filter(plan_versions::effective_from.le(on))
        .order(plan_versions::effective_from.desc())
        .select(PlanVersionRow::as_select())
        .first(conn)
        .optional()?;
    Ok((version, currency.into()))
}

/// Minor units of `currency` as a decimal amount.
pub fn decimal_of_minor(minor: i64, currency: &str) -> Result<Decimal, ApiError> {
    let dp = minor_unit_digits(currency)
        .map_err(|e| ApiError::internal(format!("stored currency: {e}")))?;
    Ok(Decimal::new(minor, dp))
}
