//! Analytics (seed 004: "sales trends, product performance, profitability"): what the account
//! bought month by month, which products, and what it stands to make selling them at MSRP.

use closebook_shared::partner_analytics::{AnalyticsQuery, PartnerAnalytics};
use leptos::prelude::*;

use super::resources::own_account;
use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

const WINDOWS: [u32; 4] = [3, 6, 12, 24];

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let account = own_account();
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Analytics"</h1></div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! { <Figures partner=a.id/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Figures(partner: uuid::Uuid) -> impl IntoView {
    let months = RwSignal::new(12u32);
    let figures = LocalResource::new(move || {
        api::partners::analytics(
            partner,
            AnalyticsQuery {
                months: Some(months.get()),
            },
        )
    });
    view! {
        <div class="chips" role="group" aria-label="Window">
            {WINDOWS.iter().map(|n| {
                let n = *n;
                view! { <button class="chip" class:active=move || months.get() == n on:click=move |_| months.set(n)>{format!("{n} months")}</button> }
            }).collect_view()}
        </div>
        <Transition fallback=|| view! { <Skeleton rows=6/> }>
            {answered(figures, |a| view! { <Report a=a/> })}
        </Transition>
    }
}

#[component]
fn Report(a: PartnerAnalytics) -> impl IntoView {
    if a.totals.orders == 0 {
        return view! { <EmptyState title="No orders in this window" hint="Your purchases and margins appear here once you order."/> }.into_any();
    }
    // Bars are scaled to the busiest month.
    let top = a
        .months
        .iter()
        .map(|m| m.figures.spend.amount)
        .max()
        .unwrap_or_default();
    let width = move |v: rust_decimal::Decimal| {
        if top.is_zero() {
            "0%".to_owned()
        } else {
            format!(
                "{}%",
                (v * rust_decimal::Decimal::ONE_HUNDRED / top).round()
            )
        }
    };
    let t = &a.totals;
    view! {
        <div class="stat-grid" data-testid="analytics-totals">
            <div class="card stat"><span class="stat-label">"Spent"</span>
                <strong class="stat-value">{format::money(&t.spend)}</strong>
                <span class="muted">{format!("{} order{} · {} units", t.orders, if t.orders == 1 { "" } else { "s" }, t.units)}</span></div>
            <div class="card stat"><span class="stat-label">"Worth at MSRP"</span>
                <strong class="stat-value">{format::money(&t.retail_value)}</strong></div>
            <div class="card stat"><span class="stat-label">"Your margin"</span>
                <strong class="stat-value">{format::money(&t.margin)}</strong>
                <span class="muted">{format!("{}% of retail", t.margin_percent)}</span></div>
            <div class="card stat"><span class="stat-label">"Average order"</span>
                <strong class="stat-value">{format::money(&a.average_order)}</strong></div>
        </div>
        <div class="card">
            <h2>"Month by month"</h2>
            <div class="table-wrap"><table class="table" data-testid="analytics-months">
                <thead><tr><th>"Month"</th><th>"Orders"</th><th>"Spent"</th><th class="bar-cell"><span class="sr-only">"Share of the busiest month"</span></th><th>"Margin"</th></tr></thead>
                <tbody>
                    {a.months.iter().map(|m| {
                        let f = &m.figures;
                        view! {
                            <tr>
                                <td>{m.month.to_string()}</td>
                                <td>{f.orders}</td>
                                <td>{format::money(&f.spend)}</td>
                                <td class="bar-cell"><span class="bar" style:width=width(f.spend.amount)></span></td>
                                <td>{format::money(&f.margin)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        </div>
        <div class="card">
            <h2>"Products"</h2>
            <div class="table-wrap"><table class="table" data-testid="analytics-products">
                <thead><tr><th>"Product"</th><th>"Units"</th><th>"Spent"</th><th>"Share"</th><th>"Margin at MSRP"</th></tr></thead>
                <tbody>
                    {a.products.iter().map(|p| {
                        let f = &p.figures;
                        view! {
                            <tr>
                                <td><strong>{p.name.clone()}</strong><br/><span class="muted small">{p.sku.clone()}</span></td>
                                <td>{f.units}</td>
                                <td>{format::money(&f.spend)}</td>
                                <td>{format!("{}%", p.share_percent)}</td>
                                <td>{format!("{} ({}%)", format::money(&f.margin), f.margin_percent)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table></div>
        </div>
    }.into_any()
}
