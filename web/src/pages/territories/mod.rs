//! Territory pages (territory portal): the designer for managers and admins, "My Territory"
//! for everyone who works leads.

mod designer;
mod map;
mod mine;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;

#[component(transparent)]
pub fn TerritoryRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/territories") view=Outlet>
            <Route path=path!("/mine") view=mine::MinePage/>
            <ParentRoute path=path!("") view=|| view! { <RolesOnly roles=&[Role::SalesManager, Role::Admin] who="managers and admins"/> }>
                <Route path=path!("") view=designer::DesignerPage/>
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}
