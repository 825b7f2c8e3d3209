//! "My Territory" (seed 000 F3, F6): the caller's territories, their leads, penetration, and
//! the green / yellow / red production indicator.

use closebook_shared::territories::{MyTerritory, ProductionStatus};
use leptos::prelude::*;

use crate::api;
use crate::components::ui::{EmptyState, Skeleton, answered};

#[component]
pub fn MinePage() -> impl IntoView {
    let card = LocalResource::new(api::territories::mine);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"My territory"</h1>
                <a class="button" href="/allocations/queue">"My queue"</a>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(card, territory_card)}
            </Transition>
        </section>
    }
}

fn territory_card(t: MyTerritory) -> impl IntoView {
    let p = t.production.clone();
    let light = match p.status {
        ProductionStatus::Green => "light light-green",
        ProductionStatus::Yellow => "light light-yellow",
        ProductionStatus::Red => "light light-red",
    };
    let thresholds = format!(
        "green at {} closes a month or more, yellow from {}, red below",
        p.thresholds.green_per_month, p.thresholds.yellow_per_month
    );
    view! {
        <div class="card" data-testid="my-territory">
            {if t.territories.is_empty() {
                view! { <EmptyState title="No territory yet" hint="Your manager assigns territories; leads in them show here."/> }.into_any()
            } else {
                view! {
                    <div class="chips">
                        {t.territories.iter().map(|x| view! {
                            <span class="chip" style=format!("border-color: {}", x.color)>{format!("{} · {}", x.name, x.kind.label())}</span>
                        }).collect_view()}
                    </div>
                }.into_any()
            }}
            <div class="stat-grid">
                <div class="stat"><span class="stat-value">{t.addressable}</span><span class="stat-label">"Addressable leads"</span></div>
                <div class="stat"><span class="stat-value">{t.claimed}</span><span class="stat-label">"Claimed"</span></div>
                <a class="stat" href="/leads?owner=none" rel="external"><span class="stat-value">{t.available}</span><span class="stat-label">"Available to claim"</span></a>
                <div class="stat"><span class="stat-value">{t.won_clients}</span><span class="stat-label">"Won clients"</span></div>
                <div class="stat"><span class="stat-value">{format!("{:.1}%", t.penetration_percent)}</span><span class="stat-label">"Penetration (won / addressable)"</span></div>
            </div>
        </div>
        <div class="card production">
            <span class=light role="img" aria-label=p.status.label()></span>
            <div>
                <strong>{format!("{} — {:.2} closes a month", p.status.label(), p.monthly_average)}</strong>
                <p class="muted small">{format!("{} closes over the last 90 days; {thresholds}.", p.closes_90_days)}</p>
            </div>
        </div>
    }
}
