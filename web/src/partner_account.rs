//! The partner's account and resources, served under `/partner/analytics`, `/marketing`,
//! `/financing`, `/how-to`, `/integrations`, `/support` and `/account`: a bundle of its own so
//! the partner portal's trade pages stay within the size budget.

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::partner::PartnerAccountRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(PartnerAccountApp);
}

#[component]
fn PartnerAccountApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::PartnerAccount>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <PartnerAccountRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
