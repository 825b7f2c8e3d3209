use actix_web::get;
use chrono::Duration;
use closebook_shared::Page;
use closebook_shared::activities::{Activity, ScheduleQuery};

use crate::authz::PipelineCtx;
use crate::db::activities;
use crate::error::ApiError;
use crate::extract::Query;
use crate::openapi::TAG_ACTIVITIES;
use crate::reply::Answer;
use crate::time;
use chrono::NaiveTime;

/// The schedule: activities planned or done in a time range
///
/// The caller's own by default (seed 004 Activity tab); a manager may name a member of its
/// teams with `user_id`. In time order.
#[utoipa::path(tag = TAG_ACTIVITIES, operation_id = "list_activities", params(ScheduleQuery), responses(
    (status = 200, description = "A page of activities, earliest first", body = Page<Activity>),
))]
#[get("/activities")]
pub async fn list_activities(ctx: PipelineCtx, q: Query<ScheduleQuery>) -> Answer<Page<Activity>> {
    let who = match (q.user_id, ctx.principal().user_id()) {
        (Some(u), _) | (None, Some(u)) => u.to_string(),
        (None, None) => {
            return Err(ApiError::bad_param(
                "user_id",
                "is required for service tokens",
            ));
        }
    };
    ctx.list(q.0, move |c, caller, q, page| {
        if !caller.scope.covers(&who) {
            return Err(ApiError::forbidden(
                "you may not see this person's schedule",
            ));
        }
        // Today (UTC) unless asked; an empty range (`to` ≤ `from`) is an empty page.
        let from = q.from.map_or_else(
            || time::now().date().and_time(NaiveTime::MIN),
            |f| f.naive_utc(),
        );
        let to = q.to.map_or(from + Duration::days(1), |t| t.naive_utc());
        let rows = activities::schedule(c, &who, from, to, page)?;
        activities::page_of(c, page, rows)
    })
    .await
}
