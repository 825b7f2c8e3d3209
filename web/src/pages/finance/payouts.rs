//! Finance → close & pay: run a month's close, pay its approved lines under a reference, save
//! payroll's CSV, and the runs so far.

use closebook_shared::Problem;
use closebook_shared::commission_lines::{CloseReport, CreatePayoutRequest, Payout};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::month::{MonthPicker, last_month};
use crate::components::ui::{EmptyState, Field, FormState, ProblemBox, Skeleton, Toasts, answered};

#[component]
pub fn PayoutsPage() -> impl IntoView {
    let period = RwSignal::new(last_month());
    let reference = RwSignal::new(String::new());
    let closed = RwSignal::new(None::<CloseReport>);
    let reload = RwSignal::new(0u32);
    let runs = LocalResource::new(move || {
        reload.track();
        api::commissions::payouts()
    });
    let close_form = FormState::new();
    let pay_form = FormState::new();
    let csv_problem = RwSignal::new(None::<Problem>);
    let close = move |_| {
        close_form.run(api::commissions::close(period.get_untracked()), move |r| {
            closed.set(Some(r));
        });
    };
    let pay = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = reference.get_untracked();
        let req = CreatePayoutRequest {
            period: period.get_untracked(),
            currency: None,
            reference: Some(given).filter(|r| !r.trim().is_empty()),
        };
        pay_form.run(api::commissions::pay(req), move |p: Payout| {
            Toasts::show(format!(
                "{}: {} line(s) paid, {}",
                p.reference,
                p.line_count,
                format::money(&p.total)
            ));
            reference.set(String::new());
            reload.update(|n| *n += 1);
        });
    };
    let csv = move |_| {
        let p = period.get_untracked();
        leptos::task::spawn_local(async move {
            csv_problem.set(api::commissions::download_payout_report(p).await.err());
        });
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Close & pay"</h1>
                <MonthPicker label="Month" period=period/>
            </div>
            <div class="card-list">
                <div class="card">
                    <h2 class="section-title">"Monthly close"</h2>
                    <p class="muted">"Writes the month's tier true-ups, team bonuses, manager overrides and caps, then each rep's statement. Running it again writes only what changed."</p>
                    <ProblemBox problem=close_form.problem/>
                    <button class="button" on:click=close disabled=move || close_form.busy.get()>
                        {move || if close_form.busy.get() { "Closing…" } else { "Run the close" }}
                    </button>
                    {move || closed.get().map(|r| view! {
                        <p class="close-report" role="status">{format!(
                            "{} closed: {} true-up(s), {} team bonus(es), {} override(s), {} cap(s), {} statement(s).",
                            r.period, r.true_ups, r.team_bonuses, r.overrides, r.caps, r.statements
                        )}</p>
                    })}
                </div>
                <form class="card" on:submit=pay>
                    <h2 class="section-title">"Payout run"</h2>
                    <p class="muted">"Pays the month's approved lines in the organisation's currency, under one reference."</p>
                    <ProblemBox problem=pay_form.problem/>
                    <Field label="Reference (optional)" name="reference" value=reference problem=pay_form.problem placeholder="PAYOUT-2026-10-USD-1"/>
                    <button class="button button-primary" type="submit" disabled=move || pay_form.busy.get()>"Pay approved lines"</button>
                </form>
                <div class="card">
                    <h2 class="section-title">"Payroll"</h2>
                    <p class="muted">"One row per rep: approved and paid lines and amounts, payout references."</p>
                    <ProblemBox problem=csv_problem/>
                    <button class="button" on:click=csv>"Download CSV"</button>
                </div>
            </div>
            <h2 class="section-title">"Payout runs"</h2>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(runs, |runs: Vec<Payout>| if runs.is_empty() {
                    view! { <EmptyState title="No payout runs yet" hint="Approve lines, then pay them here."/> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="table payout-runs">
                                <thead><tr><th>"Reference"</th><th>"Month"</th><th class="num">"Lines"</th><th class="num">"Total"</th><th>"Paid"</th></tr></thead>
                                <tbody>
                                    {runs.into_iter().map(|p| view! {
                                        <tr><td>{p.reference.clone()}</td><td>{p.period.to_string()}</td><td class="num">{p.line_count}</td>
                                            <td class="num">{format::money(&p.total)}</td><td>{format::when(&p.created_at)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
