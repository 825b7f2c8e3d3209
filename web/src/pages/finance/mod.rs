//! The finance pages (office portal): the approval queue, the monthly close with payout runs
//! and payroll's CSV, and the plan editor. Finance and admins use them; everyone else is told they are for finance.

mod approvals;
mod payouts;
mod plans;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;

/// `/finance/…`, behind the finance check, for the office portal to mount.
#[component(transparent)]
pub fn FinanceRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/finance") view=|| view! { <RolesOnly roles=&[Role::Finance, Role::Admin] who="finance"/> }>
            <Route path=path!("/commissions") view=approvals::ApprovalsPage/>
            <Route path=path!("/payouts") view=payouts::PayoutsPage/>
            <Route path=path!("/plans") view=plans::PlansPage/>
        </ParentRoute>
    }
    .into_inner()
}
