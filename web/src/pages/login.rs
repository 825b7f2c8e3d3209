use closebook_shared::auth::LoginRequest;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::{self, Session};
use crate::app;
use crate::components::ui::{Field, FormState, ProblemBox};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let go_in = move |navigate: &dyn Fn(&str, leptos_router::NavigateOptions), role| {
        let href = app::landing(role);
        if app::leaves(href) {
            app::load(href);
        } else {
            navigate(href, Default::default());
        }
    };
    if let Some(u) = session.user.get_untracked() {
        go_in(&navigate, u.role);
    }
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let flash = Session::take_flash();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        let request = async move { api::me::sign_in(&body).await };
        form.run(request, move |user| {
            let role = user.role;
            session.user.set(Some(user));
            go_in(&navigate, role);
        });
    };

    view! {
        <div class="login-screen">
            <form class="card login-card" on:submit=submit>
                <h1 class="brand">"Closebook"</h1>
                <p class="muted">"Sign in to your workspace"</p>
                {flash.map(|m| view! { <div class="alert alert-info" role="status">{m}</div> })}
                <ProblemBox problem=problem/>
                <Field label="Email" name="email" kind="email" value=email problem=problem autocomplete="username"/>
                <Field label="Password" name="password" kind="password" value=password problem=problem autocomplete="current-password"/>
                <button class="button button-primary button-block" type="submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </div>
    }
}
