//! The matrix's rows for targets, the leaderboard, satisfaction scores and the analytics.

use serde_json::json;

use super::rows::{Row, row};
use super::{Fixture, Who};

pub(crate) fn rows(fx: &Fixture) -> Vec<Row> {
    let team_id = fx.team.rsplit('/').next().unwrap_or_default().to_owned();
    let rep_id = fx.rep_id.clone();
    vec![
        row(
            "GET",
            "/api/v1/targets",
            "/api/v1/targets",
            [200, 200, 200, 200, 403, 401],
        ),
        // Managers (for their people) and admins set targets; each caller a metric of its own.
        row(
            "POST",
            "/api/v1/targets",
            "/api/v1/targets",
            [201, 201, 403, 403, 403, 401],
        )
        .body(move |who, _| {
            let metric = match who {
                Who::Admin => "visits_scheduled",
                Who::Manager => "upsell_conversions",
                _ => "leads_contacted",
            };
            json!({ "target_type": "individual", "assignee_id": rep_id, "period_type": "weekly",
                    "metric_type": metric, "target_value": "2" })
        }),
        row(
            "GET",
            "/api/v1/targets/leaderboard",
            "/api/v1/targets/leaderboard?metric=deals_closed&period=monthly",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/targets/rm/{id}",
            &format!("/api/v1/targets/rm/{}", fx.rep_id),
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/targets/team/{id}",
            &format!("/api/v1/targets/team/{team_id}"),
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/targets/{id}",
            &fx.target,
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "PUT",
            "/api/v1/targets/{id}",
            &fx.target,
            [200, 200, 403, 403, 403, 401],
        )
        .body(|_, _| json!({ "target_value": "4" })),
        row(
            "POST",
            "/api/v1/clients/{id}/satisfaction",
            &format!("{}/satisfaction", fx.client),
            [201, 201, 201, 403, 403, 401],
        )
        .body(|_, _| json!({ "score": 5 })),
        row(
            "GET",
            "/api/v1/satisfaction-scores/{id}",
            &fx.satisfaction,
            [200, 200, 200, 403, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/analytics/sales-leak",
            "/api/v1/analytics/sales-leak",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/analytics/scorecard",
            "/api/v1/analytics/scorecard",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/analytics/scorecard/history",
            "/api/v1/analytics/scorecard/history",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/dashboard/rep",
            &format!("/api/v1/dashboard/rep?rep_id={}", fx.rep_id),
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/dashboard/manager",
            "/api/v1/dashboard/manager",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/reports/conversion",
            "/api/v1/reports/conversion",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/reports/activity-by-rep",
            "/api/v1/reports/activity-by-rep",
            [200, 200, 200, 200, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/reports/pipeline",
            "/api/v1/reports/pipeline",
            [200, 200, 200, 200, 403, 401],
        ),
    ]
}
