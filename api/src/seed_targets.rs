//! Scale data for the dashboards' benchmark: every rep's targets of the current month and week
//! (deals closed, leads contacted, visits), written by batch like the rest of the scale data.

use chrono::Duration;
use closebook_shared::targets::{TargetMetric, TargetPeriod, TargetType};
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::Db;
use crate::db::schema::targets;
use crate::db::targets::TargetRow;
use crate::domain::targets::Calendar;

pub fn scale(db: &Db, rep_ids: &[String]) -> Result<String, String> {
    let started = std::time::Instant::now();
    let reps = rep_ids.to_vec();
    let n = crate::seed::write(db, move |c| {
        let cal = Calendar::load(c)?;
        let now = crate::time::now();
        let plan = [
            (TargetPeriod::Monthly, TargetMetric::DealsClosed, "3"),
            (TargetPeriod::Monthly, TargetMetric::VisitsScheduled, "6"),
            (TargetPeriod::Weekly, TargetMetric::LeadsContacted, "8"),
        ];
        let mut rows = Vec::with_capacity(reps.len() * plan.len());
        for rep in &reps {
            for (period, metric, value) in plan {
                let (start, end) = cal.period(period, cal.today);
                rows.push(TargetRow {
                    id: Uuid::now_v7().to_string(),
                    target_type: TargetType::Individual,
                    assignee_id: Some(rep.clone()),
                    city: None,
                    subject_key: rep.clone(),
                    period_type: period,
                    period_start: start,
                    period_end: end,
                    metric_type: metric,
                    target_value: value.to_owned(),
                    cancelled: false,
                    created_by: None,
                    version: 1,
                    created_at: now - Duration::days(1),
                    updated_at: now - Duration::days(1),
                });
            }
        }
        for chunk in rows.chunks(500) {
            crate::db::batch_insert!(c, targets::table, chunk)?;
        }
        Ok(rows.len())
    })?;
    Ok(format!(
        "Seeded {n} targets in {:.1} s",
        started.elapsed().as_secs_f64()
    ))
}
