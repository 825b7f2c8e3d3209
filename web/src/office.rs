//! The office portal, served under `/admin` and `/finance`: users, teams, the audit log and
//! service tokens for admins; the approval queue, monthly close, payouts and plans for finance.

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::admin::AdminRoutes;
use closebook_web::pages::finance::FinanceRoutes;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(OfficeApp);
}

#[component]
fn OfficeApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Office>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <AdminRoutes/>
                    <FinanceRoutes/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
