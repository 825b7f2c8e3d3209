//! Admin → teams: list, create, edit, members.

use closebook_shared::Role;
use closebook_shared::teams::TeamListQuery;
use closebook_shared::teams::{CreateTeamRequest, Team, UpdateTeamRequest};
use closebook_shared::users::UserListQuery;
use leptos::prelude::*;
use uuid::Uuid;

use crate::api;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

#[component]
pub fn TeamsPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let teams = LocalResource::new(move || {
        let _ = reload.get();
        api::teams::list(TeamListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    let managers = LocalResource::new(|| {
        api::users::list(UserListQuery {
            role: Some(Role::SalesManager),
            active: Some(true),
            limit: Some(200),
            ..Default::default()
        })
    });
    let manager_options = Signal::derive(move || {
        let mut v = vec![(String::new(), "No manager".to_owned())];
        if let Some(Ok(p)) = managers.get() {
            v.extend(p.items.into_iter().map(|u| (u.id.to_string(), u.name)));
        }
        v
    });
    let creating = RwSignal::new(false);
    let editing = RwSignal::new(None::<Team>);
    let edit_open = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Teams"</h1>
                <button class="button button-primary" on:click=move |_| creating.set(true)>"New team"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(teams, move |v| match v {
                    page if page.items.is_empty() => view! { <EmptyState title="No teams yet" hint="Create a team, then add people to it from their user record."/> }.into_any(),
                    page => view! {
                        <div class="card-list">
                            {page.items.into_iter().map(|t| {
                                let team = t.clone();
                                view! {
                                    <div class="card team-card">
                                        <div class="team-head">
                                            <strong>{t.name.clone()}</strong>
                                            <span class="muted">{t.city.clone().unwrap_or_default()}</span>
                                            <span class="badge">{format!("{} members", t.member_count)}</span>
                                            <button class="button button-ghost" on:click=move |_| { editing.set(Some(team.clone())); edit_open.set(true); }>"Edit"</button>
                                        </div>
                                        <Members team=t.id/>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <Modal title="New team" open=creating>
                <TeamForm team=None managers=manager_options on_done=move || { creating.set(false); reload.update(|n| *n += 1); }/>
            </Modal>
            <Modal title="Edit team" open=edit_open>
                {move || editing.get().map(|t| view! {
                    <TeamForm team=Some(t) managers=manager_options on_done=move || { edit_open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

#[component]
fn Members(team: Uuid) -> impl IntoView {
    let members = LocalResource::new(move || async move {
        api::users::list(UserListQuery {
            team_id: Some(team),
            limit: Some(200),
            ..Default::default()
        })
        .await
    });
    view! {
        <Suspense fallback=|| view! { <Skeleton rows=1/> }>
            {answered(members, move |v| match v {
                p if p.items.is_empty() => view! { <p class="muted small">"No members yet."</p> }.into_any(),
                p => view! {
                    <ul class="members">
                        {p.items.into_iter().map(|u| view! {
                            <li>{u.name}<span class="muted small">{format!(" · {}", u.role.label())}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TeamForm(
    team: Option<Team>,
    managers: Signal<Vec<(String, String)>>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let name = RwSignal::new(team.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let city = RwSignal::new(
        team.as_ref()
            .and_then(|t| t.city.clone())
            .unwrap_or_default(),
    );
    let manager = RwSignal::new(
        team.as_ref()
            .and_then(|t| t.manager_id)
            .map(|m| m.to_string())
            .unwrap_or_default(),
    );
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let existing = team.map(|t| (t.id, t.version));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let manager_id = Uuid::parse_str(&manager.get_untracked()).ok();
        let city_value = city.get_untracked().trim().to_owned();
        let on_done = on_done.clone();
        let (name, city_opt) = (
            name.get_untracked(),
            (!city_value.is_empty()).then_some(city_value),
        );
        let request = async move {
            match existing {
                None => {
                    api::teams::create(&CreateTeamRequest {
                        name,
                        manager_id,
                        city: city_opt,
                    })
                    .await
                }
                Some((id, version)) => {
                    let body = UpdateTeamRequest {
                        version: Some(version),
                        name: Some(name),
                        manager_id: Some(manager_id),
                        city: Some(city_opt),
                    };
                    api::teams::update(id, &body).await
                }
            }
        };
        form.run(request, move |t| {
            Toasts::show(format!("Saved team {}", t.name));
            on_done();
        });
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="Name" name="name" value=name problem=problem/>
            <Field label="City" name="city" value=city problem=problem/>
            <SelectField label="Manager" name="manager_id" value=manager problem=problem options=managers/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save team"</button>
        </form>
    }
}
