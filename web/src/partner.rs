//! The partner portal, served under `/partner` and `/wholesale`: a wholesale partner's
//! dashboard, the catalogue at its price with the cart, and its orders; and the back office's
//! wholesale desk (the catalogue, the order pipeline).

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::partner::PartnerRoutes;
use closebook_web::pages::wholesale::WholesaleRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(PartnerApp);
}

#[component]
fn PartnerApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Partner>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <PartnerRoutes/>
                    <WholesaleRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
