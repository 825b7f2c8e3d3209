//! Commission periods on screen: this month, last month, and a month picker.

use closebook_shared::commissions::Period;
use leptos::prelude::*;

/// The current month by the browser's clock (the server's periods use the organisation's zone;
/// near midnight on the 1st the two can differ by a month, which the picker corrects).
pub fn this_month() -> Period {
    Period::of(chrono::Utc::now().date_naive())
}

pub fn last_month() -> Period {
    let first = this_month().first_day();
    Period::of(first.pred_opt().unwrap_or(first))
}

/// An `<input type="month">` bound to a period.
#[component]
pub fn MonthPicker(label: &'static str, period: RwSignal<Period>) -> impl IntoView {
    view! {
        <label class="inline-field">{label}" "
            <input type="month" aria-label=label prop:value=move || period.get().to_string()
                on:change=move |ev| {
                    if let Ok(p) = event_target_value(&ev).parse() { period.set(p); }
                }/>
        </label>
    }
}
