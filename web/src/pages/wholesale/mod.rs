//! The back office's wholesale desk, served under `/wholesale` by the partner portal's bundle
//! (it shares the order pages, and the office bundle has no room left under the budget): the
//! catalogue, the order pipeline, the shipments and the support tickets for admins, the partner invoices for admins and finance
//! (who record their payments).

mod catalogue;
mod orders;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;
use crate::pages::partner::invoices::InvoicesPage;
use crate::pages::partner::orders::OrderPage;
use crate::pages::partner::support::SupportDesk;
use crate::pages::partner::tracking::TrackingPage;

/// `/wholesale/…`, behind the admin check, for the signed-in shell to mount.
#[component(transparent)]
pub fn WholesaleRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/wholesale") view=|| view! { <RolesOnly roles=&[Role::Admin, Role::Finance] who="admins and finance"/> }>
            <Route path=path!("/invoices") view=|| view! { <InvoicesPage may_pay=true/> }/>
            <ParentRoute path=path!("") view=|| view! { <RolesOnly roles=&[Role::Admin] who="admins"/> }>
                <Route path=path!("/catalogue") view=catalogue::CataloguePage/>
                <Route path=path!("/orders") view=orders::OrdersPage/>
                <Route path=path!("/orders/:id") view=|| view! { <OrderPage back="/wholesale/orders" may_advance=true/> }/>
                <Route path=path!("/shipments") view=|| view! { <TrackingPage may_track=true/> }/>
                <Route path=path!("/support") view=SupportDesk/>
            </ParentRoute>
        </ParentRoute>
    }
    .into_inner()
}
