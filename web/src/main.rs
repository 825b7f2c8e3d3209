//! The field portal, served at `/`: sign-in, the dashboard, leads, pipeline, activity and the
//! profile.

use closebook_web::app::{Boot, NotFound, Portal, SignedIn};
use closebook_web::pages::leads::LeadRoutes;
use closebook_web::pages::{activity, home, login, notifications, profile};
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Routes};
use leptos_router::path;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(FieldApp);
}

#[component]
fn FieldApp() -> impl IntoView {
    view! {
        <Boot portal=Portal::Field>
            <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                <Route path=path!("/login") view=login::LoginPage/>
                // One parent for every signed-in page: the shell stays mounted between them.
                <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                    <Route path=path!("") view=home::HomePage/>
                    <LeadRoutes/>
                    <Route path=path!("/activity") view=activity::ActivityPage/>
                    <Route path=path!("/profile") view=profile::ProfilePage/>
                    <Route path=path!("/notifications") view=notifications::NotificationsPage/>
                </ParentRoute>
            </Routes>
        </Boot>
    }
}
