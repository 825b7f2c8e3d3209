//! Routes and the session bootstrap.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, Session};
use crate::components::layout::Shell;
use crate::components::ui::{Skeleton, ToastHost, Toasts};
use crate::pages::admin::AdminRoutes;
use crate::pages::commissions::CommissionRoutes;
use crate::pages::leads::LeadRoutes;
use crate::pages::{activity, home, login, profile};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    Toasts::provide();
    let loaded = RwSignal::new(!Session::has_tokens());
    if Session::has_tokens() {
        spawn_local(async move {
            if let Ok(u) = api::me::get_me().await {
                session.user.set(Some(u));
            }
            loaded.set(true);
        });
    }
    view! {
        <Router>
            <Show when=move || loaded.get() fallback=|| view! { <div class="boot"><Skeleton rows=3/></div> }>
                <Routes fallback=|| view! { <SignedIn><NotFound/></SignedIn> }>
                    <Route path=path!("/login") view=login::LoginPage/>
                    // One parent for every signed-in page: the shell stays mounted between them.
                    <ParentRoute path=path!("") view=|| view! { <SignedIn><Outlet/></SignedIn> }>
                        <Route path=path!("") view=home::HomePage/>
                        <LeadRoutes/>
                        <Route path=path!("/activity") view=activity::ActivityPage/>
                        <CommissionRoutes/>
                        <Route path=path!("/profile") view=profile::ProfilePage/>
                        <AdminRoutes/>
                    </ParentRoute>
                </Routes>
            </Show>
            <ToastHost/>
        </Router>
    }
}

/// Where a visitor stands: signed out, signed in but made to change their password, or in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gate {
    SignedOut,
    MustChangePassword,
    SignedIn,
}

/// The shell around signed-in pages; signed-out visitors go to sign-in. A memo, so a change to
/// the user (a profile edit) does not remount the page underneath.
#[component]
fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let gate = Memo::new(move |_| {
        session.user.with(|u| match u {
            None => Gate::SignedOut,
            Some(u) if u.must_change_password => Gate::MustChangePassword,
            Some(_) => Gate::SignedIn,
        })
    });
    move || {
        let children = children.clone();
        match gate.get() {
            Gate::SignedOut => view! { <Redirect path="/login"/> }.into_any(),
            Gate::MustChangePassword => view! { <profile::ForcedPasswordChange/> }.into_any(),
            Gate::SignedIn => view! { <Shell>{children()}</Shell> }.into_any(),
        }
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <div class="empty">
                <p class="empty-title">"Page not found"</p>
                <a class="button" href="/">"Back to the dashboard"</a>
            </div>
        </section>
    }
}
