//! The user's own profile and password.

use closebook_shared::auth::ChangePasswordRequest;
use closebook_shared::users::UpdateUserRequest;
use leptos::prelude::*;

use crate::api::{self, Session};
use crate::components::format;
use crate::components::ui::{Field, FormState, ProblemBox, Toasts};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = Session::get();
    let me = session.user.get_untracked();
    let name = RwSignal::new(me.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let phone = RwSignal::new(
        me.as_ref()
            .and_then(|u| u.phone.clone())
            .unwrap_or_default(),
    );
    let tz = RwSignal::new(me.as_ref().map(|u| u.time_zone.clone()).unwrap_or_default());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(me) = session.user.get_untracked() else {
            return;
        };
        let phone_value = phone.get_untracked();
        let body = UpdateUserRequest {
            version: Some(me.version),
            name: Some(name.get_untracked()),
            phone: Some(if phone_value.trim().is_empty() {
                None
            } else {
                Some(phone_value)
            }),
            time_zone: Some(tz.get_untracked()),
            ..Default::default()
        };
        let id = me.id;
        form.run(
            async move { api::users::update(id, &body).await },
            move |u| {
                session.user.set(Some(u));
                Toasts::show("Profile saved");
            },
        );
    };

    view! {
        <section class="page">
            <h1 class="page-title">"Profile"</h1>
            {move || session.user.get().map(|u| view! {
                <p class="muted">{u.email.clone()}" · "{u.role.label()}
                    {u.base_salary.as_ref().map(|m| format!(" · base salary {}", format::money(m)))}</p>
                <p class="muted small">"Member since "{format::datetime(&u.created_at, &u.time_zone)}</p>
            })}
            <form class="card form" on:submit=save>
                <h2 class="section-title">"Your details"</h2>
                <ProblemBox problem=problem/>
                <Field label="Name" name="name" value=name problem=problem autocomplete="name"/>
                <Field label="Phone" name="phone" kind="tel" value=phone problem=problem autocomplete="tel"/>
                <Field label="Time zone" name="time_zone" value=tz problem=problem placeholder="e.g. America/Chicago"/>
                <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save"</button>
            </form>
            <ChangePassword/>
        </section>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let session = Session::get();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let request = async move { api::me::change_password(&body).await };
        form.run(request, move |u| {
            session.user.set(Some(u));
            current.set(String::new());
            new.set(String::new());
            Toasts::show("Password changed; other sessions were signed out");
        });
    };
    view! {
        <form class="card form" on:submit=submit>
            <h2 class="section-title">"Change password"</h2>
            <ProblemBox problem=problem/>
            <Field label="Current password" name="current_password" kind="password" value=current problem=problem autocomplete="current-password"/>
            <Field label="New password (12+ characters)" name="new_password" kind="password" value=new problem=problem autocomplete="new-password"/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Change password"</button>
        </form>
    }
}

/// Shown instead of any page while the user holds a temporary password.
#[component]
pub fn ForcedPasswordChange() -> impl IntoView {
    view! {
        <div class="login-screen">
            <div class="login-card">
                <h1 class="brand">"Closebook"</h1>
                <div class="alert alert-info" role="status">"Your password was set by an admin. Choose your own to continue."</div>
                <ChangePassword/>
                <button class="button button-ghost" on:click=|_| super::sign_out()>"Sign out"</button>
            </div>
        </div>
    }
}
