//! Setting targets: managers for their people, the teams they run and those teams' cities;
//! admins for anyone.

use closebook_shared::Role;
use closebook_shared::targets::{
    CreateTargetRequest, Target, TargetType, UpdateTargetRequest, check_value,
};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Calendar, follows_quota, quota, to_dto};
use crate::audit;
use crate::authz::InsightCaller;
use crate::db::targets::{self as rows, TargetRow, city_key};
use crate::db::{DbConn, teams, users, versioned};
use crate::error::ApiError;
use crate::{concurrency, time};

fn refuse_unless_setter(caller: &InsightCaller) -> Result<(), ApiError> {
    if matches!(caller.principal.role, Role::Admin | Role::SalesManager) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only a manager or an admin sets targets",
        ))
    }
}

/// The assignee's id and the subject key, checked: it exists and the caller sets its targets.
fn subject_of(
    conn: &mut DbConn,
    caller: &InsightCaller,
    req: &CreateTargetRequest,
) -> Result<(Option<String>, Option<String>, String), ApiError> {
    match (req.target_type, req.assignee_id, req.city.as_deref()) {
        (TargetType::City, None, Some(city)) => {
            if !caller.scope.may_set(TargetType::City, None, Some(city)) {
                return Err(ApiError::forbidden(
                    "a manager sets targets for the cities of the teams it runs",
                )
                .on_field("city", "is not the city of a team you run"));
            }
            Ok((None, Some(city.trim().to_owned()), city_key(city)))
        }
        (TargetType::City, _, _) => Err(ApiError::field(
            "city",
            "a city target names its city, and no assignee_id",
        )),
        (kind, Some(id), None) => {
            let key = id.to_string();
            let exists = match kind {
                TargetType::Team => teams::find(conn, id)?.is_some(),
                _ => users::find(conn, id)?
                    .is_some_and(|u| matches!(u.role(), Role::SalesRep | Role::SalesManager)),
            };
            if !exists || !caller.scope.may_set(kind, Some(&key), None) {
                let what = if kind == TargetType::Team {
                    "is not a team whose targets you set"
                } else {
                    "is not a rep whose targets you set"
                };
                return Err(ApiError::reference("assignee_id", what));
            }
            Ok((Some(key.clone()), None, key))
        }
        (_, None, _) => Err(ApiError::field(
            "assignee_id",
            "an individual or team target names its rep or team",
        )),
        (_, Some(_), Some(_)) => Err(ApiError::field("city", "only a city target names a city")),
    }
}

pub fn create(
    conn: &mut DbConn,
    caller: &InsightCaller,
    req: CreateTargetRequest,
) -> Result<Target, ApiError> {
    refuse_unless_setter(caller)?;
    let cal = Calendar::load(conn)?;
    let (assignee_id, city, subject_key) = subject_of(conn, caller, &req)?;
    let (period_start, period_end) =
        cal.period(req.period_type, req.period_of.unwrap_or(cal.today));
    let quota = match (
        &assignee_id,
        follows_quota(req.target_type, req.period_type, req.metric_type),
    ) {
        (Some(rep), true) => quota(conn, rep, period_end, &cal)?,
        _ => None,
    };
    let value = match (req.target_value, quota) {
        (Some(v), Some(q)) if v != q => {
            return Err(ApiError::conflict("a rep's monthly revenue target is its quota")
                .on_field(
                    "target_value",
                    format!(
                        "is the monthly quota of the rep's plan assignment, {q}; change the quota there"
                    ),
                ));
        }
        (Some(v), _) => v,
        (None, Some(q)) => q,
        (None, None) => {
            return Err(ApiError::field("target_value", "is required"));
        }
    };
    check_value(req.metric_type, value, cal.digits)
        .map_err(|m| ApiError::field("target_value", m))?;
    let now = time::now();
    let row = TargetRow {
        id: Uuid::now_v7().to_string(),
        target_type: req.target_type,
        assignee_id,
        city,
        subject_key,
        period_type: req.period_type,
        period_start,
        period_end,
        metric_type: req.metric_type,
        target_value: value.normalize().to_string(),
        cancelled: false,
        created_by: caller.scope.user_id.clone(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    if rows::live_twin(conn, &row)? {
        return Err(ApiError::conflict(
            "this target is already set for that period; change it instead",
        )
        .on_field(
            "metric_type",
            "already has a target for this subject and period",
        ));
    }
    rows::insert(conn, &row)?;
    let dto = to_dto(conn, &row, &cal)?;
    audit::record_after(
        conn,
        &caller.actor,
        "target.create",
        "target",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

pub fn update(
    conn: &mut DbConn,
    caller: &InsightCaller,
    id: Uuid,
    req: UpdateTargetRequest,
    expected: Option<i64>,
) -> Result<Target, ApiError> {
    refuse_unless_setter(caller)?;
    let before = super::load(conn, caller, id)?;
    if !caller.scope.may_set(
        before.target_type,
        before.assignee_id.as_deref(),
        before.city.as_deref(),
    ) {
        return Err(ApiError::forbidden("you do not set this target"));
    }
    let cal = Calendar::load(conn)?;
    if let Some(v) = req.target_value {
        check_value(before.metric_type, v, cal.digits)
            .map_err(|m| ApiError::field("target_value", m))?;
    }
    concurrency::check(expected, before.version)?;
    if before.period_end < cal.today {
        return Err(ApiError::conflict(
            "the period has ended: its target stays as it was",
        ));
    }
    let mut row = before.clone();
    if let Some(v) = req.target_value {
        let follows = follows_quota(row.target_type, row.period_type, row.metric_type);
        if let (true, Some(rep)) = (follows, row.assignee_id.clone())
            && quota(conn, &rep, row.period_end, &cal)?.is_some_and(|q: Decimal| q != v)
        {
            return Err(
                ApiError::conflict("a rep's monthly revenue target is its quota").on_field(
                    "target_value",
                    "follows the rep's plan quota; change the quota there",
                ),
            );
        }
        row.target_value = v.normalize().to_string();
    }
    if let Some(c) = req.cancelled {
        row.cancelled = c;
        if !c && rows::live_twin(conn, &row)? {
            return Err(
                ApiError::conflict("another target for this subject and period is live")
                    .on_field("cancelled", "cannot be undone while another target is live"),
            );
        }
    }
    versioned::save(conn, &mut row, before.version, time::now())?;
    let (old, new) = (to_dto(conn, &before, &cal)?, to_dto(conn, &row, &cal)?);
    audit::record(
        conn,
        &caller.actor,
        "target.update",
        "target",
        Some(&row.id),
        Some(&old),
        Some(&new),
    )?;
    Ok(new)
}
