//! Admin → audit log: filters, pages, and what each change changed.

use closebook_shared::Problem;
use closebook_shared::audit::AuditEntry;
use closebook_shared::audit::AuditQuery;
use leptos::prelude::*;
use serde_json::Value;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, Pager, PagerControls, SelectField, Skeleton, answered,
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let entity_type = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let entity_id = RwSignal::new(String::new());
    let pager = Pager::new();
    let no_problem = RwSignal::new(None::<Problem>);
    Effect::new(move |_| {
        let _ = (entity_type.get(), action.get(), entity_id.get());
        pager.reset();
    });
    let entries = LocalResource::new(move || {
        let given = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        api::audit::list(AuditQuery {
            entity_type: given(entity_type.get()),
            action: given(action.get()),
            entity_id: given(entity_id.get()),
            cursor: pager.cursor(),
            limit: Some(25),
            ..Default::default()
        })
    });
    let next = Signal::derive(move || {
        entries
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.next_cursor)
    });
    let types = Signal::derive(|| {
        [
            ("", "Any entity"),
            ("user", "Users"),
            ("team", "Teams"),
            ("service_token", "Service tokens"),
        ]
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect::<Vec<_>>()
    });
    view! {
        <section class="page">
            <h1 class="page-title">"Audit log"</h1>
            <div class="filters">
                <SelectField label="Entity" name="entity_type" value=entity_type problem=no_problem options=types/>
                <Field label="Action" name="action" value=action problem=no_problem placeholder="e.g. user.update"/>
                <Field label="Entity id" name="entity_id" value=entity_id problem=no_problem/>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(entries, move |v| match v {
                    page if page.items.is_empty() => view! { <EmptyState title="Nothing recorded for these filters"/> }.into_any(),
                    page => view! {
                        <div class="audit-list">
                            {page.items.into_iter().map(|e| view! { <Entry entry=e/> }).collect_view()}
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
        </section>
    }
}

#[component]
fn Entry(entry: AuditEntry) -> impl IntoView {
    let open = RwSignal::new(false);
    let changes = diff(entry.before.as_ref(), entry.after.as_ref());
    view! {
        <div class="card audit-entry">
            <button class="audit-head" on:click=move |_| open.update(|o| *o = !*o) aria-expanded=move || open.get().to_string()>
                <span class="badge">{entry.action.clone()}</span>
                <span>{format!("{} {}", entry.entity_type, entry.entity_id.clone().unwrap_or_default())}</span>
                <span class="muted small">{format::when(&entry.at)}</span>
                <span class="muted small">{format!("by {} {}", entry.actor_kind, entry.actor_id.map(|a| a.to_string()).unwrap_or_default())}</span>
            </button>
            <Show when=move || open.get()>
                <table class="table diff">
                    <thead><tr><th>"Field"</th><th>"Before"</th><th>"After"</th></tr></thead>
                    <tbody>
                        {changes.clone().into_iter().map(|(k, b, a)| view! {
                            <tr><td>{k}</td><td class="diff-old">{b}</td><td class="diff-new">{a}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <p class="muted small">"Request "{entry.request_id.clone().unwrap_or_default()}</p>
            </Show>
        </div>
    }
}

/// Fields whose values differ between before and after (all fields for a creation).
fn diff(before: Option<&Value>, after: Option<&Value>) -> Vec<(String, String, String)> {
    let show = |v: Option<&Value>| match v {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let empty = serde_json::Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| (k.clone(), show(b.get(k)), show(a.get(k))))
        .collect()
}
