//! The rep's queue: the leads allocated to it, the nearest SLA deadline first, each with its
//! countdown, accept and reject.

use closebook_shared::allocation::{
    Allocation, AllocationStatus, Availability, RejectAllocationRequest, RepIntake,
    UpdateRepIntakeRequest,
};
use leptos::prelude::*;

use super::{countdown, ticking_clock};
use crate::api::{self, Session};
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, Skeleton, Toasts, answered,
};

#[component]
pub fn QueuePage() -> impl IntoView {
    let session = Session::get();
    let reload = RwSignal::new(0u32);
    let queue = LocalResource::new(move || {
        let _ = reload.get();
        let me = session.user.get().map(|u| u.id);
        async move {
            match me {
                Some(me) => api::allocations::queue(me).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let now = ticking_clock();
    let rejecting = RwSignal::new(None::<Allocation>);
    let reject_open = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"My queue"</h1>
                <a class="button" href="/territories/mine">"My territory"</a>
            </div>
            <p class="muted">"Leads allocated to you. Accept or act on each before its deadline, or it moves to another rep."</p>
            <MyIntake/>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(queue, move |items| {
                    if items.is_empty() {
                        return view! { <EmptyState title="Your queue is empty" hint="New leads in your territory arrive here."/> }.into_any();
                    }
                    view! {
                        <div class="card-list" data-testid="queue">
                            {items.into_iter().map(|a| {
                                let for_reject = a.clone();
                                let id = a.id;
                                let deadline = a.sla_deadline;
                                let pending = a.status == AllocationStatus::Pending;
                                let accept = move |_| {
                                    FormState::new().run(api::allocations::accept(id), move |_| {
                                        Toasts::show("Accepted");
                                        reload.update(|n| *n += 1);
                                    });
                                };
                                view! {
                                    <div class="card queue-item" data-company=a.lead_company.clone()>
                                        <div class="team-head">
                                            <a href=format!("/leads/{}", a.lead_id) rel="external"><strong>{a.lead_company.clone()}</strong></a>
                                            <span class="badge">{format!("P{}", a.priority)}</span>
                                            <span class=format!("badge status-{}", a.status)>{a.status.label()}</span>
                                            <span class=move || if deadline < now.get() && pending { "badge badge-off" } else { "muted small" }>
                                                {move || if pending { countdown(deadline, now.get()) } else { String::new() }}
                                            </span>
                                        </div>
                                        <p class="muted small">{a.allocation_reason.clone()}</p>
                                        <div class="form-actions">
                                            <Show when=move || pending>
                                                <button class="button button-primary" on:click=accept>"Accept"</button>
                                            </Show>
                                            <button class="button button-danger" on:click=move |_| { rejecting.set(Some(for_reject.clone())); reject_open.set(true); }>"Reject"</button>
                                        </div>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
            <Modal title="Reject this lead" open=reject_open>
                {move || rejecting.get().map(|a| view! {
                    <RejectForm allocation=a on_done=move || { reject_open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

#[component]
fn RejectForm(allocation: Allocation, on_done: impl Fn() + Copy + 'static) -> impl IntoView {
    let form = FormState::new();
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = RejectAllocationRequest {
            reason: reason.get_untracked(),
        };
        form.run(
            async move { api::allocations::reject(allocation.id, &req).await },
            move |_| {
                Toasts::show("Rejected: the lead goes to the next rep");
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p class="muted">"The lead goes to the next eligible rep and will not come back to you."</p>
            <Field label="Why?" name="reason" value=reason problem=form.problem/>
            <ProblemBox problem=form.problem/>
            <div class="form-actions">
                <button class="button button-danger" type="submit" disabled=move || form.busy.get()>"Reject"</button>
            </div>
        </form>
    }
}

/// The rep's own intake: taking leads, offline, or paused (leave and capacity are its
/// manager's).
#[component]
fn MyIntake() -> impl IntoView {
    let session = Session::get();
    let reload = RwSignal::new(0u32);
    let intake = LocalResource::new(move || {
        let _ = reload.get();
        let me = session.user.get().map(|u| u.id);
        async move {
            match me {
                Some(me) => api::allocations::intake(me).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let set = move |i: RepIntake, req: UpdateRepIntakeRequest| {
        FormState::new().run(
            async move { api::allocations::update_intake(i.user_id, &req).await },
            move |_| reload.update(|n| *n += 1),
        );
    };
    view! {
        <Transition fallback=|| ()>
            {answered(intake, move |i| i.map(|i| {
                let taking = i.availability == Availability::Available && !i.intake_paused;
                let state = if i.availability != Availability::Available {
                    i.availability.label().to_owned()
                } else if i.intake_paused {
                    "Intake paused".to_owned()
                } else {
                    "Taking new leads".to_owned()
                };
                let capacity = i.capacity.map(|c| format!(" · capacity {c}")).unwrap_or_default();
                let (pause, resume, offline) = (i.clone(), i.clone(), i.clone());
                view! {
                    <div class="toolbar" data-testid="intake">
                        <span class=if taking { "badge badge-ok" } else { "badge badge-off" }>{state}</span>
                        <span class="muted small">{capacity}</span>
                        {if taking {
                            view! {
                                <button class="button" on:click=move |_| set(pause.clone(), UpdateRepIntakeRequest { intake_paused: Some(true), version: Some(pause.version), ..Default::default() })>"Pause intake"</button>
                                <button class="button button-ghost" on:click=move |_| set(offline.clone(), UpdateRepIntakeRequest { availability: Some(Availability::Offline), version: Some(offline.version), ..Default::default() })>"Go offline"</button>
                            }.into_any()
                        } else if i.availability != Availability::OnLeave {
                            view! {
                                <button class="button button-primary" on:click=move |_| set(resume.clone(), UpdateRepIntakeRequest { availability: Some(Availability::Available), intake_paused: Some(false), version: Some(resume.version), ..Default::default() })>"Take leads again"</button>
                            }.into_any()
                        } else {
                            view! { <span class="muted small">"Your manager marked you on leave."</span> }.into_any()
                        }}
                    </div>
                }
            }))}
        </Transition>
    }
}
