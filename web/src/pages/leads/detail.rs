//! Lead detail (seed 004 lead view): contact, deal, BANT, the next action (red when the lead is
//! incomplete), stage and outcome, quick actions and the activity timeline.

use closebook_shared::activities::LeadActivityQuery;
use closebook_shared::leads::{ChangeStageRequest, Lead, Outcome, SetOutcomeRequest};
use closebook_shared::pipelines::StageKind;
use closebook_shared::{ErrorCode, Problem};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::quick_actions::QuickActions;
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
        {(l.owner_id.is_none() && open).then(|| view! { <Unheld id=l.id on_change=on_change/> })}
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
    let pipeline =
        LocalResource::new(move || async move { api::pipelines::get_one(pipeline_id).await });
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

/// A lead nobody holds (in the rep's territory, or the overflow pool): a rep claims it.
#[component]
fn Unheld(id: uuid::Uuid, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let is_rep = crate::api::Session::get()
        .user
        .get_untracked()
        .is_some_and(|u| u.role == closebook_shared::Role::SalesRep);
    let form = crate::components::ui::FormState::new();
    let claim = move |_| {
        form.run(api::leads::claim(id), move |_| {
            crate::components::ui::Toasts::show("It is yours now");
            on_change();
        });
    };
    view! {
        <div class="alert alert-info" role="status">
            "Nobody holds this lead yet."
            {is_rep.then(|| view! { " " <button class="button button-primary" on:click=claim disabled=move || form.busy.get()>"Claim it"</button> })}
            <crate::components::ui::ProblemBox problem=form.problem/>
        </div>
    }
}
