//! Activities outside one lead's page: the day's schedule and the quick log.

use closebook_shared::Page;
use closebook_shared::activities::{Activity, CreateActivityRequest, ScheduleQuery};

use super::{ApiResult, get, post, query_string};

pub async fn schedule(q: ScheduleQuery) -> ApiResult<Page<Activity>> {
    get(&format!("/activities{}", query_string(&q))).await
}

pub async fn quick_log(req: &CreateActivityRequest) -> ApiResult<Activity> {
    post("/activities", req).await
}
