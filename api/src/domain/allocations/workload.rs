//! The workload of the reps in the caller's scope (seed 003 §2.2.5, §9.3).

use closebook_shared::Role;
use closebook_shared::allocation::{
    RepWorkload, WorkloadReport, is_balanced, utilisation_percent, utilisation_stats,
};
use diesel::prelude::*;

use super::capacity_of;
use crate::authz::{OwnerScope, PipelineCaller, within_scope};
use crate::db::DbConn;
use crate::db::allocations::{self as rows, IntakeRow};
use crate::db::columns::uuid_of;
use crate::db::schema::users;
use crate::db::settings;
use crate::error::ApiError;
use crate::time;

pub fn workload(conn: &mut DbConn, caller: &PipelineCaller) -> Result<WorkloadReport, ApiError> {
    let scope = &caller.scope;
    let mut query = users::table
        .filter(users::role.eq(Role::SalesRep))
        .filter(users::active.eq(true))
        .select((users::id, users::name, users::team_id))
        .into_boxed();
    query = within_scope!(query, scope, users::id);
    let reps: Vec<(String, String, Option<String>)> =
        query.order((users::name, users::id)).load(conn)?;
    let ids: Vec<String> = reps.iter().map(|(id, ..)| id.clone()).collect();
    let now = time::now();
    let rules = settings::get(conn)?.allocation_rules();
    let intakes = rows::intakes(conn, &ids)?;
    let depths = rows::queue_depths(conn, &ids)?;
    let pending = rows::pending_counts(conn, &ids, now)?;
    let reps: Vec<RepWorkload> = reps
        .into_iter()
        .map(|(id, name, team)| {
            let intake = intakes
                .get(&id)
                .cloned()
                .unwrap_or_else(|| IntakeRow::default_for(&id, now));
            let capacity = capacity_of(&intake, &rules);
            let queue_depth = depths.get(&id).copied().unwrap_or(0);
            let (pending, overdue) = pending.get(&id).copied().unwrap_or((0, 0));
            RepWorkload {
                rm_id: uuid_of(&id),
                rm_name: name,
                team_id: team.as_deref().map(uuid_of),
                availability: intake.availability,
                intake_paused: intake.intake_paused,
                queue_depth,
                pending,
                overdue,
                capacity,
                utilisation_percent: utilisation_percent(queue_depth, capacity),
            }
        })
        .collect();
    let percents: Vec<u32> = reps.iter().map(|r| r.utilisation_percent).collect();
    let (mean, spread) = utilisation_stats(&percents);
    let overflow = match &scope.owners {
        OwnerScope::All => rows::overflow_count(conn, None)?,
        _ if scope.places_pool => rows::overflow_count(conn, Some(&scope.pool))?,
        _ => 0,
    };
    Ok(WorkloadReport {
        reps,
        mean_utilisation_percent: mean,
        utilisation_spread: spread,
        balanced: is_balanced(mean, spread),
        overflow,
    })
}
