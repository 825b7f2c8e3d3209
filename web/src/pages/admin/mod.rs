//! The admin pages: users, teams, partner accounts, the audit log and service tokens. (The
//! catalogue and the order pipeline are the wholesale desk, `pages::wholesale`.) Everyone else who reaches
//! them is told they are for admins (`app::RolesOnly`).

mod audit;
mod partners;
mod teams;
mod tokens;
mod users;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;

/// `/admin/…`, behind the admin check, for the signed-in shell to mount.
#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/admin") view=|| view! { <RolesOnly roles=&[Role::Admin] who="admins"/> }>
            <Route path=path!("/users") view=users::UsersPage/>
            <Route path=path!("/teams") view=teams::TeamsPage/>
            <Route path=path!("/partners") view=partners::PartnersPage/>
            <Route path=path!("/audit") view=audit::AuditPage/>
            <Route path=path!("/service-tokens") view=tokens::TokensPage/>
        </ParentRoute>
    }
    .into_inner()
}
