//! The demo's targets and numbers: each manager sets its reps' monthly targets (revenue follows
//! the plan quota) and weekly contact goals, a team revenue target and its city's deals; last
//! month's targets show as achieved or missed; clients have satisfaction scores; and the
//! scorecard has a stored snapshot for every week of the demo's history.

use chrono::Duration;
use closebook_shared::Role;
use closebook_shared::targets::{CreateTargetRequest, TargetMetric, TargetPeriod, TargetType};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::caller;
use crate::authz::Insight;
use crate::db::DbConn;
use crate::db::schema::{clients, satisfaction_scores, teams};
use crate::domain::targets::Calendar;
use crate::domain::{analytics, targets};
use crate::error::ApiError;

/// How many targets, scores and snapshots it wrote.
pub fn targets(
    conn: &mut DbConn,
    teams_of: &[(Uuid, Vec<Uuid>)],
) -> Result<(usize, usize, usize), ApiError> {
    let cal = Calendar::load(conn)?;
    let last_month = cal.period(TargetPeriod::Monthly, cal.today).0 - Duration::days(1);
    let mut made = 0;
    for (manager, reps) in teams_of {
        let by = caller::<Insight>(conn, *manager, Role::SalesManager)?;
        let mut set = |conn: &mut DbConn, req: CreateTargetRequest| {
            made += 1;
            targets::create(conn, &by, req)
        };
        for (i, rep) in reps.iter().enumerate() {
            let individual = |period, metric, value: Option<i64>, period_of| CreateTargetRequest {
                target_type: TargetType::Individual,
                assignee_id: Some(*rep),
                city: None,
                period_type: period,
                period_of,
                metric_type: metric,
                target_value: value.map(Decimal::from),
            };
            // Revenue follows the quota the commissions seed assigned.
            set(
                conn,
                individual(TargetPeriod::Monthly, TargetMetric::Revenue, None, None),
            )?;
            set(
                conn,
                individual(
                    TargetPeriod::Monthly,
                    TargetMetric::DealsClosed,
                    Some(2 + i as i64 % 3),
                    None,
                ),
            )?;
            set(
                conn,
                individual(
                    TargetPeriod::Weekly,
                    TargetMetric::LeadsContacted,
                    Some(6 + i as i64 % 4),
                    None,
                ),
            )?;
            set(
                conn,
                individual(
                    TargetPeriod::Monthly,
                    TargetMetric::VisitsScheduled,
                    Some(4),
                    None,
                ),
            )?;
            set(
                conn,
                individual(
                    TargetPeriod::Monthly,
                    TargetMetric::CustomerSatisfaction,
                    Some(4),
                    None,
                ),
            )?;
            set(
                conn,
                individual(
                    TargetPeriod::Monthly,
                    TargetMetric::DealsClosed,
                    Some(1 + i as i64 % 3),
                    Some(last_month),
                ),
            )?;
        }
        let team: Option<(String, Option<String>)> = teams::table
            .filter(teams::manager_id.eq(manager.to_string()))
            .select((teams::id, teams::city))
            .first(conn)
            .optional()?;
        if let Some((team, city)) = team {
            set(
                conn,
                CreateTargetRequest {
                    target_type: TargetType::Team,
                    assignee_id: Some(crate::db::columns::uuid_of(&team)),
                    city: None,
                    period_type: TargetPeriod::Monthly,
                    period_of: None,
                    metric_type: TargetMetric::Revenue,
                    target_value: Some(Decimal::from(120_000)),
                },
            )?;
            set(
                conn,
                CreateTargetRequest {
                    target_type: TargetType::City,
                    assignee_id: None,
                    city,
                    period_type: TargetPeriod::Quarterly,
                    period_of: None,
                    metric_type: TargetMetric::DealsClosed,
                    target_value: Some(Decimal::from(15)),
                },
            )?;
        }
    }

    // Satisfaction: a score for most clients, from 2 to 5, over the last two months.
    let won: Vec<(String, String)> = clients::table
        .select((clients::id, clients::owner_id))
        .order(clients::id.asc())
        .load(conn)?;
    let mut scores = Vec::new();
    for (n, (client, rep)) in won.iter().enumerate().filter(|(n, _)| n % 4 != 3) {
        scores.push((
            satisfaction_scores::id.eq(Uuid::now_v7().to_string()),
            satisfaction_scores::client_id.eq(client.clone()),
            satisfaction_scores::rep_id.eq(rep.clone()),
            satisfaction_scores::score.eq([5, 4, 4, 3, 5, 2][n % 6]),
            satisfaction_scores::comment.eq(None::<String>),
            satisfaction_scores::recorded_by.eq(Some(rep.clone())),
            satisfaction_scores::recorded_at.eq(cal.now - Duration::days((n as i64 * 7) % 60)),
        ));
    }
    for chunk in scores.chunks(200) {
        crate::db::batch_insert!(conn, satisfaction_scores::table, chunk.to_vec())?;
    }

    // The scorecard's history: every ended week of the demo's eight.
    let (this_week, _, _) = analytics::week_of(&cal, cal.today);
    let mut snapshots = 0;
    for weeks_back in (1..=8).rev() {
        let first = this_week - Duration::weeks(weeks_back);
        snapshots += analytics::store_week(conn, &cal, first)?;
    }
    Ok((made, scores.len(), snapshots))
}
