//! The commission tab (seed 004 TAB 4): this month with status and payout date, the year so far,
//! how the rate is made up, every line with its explanation, payout history and statements
//! (`tab`); the residual book (`residuals`); the what-if simulator computed in the browser with
//! the shared maths the server pays with (`what_if`); a manager's team month (`team`).

mod lines;
mod plan;
mod residuals;
mod summary;
mod tab;
mod team;
mod what_if;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{A, Route};
use leptos_router::{MatchNestedRoutes, path};

pub use summary::EarningsCard;

use crate::api::Session;

/// `/commissions…`, for the signed-in shell to mount.
#[component(transparent)]
pub fn CommissionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/commissions") view=tab::CommissionPage/>
        <Route path=path!("/commissions/residuals") view=residuals::ResidualsPage/>
        <Route path=path!("/commissions/what-if") view=what_if::WhatIfPage/>
        <Route path=path!("/commissions/team") view=team::TeamPage/>
    }
    .into_inner()
}

/// The tab's own sections; the team's month for those who have a team view.
#[component]
fn SubNav() -> impl IntoView {
    let session = Session::get();
    let team_view = move || {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| matches!(u.role, Role::SalesManager | Role::Admin | Role::Finance))
        })
    };
    view! {
        <nav class="subnav" aria-label="Commission sections">
            <A href="/commissions" exact=true>"This month"</A>
            <A href="/commissions/residuals">"Residual book"</A>
            <A href="/commissions/what-if">"What-if"</A>
            <Show when=team_view><A href="/commissions/team">"Team"</A></Show>
        </nav>
    }
}
