//! The lead resource: every call the pages make about leads and what hangs on them, over the
//! shared request and query types (a query is serialised from its type, never written by hand).

use closebook_shared::Page;
use closebook_shared::activities::{
    Activity, CreateActivityRequest, CreateNoteRequest, CreateTouchRequest, LeadActivityQuery,
    Note, Touch,
};
use closebook_shared::leads::{
    ChangeStageRequest, CreateLeadRequest, Lead, LeadListQuery, LeadSummary, ReferralAskRequest,
    SetOutcomeRequest, UpdateLeadRequest,
};
use uuid::Uuid;

use super::{ApiResult, get, patch, post, query_string};

pub async fn list(q: LeadListQuery) -> ApiResult<Page<LeadSummary>> {
    get(&format!("/leads{}", query_string(&q))).await
}

pub async fn get_one(id: Uuid) -> ApiResult<Lead> {
    get(&format!("/leads/{id}")).await
}

pub async fn create(req: &CreateLeadRequest) -> ApiResult<Lead> {
    post("/leads", req).await
}

pub async fn update(id: Uuid, req: &UpdateLeadRequest) -> ApiResult<Lead> {
    patch(&format!("/leads/{id}"), req).await
}

pub async fn change_stage(id: Uuid, req: &ChangeStageRequest) -> ApiResult<Lead> {
    patch(&format!("/leads/{id}/stage"), req).await
}

/// A rep takes a lead nobody holds in its territory.
pub async fn claim(id: Uuid) -> ApiResult<Lead> {
    super::call(super::Method::Post, &format!("/leads/{id}/claim"), None).await
}

pub async fn set_outcome(id: Uuid, req: &SetOutcomeRequest) -> ApiResult<Lead> {
    post(&format!("/leads/{id}/outcome"), req).await
}

pub async fn referral_ask(id: Uuid, req: &ReferralAskRequest) -> ApiResult<Lead> {
    post(&format!("/leads/{id}/referral-ask"), req).await
}

pub async fn activities(id: Uuid, q: LeadActivityQuery) -> ApiResult<Page<Activity>> {
    get(&format!("/leads/{id}/activities{}", query_string(&q))).await
}

pub async fn log_activity(id: Uuid, req: &CreateActivityRequest) -> ApiResult<Activity> {
    post(&format!("/leads/{id}/activities"), req).await
}

pub async fn add_note(id: Uuid, req: &CreateNoteRequest) -> ApiResult<Note> {
    post(&format!("/leads/{id}/notes"), req).await
}

pub async fn log_touch(id: Uuid, req: &CreateTouchRequest) -> ApiResult<Touch> {
    post(&format!("/leads/{id}/touches"), req).await
}
