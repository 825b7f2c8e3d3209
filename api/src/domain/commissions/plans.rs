//! Which plan version applies to a rep at a time: the rep's own assignment in force then, else
//! the default plan of its role, else the built-in defaults (the seeds' numbers).

use chrono::NaiveDate;
use closebook_shared::Role;
use closebook_shared::commissions::plan::PlanRules;
use rust_decimal::Decimal;

use crate::db::DbConn;
use crate::db::commissions::plans as rows;
use crate::error::ApiError;

/// A plan version as it applies to one rep.
#[derive(Debug, Clone)]
pub struct InForce {
    /// `None` when no plan applies (the built-in defaults).
    pub plan_id: Option<String>,
    /// `None` for the built-in defaults.
    pub plan_version_id: Option<String>,
    pub rules: PlanRules,
    /// The rep's monthly revenue quota in the plan's currency.
    pub quota: Option<Decimal>,
    /// The plan's currency; none for the built-in defaults (they are in any currency).
    pub currency: Option<String>,
}

pub fn in_force(
    conn: &mut DbConn,
    user_id: Option<&str>,
    role: Role,
    on: NaiveDate,
) -> Result<InForce, ApiError> {
    let assignment = match user_id {
        Some(u) => rows::assignment_on(conn, u, on)?,
        None => None,
    };
    let plan_id = match &assignment {
        Some(a) => Some(a.plan_id.clone()),
        None => rows::default_plan_for(conn, role)?,
    };
    let Some(plan_id) = plan_id else {
        return Ok(InForce {
            plan_id: None,
            plan_version_id: None,
            rules: PlanRules::default(),
            quota: None,
            currency: None,
        });
    };
    let (version, currency) = rows::version_on(conn, &plan_id, on)?;
    let plan_id = plan_id.clone();
    let quota = assignment
        .and_then(|a| a.monthly_quota_minor)
        .map(|m| rows::decimal_of_minor(m, &currency))
        .transpose()?;
    match version {
        Some(v) => Ok(InForce {
            plan_id: Some(plan_id),
            rules: v.rules()?,
            plan_version_id: Some(v.id),
            quota,
            currency: Some(currency),
        }),
        // Assigned before the plan's first version takes effect: the built-in defaults.
        None => Ok(InForce {
            plan_id: Some(plan_id),
            plan_version_id: None,
            rules: PlanRules::default(),
            quota,
            currency: Some(currency),
        }),
    }
}

/// The caller's plan today, for the commission tab.
pub fn mine(
    conn: &mut DbConn,
    principal: &crate::auth::Principal,
) -> Result<closebook_shared::compensation_plans::PlanInForce, ApiError> {
    use crate::db::columns::uuid_of;
    use crate::domain::commissions::calendar;
    let today = calendar::local_date(calendar::zone(conn)?, crate::time::now());
    let me = principal.user_id().map(|u| u.to_string());
    let plan = in_force(conn, me.as_deref(), principal.role, today)?;
    let plan_name = match &plan.plan_id {
        Some(id) => rows::find_plan(conn, id)?.map(|p| p.name),
        None => None,
    };
    let currency = match plan.currency {
        Some(c) => c,
        None => crate::db::settings::get(conn)?.currency,
    };
    let currency_digits = closebook_shared::money::minor_unit_digits(&currency)
        .map_err(|e| ApiError::internal(format!("plan currency: {e}")))?;
    Ok(closebook_shared::compensation_plans::PlanInForce {
        plan_id: plan.plan_id.as_deref().map(uuid_of),
        plan_name,
        plan_version_id: plan.plan_version_id.as_deref().map(uuid_of),
        currency,
        currency_digits,
        rules: plan.rules,
        monthly_quota: plan.quota.map(|q| q.normalize().to_string()),
    })
}
