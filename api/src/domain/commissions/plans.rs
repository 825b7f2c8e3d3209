//! Which plan version applies to a rep at a time: the rep's own assignment in force then, else
//! the default plan of its role, else the built-in defaults (the seeds' numbers).

use chrono::NaiveDate;
use closebook_shared::Role;
use closebook_shared::commissions::plan::PlanRules;
use rust_decimal::Decimal;

use crate::db::commissions::plans as rows;
use crate::db::{DbConn, settings};
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
    /// The plan's currency; the organisation's for the built-in defaults.
    pub currency: String,
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
            currency: settings::get(conn)?.currency,
        });
    };
    let (version, currency) = rows::version_on(conn, &plan_id, on)?;
    let quota = assignment
        .and_then(|a| a.monthly_quota_minor)
        .map(|m| super::amount_of(m, &currency))
        .transpose()?;
    Ok(InForce {
        // Assigned before the plan's first version takes effect: the built-in defaults.
        rules: version
            .as_ref()
            .map_or_else(|| Ok(PlanRules::default()), |v| v.rules())?,
        plan_version_id: version.map(|v| v.id),
        plan_id: Some(plan_id),
        quota,
        currency,
    })
}

/// The rules of a plan version a line recorded (`None`: the built-in defaults it was written
/// under).
pub fn rules_of_version(
    conn: &mut DbConn,
    version_id: Option<&str>,
) -> Result<PlanRules, ApiError> {
    match version_id {
        Some(id) => rows::find_version(conn, id)?
            .ok_or_else(|| ApiError::internal(format!("plan version {id} is gone")))?
            .rules(),
        None => Ok(PlanRules::default()),
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
    Ok(closebook_shared::compensation_plans::PlanInForce {
        plan_id: plan.plan_id.as_deref().map(uuid_of),
        plan_name,
        plan_version_id: plan.plan_version_id.as_deref().map(uuid_of),
        currency: plan.currency,
        rules: plan.rules,
        monthly_quota: plan.quota.map(|q| q.normalize().to_string()),
    })
}
