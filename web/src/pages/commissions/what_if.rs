//! `/commissions/what-if`: "what would I earn if…" — hypothetical deals (with their first paid
//! month) and upsells, computed in the browser by the shared `month::simulate`, the same function
//! the server's `POST /commissions/simulate` answers with, under the rep's plan, quota and base
//! salary. Nothing is stored.

use chrono::NaiveDate;
use closebook_shared::FieldError;
use closebook_shared::Money;
use closebook_shared::commissions::month::{
    self, SimDeal, SimInvoice, SimUpsell, SimulateRequest, SimulateResult,
};
use closebook_shared::commissions::text::amount;
use closebook_shared::compensation_plans::PlanInForce;
use closebook_shared::users::User;
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::SubNav;
use crate::api::{self, Session};
use crate::components::format;
use crate::components::ui::{Skeleton, answered};

/// One hypothetical event: a won deal (its value, and whether its first month is paid) or a
/// sold upsell (its price).
#[derive(Clone, Copy)]
struct Row {
    id: u32,
    amount: RwSignal<String>,
    on: RwSignal<String>,
    paid: RwSignal<bool>,
}

impl Row {
    fn new(id: u32, today: NaiveDate) -> Self {
        Row {
            id,
            amount: RwSignal::new(String::new()),
            on: RwSignal::new(today.to_string()),
            paid: RwSignal::new(false),
        }
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The simulation request the form describes, or the fields it cannot read.
fn request(
    plan: &PlanInForce,
    user: Option<&User>,
    deals: &[Row],
    upsells: &[Row],
) -> Result<SimulateRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut value = |field: String, text: String| {
        amount::parse(text.trim())
            .map_err(|m| errors.push(FieldError { field, message: m }))
            .ok()
    };
    let date = |text: String| text.parse::<NaiveDate>().unwrap_or_else(|_| today());
    let mut sim_deals = Vec::new();
    let mut invoices = Vec::new();
    // A row left blank is not an event yet.
    let filled = |rows: &[Row]| -> Vec<Row> {
        rows.iter()
            .copied()
            .filter(|r| !r.amount.get().trim().is_empty())
            .collect()
    };
    for (i, d) in filled(deals).iter().enumerate() {
        if let Some(v) = value(format!("deals[{i}].value"), d.amount.get()) {
            let won_on = date(d.on.get());
            if d.paid.get() {
                invoices.push(SimInvoice {
                    deal: Some(sim_deals.len()),
                    locked: None,
                    paid_on: won_on,
                });
            }
            sim_deals.push(SimDeal { value: v, won_on });
        }
    }
    let mut sim_upsells = Vec::new();
    for (i, u) in filled(upsells).iter().enumerate() {
        if let Some(price) = value(format!("upsells[{i}].price"), u.amount.get()) {
            sim_upsells.push(SimUpsell {
                price,
                sold_on: date(u.on.get()),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let base_salary = user
        .and_then(|u| u.base_salary.as_ref())
        .filter(|s| s.currency == plan.currency)
        .map(|s| s.amount);
    Ok(SimulateRequest {
        plan: None,
        currency: plan.currency.clone(),
        quota: plan
            .monthly_quota
            .as_deref()
            .and_then(|q| q.parse::<Decimal>().ok()),
        base_salary,
        deals: sim_deals,
        invoices,
        upsells: sim_upsells,
        refunds: Vec::new(),
    })
}

#[component]
pub fn WhatIfPage() -> impl IntoView {
    let plan = LocalResource::new(api::commissions::my_plan);
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Commission"</h1></div>
            <SubNav/>
            <h2 class="section-title">"What if…"</h2>
            <p class="muted">"Add deals you expect to win and upsells you expect to sell this month. The figures are worked out here, by the same rules the payout uses."</p>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(plan, |p: PlanInForce| view! { <Simulator plan=p/> })}
            </Transition>
        </section>
    }
}

#[component]
fn Simulator(plan: PlanInForce) -> impl IntoView {
    let session = Session::get();
    let next_id = StoredValue::new(2u32);
    let deals = RwSignal::new(vec![Row::new(0, today())]);
    let upsells = RwSignal::new(Vec::<Row>::new());
    let add = move |list: RwSignal<Vec<Row>>| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        list.update(|l| l.push(Row::new(id, today())));
    };
    let currency = plan.currency.clone();
    let result = Memo::new(move |_| {
        let user = session.user.get();
        let req = request(&plan, user.as_ref(), &deals.get(), &upsells.get())?;
        month::simulate(&req, &plan.rules)
    });
    view! {
        <div class="card what-if">
            <h3>"Deals"</h3>
            <EventRows rows=deals what="Deal value" paid_label=Some("First month paid")/>
            <button class="button button-ghost" on:click=move |_| add(deals)>"Add a deal"</button>
            <h3>"Upsells"</h3>
            <EventRows rows=upsells what="Upsell price" paid_label=None/>
            <button class="button button-ghost" on:click=move |_| add(upsells)>"Add an upsell"</button>
        </div>
        {move || match result.get() {
            Err(errors) => view! {
                <div class="alert alert-error" role="alert">
                    {errors.into_iter().map(|e| view! { <p>{format!("{}: {}", e.field, e.message)}</p> }).collect_view()}
                </div>
            }.into_any(),
            Ok(r) => view! { <Outcome result=r currency=currency.clone()/> }.into_any(),
        }}
    }
}

#[component]
fn EventRows(
    rows: RwSignal<Vec<Row>>,
    what: &'static str,
    paid_label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <ul class="plain-list sim-rows">
            <For each=move || rows.get() key=|r| r.id let:row>
                <li class="sim-row">
                    <input type="text" inputmode="decimal" aria-label=what placeholder="0.00"
                        prop:value=move || row.amount.get() on:input=move |ev| row.amount.set(event_target_value(&ev))/>
                    <input type="date" aria-label="Date" prop:value=move || row.on.get() on:change=move |ev| row.on.set(event_target_value(&ev))/>
                    {paid_label.map(|label| view! {
                        <label class="inline-field"><input type="checkbox" prop:checked=move || row.paid.get()
                            on:change=move |ev| row.paid.set(event_target_checked(&ev))/>" "{label}</label>
                    })}
                    <button class="icon-button" aria-label="Remove" on:click=move |_| rows.update(|l| l.retain(|r| r.id != row.id))>"×"</button>
                </li>
            </For>
        </ul>
    }
}

#[component]
fn Outcome(result: SimulateResult, currency: String) -> impl IntoView {
    let money = |amount: Decimal| format::money(&Money::new(amount, currency.clone()));
    view! {
        <div class="card sim-outcome">
            <p class="stat-label">"This month would pay"</p>
            <p class="stat-value sim-net" data-net=result.net.to_string()>{money(result.net)}</p>
            <ul class="plain-list">
                {result.totals.iter().map(|t| view! { <li>{format!("{}: {}", t.line_type.label(), money(t.amount))}</li> }).collect_view()}
            </ul>
            <table class="table sim-lines">
                <thead><tr><th>"Line"</th><th>"From"</th><th class="num">"Amount"</th><th>"Why"</th></tr></thead>
                <tbody>
                    {result.lines.iter().map(|l| view! {
                        <tr data-amount=l.amount.to_string()><td>{l.line_type.label()}</td><td>{l.source.clone()}</td>
                            <td class="num">{money(l.amount)}</td><td class="muted small">{l.explanation.summary.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
