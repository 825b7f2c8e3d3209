//! What a month would pay with more closes, as the server computes it (`POST
//! /commissions/simulate`, the shared maths it pays with). Running that maths here too pulled
//! ~25 KB of decimal arithmetic into a bundle already at its budget; it comes back with the app
//! split per portal (issue 10 note).

use chrono::NaiveDate;
use closebook_shared::Money;
use closebook_shared::commissions::month::{SimDeal, SimulateRequest};
use closebook_shared::compensation_plans::PlanInForce;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api;
use crate::components::format;

#[component]
pub fn WhatIf(plan: PlanInForce) -> impl IntoView {
    let currency = plan.currency.clone();
    let quota: Option<Decimal> = plan.monthly_quota.as_deref().and_then(|q| q.parse().ok());
    let deals = RwSignal::new(vec![(String::new(), chrono::Utc::now().date_naive())]);
    let result = {
        let currency = currency.clone();
        LocalResource::new(move || {
            let sim_deals: Vec<SimDeal> = deals
                .get()
                .iter()
                .filter_map(|(v, on)| {
                    let value =
                        closebook_shared::commissions::text::amount::parse(v.trim()).ok()?;
                    Some(SimDeal { value, won_on: *on })
                })
                .collect();
            let req = SimulateRequest {
                plan: None,
                currency: currency.clone(),
                quota,
                base_salary: None,
                deals: sim_deals,
                invoices: vec![],
                upsells: vec![],
                refunds: vec![],
            };
            async move {
                if req.deals.is_empty() {
                    return None;
                }
                api::commissions::simulate(&req)
                    .await
                    .ok()
                    .map(|r| (r.net, r.lines.len()))
            }
        })
    };
    let net_text = {
        let currency = currency.clone();
        move || {
            result
                .get()
                .flatten()
                .map(|(net, n)| {
                    format!(
                        "{} from {n} line(s)",
                        format::money(&Money::new(net, currency.clone()))
                    )
                })
                .unwrap_or_else(|| "Enter deal values like 12000.00".into())
        }
    };
    let indices = move || (0..deals.get().len()).collect::<Vec<usize>>();
    view! {
        <div class="card what-if">
            <h2 class="section-title">"What if"</h2>
            <p class="muted">"Deals you might close this month, and what they would pay under your plan."</p>
            <For each=indices key=|i| *i children=move |i: usize| view! {
                <div class="what-if-row">
                    <input aria-label=format!("Deal {} value", i + 1) inputmode="decimal" placeholder="Deal value"
                        prop:value=move || deals.get().get(i).map(|d| d.0.clone()).unwrap_or_default()
                        on:input=move |ev| deals.update(|d| if let Some(row) = d.get_mut(i) { row.0 = event_target_value(&ev); })/>
                    <input type="date" aria-label=format!("Deal {} date", i + 1)
                        prop:value=move || deals.get().get(i).map(|d| d.1.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            if let Ok(on) = event_target_value(&ev).parse::<NaiveDate>() {
                                deals.update(|d| if let Some(row) = d.get_mut(i) { row.1 = on; });
                            }
                        }/>
                </div>
            }/>
            <button class="button button-ghost" on:click=move |_| deals.update(|d| d.push((String::new(), chrono::Utc::now().date_naive())))>"Add a deal"</button>
            <p class="what-if-net" aria-live="polite">{net_text}</p>
        </div>
    }
}
