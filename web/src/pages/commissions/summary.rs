//! The rep's money at a glance, from `GET /commissions/rm/{id}/summary`: this month by status,
//! the year so far, the next payout date and the runs that paid it.

use closebook_shared::Money;
use closebook_shared::commission_lines::{CommissionSummary, RepPayout, StatusTotals};
use leptos::prelude::*;

use crate::api::{self, Session};
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

fn my_summary() -> LocalResource<api::ApiResult<CommissionSummary>> {
    let session = Session::get();
    LocalResource::new(move || {
        let me = session.user.with(|u| u.as_ref().map(|u| u.id));
        async move {
            match me {
                Some(id) => api::commissions::summary(id).await,
                None => Err(closebook_shared::Problem::new(
                    closebook_shared::ErrorCode::Unauthenticated,
                    "Sign in to see your commission.",
                )),
            }
        }
    })
}

fn stat(label: &'static str, value: &Money) -> impl IntoView + use<> {
    let value = format::money(value);
    view! { <div class="card stat"><p class="stat-label">{label}</p><p class="stat-value">{value}</p></div> }
}

/// This month by status, the next payout and the year so far.
#[component]
pub fn Summary() -> impl IntoView {
    let summary = my_summary();
    view! {
        <Transition fallback=|| view! { <Skeleton rows=2/> }>
            {answered(summary, |s: CommissionSummary| view! {
                <h2 class="section-title">{format!("This month ({})", s.period)}</h2>
                <Totals totals=s.this_month.clone()/>
                <p class="muted">{format!("Next payout: {} — approved lines are paid on the 15th.", format::date(&s.next_payout_date))}</p>
                <h2 class="section-title">"Year to date"</h2>
                <div class="stat-grid totals">
                    {stat("Net", &s.year_to_date.net)}
                    {stat("Paid", &s.year_to_date.paid)}
                    {stat("Waiting", &s.year_to_date.pending)}
                </div>
                <h2 class="section-title">"Payout history"</h2>
                <PayoutHistory payouts=s.payouts/>
            })}
        </Transition>
    }
}

#[component]
fn Totals(totals: StatusTotals) -> impl IntoView {
    view! {
        <div class="stat-grid totals">
            {stat("Pending", &totals.pending)}
            {stat("Earned", &totals.earned)}
            {stat("Approved", &totals.approved)}
            {stat("Paid", &totals.paid)}
            {stat("Net", &totals.net)}
        </div>
    }
}

#[component]
fn PayoutHistory(payouts: Vec<RepPayout>) -> impl IntoView {
    if payouts.is_empty() {
        return view! { <EmptyState title="No payouts this year yet" hint="Approved lines are paid on the 15th."/> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table payout-history">
                <thead><tr><th>"Paid"</th><th>"Reference"</th><th class="num">"Lines"</th><th class="num">"Amount"</th></tr></thead>
                <tbody>
                    {payouts.into_iter().map(|p| view! {
                        <tr><td>{format::when(&p.paid_at)}</td><td>{p.reference.clone()}</td>
                            <td class="num">{p.line_count}</td><td class="num">{format::money(&p.amount)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The home page's card: this month's net and the next payout.
#[component]
pub fn EarningsCard() -> impl IntoView {
    let summary = my_summary();
    view! {
        <Suspense fallback=|| view! { <Skeleton rows=1/> }>
            {answered(summary, |s: CommissionSummary| view! {
                <a class="card stat earnings" href="/commissions" rel="external">
                    <span class="stat-label">"Earnings this month"</span>
                    <span class="stat-value">{format::money(&s.this_month.net)}</span>
                    <span class="muted small">{format!("Next payout {}", format::date(&s.next_payout_date))}</span>
                </a>
            })}
        </Suspense>
    }
}
