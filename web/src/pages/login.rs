use closebook_shared::Problem;
use closebook_shared::auth::{LoginRequest, TokenResponse};
use closebook_shared::users::User;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::{self, Session};
use crate::components::ui::{Field, ProblemBox};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    if session.user.get_untracked().is_some() {
        navigate("/", Default::default());
    }
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let flash = Session::take_flash();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        problem.set(None);
        let body = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::post_public::<_, TokenResponse>("/auth/login", &body).await {
                Ok(tokens) => {
                    Session::store(&tokens);
                    match api::get::<User>("/me").await {
                        Ok(user) => {
                            session.user.set(Some(user));
                            navigate("/", Default::default());
                        }
                        Err(p) => problem.set(Some(p)),
                    }
                }
                Err(p) => problem.set(Some(p)),
            }
            busy.set(false);
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
