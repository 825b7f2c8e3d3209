//! Targets: the ones the caller sees with their progress; a manager (or an admin) sets one for a
//! rep — a rep's monthly revenue target is its plan quota, so the value may stay empty — and
//! cancels one.

use closebook_shared::Role;
use closebook_shared::targets::{
    CreateTargetRequest, Target, TargetListQuery, TargetMetric, TargetPeriod, TargetStatus,
    TargetType, UpdateTargetRequest,
};
use closebook_shared::users::UserListQuery;
use leptos::prelude::*;

use super::charts::num;
use crate::api::{self, Session};
use crate::components::ui::{
    EmptyState, Field, FormState, ProblemBox, SelectField, Skeleton, answered,
};

#[component]
pub fn TargetsPage() -> impl IntoView {
    let session = Session::get();
    let sets = move || {
        session
            .user
            .get()
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::SalesManager))
    };
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let _ = reload.get();
        api::insight::targets(TargetListQuery {
            limit: Some(100),
            ..Default::default()
        })
    });
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Targets"</h1></div>
            <Show when=sets><NewTarget reload=reload/></Show>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(list, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="No targets yet" hint="Managers set targets for their reps, teams and cities."/> }.into_any();
                    }
                    view! {
                        <div class="table-wrap"><table class="table" data-testid="targets">
                            <thead><tr><th>"For"</th><th>"Metric"</th><th>"Period"</th><th>"Target"</th><th>"Achieved"</th><th>"Status"</th><th></th></tr></thead>
                            <tbody>{page.items.into_iter().map(|t| row(t, sets(), reload)).collect_view()}</tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

fn row(t: Target, sets: bool, reload: RwSignal<u32>) -> impl IntoView {
    let form = FormState::new();
    let (id, version) = (t.id, t.version);
    let cancel = move |_| {
        let req = UpdateTargetRequest {
            cancelled: Some(true),
            version: Some(version),
            ..Default::default()
        };
        form.run(
            async move { api::insight::update_target(id, &req).await },
            move |_| reload.update(|n| *n += 1),
        );
    };
    let live = t.status == TargetStatus::Active;
    view! {
        <tr>
            <td>{t.assignee_name}</td>
            <td>{t.metric_type.label()}</td>
            <td>{format!("{} {} – {}", t.period_type.label(), t.period_start, t.period_end)}</td>
            <td>{t.target_value.to_string()}</td>
            <td>
                {t.achieved_value.to_string()}
                <progress max="100" value=num(t.achievement_percentage).min(100.0)></progress>
                {t.achievement_percentage.map(|p| format!(" {p}%"))}
            </td>
            <td><span class=match t.status { TargetStatus::Achieved => "badge badge-ok", TargetStatus::Missed => "badge badge-off", _ => "badge" }>{t.status.label()}</span></td>
            <td>{(sets && live).then(|| view! { <button class="button" on:click=cancel>"Cancel"</button><ProblemBox problem=form.problem/> })}</td>
        </tr>
    }
}

#[component]
fn NewTarget(reload: RwSignal<u32>) -> impl IntoView {
    let form = FormState::new();
    let assignee = RwSignal::new(String::new());
    let metric = RwSignal::new(TargetMetric::DealsClosed.as_str().to_owned());
    let period = RwSignal::new(TargetPeriod::Monthly.as_str().to_owned());
    let value = RwSignal::new(String::new());
    let reps = LocalResource::new(|| {
        api::users::list(UserListQuery {
            role: Some(Role::SalesRep),
            limit: Some(200),
            ..Default::default()
        })
    });
    let rep_options = Signal::derive(move || {
        let mut o = vec![(String::new(), "Choose a rep".to_owned())];
        if let Some(Ok(page)) = reps.get() {
            o.extend(page.items.into_iter().map(|u| (u.id.to_string(), u.name)));
        }
        o
    });
    let metrics = Signal::derive(|| {
        TargetMetric::ALL
            .iter()
            .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let periods = Signal::derive(|| {
        TargetPeriod::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateTargetRequest {
            target_type: TargetType::Individual,
            assignee_id: assignee.get().parse().ok(),
            city: None,
            period_type: TargetPeriod::ALL
                .iter()
                .copied()
                .find(|p| p.as_str() == period.get())
                .unwrap_or(TargetPeriod::Monthly),
            period_of: None,
            metric_type: TargetMetric::ALL
                .iter()
                .copied()
                .find(|m| m.as_str() == metric.get())
                .unwrap_or(TargetMetric::DealsClosed),
            target_value: value.get().trim().parse().ok(),
        };
        form.run(
            async move { api::insight::create_target(&req).await },
            move |_| {
                value.set(String::new());
                reload.update(|n| *n += 1);
            },
        );
    };
    view! {
        <form class="card form-row" on:submit=submit data-testid="new-target">
            <SelectField label="Rep" name="assignee_id" value=assignee problem=form.problem options=rep_options/>
            <SelectField label="Metric" name="metric_type" value=metric problem=form.problem options=metrics/>
            <SelectField label="Period" name="period_type" value=period problem=form.problem options=periods/>
            <Field label="Target" name="target_value" value=value problem=form.problem placeholder="e.g. 5 (revenue: the quota)"/>
            <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Set target"</button>
            <ProblemBox problem=form.problem/>
        </form>
    }
}
