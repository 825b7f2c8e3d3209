//! The territory portal, served under `/territories` and `/allocations`: the designer map and
//! "My Territory", the rep's allocation queue and the team's workload. The only bundle that
//! loads the map library (Leaflet, `territory.html`).

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::allocations::AllocationRoutes;
use closebook_web::pages::territories::TerritoryRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(TerritoryApp);
}

#[component]
fn TerritoryApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Territory>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <TerritoryRoutes/>
                    <AllocationRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
