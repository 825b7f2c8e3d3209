//! Pipelines and their stages.

use closebook_shared::pipelines::Pipeline;
use uuid::Uuid;

use super::{ApiResult, get};

pub async fn list() -> ApiResult<Vec<Pipeline>> {
    get("/pipelines").await
}

pub async fn get_one(id: Uuid) -> ApiResult<Pipeline> {
    get(&format!("/pipelines/{id}")).await
}
