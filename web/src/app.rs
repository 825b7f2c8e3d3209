//! Routes and the session bootstrap.

use closebook_shared::Role;
use closebook_shared::users::User;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, Session};
use crate::components::layout::Shell;
use crate::components::ui::{Skeleton, ToastHost, Toasts};
use crate::pages::{
    activity, admin_audit, admin_teams, admin_tokens, admin_users, home, kanban, lead_detail,
    leads, login, profile,
};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    Toasts::provide();
    let loaded = RwSignal::new(!Session::has_tokens());
    if Session::has_tokens() {
        spawn_local(async move {
            if let Ok(u) = api::get::<User>("/me").await {
                session.user.set(Some(u));
            }
            loaded.set(true);
        });
    }
    view! {
        <Router>
            <Show when=move || loaded.get() fallback=|| view! { <div class="boot"><Skeleton rows=3/></div> }>
                <Routes fallback=|| view! { <Protected><NotFound/></Protected> }>
                    <Route path=path!("/login") view=login::LoginPage/>
                    <Route path=path!("/") view=|| view! { <Protected><home::HomePage/></Protected> }/>
                    <Route path=path!("/leads") view=|| view! { <Protected><leads::LeadsPage/></Protected> }/>
                    <Route path=path!("/leads/:id") view=|| view! { <Protected><lead_detail::LeadDetailPage/></Protected> }/>
                    <Route path=path!("/pipeline") view=|| view! { <Protected><kanban::KanbanPage/></Protected> }/>
                    <Route path=path!("/activity") view=|| view! { <Protected><activity::ActivityPage/></Protected> }/>
                    <Route path=path!("/profile") view=|| view! { <Protected><profile::ProfilePage/></Protected> }/>
                    <Route path=path!("/admin/users") view=|| view! { <Protected admin=true><admin_users::UsersPage/></Protected> }/>
                    <Route path=path!("/admin/teams") view=|| view! { <Protected admin=true><admin_teams::TeamsPage/></Protected> }/>
                    <Route path=path!("/admin/audit") view=|| view! { <Protected admin=true><admin_audit::AuditPage/></Protected> }/>
                    <Route path=path!("/admin/service-tokens") view=|| view! { <Protected admin=true><admin_tokens::TokensPage/></Protected> }/>
                </Routes>
            </Show>
            <ToastHost/>
        </Router>
    }
}

/// Pages for signed-in users; `admin` pages refuse everyone else.
#[component]
fn Protected(#[prop(optional)] admin: bool, children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    move || {
        let children = children.clone();
        match session.user.get() {
            None => view! { <Redirect path="/login"/> }.into_any(),
            Some(u) if u.must_change_password => {
                view! { <profile::ForcedPasswordChange/> }.into_any()
            }
            Some(u) if admin && u.role != Role::Admin => {
                view! { <Shell><Refused/></Shell> }.into_any()
            }
            Some(_) => view! { <Shell>{children()}</Shell> }.into_any(),
        }
    }
}

#[component]
fn Refused() -> impl IntoView {
    view! {
        <section class="page">
            <div class="empty refused" role="alert">
                <p class="empty-title">"You don't have access to this page"</p>
                <p class="muted">"It is for admins. If you need it, ask an admin."</p>
                <a class="button" href="/">"Back to the dashboard"</a>
            </div>
        </section>
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
