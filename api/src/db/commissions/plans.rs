//! Compensation plans, their effective-dated versions, and who is on which.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::commissions::plan::PlanRules;
use closebook_shared::compensation_plans::{CompensationPlan, PlanAssignment, PlanVersion};
use closebook_shared::{Page, Role};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, money_of, uuid_of as uuid};
use crate::db::schema::{compensation_plans, plan_assignments, plan_versions};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = compensation_plans, treat_none_as_null = true)]
pub struct PlanRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub name: String,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub default_for_role: Option<Role>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::versioned::versioned_row!(PlanRow, compensation_plans);

impl PlanRow {
    pub fn to_dto(&self, versions: &[PlanVersionRow]) -> Result<CompensationPlan, ApiError> {
        Ok(CompensationPlan {
            id: uuid(&self.id),
            name: self.name.clone(),
            currency: self.currency.clone(),
            default_for_role: self.default_for_role,
            versions: versions
                .iter()
                .map(PlanVersionRow::to_dto)
                .collect::<Result<_, _>>()?,
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

pub fn find_plan(conn: &mut DbConn, id: &str) -> Result<Option<PlanRow>, ApiError> {
    Ok(compensation_plans::table
        .find(id)
        .select(PlanRow::as_select())
        .first(conn)
        .optional()?)
}

crate::db::insert_fn!(insert_plan, PlanRow, compensation_plans);

/// Another plan with this name (`except` the one being edited).
pub fn name_taken(conn: &mut DbConn, name: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let mut q = compensation_plans::table
        .filter(compensation_plans::name.eq(name))
        .select(compensation_plans::id)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(compensation_plans::id.ne(id.to_owned()));
    }
    Ok(q.first::<String>(conn).optional()?.is_some())
}

/// The plan that is `role`'s default, other than `except`.
pub fn default_taken(
    conn: &mut DbConn,
    role: Role,
    except: Option<&str>,
) -> Result<Option<String>, ApiError> {
    let mut q = compensation_plans::table
        .filter(compensation_plans::default_for_role.eq(role.as_str()))
        .select(compensation_plans::name)
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(compensation_plans::id.ne(id.to_owned()));
    }
    Ok(q.first::<String>(conn).optional()?)
}

/// Plans by name, each with its versions.
pub fn list_plans(
    conn: &mut DbConn,
    page: &PageRequest,
) -> Result<Page<CompensationPlan>, ApiError> {
    let query = compensation_plans::table
        .select(PlanRow::as_select())
        .into_boxed();
    let rows: Vec<PlanRow> = keyset!(
        query,
        page,
        compensation_plans::name,
        text_key,
        compensation_plans::id,
        asc
    )
    .limit(page.fetch())
    .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let versions: Vec<PlanVersionRow> = plan_versions::table
        .filter(plan_versions::plan_id.eq_any(&ids))
        .order((plan_versions::plan_id, plan_versions::number))
        .select(PlanVersionRow::as_select())
        .load(conn)?;
    let mut pairs = Vec::with_capacity(rows.len());
    for r in rows {
        let own: Vec<PlanVersionRow> = versions
            .iter()
            .filter(|v| v.plan_id == r.id)
            .cloned()
            .collect();
        let dto = r.to_dto(&own)?;
        pairs.push((r, dto));
    }
    Ok(page.finish(
        pairs,
        |(r, _)| vec![r.name.clone(), r.id.clone()],
        |(_, dto)| dto.clone(),
    ))
}

/// A plan's versions, oldest first.
pub fn versions_of(conn: &mut DbConn, plan_id: &str) -> Result<Vec<PlanVersionRow>, ApiError> {
    Ok(plan_versions::table
        .filter(plan_versions::plan_id.eq(plan_id))
        .order(plan_versions::number)
        .select(PlanVersionRow::as_select())
        .load(conn)?)
}

crate::db::insert_fn!(insert_version, PlanVersionRow, plan_versions);

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
    pub fn to_dto(&self) -> Result<PlanVersion, ApiError> {
        Ok(PlanVersion {
            id: uuid(&self.id),
            number: self.number,
            effective_from: self.effective_from,
            rules: self.rules()?,
            created_at: self.created_at.and_utc(),
        })
    }

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

impl AssignmentRow {
    pub fn to_dto(&self, plan_name: &str, currency: &str) -> PlanAssignment {
        PlanAssignment {
            id: uuid(&self.id),
            user_id: uuid(&self.user_id),
            plan_id: uuid(&self.plan_id),
            plan_name: plan_name.to_owned(),
            effective_from: self.effective_from,
            monthly_quota: money_of(self.monthly_quota_minor, Some(currency)),
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::insert_fn!(insert_assignment, AssignmentRow, plan_assignments);

/// Whether the user already has an assignment from that date.
pub fn assignment_exists(
    conn: &mut DbConn,
    user_id: &str,
    on: NaiveDate,
) -> Result<bool, ApiError> {
    Ok(plan_assignments::table
        .filter(plan_assignments::user_id.eq(user_id))
        .filter(plan_assignments::effective_from.eq(on))
        .select(plan_assignments::id)
        .first::<String>(conn)
        .optional()?
        .is_some())
}

/// A user's assignments, newest first, with each plan's name and currency.
pub fn assignments_of(conn: &mut DbConn, user_id: &str) -> Result<Vec<PlanAssignment>, ApiError> {
    let rows: Vec<(AssignmentRow, String, StoredCurrency)> = plan_assignments::table
        .inner_join(compensation_plans::table)
        .filter(plan_assignments::user_id.eq(user_id))
        .order(plan_assignments::effective_from.desc())
        .select((
            AssignmentRow::as_select(),
            compensation_plans::name,
            compensation_plans::currency,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(a, name, currency)| a.to_dto(&name, &String::from(currency)))
        .collect())
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

/// For each of `users` with an assignment in force on `on`: its monthly quota (minor units)
/// and its plan's currency.
pub fn quotas_on(
    conn: &mut DbConn,
    users: &[String],
    on: NaiveDate,
) -> Result<HashMap<String, (Option<i64>, String)>, ApiError> {
    let rows: Vec<(String, Option<i64>, String)> = plan_assignments::table
        .inner_join(compensation_plans::table)
        .filter(plan_assignments::user_id.eq_any(users))
        .filter(plan_assignments::effective_from.le(on))
        .order((
            plan_assignments::user_id,
            plan_assignments::effective_from.desc(),
        ))
        .select((
            plan_assignments::user_id,
            plan_assignments::monthly_quota_minor,
            compensation_plans::currency,
        ))
        .load(conn)?;
    let mut out = HashMap::new();
    for (user, quota, currency) in rows {
        // The first row of each user is its latest assignment in force.
        out.entry(user).or_insert((quota, currency));
    }
    Ok(out)
}

/// The plan everyone of `role` is on unless assigned another.
pub fn default_plan_for(conn: &mut DbConn, role: Role) -> Result<Option<String>, ApiError> {
    Ok(compensation_plans::table
        .filter(compensation_plans::default_for_role.eq(role.as_str()))
        .select(compensation_plans::id)
        .first::<String>(conn)
        .optional()?)
}

pub fn find_version(conn: &mut DbConn, id: &str) -> Result<Option<PlanVersionRow>, ApiError> {
    Ok(plan_versions::table
        .find(id)
        .select(PlanVersionRow::as_select())
        .first(conn)
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

/// A team's monthly revenue quota from `from` (minor units of `currency`).
pub fn insert_team_quota(
    conn: &mut DbConn,
    team_id: &str,
    from: NaiveDate,
    quota_minor: i64,
    currency: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    use crate::db::schema::team_quotas;
    diesel::insert_into(team_quotas::table)
        .values((
            team_quotas::team_id.eq(team_id),
            team_quotas::effective_from.eq(from),
            team_quotas::monthly_quota_minor.eq(quota_minor),
            team_quotas::currency.eq(currency),
            team_quotas::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
