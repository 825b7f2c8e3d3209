use actix_web::get;
use chrono::{Duration, Utc};
use closebook_shared::Page;
use closebook_shared::activities::{Activity, ScheduleQuery};

use crate::authz;
use crate::context::Ctx;
use crate::db::activities;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::openapi::TAG_ACTIVITIES;
use crate::pagination::PageRequest;
use crate::reply::Reply;

/// The schedule: activities planned or done in a time range
///
/// The caller's own by default (seed 004 Activity tab); a manager may name a member of its
/// teams with `user_id`. In time order.
#[utoipa::path(tag = TAG_ACTIVITIES, operation_id = "list_activities", params(ScheduleQuery), security(("bearer" = [])), responses(
    (status = 200, description = "A page of activities, earliest first", body = Page<Activity>),
))]
#[get("/activities")]
pub async fn list_activities(
    ctx: Ctx,
    q: Query<ScheduleQuery>,
) -> ApiResult<Reply<Page<Activity>>> {
    authz::require_pipeline_role(&ctx.principal)?;
    let page = PageRequest::parse(q.limit, q.cursor.as_deref())?;
    let from = q.from.unwrap_or_else(|| {
        Utc::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
    });
    let to = q.to.unwrap_or(from + Duration::days(1));
    // An empty range (`to` ≤ `from`) is an empty page; any span is fine, as pages are keyed.
    let principal = ctx.principal;
    let who = match (q.user_id, principal.user_id()) {
        (Some(u), _) => u,
        (None, Some(me)) => me,
        (None, None) => {
            return Err(ApiError::bad_param(
                "user_id",
                "is required for service tokens",
            ));
        }
    };
    let result = ctx
        .db()
        .read(move |c| {
            let scope = authz::lead_scope(c, &principal)?;
            if !scope.covers(&who.to_string()) {
                return Err(ApiError::forbidden(
                    "you may not see this person's schedule",
                ));
            }
            let rows =
                activities::schedule(c, &who.to_string(), from.naive_utc(), to.naive_utc(), &page)?;
            activities::page_of(c, &page, rows)
        })
        .await?;
    Ok(Reply::ok(result))
}
