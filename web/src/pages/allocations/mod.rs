//! Allocation pages (territory portal): the rep's queue and the team's workload.

mod queue;
mod workload;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;

/// `/allocations/…`: the queue for reps (and managers, for their own), the workload for
/// managers and admins.
#[component(transparent)]
pub fn AllocationRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/allocations") view=|| view! { <RolesOnly roles=&[Role::SalesRep, Role::SalesManager, Role::Admin] who="the sales team"/> }>
            <Route path=path!("/queue") view=queue::QueuePage/>
            <Route path=path!("/workload") view=workload::WorkloadPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// "due in 1 h 05 min" / "overdue by 12 min", from the deadline and the time now.
pub fn countdown(
    deadline: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let minutes = (deadline - now).num_minutes();
    let span = |m: i64| match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    };
    if minutes >= 0 {
        format!("due in {}", span(minutes))
    } else {
        format!("overdue by {}", span(-minutes))
    }
}

/// The clock the countdowns read: the time now, moved on every 30 seconds while the page is up.
pub fn ticking_clock() -> RwSignal<chrono::DateTime<chrono::Utc>> {
    let now = RwSignal::new(chrono::Utc::now());
    let handle = set_interval_with_handle(
        move || now.set(chrono::Utc::now()),
        std::time::Duration::from_secs(30),
    );
    if let Ok(h) = handle {
        on_cleanup(move || h.clear());
    }
    now
}
