//! Creating and changing plans, their versions, and who is on which: finance and admins
//! (the routes' capability). A version once written is never changed; lines name theirs.

use closebook_shared::ErrorCode;
use closebook_shared::compensation_plans::{
    AssignPlanRequest, CompensationPlan, CreatePlanRequest, PlanAssignment, UpdatePlanRequest,
};
use closebook_shared::{Money, Role};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::commissions::plans::{self as rows, AssignmentRow, PlanRow, PlanVersionRow};
use crate::db::users as user_rows;
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, time};

fn name_conflict() -> ApiError {
    ApiError::new(ErrorCode::Conflict, "a plan with this name already exists")
        .on_field("name", "is already used by another plan")
}

fn check_default(
    conn: &mut DbConn,
    role: Option<Role>,
    except: Option<&str>,
) -> Result<(), ApiError> {
    if let Some(role) = role
        && let Some(other) = rows::default_taken(conn, role, except)?
    {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            format!("`{other}` is already the default plan of {role}"),
        )
        .on_field("default_for_role", "another plan is this role's default"));
    }
    Ok(())
}

fn rules_json(rules: &closebook_shared::commissions::plan::PlanRules) -> Result<String, ApiError> {
    serde_json::to_string(rules).map_err(|e| ApiError::internal(format!("plan rules: {e}")))
}

pub fn get(conn: &mut DbConn, id: Uuid) -> Result<CompensationPlan, ApiError> {
    let plan =
        rows::find_plan(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("plan"))?;
    let versions = rows::versions_of(conn, &plan.id)?;
    plan.to_dto(&versions)
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreatePlanRequest,
) -> Result<CompensationPlan, ApiError> {
    let name = req.name.trim().to_owned();
    if rows::name_taken(conn, &name, None)? {
        return Err(name_conflict());
    }
    check_default(conn, req.default_for_role, None)?;
    let now = time::now();
    let plan = PlanRow {
        id: Uuid::now_v7().to_string(),
        name,
        currency: req.currency,
        default_for_role: req.default_for_role,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert_plan(conn, &plan)?;
    let first = PlanVersionRow {
        id: Uuid::now_v7().to_string(),
        plan_id: plan.id.clone(),
        number: 1,
        effective_from: req.effective_from,
        rules_json: rules_json(&req.rules)?,
        created_by: actor.id.map(|u| u.to_string()),
        created_at: now,
    };
    rows::insert_version(conn, &first)?;
    let dto = plan.to_dto(&[first])?;
    audit::record_after(
        conn,
        actor,
        "plan.create",
        "compensation_plan",
        &plan.id,
        &dto,
    )?;
    Ok(dto)
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: Uuid,
    patch: UpdatePlanRequest,
    expected: Option<i64>,
) -> Result<CompensationPlan, ApiError> {
    let before =
        rows::find_plan(conn, &id.to_string())?.ok_or_else(|| ApiError::not_found("plan"))?;
    concurrency::check(expected, before.version)?;
    let mut versions = rows::versions_of(conn, &before.id)?;
    let old = before.to_dto(&versions)?;
    let mut row = before.clone();
    if let Some(name) = &patch.name {
        let name = name.trim();
        if rows::name_taken(conn, name, Some(&row.id))? {
            return Err(name_conflict());
        }
        row.name = name.to_owned();
    }
    if let Some(role) = patch.default_for_role {
        check_default(conn, role, Some(&row.id))?;
        row.default_for_role = role;
    }
    let now = time::now();
    if let Some(next) = &patch.new_version {
        let latest = versions.iter().map(|v| v.effective_from).max();
        if let Some(latest) = latest.filter(|l| next.effective_from <= *l) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("a new version takes effect after the latest one ({latest})"),
            )
            .on_field(
                "new_version.effective_from",
                "must be after the latest version's",
            ));
        }
        let number = versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
        let v = PlanVersionRow {
            id: Uuid::now_v7().to_string(),
            plan_id: row.id.clone(),
            number,
            effective_from: next.effective_from,
            rules_json: rules_json(&next.rules)?,
            created_by: actor.id.map(|u| u.to_string()),
            created_at: now,
        };
        rows::insert_version(conn, &v)?;
        versions.push(v);
    }
    if row == before && patch.new_version.is_none() {
        return Ok(old);
    }
    versioned::save(conn, &mut row, before.version, now)?;
    let new = row.to_dto(&versions)?;
    audit::record(
        conn,
        actor,
        "plan.update",
        "compensation_plan",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}

pub fn assign(
    conn: &mut DbConn,
    actor: &Actor,
    user_id: Uuid,
    req: AssignPlanRequest,
) -> Result<PlanAssignment, ApiError> {
    user_rows::find(conn, user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
    let plan = rows::find_plan(conn, &req.plan_id.to_string())?
        .ok_or_else(|| ApiError::reference("plan_id", "is not a plan"))?;
    let quota = match &req.monthly_quota {
        Some(Money { currency, .. }) if *currency != plan.currency => {
            return Err(ApiError::reference(
                "monthly_quota.currency",
                format!("must be the plan's currency ({})", plan.currency),
            ));
        }
        Some(m) => Some(
            m.to_minor()
                .map_err(|e| ApiError::field("monthly_quota", e.to_string()))?,
        ),
        None => None,
    };
    let user = user_id.to_string();
    if rows::assignment_exists(conn, &user, req.effective_from)? {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "the user already has a plan assignment from that date",
        )
        .on_field("effective_from", "already has an assignment"));
    }
    let row = AssignmentRow {
        id: Uuid::now_v7().to_string(),
        user_id: user.clone(),
        plan_id: plan.id.clone(),
        effective_from: req.effective_from,
        monthly_quota_minor: quota,
        created_by: actor.id.map(|u| u.to_string()),
        created_at: time::now(),
    };
    rows::insert_assignment(conn, &row)?;
    let dto = row.to_dto(&plan.name, &plan.currency);
    audit::record_after(conn, actor, "plan.assign", "user", &user, &dto)?;
    Ok(dto)
}
