//! The wholesale partner's portal (seed 004 "PART 1"), served under `/partner` by two bundles:
//! its trade (the dashboard, the catalogue at the account's price with the cart, the orders,
//! their invoices and their shipments) and its account (analytics, the resources — marketing
//! hub, financing, how-to videos, integrations — support, and the account's details).

mod account;
mod analytics;
mod dashboard;
pub mod invoices;
pub mod orders;
mod pricing;
mod resources;
pub mod support;
pub mod tracking;

use closebook_shared::Role;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
use leptos_router::{MatchNestedRoutes, path};

use crate::app::RolesOnly;

/// `/partner/…` of the partner bundle (its trade: dashboard, pricing and cart, orders,
/// invoices, tracking), for partner users, for the signed-in shell to mount.
#[component(transparent)]
pub fn PartnerRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/partner") view=|| view! { <RolesOnly roles=&[Role::Partner] who="partner users"/> }>
            <Route path=path!("") view=dashboard::PartnerDashboard/>
            <Route path=path!("/pricing") view=pricing::PricingPage/>
            <Route path=path!("/orders") view=orders::OrdersPage/>
            <Route path=path!("/orders/:id") view=|| view! { <orders::OrderPage back="/partner/orders" may_advance=false/> }/>
            <Route path=path!("/invoices") view=|| view! { <invoices::InvoicesPage may_pay=false/> }/>
            <Route path=path!("/tracking") view=|| view! { <tracking::TrackingPage may_track=false/> }/>
        </ParentRoute>
    }
    .into_inner()
}

/// `/partner/…` of the partner-account bundle (`Portal::PartnerAccount`: analytics, resources,
/// support, the account), for partner users.
#[component(transparent)]
pub fn PartnerAccountRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("/partner") view=|| view! { <RolesOnly roles=&[Role::Partner] who="partner users"/> }>
            <Route path=path!("/analytics") view=analytics::AnalyticsPage/>
            <Route path=path!("/marketing") view=resources::MarketingPage/>
            <Route path=path!("/financing") view=resources::FinancingPage/>
            <Route path=path!("/how-to") view=resources::HowToPage/>
            <Route path=path!("/integrations") view=resources::IntegrationsPage/>
            <Route path=path!("/support") view=support::SupportPage/>
            <Route path=path!("/account") view=account::AccountPage/>
            <Route path=path!("/notifications") view=crate::pages::notifications::NotificationsPage/>
        </ParentRoute>
    }
    .into_inner()
}
