//! The finance pages (office portal): the approval queue, the monthly close with payout runs
//! and payroll's CSV, and the plan editor. Finance and admins use them; everyone else is told they are for finance.

mod approvals;
mod payouts;
mod plans;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::api::Session;

/// `/finance/…`, behind the finance check, for the office portal to mount.
#[component(transparent)]
pub fn FinanceRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/finance") view=FinanceOnly>
            <Route path=path!("/commissions") view=approvals::ApprovalsPage/>
            <Route path=path!("/payouts") view=payouts::PayoutsPage/>
            <Route path=path!("/plans") view=plans::PlansPage/>
        </ParentRoute>
    }
    .into_inner()
}

#[component]
fn FinanceOnly() -> impl IntoView {
    let session = Session::get();
    let allowed = Memo::new(move |_| {
        session.user.with(|u| {
            u.as_ref()
                .is_some_and(|u| matches!(u.role, Role::Finance | Role::Admin))
        })
    });
    move || {
        if allowed.get() {
            view! { <Outlet/> }.into_any()
        } else {
            view! {
                <section class="page">
                    <div class="empty refused" role="alert">
                        <p class="empty-title">"You don't have access to this page"</p>
                        <p class="muted">"It is for finance. If you need it, ask an admin."</p>
                        <a class="button" href="/" rel="external">"Back to the dashboard"</a>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}
