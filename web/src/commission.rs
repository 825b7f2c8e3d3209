//! The commission portal, served under `/commissions`: a rep's month, payouts and statements, the
//! residual book, the what-if simulator, and a manager's team earnings.

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::commissions::CommissionRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(CommissionApp);
}

#[component]
fn CommissionApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Commission>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <CommissionRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
