//! Admin → service tokens: create (shown once), revoke.

use closebook_shared::Role;
use closebook_shared::service_tokens::CreateServiceTokenRequest;
use closebook_shared::service_tokens::ServiceTokenListQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self};
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

#[component]
pub fn TokensPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let tokens = LocalResource::new(move || {
        let _ = reload.get();
        api::service_tokens::list(ServiceTokenListQuery {
            limit: Some(200),
            ..Default::default()
        })
    });
    let creating = RwSignal::new(false);
    let shown = RwSignal::new(None::<String>);
    let revoke = move |id: uuid::Uuid| {
        if !web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(
                    "Revoke this token? Integrations using it stop working at once.",
                )
                .ok()
            })
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            match api::service_tokens::revoke(id).await {
                Ok(()) => {
                    Toasts::show("Token revoked");
                    reload.update(|n| *n += 1);
                }
                Err(p) => Toasts::error(p.detail),
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Service tokens"</h1>
                <button class="button button-primary" on:click=move |_| creating.set(true)>"New token"</button>
            </div>
            <Show when=move || shown.get().is_some()>
                <div class="alert alert-info token-once" role="status">
                    <p>"Copy this token now — it will not be shown again:"</p>
                    <code class="token-value">{move || shown.get().unwrap_or_default()}</code>
                </div>
            </Show>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(tokens, move |v| match v {
                    page if page.items.is_empty() => view! { <EmptyState title="No service tokens" hint="Create one for each integration, with the narrowest role it needs."/> }.into_any(),
                    page => view! {
                        <div class="table-wrap">
                            <table class="table">
                                <thead><tr><th>"Name"</th><th>"Role"</th><th>"Prefix"</th><th>"Last used"</th><th></th></tr></thead>
                                <tbody>
                                    {page.items.into_iter().map(|t| {
                                        let id = t.id;
                                        view! {
                                            <tr>
                                                <td data-label="Name">{t.name.clone()}</td>
                                                <td data-label="Role"><span class="badge">{t.role.label()}</span></td>
                                                <td data-label="Prefix"><code>{t.prefix.clone()}"…"</code></td>
                                                <td data-label="Last used">{t.last_used_at.map(|at| format::when(&at)).unwrap_or_else(|| "Never".into())}</td>
                                                <td><button class="button button-danger" on:click=move |_| revoke(id)>"Revoke"</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <Modal title="New service token" open=creating>
                <CreateToken on_created=move |token: String| { shown.set(Some(token)); creating.set(false); reload.update(|n| *n += 1); }/>
            </Modal>
        </section>
    }
}

#[component]
fn CreateToken(on_created: impl Fn(String) + Clone + Send + Sync + 'static) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let role = RwSignal::new("sales_rep".to_owned());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let roles = Signal::derive(|| {
        Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateServiceTokenRequest {
            name: name.get_untracked(),
            role: role.get_untracked().parse().unwrap_or(Role::SalesRep),
            expires_at: None,
        };
        let on_created = on_created.clone();
        let request = async move { api::service_tokens::create(&body).await };
        form.run(request, move |created| on_created(created.token));
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="Name" name="name" value=name problem=problem placeholder="e.g. ERP sync"/>
            <SelectField label="Acts as role" name="role" value=role problem=problem options=roles/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Create token"</button>
        </form>
    }
}
