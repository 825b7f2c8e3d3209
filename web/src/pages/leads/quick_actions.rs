//! The lead page's quick actions: log a call or visit, add a note, ask for a referral, record a
//! touch, copy a script — each a small form that refreshes the lead when done.

use closebook_shared::Problem;
use closebook_shared::activities::{
    ActivityKind, ActivityOutcome, CreateActivityRequest, CreateNoteRequest, CreateTouchRequest,
    TouchKind,
};
use closebook_shared::leads::{Lead, ReferralAskRequest, ReferralAskStatus, UpdateLeadRequest};
use closebook_shared::scripts::RenderedScript;
use closebook_shared::scripts::{RenderScriptParams, ScriptListQuery};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::ui::{EmptyState, FormState, ProblemBox, Skeleton, Toasts, answered};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    Call,
    Note,
    FollowUp,
    Referral,
    Touch,
    Script,
}

#[component]
pub fn QuickActions(
    lead: Lead,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let panel = RwSignal::new(Panel::None);
    let (id, version) = (lead.id, lead.version);
    let form = FormState::new();
    let text = RwSignal::new(String::new());
    let choice = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let open = move |p: Panel| {
        text.set(String::new());
        choice.set(String::new());
        when.set(String::new());
        form.problem.set(None);
        panel.set(if panel.get_untracked() == p {
            Panel::None
        } else {
            p
        });
    };
    let done = move |msg: &'static str| {
        Toasts::show(msg);
        panel.set(Panel::None);
        on_change();
    };
    let local_time = move || {
        // `datetime-local` gives local wall time without a zone; the browser knows the offset.
        let raw = when.get_untracked();
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&raw));
        let ms = d.get_time();
        (!ms.is_nan())
            .then(|| chrono::DateTime::<chrono::Utc>::from_timestamp_millis(ms as i64))
            .flatten()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let note = Some(text.get_untracked()).filter(|s| !s.trim().is_empty());
        match panel.get_untracked() {
            Panel::Call => {
                let req = CreateActivityRequest {
                    lead_id: None,
                    kind: ActivityKind::Call,
                    subject: None,
                    notes: note,
                    outcome: choice.get_untracked().parse::<ActivityOutcome>().ok(),
                    duration_minutes: None,
                    scheduled_at: None,
                    completed_at: None,
                    follow_up_at: local_time(),
                    follow_up_note: None,
                    location: None,
                    latitude: None,
                    longitude: None,
                };
                form.run(
                    async move { api::leads::log_activity(id, &req).await },
                    move |_| done("Call logged"),
                );
            }
            Panel::Note => form.run(
                async move {
                    api::leads::add_note(
                        id,
                        &CreateNoteRequest {
                            body: note.unwrap_or_default(),
                        },
                    )
                    .await
                },
                move |_| done("Note added"),
            ),
            Panel::FollowUp => {
                let req = UpdateLeadRequest {
                    version: Some(version),
                    next_contact_at: Some(local_time()),
                    next_action: note.map(Some),
                    ..Default::default()
                };
                form.run(
                    async move { api::leads::update(id, &req).await },
                    move |_| done("Follow-up scheduled"),
                );
            }
            Panel::Referral => {
                let status = choice
                    .get_untracked()
                    .parse()
                    .unwrap_or(ReferralAskStatus::Asked);
                let names = note.map(|n| {
                    n.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect()
                });
                form.run(
                    async move {
                        api::leads::referral_ask(
                            id,
                            &ReferralAskRequest {
                                status,
                                count: None,
                                names,
                            },
                        )
                        .await
                    },
                    move |_| done("Referral ask recorded"),
                );
            }
            Panel::Touch => {
                let kind = choice.get_untracked().parse().unwrap_or(TouchKind::CheckIn);
                form.run(
                    async move {
                        api::leads::log_touch(id, &CreateTouchRequest { kind, notes: note }).await
                    },
                    move |_| done("Touch logged"),
                );
            }
            Panel::Script | Panel::None => {}
        }
    };
    let options = move || -> Vec<(String, String)> {
        match panel.get() {
            Panel::Call => ActivityOutcome::ALL
                .iter()
                .map(|o| (o.as_str().into(), o.label().into()))
                .collect(),
            Panel::Referral => ReferralAskStatus::ALL
                .iter()
                .map(|o| (o.as_str().into(), o.label().into()))
                .collect(),
            Panel::Touch => TouchKind::ALL
                .iter()
                .map(|o| (o.as_str().into(), o.label().into()))
                .collect(),
            _ => Vec::new(),
        }
    };
    let button = move |p: Panel, label: &'static str| {
        view! {
            <button class="button button-ghost" class:active=move || panel.get() == p on:click=move |_| open(p)>{label}</button>
        }
    };
    view! {
        <div class="card">
            <h2 class="section-title">"Quick actions"</h2>
            <div class="actions wrap">
                {button(Panel::Call, "Log call")}
                {button(Panel::Note, "Add note")}
                {button(Panel::FollowUp, "Schedule follow-up")}
                {button(Panel::Referral, "Referral ask")}
                {button(Panel::Touch, "Log touch")}
                {button(Panel::Script, "Copy script")}
            </div>
            <Show when=move || !matches!(panel.get(), Panel::None | Panel::Script)>
                <form class="form" on:submit=submit>
                    <ProblemBox problem=form.problem/>
                    <Show when=move || !options().is_empty()>
                        <select aria-label="Choice" on:change=move |ev| choice.set(event_target_value(&ev))>
                            <option value="">"Choose…"</option>
                            {move || options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                        </select>
                    </Show>
                    <Show when=move || matches!(panel.get(), Panel::Call | Panel::FollowUp)>
                        <label class="field"><span class="field-label">{move || if panel.get() == Panel::Call { "Follow-up date" } else { "Next contact" }}</span>
                            <input type="datetime-local" name="when" prop:value=move || when.get() on:input=move |ev| when.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                    <textarea aria-label="Notes" name="notes" placeholder=move || if panel.get() == Panel::Referral { "Names, comma-separated" } else { "Notes" }
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Save"</button>
                </form>
            </Show>
            <Show when=move || panel.get() == Panel::Script>
                <ScriptPicker lead_id=id/>
            </Show>
        </div>
    }
}

