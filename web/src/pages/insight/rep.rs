//! The rep's dashboard (seed 004 "TAB 1: DASHBOARD"), mobile-first: today, quota and its
//! forecast, next actions, suggestions, the heatmap, the scorecard's trend.

use closebook_shared::analytics::{AnalyticsQuery, ScorecardHistoryQuery};
use closebook_shared::dashboards::{RepDashboard, RepDashboardQuery};
use leptos::prelude::*;

use super::charts::{Bars, Trend, WeekdayHeat, num};
use super::leak::SalesLeakCard;
use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

#[component]
pub fn RepDashboardView() -> impl IntoView {
    let dash = LocalResource::new(|| api::insight::rep_dashboard(RepDashboardQuery::default()));
    view! {
        <SalesLeakCard query=AnalyticsQuery::default()/>
        <Transition fallback=|| view! { <Skeleton rows=6/> }>
            {answered(dash, rep_view)}
        </Transition>
        <ScorecardTrend query=ScorecardHistoryQuery::default()/>
    }
}

fn rep_view(d: RepDashboard) -> impl IntoView {
    let s = d.snapshot;
    let q = d.quota;
    let attainment = vec![
        (
            "Achieved".to_owned(),
            num(Some(q.achieved.amount)),
            q.quota.as_ref().map(|m| num(Some(m.amount))),
        ),
        (
            "Forecast".to_owned(),
            num(Some(q.forecast.amount)),
            q.quota.as_ref().map(|m| num(Some(m.amount))),
        ),
    ];
    let kinds: Vec<(String, f64, Option<f64>)> = d
        .heatmap
        .kinds
        .iter()
        .map(|k| {
            (
                k.kind.label().to_owned(),
                f64::from(k.count),
                k.goal.map(f64::from),
            )
        })
        .collect();
    view! {
        <div class="stat-grid">
            <div class="card stat"><span class="stat-value" data-testid="active-leads">{s.active_leads}</span><span class="stat-label">"Active leads"</span></div>
            <div class="card stat"><span class="stat-value">{s.calls_today}</span><span class="stat-label">"Calls today"</span></div>
            <div class="card stat"><span class="stat-value">{s.deals_closing}</span><span class="stat-label">"Closing this week"</span></div>
            <div class="card stat"><span class="stat-value">{s.overdue_follow_ups}</span><span class="stat-label">"Overdue follow-ups"</span></div>
        </div>
        <div class="card">
            <div class="team-head"><strong>"Quota this month"</strong><span class="muted small">{d.leaderboard.as_ref().map(|l| format!("#{} of {} on the team board", l.rank, d.leaderboard_size))}</span></div>
            <p class="quota-line" data-testid="quota-line">{q.line}</p>
            <Bars items=attainment/>
            <p class="muted small">{format!("Earned this month: {}", format::money(&d.earnings_this_month))}</p>
        </div>
        <h2 class="section-title">"Next actions"</h2>
        {if d.next_actions.overdue.is_empty() && d.next_actions.today.is_empty() {
            view! { <EmptyState title="Nothing overdue, nothing planned today" hint="Planned calls and follow-ups due appear here."/> }.into_any()
        } else {
            view! {
                <div class="card-list">
                    {d.next_actions.overdue.into_iter().map(|l| view! {
                        <a class="card" href=format!("/leads/{}", l.id)><strong>{l.company}</strong><span class="badge badge-off">"Overdue"</span><span class="muted small">{l.next_contact_at.map(|t| format::when(&t))}</span></a>
                    }).collect_view()}
                    {d.next_actions.today.into_iter().map(|a| view! {
                        <a class="card" href=format!("/leads/{}", a.lead_id)><strong>{a.company}</strong><span class="badge">{a.kind.label()}</span><span class="muted small">{format::when(&a.at)}</span></a>
                    }).collect_view()}
                </div>
            }.into_any()
        }}
        {(!d.next_actions.week_goals.is_empty()).then(|| view! {
            <h2 class="section-title">"This week's goals"</h2>
            <Bars items=d.next_actions.week_goals.iter().map(|t| (t.metric_type.label().to_owned(), num(Some(t.achieved_value)), Some(num(Some(t.target_value))))).collect()/>
        })}
        <h2 class="section-title">"Suggestions"</h2>
        {if d.suggestions.is_empty() {
            view! { <EmptyState title="No suggestions" hint="Stalling deals, your best hour to call and leads without a next date show here."/> }.into_any()
        } else {
            view! {
                <div class="card-list" data-testid="suggestions">
                    {d.suggestions.into_iter().map(|s| view! {
                        <div class="card"><strong>{s.text}</strong><span class="muted small">{s.reason}</span></div>
                    }).collect_view()}
                </div>
            }.into_any()
        }}
        <h2 class="section-title">"Activity this month"</h2>
        <div class="card">
            <Bars items=kinds/>
            <WeekdayHeat counts=d.heatmap.by_weekday.clone()/>
            <p class="muted small">{match (d.heatmap.busiest, d.heatmap.quietest) {
                (Some(b), Some(q)) => format!("Busiest {b}, quietest {q}"),
                _ => "No activity yet this month".to_owned(),
            }}</p>
        </div>
        {(!d.hot_leads.is_empty()).then(|| view! {
            <h2 class="section-title">"Hot leads"</h2>
            <div class="card-list">
                {d.hot_leads.into_iter().map(|l| view! {
                    <a class="card" href=format!("/leads/{}", l.id)><strong>{l.company}</strong><span class="badge">{format!("score {}", l.score)}</span><span class="muted small">{l.stage.label()}</span></a>
                }).collect_view()}
            </div>
        })}
    }
}

/// Weekly scorecards from the stored snapshots: deals won (90 days) and new contacts (7 days).
#[component]
pub fn ScorecardTrend(query: ScorecardHistoryQuery) -> impl IntoView {
    let history = LocalResource::new(move || api::insight::scorecard_history(query.clone()));
    view! {
        <h2 class="section-title">"Weekly scorecard"</h2>
        <Transition fallback=|| view! { <Skeleton rows=2/> }>
            {answered(history, |h| {
                if h.weeks.is_empty() {
                    return view! { <EmptyState title="No weeks stored yet" hint="A snapshot is stored after each week ends."/> }.into_any();
                }
                let label = |d: chrono::NaiveDate| d.format("%d %b").to_string();
                let won: Vec<(String, f64)> = h.weeks.iter().map(|w| (label(w.week_start), f64::from(w.deals_won_90d))).collect();
                let contacts: Vec<(String, f64)> = h.weeks.iter().map(|w| (label(w.week_start), f64::from(w.new_contacts_7d))).collect();
                let last = h.weeks.last().map(|w| w.leak_line.clone()).unwrap_or_default();
                view! {
                    <div class="card" data-testid="scorecard-trend">
                        <p class="muted small">"Deals won (90 days)"</p>
                        <Trend points=won label="Deals won, weekly"/>
                        <p class="muted small">"New contacts (7 days)"</p>
                        <Trend points=contacts label="New contacts, weekly"/>
                        <p class="muted small">{format!("Last week: {last}")}</p>
                    </div>
                }.into_any()
            })}
        </Transition>
    }
}
