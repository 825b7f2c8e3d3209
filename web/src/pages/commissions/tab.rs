use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};
use closebook_shared::commissions::{LineStatus, Period};
use closebook_shared::{Money, Page};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

fn this_month() -> Period {
    Period::of(chrono::Utc::now().date_naive())
}

#[component]
pub fn CommissionPage() -> impl IntoView {
    let period = RwSignal::new(this_month());
    let lines = LocalResource::new(move || {
        let q = CommissionListQuery {
            rep: Some("me".into()),
            period: Some(period.get()),
            limit: Some(200),
            ..Default::default()
        };
        async move { api::commissions::list(q).await }
    });
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Commission"</h1>
                <label class="inline-field">"Month "
                    <input type="month" aria-label="Month" prop:value=move || period.get().to_string()
                        on:change=move |ev| {
                            if let Ok(p) = event_target_value(&ev).parse() { period.set(p); }
                        }/>
                </label>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=2/> }>
                {answered(lines, |page: Page<CommissionLine>| view! { <Totals lines=page.items/> })}
            </Transition>
            <h2 class="section-title">"Lines"</h2>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(lines, |page: Page<CommissionLine>| if page.items.is_empty() {
                    view! { <EmptyState title="No commission this month yet" hint="Lines appear as deals are won, invoices paid and upsells sold."/> }.into_any()
                } else {
                    view! { <Lines lines=page.items/> }.into_any()
                })}
            </Transition>
        </section>
    }
}

/// The month's sums by status: what is on its way, what is earned, approved and paid.
#[component]
fn Totals(lines: Vec<CommissionLine>) -> impl IntoView {
    let currency = lines
        .first()
        .map_or_else(|| "USD".to_owned(), |l| l.amount.currency.clone());
    let sum = |statuses: &[LineStatus]| {
        let total: Decimal = lines
            .iter()
            .filter(|l| statuses.contains(&l.status))
            .map(|l| l.amount.amount)
            .sum();
        format::money(&Money::new(total, currency.clone()))
    };
    let cards = [
        ("Pending", sum(&[LineStatus::Pending, LineStatus::Disputed])),
        ("Earned", sum(&[LineStatus::Earned])),
        ("Approved", sum(&[LineStatus::Approved])),
        ("Paid", sum(&[LineStatus::Paid])),
    ];
    view! {
        <div class="stat-grid totals">
            {cards.into_iter().map(|(label, value)| view! {
                <div class="card stat"><p class="stat-label">{label}</p><p class="stat-value">{value}</p></div>
            }).collect_view()}
        </div>
    }
}

fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

#[component]
fn Lines(lines: Vec<CommissionLine>) -> impl IntoView {
    view! {
        <ul class="commission-lines">
            {lines.into_iter().map(|l| {
                let parts = l.explanation.parts.clone();
                view! {
                    <li class="commission-line">
                        <div class="line-head">
                            <span class="line-type">{l.line_type.label()}</span>
                            <span class=format!("badge status-{}", l.status.as_str())>{l.status.label()}</span>
                            <span class="line-amount">{format::money(&l.amount)}</span>
                        </div>
                        <details>
                            <summary>{l.explanation.summary.clone()}</summary>
                            <ul class="plain-list">
                                {parts.into_iter().map(|p| view! {
                                    <li>{match p.rate {
                                        Some(r) => format!("{}: {} × {} = {}", p.label, p.base.normalize(), percent(r), p.amount.normalize()),
                                        None => format!("{}: {}", p.label, p.amount.normalize()),
                                    }}</li>
                                }).collect_view()}
                                <li>{format!("Sum {}, rounded once to {}", l.explanation.unrounded.normalize(), l.explanation.amount)}</li>
                                <li>{format!("From {} on {}", l.source_type.label(), format::when(&l.source_at))}</li>
                            </ul>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
