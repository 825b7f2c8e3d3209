//! The team's workload: each rep's queue against its capacity, the team's spread, and what
//! waits for a manager (the overflow pool and lapsed allocations) with a reassign form.

use closebook_shared::allocation::{
    Allocation, AllocationListQuery, AllocationStatus, ReassignAllocationRequest, RepWorkload,
};
use leptos::prelude::*;

use super::{countdown, ticking_clock};
use crate::api;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

#[component]
pub fn WorkloadPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let workload = LocalResource::new(move || {
        let _ = reload.get();
        api::allocations::workload()
    });
    let waiting = LocalResource::new(move || {
        let _ = reload.get();
        api::allocations::list(AllocationListQuery {
            status: Some(AllocationStatus::Escalated),
            limit: Some(50),
            ..Default::default()
        })
    });
    let reps = Signal::derive(move || match workload.get() {
        Some(Ok(w)) => w.reps,
        _ => Vec::new(),
    });
    let moving = RwSignal::new(None::<Allocation>);
    let move_open = RwSignal::new(false);
    let now = ticking_clock();
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Workload"</h1>
                <a class="button" href="/territories">"Territories"</a>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(workload, |w| view! {
                    <div class="stat-grid">
                        <div class="card stat"><span class="stat-value">{format!("{:.1}%", w.mean_utilisation_percent)}</span><span class="stat-label">"Mean utilisation (target 70–85%)"</span></div>
                        <div class="card stat"><span class="stat-value">{format!("{:.1}", w.utilisation_spread)}</span><span class="stat-label">"Spread, points (target under 15)"</span></div>
                        <div class="card stat"><span class="stat-value">{w.overflow}</span><span class="stat-label">"In the overflow pool"</span></div>
                        <div class="card stat"><span class=if w.balanced { "badge badge-ok" } else { "badge badge-off" }>{if w.balanced { "Balanced" } else { "Out of balance" }}</span></div>
                    </div>
                    {if w.reps.is_empty() {
                        view! { <EmptyState title="No reps in your teams" hint="Reps you manage appear here with their queues."/> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap"><table class="table" data-testid="workload">
                                <thead><tr><th>"Rep"</th><th>"Intake"</th><th>"Queue"</th><th>"Utilisation"</th><th>"Pending"</th><th>"Overdue"</th></tr></thead>
                                <tbody>{w.reps.into_iter().map(rep_row).collect_view()}</tbody>
                            </table></div>
                        }.into_any()
                    }}
                })}
            </Transition>
            <h2 class="section-title">"Waiting for a manager"</h2>
            <Transition fallback=|| view! { <Skeleton rows=2/> }>
                {answered(waiting, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="Nothing in the overflow pool" hint="Leads no rep could take wait here for you to place."/> }.into_any();
                    }
                    view! {
                        <div class="card-list">
                            {page.items.into_iter().map(|a| {
                                let picked = a.clone();
                                let deadline = a.sla_deadline;
                                view! {
                                    <div class="card">
                                        <div class="team-head">
                                            <strong>{a.lead_company.clone()}</strong>
                                            <span class="badge">{format!("P{}", a.priority)}</span>
                                            <span class="muted small">{move || countdown(deadline, now.get())}</span>
                                            <button class="button" on:click=move |_| { moving.set(Some(picked.clone())); move_open.set(true); }>"Reassign"</button>
                                        </div>
                                        <p class="muted small">{a.allocation_reason.clone()}</p>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
            <Modal title="Reassign" open=move_open>
                {move || moving.get().map(|a| view! {
                    <ReassignForm allocation=a reps=reps on_done=move || { move_open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

fn rep_row(r: RepWorkload) -> impl IntoView {
    let intake = if r.intake_paused {
        "Paused".to_owned()
    } else {
        r.availability.label().to_owned()
    };
    let width = r.utilisation_percent.min(100);
    let full = r.utilisation_percent >= 100;
    view! {
        <tr>
            <td>{r.rm_name}</td>
            <td>{intake}</td>
            <td>{format!("{} / {}", r.queue_depth, r.capacity)}</td>
            <td>
                <div class="bar" role="img" aria-label=format!("{}% of capacity", r.utilisation_percent)>
                    <div class="bar-fill" class:bar-full=full style=format!("width: {width}%")></div>
                </div>
                <span class="small muted">{format!("{}%", r.utilisation_percent)}</span>
            </td>
            <td>{r.pending}</td>
            <td>{r.overdue}</td>
        </tr>
    }
}

#[component]
fn ReassignForm(
    allocation: Allocation,
    reps: Signal<Vec<RepWorkload>>,
    on_done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let form = FormState::new();
    let rep = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let reset = RwSignal::new(true);
    let options = Signal::derive(move || {
        let mut v = vec![(String::new(), "Let the rules choose".to_owned())];
        v.extend(reps.get().into_iter().map(|r| {
            let label = format!("{} ({} / {})", r.rm_name, r.queue_depth, r.capacity);
            (r.rm_id.to_string(), label)
        }));
        v
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ReassignAllocationRequest {
            rm_id: rep.get_untracked().parse().ok(),
            reason: reason.get_untracked(),
            reset_sla: reset.get_untracked(),
        };
        form.run(
            async move { api::allocations::reassign(allocation.id, &req).await },
            move |a| {
                Toasts::show(match a.rm_name {
                    Some(n) => format!("Now with {n}"),
                    None => "Still in the overflow pool: nobody is eligible".to_owned(),
                });
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p><strong>{allocation.lead_company.clone()}</strong></p>
            <SelectField label="Rep" name="rm_id" value=rep problem=form.problem options=options/>
            <Field label="Reason" name="reason" value=reason problem=form.problem/>
            <label class="field"><span><input type="checkbox" prop:checked=move || reset.get() on:change=move |ev| reset.set(event_target_checked(&ev))/>" Give the rep a fresh SLA window"</span></label>
            <ProblemBox problem=form.problem/>
            <div class="form-actions">
                <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Reassign"</button>
            </div>
        </form>
    }
}
