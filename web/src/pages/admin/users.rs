//! Admin → users: search and filter, create, edit, deactivate, set a temporary password.

use closebook_shared::auth::SetPasswordRequest;
use closebook_shared::teams::TeamListQuery;
use closebook_shared::users::UserListQuery;
use closebook_shared::users::{CreateUserRequest, UpdateUserRequest, User};
use closebook_shared::{Problem, Role};
use leptos::prelude::*;
use uuid::Uuid;

use crate::api::{self};
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, SelectField, Skeleton,
    Toasts, answered,
};

fn role_options(with_any: bool) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = if with_any {
        vec![(String::new(), "Any role".into())]
    } else {
        Vec::new()
    };
    v.extend(
        Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned())),
    );
    v
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let pager = Pager::new();
    let reload = RwSignal::new(0u32);
    Effect::new(move |_| {
        // A new filter starts from the first page.
        let _ = (q.get(), role.get(), team.get());
        pager.reset();
    });
    let teams = LocalResource::new(|| {
        api::teams::list(TeamListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    let team_options = Signal::derive(move || {
        let mut v = vec![(String::new(), "Any team".to_owned())];
        if let Some(Ok(p)) = teams.get() {
            v.extend(p.items.into_iter().map(|t| (t.id.to_string(), t.name)));
        }
        v
    });
    let users = LocalResource::new(move || {
        let query = UserListQuery {
            q: Some(q.get()).filter(|q| !q.trim().is_empty()),
            role: role.get().parse().ok(),
            team_id: team.get().parse().ok(),
            cursor: pager.cursor(),
            limit: Some(25),
            ..Default::default()
        };
        let _ = reload.get();
        api::users::list(query)
    });
    let next = Signal::derive(move || users.get().and_then(|r| r.ok()).and_then(|p| p.next_cursor));
    let no_problem = RwSignal::new(None::<Problem>);
    // Column sorting within the page (the server pages in name order).
    let sort = RwSignal::new((SortKey::Name, true));
    let header = move |key: SortKey, label: &'static str| {
        let arrow = move || match sort.get() {
            (k, true) if k == key => " ▲",
            (k, false) if k == key => " ▼",
            _ => "",
        };
        view! {
            <th aria-sort=move || match sort.get() { (k, true) if k == key => "ascending", (k, false) if k == key => "descending", _ => "none" }>
                <button class="th-sort" on:click=move |_| sort.update(|(k, asc)| { if *k == key { *asc = !*asc } else { *k = key; *asc = true } })>
                    {label}{arrow}
                </button>
            </th>
        }
    };
    let creating = RwSignal::new(false);
    let editing = RwSignal::new(None::<User>);
    let edit_open = RwSignal::new(false);

    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Users"</h1>
                <button class="button button-primary" on:click=move |_| creating.set(true)>"New user"</button>
            </div>
            <div class="filters">
                <Field label="Search" name="q" value=q problem=no_problem placeholder="Name or email"/>
                <SelectField label="Role" name="role" value=role problem=no_problem options=Signal::derive(|| role_options(true))/>
                <SelectField label="Team" name="team" value=team problem=no_problem options=team_options/>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(users, move |v| match v {
                    page if page.items.is_empty() => view! { <EmptyState title="No users match" hint="Change the filters, or add a user."/> }.into_any(),
                    mut page => view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr>{header(SortKey::Name, "Name")}{header(SortKey::Email, "Email")}{header(SortKey::Role, "Role")}<th>"Status"</th><th></th></tr></thead>
                                <tbody>
                                    {sort_users(&mut page.items, sort.get());
                                    page.items.into_iter().map(|u| {
                                        let edit_user = u.clone();
                                        view! {
                                            <tr>
                                                <td data-label="Name">{u.name.clone()}<div class="muted small">{u.title.clone().unwrap_or_default()}</div></td>
                                                <td data-label="Email">{u.email.clone()}</td>
                                                <td data-label="Role"><span class="badge">{u.role.label()}</span></td>
                                                <td data-label="Status">{if u.active { view! { <span class="badge badge-ok">"Active"</span> } } else { view! { <span class="badge badge-off">"Deactivated"</span> } }}</td>
                                                <td><button class="button button-ghost" on:click=move |_| { editing.set(Some(edit_user.clone())); edit_open.set(true); }>"Edit"</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
            <Modal title="New user" open=creating>
                <CreateUser team_options=team_options on_done=move || { creating.set(false); reload.update(|n| *n += 1); }/>
            </Modal>
            <Modal title="Edit user" open=edit_open>
                {move || editing.get().map(|u| view! {
                    <EditUser user=u team_options=team_options on_done=move || { edit_open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Name,
    Email,
    Role,
}

fn sort_users(users: &mut [User], (key, ascending): (SortKey, bool)) {
    users.sort_by(|a, b| {
        let ord = match key {
            SortKey::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            SortKey::Email => a.email.cmp(&b.email),
            SortKey::Role => a.role.label().cmp(b.role.label()),
        };
        if ascending { ord } else { ord.reverse() }
    });
}

/// The fields creating and editing a user share.
#[derive(Clone, Copy)]
struct Person {
    name: RwSignal<String>,
    email: RwSignal<String>,
    role: RwSignal<String>,
    team: RwSignal<String>,
    title: RwSignal<String>,
    phone: RwSignal<String>,
}

impl Person {
    fn new(user: Option<&User>) -> Self {
        let text =
            |f: fn(&User) -> Option<String>| RwSignal::new(user.and_then(f).unwrap_or_default());
        Person {
            name: text(|u| Some(u.name.clone())),
            email: text(|u| Some(u.email.clone())),
            role: RwSignal::new(user.map_or(Role::SalesRep, |u| u.role).as_str().to_owned()),
            team: text(|u| u.team_id.map(|t| t.to_string())),
            title: text(|u| u.title.clone()),
            phone: text(|u| u.phone.clone()),
        }
    }
}

#[component]
fn PersonFields(
    person: Person,
    problem: RwSignal<Option<Problem>>,
    team_options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let Person {
        name,
        email,
        role,
        team,
        title,
        phone,
    } = person;
    view! {
        <Field label="Name" name="name" value=name problem=problem/>
        <Field label="Email" name="email" kind="email" value=email problem=problem/>
        <SelectField label="Role" name="role" value=role problem=problem options=Signal::derive(|| role_options(false))/>
        <SelectField label="Team" name="team_id" value=team problem=problem options=team_options/>
        <Field label="Title" name="title" value=title problem=problem/>
        <Field label="Phone" name="phone" kind="tel" value=phone problem=problem/>
    }
}

fn opt(s: String) -> Option<String> {
    let t = s.trim().to_owned();
    (!t.is_empty()).then_some(t)
}

#[component]
fn CreateUser(
    team_options: Signal<Vec<(String, String)>>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let person = Person::new(None);
    let Person {
        name,
        email,
        role,
        team,
        title,
        phone,
    } = person;
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateUserRequest {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: role.get_untracked().parse().unwrap_or(Role::SalesRep),
            password: password.get_untracked(),
            must_change_password: Some(true),
            phone: opt(phone.get_untracked()),
            title: opt(title.get_untracked()),
            employee_id: None,
            manager_id: None,
            team_id: Uuid::parse_str(&team.get_untracked()).ok(),
            hire_date: None,
            base_salary: None,
            time_zone: None,
        };
        let on_done = on_done.clone();
        form.run(async move { api::users::create(&body).await }, move |u| {
            Toasts::show(format!(
                "{} can now sign in with the password you set",
                u.name
            ));
            on_done();
        });
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <PersonFields person=person problem=problem team_options=team_options/>
            <Field label="Temporary password (12+ characters)" name="password" kind="password" value=password problem=problem autocomplete="new-password"/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Create user"</button>
        </form>
    }
}

#[component]
fn EditUser(
    user: User,
    team_options: Signal<Vec<(String, String)>>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let person = Person::new(Some(&user));
    let Person {
        name,
        email,
        role,
        team,
        title,
        phone,
    } = person;
    let tz = RwSignal::new(user.time_zone.clone());
    let temp_password = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let (id, version, active) = (user.id, user.version, user.active);

    let save = {
        let on_done = on_done.clone();
        move |active_change: Option<bool>| {
            let body = UpdateUserRequest {
                version: Some(version),
                email: Some(email.get_untracked()),
                name: Some(name.get_untracked()),
                role: role.get_untracked().parse().ok(),
                phone: Some(opt(phone.get_untracked())),
                title: Some(opt(title.get_untracked())),
                team_id: Some(Uuid::parse_str(&team.get_untracked()).ok()),
                time_zone: Some(tz.get_untracked()),
                active: active_change,
                ..Default::default()
            };
            let on_done = on_done.clone();
            let request = async move { api::users::update(id, &body).await };
            form.run(request, move |u| {
                Toasts::show(format!("Saved {}", u.name));
                on_done();
            });
        }
    };
    let save_form = save.clone();
    let set_password = move |_| {
        let body = SetPasswordRequest {
            password: temp_password.get_untracked(),
            must_change_password: Some(true),
        };
        form.run(
            async move { api::users::set_password(id, &body).await },
            move |()| {
                temp_password.set(String::new());
                Toasts::show("Temporary password set; the user must change it at next sign-in");
            },
        );
    };
    view! {
        <form class="form" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); save_form(None); }>
            <ProblemBox problem=problem/>
            <PersonFields person=person problem=problem team_options=team_options/>
            <Field label="Time zone" name="time_zone" value=tz problem=problem/>
            <div class="form-actions">
                <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save"</button>
                <button class="button button-danger" type="button" disabled=move || busy.get() on:click=move |_| save(Some(!active))>
                    {if active { "Deactivate" } else { "Reactivate" }}
                </button>
            </div>
            <div class="subsection">
                <Field label="Set a temporary password" name="password" kind="password" value=temp_password problem=problem autocomplete="new-password"/>
                <button class="button button-ghost" type="button" disabled=move || busy.get() on:click=set_password>"Set password"</button>
            </div>
        </form>
    }
}
