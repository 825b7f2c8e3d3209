//! The manager's dashboard: each rep's production status and attainment, SLA compliance, the
//! team's leak and discipline, the funnel, cycle time and lead-to-close.

use closebook_shared::analytics::{AnalyticsQuery, ScorecardHistoryQuery};
use closebook_shared::dashboards::{ManagerDashboard, ManagerDashboardQuery};
use closebook_shared::territories::ProductionStatus;
use leptos::prelude::*;

use super::charts::{Bars, Funnel, num};
use super::leak::SalesLeakCard;
use super::rep::ScorecardTrend;
use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Skeleton, answered};

#[component]
pub fn ManagerDashboardView() -> impl IntoView {
    let dash =
        LocalResource::new(|| api::insight::manager_dashboard(ManagerDashboardQuery::default()));
    view! {
        <SalesLeakCard query=AnalyticsQuery::default()/>
        <Transition fallback=|| view! { <Skeleton rows=6/> }>
            {answered(dash, manager_view)}
        </Transition>
        <ScorecardTrend query=ScorecardHistoryQuery::default()/>
    }
}

fn badge(s: ProductionStatus) -> &'static str {
    match s {
        ProductionStatus::Green => "badge badge-ok",
        ProductionStatus::Yellow => "badge badge-warn",
        ProductionStatus::Red => "badge badge-off",
    }
}

fn manager_view(d: ManagerDashboard) -> impl IntoView {
    let attainment: Vec<(String, f64, Option<f64>)> = d
        .reps
        .iter()
        .map(|r| (r.rep_name.clone(), num(r.quota_attainment), Some(100.0)))
        .collect();
    let funnel = d
        .funnel
        .iter()
        .map(|s| (s.name.clone(), s.reached, s.conversion_to_next))
        .collect::<Vec<_>>();
    view! {
        <div class="stat-grid">
            <div class="card stat"><span class="stat-value">{format::percent(d.sla_compliance)}</span><span class="stat-label">"Allocations answered in time (30 days)"</span></div>
            <div class="card stat"><span class="stat-value">{d.average_cycle_days.map_or_else(|| "—".to_owned(), |v| format!("{v} d"))}</span><span class="stat-label">"Average deal cycle (90 days)"</span></div>
            <div class="card stat"><span class="stat-value">{format::percent(d.lead_to_close_percent)}</span><span class="stat-label">"Lead to close (90 days)"</span></div>
            <div class="card stat"><span class="stat-value">{format!("{}–{}", d.open_leads_min, d.open_leads_max)}</span><span class="stat-label">"Open leads per rep"</span></div>
            <div class="card stat"><span class="stat-value">{d.discipline_composite.map_or_else(|| "—".to_owned(), |v| format!("{v}/100"))}</span><span class="stat-label">"Follow-up discipline"</span></div>
        </div>
        <h2 class="section-title">"Reps"</h2>
        {if d.reps.is_empty() {
            view! { <EmptyState title="No reps in your teams" hint="Reps you manage appear here with their numbers."/> }.into_any()
        } else {
            view! {
                <div class="table-wrap"><table class="table" data-testid="rep-status">
                    <thead><tr><th>"Rep"</th><th>"Production (90 d)"</th><th>"Revenue this month"</th><th>"Quota"</th><th>"Open leads"</th><th>"SLA"</th></tr></thead>
                    <tbody>{d.reps.into_iter().map(|r| view! {
                        <tr>
                            <td>{r.rep_name}</td>
                            <td><span class=badge(r.production.status)>{r.production.status.label()}</span>{format!(" {} closes", r.production.closes_90_days)}</td>
                            <td>{format::money(&r.revenue_this_month)}</td>
                            <td>{format::percent(r.quota_attainment)}</td>
                            <td>{r.open_leads}</td>
                            <td>{format::percent(r.sla_compliance)}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table></div>
                <h2 class="section-title">"Quota attainment"</h2>
                <div class="card" data-testid="attainment"><Bars items=attainment unit="%"/></div>
            }.into_any()
        }}
        <h2 class="section-title">"Funnel (leads created in 90 days)"</h2>
        <div class="card">
            {if funnel.is_empty() {
                view! { <EmptyState title="No pipeline yet"/> }.into_any()
            } else {
                view! { <Funnel stages=funnel/> }.into_any()
            }}
        </div>
    }
}
