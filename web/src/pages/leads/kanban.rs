//! Kanban board by stage (desktop): drag a card to another column to move the lead; the move goes
//! through the stage route, so history and events are the same as from the lead page.

use closebook_shared::leads::{ChangeStageRequest, LeadListQuery, LeadSort, Outcome};
use closebook_shared::pipelines::{Pipeline, StageKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::format;
use crate::components::ui::{Skeleton, Toasts, answered};

#[component]
pub fn KanbanPage() -> impl IntoView {
    let pipelines = LocalResource::new(api::pipelines::list);
    let chosen = RwSignal::new(None::<String>);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Pipeline"</h1>
                <Suspense fallback=|| ()>
                    {move || pipelines.get().and_then(|r| r.ok()).map(|ps| view! {
                        <select aria-label="Pipeline" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                            {ps.into_iter().map(|p| view! { <option value=p.id.to_string() selected=p.is_default>{p.name}</option> }).collect_view()}
                        </select>
                    })}
                </Suspense>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(pipelines, move |ps| {
                    let id = chosen.get();
                    let p = ps.iter().find(|p| Some(p.id.to_string()) == id).or_else(|| ps.iter().find(|p| p.is_default)).cloned();
                    p.map(|p| view! { <Board pipeline=p/> })
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Board(pipeline: Pipeline) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let pid = pipeline.id;
    let leads = LocalResource::new(move || {
        let _ = reload.get();
        async move {
            api::leads::list(LeadListQuery {
                pipeline: Some(pid),
                outcome: Some(Outcome::Open),
                sort: Some(LeadSort::Score),
                limit: Some(200),
                ..Default::default()
            })
            .await
        }
    });
    // The dragged lead and the version the board loaded, so a move over someone else's change
    // is refused (412) instead of overwriting it.
    let dragging = RwSignal::new(None::<(uuid::Uuid, i64)>);
    let drop_on = move |stage_id: uuid::Uuid| {
        let Some((lead, version)) = dragging.get_untracked() else {
            return;
        };
        dragging.set(None);
        spawn_local(async move {
            match api::leads::change_stage(
                lead,
                &ChangeStageRequest {
                    stage_id,
                    version: Some(version),
                    note: None,
                },
            )
            .await
            {
                Ok(l) => Toasts::show(format!("{} → {}", l.company, l.stage_name)),
                Err(p) => Toasts::error(p.detail),
            }
            reload.update(|n| *n += 1);
        });
    };
    let stages: Vec<_> = pipeline
        .stages
        .into_iter()
        .filter(|s| s.kind == StageKind::Open)
        .collect();
    view! {
        <div class="kanban">
            {stages.into_iter().map(|s| {
                let sid = s.id;
                view! {
                    <div class="kanban-col" data-stage=s.key.clone()
                        on:dragover=move |ev| ev.prevent_default()
                        on:drop=move |ev| { ev.prevent_default(); drop_on(sid); }>
                        <h2 class="kanban-title">{s.name.clone()}</h2>
                        <Transition fallback=|| ()>
                            {move || leads.get().and_then(|r| r.ok()).map(|p| {
                                p.items.into_iter().filter(|l| l.stage_id == sid).map(|l| {
                                    let (lid, version) = (l.id, l.version);
                                    view! {
                                        <a class="card kanban-card" href=format!("/leads/{}", l.id) draggable="true"
                                            on:dragstart=move |ev| {
                                                if let Some(dt) = ev.data_transfer() { let _ = dt.set_data("text/plain", &lid.to_string()); }
                                                dragging.set(Some((lid, version)));
                                            }>
                                            <strong>{l.company.clone()}</strong>
                                            <span class="small muted">{l.owner_name.clone()}</span>
                                            <span class="small">{l.deal_value.as_ref().map(format::money).unwrap_or_default()}</span>
                                        </a>
                                    }
                                }).collect_view()
                            })}
                        </Transition>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
