//! Scripts and email templates, and filling one in for a lead.

use closebook_shared::Page;
use closebook_shared::scripts::{RenderScriptParams, RenderedScript, Script, ScriptListQuery};
use uuid::Uuid;

use super::{ApiResult, get, post, query_string};

pub async fn list(q: ScriptListQuery) -> ApiResult<Page<Script>> {
    get(&format!("/scripts{}", query_string(&q))).await
}

pub async fn render(id: Uuid, params: RenderScriptParams) -> ApiResult<RenderedScript> {
    post(
        &format!("/scripts/{id}/render{}", query_string(&params)),
        &serde_json::json!({}),
    )
    .await
}
