//! Lead detail (seed 004 lead view): contact, deal, BANT, the next action (red when the lead is
//! incomplete), stage and outcome, quick actions and the activity timeline.

use closebook_shared::activities::{
    ActivityKind, ActivityOutcome, CreateActivityRequest, CreateNoteRequest, CreateTouchRequest,
    LeadActivityQuery, TouchKind,
};
use closebook_shared::leads::{
    ChangeStageRequest, Lead, Outcome, ReferralAskRequest, ReferralAskStatus, SetOutcomeRequest,
    UpdateLeadRequest,
};
use closebook_shared::pipelines::{Pipeline, StageKind};
use closebook_shared::scripts::{RenderedScript, Script};
use closebook_shared::{ErrorCode, Page, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, FormState, ProblemBox, Skeleton, Toasts, answered};

#[component]
pub fn LeadDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let reload = RwSignal::new(0u32);
    let lead = LocalResource::new(move || {
        let _ = reload.get();
        let id = id();
        async move {
            match id.parse() {
                Ok(id) => api::leads::get_one(id).await,
                // Not an id: no lead has it, as the server would say.
                Err(_) => Err(Problem::new(ErrorCode::NotFound, "lead not found")),
            }
        }
    });
    let bump = move || reload.update(|n| *n += 1);
    view! {
        <section class="page">
            <a class="muted" href="/leads">"← Leads"</a>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(lead, move |l| view! { <LeadView lead=l on_change=bump/> })}
            </Transition>
        </section>
    }
}

fn opt_label<T: Copy>(v: Option<T>, label: fn(T) -> &'static str) -> String {
    v.map(label).unwrap_or("—").to_owned()
}

#[component]
fn LeadView(lead: Lead, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let l = lead.clone();
    let open = l.outcome == Outcome::Open;
    view! {
        <div class="page-header">
            <h1 class="page-title">{l.company.clone()}</h1>
            <span class="badge" class:hot=l.hot data-testid="score">{format!("Score {}", l.score)}</span>
        </div>
        <p class="muted">
            <span data-testid="stage">{l.stage_name.clone()}</span>
            {format!(" · {} · {}", l.display_sales_stage.label(), l.outcome.label())}
        </p>
        <div class="detail-grid">
            <div class="card">
                <h2 class="section-title">"Contact"</h2>
                <p>{[l.contact_name.clone(), l.contact_title.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ")}</p>
                <p>{l.email.clone().map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> })}</p>
                <p>{l.phone.clone().map(|p| view! { <a href=format!("tel:{p}")>{p.clone()}</a> })}</p>
                <p class="muted">{[l.address.clone(), l.city.clone(), l.state.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ")}</p>
            </div>
            <div class="card">
                <h2 class="section-title">"Deal"</h2>
                <p>{format!("Value: {}", l.deal_value.as_ref().map(format::money).unwrap_or_else(|| "—".into()))}</p>
                <p>{format!("Probability: {} %", l.probability)}</p>
                <p>{format!("Expected close: {}", l.expected_close_date.as_ref().map(format::date).unwrap_or_else(|| "—".into()))}</p>
                <h3 class="subtitle">"BANT"</h3>
                <p class="small">{format!("Budget: {} · Authority: {} · Need: {} · Timeline: {}",
                    opt_label(l.budget, |v| v.label()), opt_label(l.authority, |v| v.label()),
                    opt_label(l.need, |v| v.label()), opt_label(l.timeline, |v| v.label()))}</p>
            </div>
            <div class="card" class:incomplete=l.incomplete>
                <h2 class="section-title">"Next action"</h2>
                <p>{l.next_action.clone().unwrap_or_else(|| "—".into())}</p>
                {match &l.next_contact_at {
                    Some(t) => view! { <p>{format!("Next contact: {}", format::when(t))}</p> }.into_any(),
                    None if l.incomplete => view! { <p class="danger" data-testid="incomplete">"No next date = incomplete (leak)"</p> }.into_any(),
                    None => view! { <p class="muted">"No next contact date"</p> }.into_any(),
                }}
                <p class="small muted">{format!("Follow-ups: {} · Referral ask: {}", l.follow_up_count, l.referral_ask_status.label())}</p>
            </div>
        </div>
        <Show when=move || open>
            <StageControls lead=lead.clone() on_change=on_change/>
        </Show>
        <QuickActions lead=l.clone() on_change=on_change/>
        <Timeline lead_id=l.id/>
    }
}

#[component]
fn StageControls(lead: Lead, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let pipeline_id = lead.pipeline_id;
    let pipeline = LocalResource::new(move || async move {
        api::get::<Pipeline>(&format!("/pipelines/{pipeline_id}")).await
    });
    let form = FormState::new();
    let lost_reason = RwSignal::new(String::new());
    // Edits send the version shown, so one made over someone else's change is refused (412)
    // and says so, instead of overwriting it.
    let (id, version) = (lead.id, lead.version);
    let current = lead.stage_id;
    let move_to = move |stage_id: uuid::Uuid| {
        form.run(
            async move {
                api::leads::change_stage(
                    id,
                    &ChangeStageRequest {
                        stage_id,
                        version: Some(version),
                        note: None,
                    },
                )
                .await
            },
            move |_| {
                Toasts::show("Stage updated");
                on_change();
            },
        );
    };
    let close = move |outcome: Outcome| {
        let lost = Some(lost_reason.get_untracked()).filter(|s| !s.trim().is_empty());
        form.run(
            async move {
                api::leads::set_outcome(
                    id,
                    &SetOutcomeRequest {
                        outcome,
                        lost_reason: lost,
                        version: Some(version),
                    },
                )
                .await
            },
            move |l| {
                Toasts::show(format!("Closed as {}", l.outcome.label()));
                on_change();
            },
        );
    };
    view! {
        <div class="card">
            <h2 class="section-title">"Stage"</h2>
            <ProblemBox problem=form.problem/>
            <Suspense fallback=|| view! { <Skeleton rows=1/> }>
                {move || pipeline.get().map(|r| r.map(|p| view! {
                    <select aria-label="Stage" on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse() { move_to(s); }
                    }>
                        {p.stages.into_iter().filter(|s| s.kind == StageKind::Open).map(|s| view! {
                            <option value=s.id.to_string() selected=s.id == current>{s.name}</option>
                        }).collect_view()}
                    </select>
                }).ok())}
            </Suspense>
            <div class="actions">
                <button class="button button-primary" on:click=move |_| close(Outcome::Won)>"Mark won"</button>
                <input aria-label="Lost reason" placeholder="Lost reason" prop:value=move || lost_reason.get() on:input=move |ev| lost_reason.set(event_target_value(&ev))/>
                <button class="button button-ghost" on:click=move |_| close(Outcome::Lost)>"Mark lost"</button>
            </div>
        </div>
    }
}

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
fn QuickActions(lead: Lead, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
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
                <ScriptPicker lead_id=id.to_string()/>
            </Show>
        </div>
    }
}

