//! The leaderboard: reps ranked by a metric over a period, with the caller's own line.

use closebook_shared::targets::{LeaderboardQuery, TargetMetric, TargetPeriod};
use leptos::prelude::*;

use crate::api;
use crate::components::ui::{EmptyState, Skeleton, answered};

#[component]
pub fn LeaderboardPage() -> impl IntoView {
    let metric = RwSignal::new(TargetMetric::Revenue);
    let period = RwSignal::new(TargetPeriod::Monthly);
    let board = LocalResource::new(move || {
        api::insight::leaderboard(LeaderboardQuery {
            metric: metric.get(),
            period: period.get(),
            on: None,
            team_id: None,
            top: Some(25),
        })
    });
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Leaderboard"</h1>
                <select aria-label="Metric" on:change=move |ev| {
                    if let Some(m) = TargetMetric::ALL.iter().find(|m| m.as_str() == event_target_value(&ev)) { metric.set(*m); }
                }>
                    {TargetMetric::ALL.iter().map(|m| view! { <option value=m.as_str() selected=*m == TargetMetric::Revenue>{m.label()}</option> }).collect_view()}
                </select>
                <select aria-label="Period" on:change=move |ev| {
                    if let Some(p) = TargetPeriod::ALL.iter().find(|p| p.as_str() == event_target_value(&ev)) { period.set(*p); }
                }>
                    {TargetPeriod::ALL.iter().map(|p| view! { <option value=p.as_str() selected=*p == TargetPeriod::Monthly>{p.label()}</option> }).collect_view()}
                </select>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(board, |b| {
                    if b.entries.is_empty() {
                        return view! { <EmptyState title="Nobody to rank" hint="Reps in your scope appear here."/> }.into_any();
                    }
                    let me = b.me.clone();
                    view! {
                        <p class="muted">{format!("{} – {}, {} reps", b.period_start, b.period_end, b.ranked)}</p>
                        {me.map(|m| view! { <p class="card" data-testid="my-rank"><strong>{format!("You: #{} of {}", m.rank, b.ranked)}</strong>{format!(" — {}", m.value)}</p> })}
                        <div class="table-wrap"><table class="table" data-testid="leaderboard">
                            <thead><tr><th>"#"</th><th>"Rep"</th><th>"Value"</th><th>"Of target"</th></tr></thead>
                            <tbody>{b.entries.into_iter().map(|e| view! {
                                <tr><td>{e.rank}</td><td>{e.rep_name}</td><td>{e.value.to_string()}</td><td>{e.percent_of_quota.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))}</td></tr>
                            }).collect_view()}</tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}
