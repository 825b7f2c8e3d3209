//! The commission tab (seed 004 TAB 4): the month's lines with their explanations, and the plan
//! and how its rate is made up.

mod tab;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, path};

/// `/commissions`, for the signed-in shell to mount.
#[component(transparent)]
pub fn CommissionRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/commissions") view=tab::CommissionPage/> }.into_inner()
}
