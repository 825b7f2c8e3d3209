//! Activity tab (seed 004 Tab 3): the day's schedule, day by day, and a 10-second quick log.

use chrono::{Duration, NaiveDate, Utc};
use closebook_shared::activities::ScheduleQuery;
use closebook_shared::activities::{ActivityKind, ActivityOutcome, CreateActivityRequest};
use closebook_shared::leads::{LeadListQuery, LeadSort, Outcome};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, FormState, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

#[component]
pub fn ActivityPage() -> impl IntoView {
    let day = RwSignal::new(Utc::now().date_naive());
    let reload = RwSignal::new(0u32);
    let schedule = LocalResource::new(move || {
        let _ = reload.get();
        let from = day.get().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        api::activities::schedule(ScheduleQuery {
            from: Some(from),
            to: Some(from + Duration::days(1)),
            limit: Some(200),
            ..Default::default()
        })
    });
    let label = move || {
        let d = day.get();
        if d == Utc::now().date_naive() {
            format!("Today — {}", format::date(&d))
        } else {
            format::date(&d)
        }
    };
    let shift = move |n: i64| day.update(|d: &mut NaiveDate| *d += Duration::days(n));
    view! {
        <section class="page">
            <h1 class="page-title">"Activity"</h1>
            <div class="card">
                <div class="day-nav">
                    <button class="button button-ghost" aria-label="Previous day" on:click=move |_| shift(-1)>"‹"</button>
                    <h2 class="section-title">{label}</h2>
                    <button class="button button-ghost" aria-label="Next day" on:click=move |_| shift(1)>"›"</button>
                </div>
                <Transition fallback=|| view! { <Skeleton rows=3/> }>
                    {answered(schedule, move |v| match v {
                        p if p.items.is_empty() => view! { <EmptyState title="Nothing on the schedule" hint="Schedule calls and meetings from a lead, or log one below."/> }.into_any(),
                        p => view! {
                            <ol class="timeline">
                                {p.items.into_iter().map(|a| {
                                    let at = a.scheduled_at.or(a.completed_at).map(|t| format::when(&t)).unwrap_or_default();
                                    view! {
                                        <li class="timeline-item">
                                            <span class="muted small">{at}</span>
                                            <strong>{format!(" {}: ", a.kind.label())}</strong>
                                            <a href=format!("/leads/{}", a.lead_id)>{a.company.clone()}</a>
                                            {a.contact_name.map(|c| view! { <span class="muted small">{format!(" · {c}")}</span> })}
                                            {if a.completed_at.is_some() { " ✓" } else { "" }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any(),
                    })}
                </Transition>
            </div>
            <QuickLog on_done=move || reload.update(|n| *n += 1)/>
        </section>
    }
}

#[component]
fn QuickLog(on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let leads = LocalResource::new(|| {
        api::leads::list(LeadListQuery {
            owner: Some("me".into()),
            outcome: Some(Outcome::Open),
            sort: Some(LeadSort::NextContact),
            limit: Some(200),
            ..Default::default()
        })
    });
    let who = RwSignal::new(String::new());
    let what = RwSignal::new("call".to_owned());
    let outcome = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let form = FormState::new();
    let problem = form.problem;
    let lead_options = Signal::derive(move || {
        let mut v = vec![(String::new(), "Who?".to_owned())];
        if let Some(Ok(p)) = leads.get() {
            v.extend(p.items.into_iter().map(|l| {
                (
                    l.id.to_string(),
                    match l.contact_name {
                        Some(c) => format!("{} — {c}", l.company),
                        None => l.company,
                    },
                )
            }));
        }
        v
    });
    let kinds = Signal::derive(|| {
        ActivityKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let outcomes = Signal::derive(|| {
        let mut v = vec![(String::new(), "Outcome…".to_owned())];
        v.extend(
            ActivityOutcome::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.label().to_owned())),
        );
        v
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateActivityRequest {
            lead_id: who.get_untracked().parse().ok(),
            kind: what.get_untracked().parse().unwrap_or(ActivityKind::Call),
            subject: None,
            notes: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
            outcome: outcome.get_untracked().parse().ok(),
            duration_minutes: None,
            scheduled_at: None,
            completed_at: None,
            follow_up_at: None,
            follow_up_note: None,
            location: None,
            latitude: None,
            longitude: None,
        };
        form.run(
            async move { api::activities::quick_log(&req).await },
            move |a| {
                Toasts::show(format!(
                    "Logged {} with {}",
                    a.kind.label().to_lowercase(),
                    a.company
                ));
                note.set(String::new());
                on_done();
            },
        );
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2 class="section-title">"Quick log"</h2>
            <ProblemBox problem=problem/>
            <SelectField label="Who" name="lead_id" value=who problem=problem options=lead_options/>
            <SelectField label="What" name="kind" value=what problem=problem options=kinds/>
            <SelectField label="Outcome" name="outcome" value=outcome problem=problem options=outcomes/>
            <label class="field"><span class="field-label">"Quick note"</span>
                <textarea name="notes" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Log activity"</button>
        </form>
    }
}
