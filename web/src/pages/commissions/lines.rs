//! A period's lines, each down to its explanation: the rule's parts, the rounding, the source.

use closebook_shared::commission_lines::CommissionLine;
use closebook_shared::commissions::LineStatus;
use leptos::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::api;
use crate::components::format;
use crate::components::ui::{Field, FormState, ProblemBox, Toasts};

pub fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// Lines a rep may still dispute (the server checks the window and says when it has passed).
fn disputable(status: LineStatus) -> bool {
    !matches!(status, LineStatus::Disputed | LineStatus::Voided)
}

/// `on_change` runs after a dispute, so the page reloads its lines.
#[component]
pub fn Lines(
    lines: Vec<CommissionLine>,
    #[prop(optional)] on_change: Option<Callback<()>>,
) -> impl IntoView {
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
                            {(on_change.is_some() && disputable(l.status)).then(|| view! { <Dispute id=l.id on_change=on_change/> })}
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// "This line is wrong": the rep's reason, sent as a dispute.
#[component]
fn Dispute(id: Uuid, on_change: Option<Callback<()>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        form.run(api::commissions::dispute(id, text), move |_| {
            Toasts::show("Disputed: finance will look at it");
            open.set(false);
            if let Some(cb) = on_change {
                cb.run(());
            }
        });
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button class="button button-ghost" on:click=move |_| open.set(true)>"Dispute this line"</button>
        }>
            <form class="dispute-form" on:submit=send>
                <ProblemBox problem=form.problem/>
                <Field label="What is wrong" name="reason" value=reason problem=form.problem/>
                <button class="button" type="submit" disabled=move || form.busy.get()>"Send dispute"</button>
            </form>
        </Show>
    }
}
