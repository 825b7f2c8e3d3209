//! Pipeline: pipelines and stages, leads (create, validation, duplicates, cold sources, scope,
//! allowlisted edit, stage moves, outcome, reassignment, deal), activities and their effect on
//! follow-up fields, notes privacy, touches, referral asks, scripts, clients, list filters.

use crate::common;

mod activities;
mod leads;
mod pipelines;
mod scripts_lists;
mod transitions;

use activities::{activities_drive_follow_up_fields, notes_touches_and_referrals};
use chrono::{Duration, Utc};
use closebook_shared::Role;
use common::{TestApp, TestUser};
use leads::{
    duplicates_and_cold_sources, lead_create_read_back_and_validation, new_lead_with,
    scope_and_allowlisted_edit,
};
use pipelines::built_in_pipelines_and_admin_edits;
use scripts_lists::{list_filters_sorts_and_pages, scripts_render_for_a_lead};
pub(crate) use serde_json::{Value, json};
use transitions::{reassign_and_deal, stages_outcome_history_and_client};

pub(crate) const ASSISTED: &str = "00000000-0000-7000-8000-000000000001";
pub(crate) const NEW_STAGE: &str = "00000000-0000-7000-8001-000000000101";
pub(crate) const CONTACTED: &str = "00000000-0000-7000-8001-000000000102";
pub(crate) const NEGOTIATION: &str = "00000000-0000-7000-8001-000000000107";
pub(crate) const CLOSED_WON: &str = "00000000-0000-7000-8001-000000000109";

/// A team with a manager and two reps, plus another team's rep and manager.
pub(crate) struct Org {
    pub(crate) admin: TestUser,
    pub(crate) manager: TestUser,
    pub(crate) rep: TestUser,
    pub(crate) teammate: TestUser,
    pub(crate) other_manager: TestUser,
    pub(crate) other_rep: TestUser,
    pub(crate) finance: TestUser,
    pub(crate) partner: TestUser,
}

pub(crate) async fn org(app: &TestApp) -> Org {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("North", Some(manager.id)).await;
    let other_manager = app.user(Role::SalesManager, None, None).await;
    let other_team = app.team("South", Some(other_manager.id)).await;
    Org {
        admin: app.admin().await,
        rep: app.user(Role::SalesRep, Some(team), None).await,
        teammate: app.user(Role::SalesRep, Some(team), None).await,
        other_rep: app.user(Role::SalesRep, Some(other_team), None).await,
        manager,
        other_manager,
        finance: app.user(Role::Finance, None, None).await,
        partner: app.user(Role::Partner, None, None).await,
    }
}

pub(crate) async fn new_lead(app: &TestApp, who: &TestUser, body: Value) -> Value {
    new_lead_with(app, who, "/api/v1/leads", body).await
}

pub(crate) fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_owned()
}

on_both_backends!(
    built_in_pipelines_and_admin_edits,
    lead_create_read_back_and_validation,
    duplicates_and_cold_sources,
    scope_and_allowlisted_edit,
    stages_outcome_history_and_client,
    reassign_and_deal,
    activities_drive_follow_up_fields,
    notes_touches_and_referrals,
    scripts_render_for_a_lead,
    list_filters_sorts_and_pages,
);
