//! The partner's dashboard: its account (tier, discount, credit, terms), its latest orders and
//! the way to the catalogue.

use closebook_shared::orders::OrderListQuery;
use closebook_shared::partners::PartnerListQuery;
use leptos::prelude::*;

use super::orders::OrderCards;
use crate::api::{self, Session};
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

#[component]
pub fn PartnerDashboard() -> impl IntoView {
    // A partner user sees one account: its own.
    let account = LocalResource::new(|| {
        api::partners::list(PartnerListQuery {
            limit: Some(1),
            ..Default::default()
        })
    });
    let recent = LocalResource::new(|| {
        api::orders::list(OrderListQuery {
            limit: Some(5),
            ..Default::default()
        })
    });
    let session = Session::get();
    let first_name = move || {
        session
            .user
            .get()
            .map(|u| {
                u.name
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .unwrap_or_default()
    };
    view! {
        <section class="page">
            <h1 class="page-title">{move || format!("Welcome, {}", first_name())}</h1>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! {
                        <p class="muted">{a.business_name.clone()}</p>
                        <div class="stat-grid" data-testid="partner-account">
                            <div class="card stat"><span class="stat-label">"Tier"</span>
                                <strong class="stat-value">{a.tier.label()}</strong>
                                <span class="muted">{format!("{}% off MSRP", a.discount_percent)}</span></div>
                            <div class="card stat"><span class="stat-label">"Available credit"</span>
                                <strong class="stat-value" data-testid="available-credit">{format::money(&a.stats.available_credit)}</strong>
                                <span class="muted">{format!("of {} · {}", format::money(&a.credit_limit), a.payment_terms.label())}</span></div>
                            <div class="card stat"><span class="stat-label">"Ordered to date"</span>
                                <strong class="stat-value">{format::money(&a.stats.lifetime_value)}</strong>
                                <span class="muted">{format!("{} orders · {} on average", a.stats.orders, format::money(&a.stats.average_order))}</span></div>
                            <div class="card stat"><span class="stat-label">"Status"</span>
                                <strong class="stat-value">{a.status.label()}</strong>
                                <span class="muted">{a.rep_name.clone().map(|r| format!("Your rep: {r}")).unwrap_or_default()}</span></div>
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <div class="page-header">
                <h2>"Recent orders"</h2>
                <a class="button button-primary" href="/partner/pricing">"Place an order"</a>
                <a class="button" href="/partner/orders">"All orders"</a>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(recent, |page| view! { <OrderCards orders=page.items/> })}
            </Transition>
        </section>
    }
}
