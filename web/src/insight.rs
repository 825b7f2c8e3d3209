//! The insight portal, served under `/dashboard`, `/leaderboard` and `/reports`: the rep's and
//! the manager's dashboards with their charts, the leaderboard, the reports.

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::insight::InsightRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(InsightApp);
}

#[component]
fn InsightApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Insight>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <InsightRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
