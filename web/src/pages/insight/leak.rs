//! The Sales Leak card (seed 001 §3.4): the week's counts, with the leak line highlighted, and
//! follow-up discipline. On the field portal's home and on the dashboards.

use closebook_shared::analytics::{AnalyticsQuery, SalesLeakReport};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{Skeleton, answered};

#[component]
pub fn SalesLeakCard(#[prop(optional)] query: AnalyticsQuery) -> impl IntoView {
    let report = LocalResource::new(move || api::insight::sales_leak(query.clone()));
    view! {
        <Transition fallback=|| view! { <Skeleton rows=3/> }>
            {answered(report, leak_view)}
        </Transition>
    }
}

pub fn leak_view(r: SalesLeakReport) -> impl IntoView {
    let c = r.counts;
    let d = r.discipline;
    view! {
        <div class="card leak-card" data-testid="sales-leak">
            <div class="team-head"><strong>"Sales Leak (this week)"</strong><span class="muted small">{format!("{} – {}", r.week_start, r.week_end)}</span></div>
            <p class=if r.leak.is_some() { "leak-line leak-line-on" } else { "leak-line" } data-testid="leak-line">{r.leak_line}</p>
            {r.overfocus_warning.map(|w| view! { <p class="alert alert-warning" role="alert">{w}</p> })}
            <dl class="facts facts-grid">
                <dt>"Prospecting"</dt><dd>{c.prospecting}</dd>
                <dt>"New contacts"</dt><dd>{format!("{} / {}", c.new_contacts, r.targets.new_contacts_per_week)}</dd>
                <dt>"First contacts"</dt><dd>{c.first_contacts}</dd>
                <dt>"Presentations"</dt><dd>{c.presentations}</dd>
                <dt>"Follow-ups due / done"</dt><dd>{format!("{} / {}", c.follow_ups_due, c.follow_ups_done)}</dd>
                <dt>"Referral asks"</dt><dd>{c.referral_asks}</dd>
                <dt>"Referral leads"</dt><dd>{c.referral_leads}</dd>
                <dt>"Relationship touches"</dt><dd>{c.relationship_touches}</dd>
            </dl>
            <p class="muted small">{format!(
                "Follow-up discipline {}: on time {}, next date set {}, notes this week {}",
                d.composite.map_or_else(|| "—".to_owned(), |v| format!("{v}/100")),
                format::percent(d.pct_on_time),
                format::percent(d.pct_with_next_date),
                format::percent(d.pct_with_notes),
            )}</p>
        </div>
    }
}
