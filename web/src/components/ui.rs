use std::future::Future;

use closebook_shared::Problem;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiResult, field_error};

/// A form's request state: busy while its request runs, the server's problem when it fails
/// (which the form's fields then show next to the inputs they name).
#[derive(Clone, Copy)]
pub struct FormState {
    pub busy: RwSignal<bool>,
    pub problem: RwSignal<Option<Problem>>,
}

impl FormState {
    pub fn new() -> Self {
        FormState {
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }

    /// Runs `request`; `on_ok` gets its answer, a failure lands in `problem`.
    pub fn run<T: 'static>(
        self,
        request: impl Future<Output = ApiResult<T>> + 'static,
        on_ok: impl FnOnce(T) + 'static,
    ) {
        self.busy.set(true);
        self.problem.set(None);
        spawn_local(async move {
            match request.await {
                Ok(v) => on_ok(v),
                Err(p) => self.problem.set(Some(p)),
            }
            self.busy.set(false);
        });
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

/// A labelled input whose message comes from the API's problem response for that field.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autocomplete: &'static str,
) -> impl IntoView {
    let error = move || field_error(&problem.get(), name);
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            // aria-label: the field's name stays its label when an error message appears in it.
            <input
                name=name
                aria-label=label
                aria-invalid=move || error().is_some().then_some("true")
                type=kind
                placeholder=placeholder
                autocomplete=autocomplete
                class:invalid=move || error().is_some()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <Show when=move || error().is_some()>
                <span class="field-error" role="alert">{error}</span>
            </Show>
        </label>
    }
}

/// An amount as typed. Text that is not a number is sent as -1, which the server refuses with a
/// message on the field (money is never negative), so the form shows why.
pub fn typed_amount(text: &str) -> rust_decimal::Decimal {
    text.trim()
        .parse()
        .unwrap_or(rust_decimal::Decimal::NEGATIVE_ONE)
}

/// A closed set's values as a select's (wire value, label) pairs.
pub fn enum_options<T: Copy>(
    all: &[T],
    wire: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (wire(*v).to_owned(), label(*v).to_owned()))
        .collect()
}

/// A labelled select; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<Problem>>,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let error = move || field_error(&problem.get(), name);
    view! {
        <label class="field">
            <span class="field-label">{label}</span>
            <select name=name aria-label=label aria-invalid=move || error().is_some().then_some("true") class:invalid=move || error().is_some() on:change=move |ev| value.set(event_target_value(&ev))>
                {move || options.get().into_iter().map(|(v, l)| {
                    let selected = v == value.get_untracked();
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            <Show when=move || error().is_some()>
                <span class="field-error" role="alert">{error}</span>
            </Show>
        </label>
    }
}

/// The problem's summary when it is not about a single field.
#[component]
pub fn ProblemBox(problem: RwSignal<Option<Problem>>) -> impl IntoView {
    view! {
        <Show when=move || problem.get().is_some()>
            <div class="alert alert-error" role="alert">
                {move || problem.get().map(|p| p.detail)}
            </div>
        </Show>
    }
}

#[component]
pub fn Modal(title: &'static str, open: RwSignal<bool>, children: ChildrenFn) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div class="modal" role="dialog" aria-label=title on:click=|ev| ev.stop_propagation()>
                    <header class="modal-header">
                        <h2>{title}</h2>
                        <button class="icon-button" aria-label="Close" on:click=move |_| open.set(false)>"×"</button>
                    </header>
                    {children()}
                </div>
            </div>
        </Show>
    }
}

#[derive(Clone)]
pub struct Toast {
    pub id: u64,
    pub text: String,
    pub error: bool,
}

/// Toasts, provided once at the root.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<Toast>>);

thread_local! {
    /// The root's toasts, for code that runs outside any component: a request's answer arrives
    /// in a task (`spawn_local`), where the component tree's context cannot be looked up.
    static ROOT_TOASTS: std::cell::Cell<Option<Toasts>> = const { std::cell::Cell::new(None) };
}

impl Toasts {
    pub fn provide() -> Self {
        let t = Toasts(RwSignal::new(Vec::new()));
        provide_context(t);
        ROOT_TOASTS.with(|r| r.set(Some(t)));
        t
    }

    pub fn show(text: impl Into<String>) {
        Self::push(text.into(), false);
    }

    pub fn error(text: impl Into<String>) {
        Self::push(text.into(), true);
    }

    fn push(text: String, error: bool) {
        let Some(Toasts(list)) = use_context::<Toasts>().or_else(|| ROOT_TOASTS.with(|r| r.get()))
        else {
            return;
        };
        let id = js_sys::Date::now() as u64;
        list.update(|l| l.push(Toast { id, text, error }));
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(4000).await;
            list.update(|l| l.retain(|t| t.id != id));
        });
    }
}

#[component]
pub fn ToastHost() -> impl IntoView {
    let Toasts(list) = expect_context::<Toasts>();
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || list.get() key=|t| t.id let:t>
                <div class="toast" class:toast-error=t.error>{t.text}</div>
            </For>
        </div>
    }
}

#[component]
pub fn EmptyState(title: &'static str, #[prop(optional)] hint: &'static str) -> impl IntoView {
    view! {
        <div class="empty">
            <p class="empty-title">{title}</p>
            <p class="muted">{hint}</p>
        </div>
    }
}

#[component]
pub fn Skeleton(#[prop(default = 4)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading">
            {(0..rows).map(|_| view! { <div class="skeleton-row"></div> }).collect_view()}
        </div>
    }
}

#[component]
pub fn ErrorState(problem: Problem) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <strong>{problem.title.clone()}</strong>" — "{problem.detail.clone()}
        </div>
    }
}

/// What a resource shows once it has answered: `ok(value)`, or the problem the API gave (the
/// surrounding `<Suspense>`/`<Transition>` fallback covers loading; `ok` shows the empty state
/// where a list can be empty). Every page reads its resources through this.
pub fn answered<T, V>(
    resource: LocalResource<ApiResult<T>>,
    ok: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || {
        resource.get().map(|r| match r {
            Ok(v) => ok(v).into_any(),
            Err(p) => view! { <ErrorState problem=p/> }.into_any(),
        })
    }
}

/// Cursor pagination: a stack of cursors lets "Previous" return to pages already seen.
#[derive(Clone, Copy)]
pub struct Pager {
    pub stack: RwSignal<Vec<Option<String>>>,
}

impl Pager {
    pub fn new() -> Self {
        Pager {
            stack: RwSignal::new(vec![None]),
        }
    }

    pub fn cursor(&self) -> Option<String> {
        self.stack.get().last().cloned().flatten()
    }

    pub fn reset(&self) {
        self.stack.set(vec![None]);
    }
}

impl Default for Pager {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn PagerControls(pager: Pager, #[prop(into)] next: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div class="pager">
            <button class="button button-ghost" disabled=move || pager.stack.get().len() <= 1
                on:click=move |_| pager.stack.update(|s| { s.pop(); })>"Previous"</button>
            <span class="muted">"Page " {move || pager.stack.get().len()}</span>
            <button class="button button-ghost" disabled=move || next.get().is_none()
                on:click=move |_| if let Some(c) = next.get() { pager.stack.update(|s| s.push(Some(c))) }>"Next"</button>
        </div>
    }
}
