//! Territories, their assignments, the import and export, and the caller's own card.

use closebook_shared::Page;
use closebook_shared::territories::{
    CreateAssignmentRequest, CreateTerritoryRequest, EndAssignmentRequest, FeatureCollection,
    ImportReport, MyTerritory, PlacementRun, PlacementRunQuery, Territory, TerritoryAssignment,
    UpdateTerritoryRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, patch, post, query_string};

/// Every territory with its shape: the map and the tree read this.
pub async fn export() -> ApiResult<FeatureCollection> {
    get("/territories/export").await
}

pub async fn get_one(id: Uuid) -> ApiResult<Territory> {
    get(&format!("/territories/{id}")).await
}

pub async fn create(req: &CreateTerritoryRequest) -> ApiResult<Territory> {
    post("/territories", req).await
}

pub async fn update(id: Uuid, req: &UpdateTerritoryRequest) -> ApiResult<Territory> {
    patch(&format!("/territories/{id}"), req).await
}

/// Posts a GeoJSON file's text as it is (the server names each feature's problem).
pub async fn import(geojson: serde_json::Value) -> ApiResult<ImportReport> {
    post("/territories/import", &geojson).await
}

pub async fn assignments(id: Uuid) -> ApiResult<Vec<TerritoryAssignment>> {
    get(&format!("/territories/{id}/assignments")).await
}

pub async fn assign(id: Uuid, req: &CreateAssignmentRequest) -> ApiResult<TerritoryAssignment> {
    post(&format!("/territories/{id}/assignments"), req).await
}

pub async fn end_assignment(id: Uuid) -> ApiResult<TerritoryAssignment> {
    post(
        &format!("/territory-assignments/{id}/end"),
        &EndAssignmentRequest::default(),
    )
    .await
}

pub async fn mine() -> ApiResult<MyTerritory> {
    get("/territories/mine").await
}

pub async fn placement_runs() -> ApiResult<Page<PlacementRun>> {
    let q = PlacementRunQuery {
        limit: Some(1),
        cursor: None,
    };
    get(&format!("/territory-placements{}", query_string(&q))).await
}
