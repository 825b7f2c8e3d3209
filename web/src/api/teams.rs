//! The team resource.

use closebook_shared::Page;
use closebook_shared::teams::{CreateTeamRequest, Team, TeamListQuery, UpdateTeamRequest};
use uuid::Uuid;

use super::{ApiResult, get, patch, post, query_string};

pub async fn list(q: TeamListQuery) -> ApiResult<Page<Team>> {
    get(&format!("/teams{}", query_string(&q))).await
}

pub async fn create(req: &CreateTeamRequest) -> ApiResult<Team> {
    post("/teams", req).await
}

pub async fn update(id: Uuid, req: &UpdateTeamRequest) -> ApiResult<Team> {
    patch(&format!("/teams/{id}"), req).await
}
