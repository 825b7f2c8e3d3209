//! How the rep's rate is made up: the plan in force, its new-business rule and bands, residual
//! tiers, upsell rate and the windows that apply.

use closebook_shared::commissions::plan::{NewBusinessRule, PlanRules};
use closebook_shared::compensation_plans::PlanInForce;
use leptos::prelude::*;

use super::lines::percent;
use crate::api;
use crate::components::ui::{Skeleton, answered};

/// Plain sentences for a plan's rules, in the plan's currency.
pub fn describe(rules: &PlanRules, currency: &str) -> Vec<String> {
    let mut out = vec![match &rules.new_business {
        NewBusinessRule::Percentage { rate } => {
            format!("New business: {} of each won deal.", percent(*rate))
        }
        NewBusinessRule::Fixed { amount } => {
            format!("New business: {amount} {currency} per won deal.")
        }
        NewBusinessRule::Tiered { mode, bands } => format!(
            "New business by monthly quota attainment ({}): {}.",
            mode.label().to_lowercase(),
            bands
                .iter()
                .map(|b| format!(
                    "from {}% of quota {}",
                    b.from_percent.normalize(),
                    percent(b.rate)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }];
    out.push(format!(
        "Residual per paid client month, locked when the deal is won by your closes that month: {}.",
        rules
            .residual_tiers
            .iter()
            .map(|t| format!("{}+ closes {} {currency}", t.closes, t.amount.normalize()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push(format!(
        "Upsells: {} of the price.",
        percent(rules.upsell_rate)
    ));
    out.push(format!(
        "Lines are earned {} days after the sale if the client is still active; refunds within {} days claw back; disputes within {} days.",
        rules.eligibility_days, rules.clawback_days, rules.dispute_days
    ));
    if !rules.cap_multiple.is_zero() {
        out.push(format!(
            "A month's net is capped at {} × your monthly base salary.",
            rules.cap_multiple.normalize()
        ));
    }
    out
}

#[component]
pub fn PlanCard() -> impl IntoView {
    let plan = LocalResource::new(api::commissions::my_plan);
    view! {
        <Transition fallback=|| view! { <Skeleton rows=2/> }>
            {answered(plan, |p: PlanInForce| view! {
                <div class="card plan-card">
                    <strong>{p.plan_name.clone().unwrap_or_else(|| "Default plan".into())}</strong>
                    {p.monthly_quota.clone().map(|q| view! { <span class="muted">{format!("Monthly quota {q} {}", p.currency)}</span> })}
                    <ul class="plain-list">
                        {describe(&p.rules, &p.currency).into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                    </ul>
                </div>
            })}
        </Transition>
    }
}