#[component]
fn ScriptPicker(lead_id: uuid::Uuid) -> impl IntoView {
    let scripts = LocalResource::new(|| {
        api::scripts::list(ScriptListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    let rendered = RwSignal::new(None::<RenderedScript>);
    let problem = RwSignal::new(None::<Problem>);
    let render = move |script_id: uuid::Uuid| {
        spawn_local(async move {
            match api::scripts::render(script_id, RenderScriptParams { lead_id }).await {
                Ok(r) => {
                    let text = match &r.subject {
                        Some(s) => format!("{s}\n\n{}", r.body),
                        None => r.body.clone(),
                    };
                    if let Some(w) = web_sys::window() {
                        let _ = w.navigator().clipboard().write_text(&text);
                    }
                    Toasts::show("Copied — edit and send it yourself");
                    rendered.set(Some(r));
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <ProblemBox problem=problem/>
        <Suspense fallback=|| view! { <Skeleton rows=1/> }>
            {answered(scripts, move |v| match v {
                p if p.items.is_empty() => view! { <EmptyState title="No scripts yet" hint="A manager can add scripts and email templates."/> }.into_any(),
                p => {
                    view! {
                        <ul class="plain-list">
                            {p.items.into_iter().map(|s| {
                                let sid = s.id;
                                view! { <li><button class="link" on:click=move |_| render(sid)>{format!("{} · {}", s.title, s.sales_stage.label())}</button></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Suspense>
        {move || rendered.get().map(|r| view! { <pre class="script-text">{r.body}</pre> })}
    }
}
