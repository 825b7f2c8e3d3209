//! The reports: conversion per rep over chosen days, and CSV downloads of the three reports.

use closebook_shared::dashboards::ReportQuery;
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, ProblemBox, Skeleton, answered};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = move || ReportQuery {
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        team_id: None,
    };
    let report = LocalResource::new(move || api::insight::conversion(query()));
    let problem = RwSignal::new(None);
    let download = move |name: &'static str| {
        let q = query();
        leptos::task::spawn_local(async move {
            if let Err(p) = api::insight::download_report(name, q).await {
                problem.set(Some(p));
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Reports"</h1></div>
            <div class="card form-row">
                <label>"From " <input type="date" prop:value=from on:change=move |ev| from.set(event_target_value(&ev))/></label>
                <label>"To " <input type="date" prop:value=to on:change=move |ev| to.set(event_target_value(&ev))/></label>
                <button class="button" on:click=move |_| download("conversion")>"Conversion CSV"</button>
                <button class="button" on:click=move |_| download("activity-by-rep")>"Activity CSV"</button>
                <button class="button" on:click=move |_| download("pipeline")>"Pipeline CSV"</button>
            </div>
            <ProblemBox problem=problem/>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(report, |r| {
                    if r.rows.is_empty() {
                        return view! { <EmptyState title="No reps in your scope"/> }.into_any();
                    }
                    view! {
                        <p class="muted">{format!("{} – {}", r.from, r.to)}</p>
                        <div class="table-wrap"><table class="table" data-testid="conversion">
                            <thead><tr><th>"Rep"</th><th>"Created"</th><th>"Won"</th><th>"Lost"</th><th>"Win rate"</th><th>"Lead to close"</th><th>"Won value"</th></tr></thead>
                            <tbody>
                                {r.rows.into_iter().chain([r.total]).map(|c| view! {
                                    <tr><td>{c.rep_name}</td><td>{c.created}</td><td>{c.won}</td><td>{c.lost}</td><td>{format::percent(c.win_rate)}</td><td>{format::percent(c.lead_to_close)}</td><td>{format::money(&c.won_value)}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
