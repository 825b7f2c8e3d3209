//! The admin pages: users, teams, the audit log and service tokens. Everyone else who reaches
//! them is told they are for admins.

mod audit;
mod teams;
mod tokens;
mod users;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::api::Session;

/// `/admin/…`, behind the admin check, for the signed-in shell to mount.
#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/admin") view=AdminOnly>
            <Route path=path!("/users") view=users::UsersPage/>
            <Route path=path!("/teams") view=teams::TeamsPage/>
            <Route path=path!("/audit") view=audit::AuditPage/>
            <Route path=path!("/service-tokens") view=tokens::TokensPage/>
        </ParentRoute>
    }
    .into_inner()
}

/// The admin page, or why it is not shown. A memo, so a change to the user that keeps the role
/// does not remount the page.
#[component]
fn AdminOnly() -> impl IntoView {
    let session = Session::get();
    let admin = Memo::new(move |_| {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Admin))
    });
    move || {
        if admin.get() {
            view! { <Outlet/> }.into_any()
        } else {
            view! { <Refused/> }.into_any()
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
                <a class="button" href="/" rel="external">"Back to the dashboard"</a>
            </div>
        </section>
    }
}
