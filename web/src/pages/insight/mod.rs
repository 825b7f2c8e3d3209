//! The insight portal's pages: the dashboards, the leaderboard, targets, the reports.

mod charts;
mod leaderboard;
pub mod leak;
mod manager;
mod rep;
mod reports;
mod targets;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::path;

use crate::api::Session;

pub use leak::SalesLeakCard;

/// `/dashboard` (the rep's, or the manager's), `/leaderboard`, `/reports`, `/targets`.
#[component(transparent)]
pub fn InsightRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/dashboard") view=DashboardPage/>
        <Route path=path!("/leaderboard") view=leaderboard::LeaderboardPage/>
        <Route path=path!("/reports") view=reports::ReportsPage/>
        <Route path=path!("/targets") view=targets::TargetsPage/>
    }
    .into_inner()
}

#[component]
fn DashboardPage() -> impl IntoView {
    let session = Session::get();
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Numbers"</h1>
                <a class="button" href="/leaderboard">"Leaderboard"</a>
                <a class="button" href="/targets">"Targets"</a>
                <a class="button" href="/reports">"Reports"</a>
            </div>
            {move || match session.user.get().map(|u| u.role) {
                Some(Role::SalesRep) => view! { <rep::RepDashboardView/> }.into_any(),
                Some(_) => view! { <manager::ManagerDashboardView/> }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}
