//! A period's lines, each down to its explanation: the rule's parts, the rounding, the source.

use closebook_shared::commission_lines::CommissionLine;
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::components::format;

pub fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

#[component]
pub fn Lines(lines: Vec<CommissionLine>) -> impl IntoView {
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
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
