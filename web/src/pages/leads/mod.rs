//! The pipeline's pages: the lead list, a lead with its quick actions and timeline, the kanban.

mod detail;
mod kanban;
mod list;
mod quick_actions;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, path};

/// `/leads`, `/leads/:id` and `/pipeline`, for the signed-in shell to mount.
#[component(transparent)]
pub fn LeadRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/leads") view=list::LeadsPage/>
        <Route path=path!("/leads/:id") view=detail::LeadDetailPage/>
        <Route path=path!("/pipeline") view=kanban::KanbanPage/>
    }
    .into_inner()
}