#[component]
fn ScriptPicker(lead_id: String) -> impl IntoView {
    let scripts = LocalResource::new(|| api::get::<Page<Script>>("/scripts?limit=200"));
    let rendered = RwSignal::new(None::<RenderedScript>);
    let problem = RwSignal::new(None::<Problem>);
    let render = move |script_id: String| {
        let lead_id = lead_id.clone();
        spawn_local(async move {
            match api::post::<_, RenderedScript>(
                &format!("/scripts/{script_id}/render?lead_id={lead_id}"),
                &serde_json::json!({}),
            )
            .await
            {
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
                    let render = render.clone();
                    view! {
                        <ul class="plain-list">
                            {p.items.into_iter().map(|s| {
                                let render = render.clone();
                                let sid = s.id.to_string();
                                view! { <li><button class="link" on:click=move |_| render(sid.clone())>{format!("{} · {}", s.title, s.sales_stage.label())}</button></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Suspense>
        {move || rendered.get().map(|r| view! { <pre class="script-text">{r.body}</pre> })}
    }
}

#[component]
fn Timeline(lead_id: uuid::Uuid) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let acts = LocalResource::new(move || {
        let k = kind.get();
        async move {
            let q = LeadActivityQuery {
                kind: Some(k).filter(|k| !k.is_empty()),
                limit: Some(100),
                cursor: None,
            };
            api::leads::activities(lead_id, q).await
        }
    });
    let chips = [
        ("", "All"),
        ("call", "Calls"),
        ("email", "Emails"),
        ("meeting,demo", "Meetings"),
        ("note", "Notes"),
    ];
    view! {
        <div class="card">
            <h2 class="section-title">"Activity timeline"</h2>
            <div class="chips">
                {chips.into_iter().map(|(k, label)| view! {
                    <button class="chip" class:active=move || kind.get() == k on:click=move |_| kind.set(k.to_owned())>{label}</button>
                }).collect_view()}
            </div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(acts, move |v| match v {
                    p if p.items.is_empty() => view! { <EmptyState title="No activity yet" hint="Log a call or a note with the quick actions."/> }.into_any(),
                    p => view! {
                        <ol class="timeline">
                            {p.items.into_iter().map(|a| {
                                let when = a.completed_at.or(a.scheduled_at).map(|t| format::when(&t)).unwrap_or_default();
                                view! {
                                    <li class="timeline-item">
                                        <strong>{a.kind.label()}</strong>
                                        <span class="muted small">{format!(" · {when}")}</span>
                                        {a.outcome.map(|o| view! { <span class="badge">{o.label()}</span> })}
                                        {a.notes.map(|n| view! { <p class="small">{n}</p> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any(),
                })}
            </Transition>
        </div>
    }
}
