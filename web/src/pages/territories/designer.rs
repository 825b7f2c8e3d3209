//! The territory designer (managers, admins): the map with every territory, the hierarchy
//! tree, the selected territory's details (colour, weight, places, its outline redrawn by
//! clicking points on the map) and who works it, a new territory under the selected one, and
//! GeoJSON import and export.

use closebook_shared::Role;
use closebook_shared::settings::Settings;
use closebook_shared::territories::{
    AssignmentRole, CreateAssignmentRequest, CreateTerritoryRequest, Feature, FeatureCollection,
    Geometry, Territory, TerritoryKind, UpdateTerritoryRequest,
};
use closebook_shared::users::UserListQuery;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;
use wasm_bindgen::prelude::Closure;

use super::map;
use crate::api;
use crate::components::ui::{
    EmptyState, Field, FormState, ProblemBox, SelectField, Skeleton, Toasts, answered,
};

const MAP_ID: &str = "territory-map";

#[component]
pub fn DesignerPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let all = LocalResource::new(move || {
        let _ = reload.get();
        api::territories::export()
    });
    let selected = RwSignal::new(None::<Uuid>);
    let drawing = RwSignal::new(false);
    let drawn = RwSignal::new(None::<Geometry>);
    // The map comes up once the page is in the document, with the organisation's tile server.
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        spawn_local(async move {
            let tiles = api::get::<Settings>("/settings")
                .await
                .ok()
                .and_then(|s| s.map_tile_url);
            ready.set(map::init(MAP_ID, tiles));
        });
    });
    let on_select = StoredValue::new_local(Closure::<dyn Fn(String)>::new(move |id: String| {
        selected.set(id.parse().ok());
    }));
    Effect::new(move |_| {
        let (Some(Ok(fc)), true) = (all.get(), ready.get()) else {
            return;
        };
        let json = serde_json::to_string(&fc).unwrap_or_default();
        let chosen = selected.get().map(|s| s.to_string());
        on_select.with_value(|f| map::show(&json, chosen, f));
    });
    let start = move |_| {
        drawn.set(None);
        drawing.set(true);
        map::start_draw();
    };
    let finish = move |_| {
        drawing.set(false);
        match map::finish_draw().and_then(|g| serde_json::from_str::<Geometry>(&g).ok()) {
            Some(g) => drawn.set(Some(g)),
            None => Toasts::error("An outline needs at least three points"),
        }
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Territories"</h1>
                <div class="form-actions">
                    <a class="button" href="/allocations/workload">"Workload"</a>
                    <ImportButton on_done=move || reload.update(|n| *n += 1)/>
                    <button class="button" on:click=move |_| spawn_local(async {
                        if let Err(p) = api::download("/territories/export", "application/json", "territories.geojson").await {
                            Toasts::error(p.detail);
                        }
                    })>"Export GeoJSON"</button>
                </div>
            </div>
            <div class="designer">
                <div class="designer-map">
                    <div id=MAP_ID class="map" data-testid="map"></div>
                    <div class="toolbar">
                        <Show when=move || !drawing.get() fallback=move || view! {
                            <span class="muted small">"Click the map to place each corner, then finish."</span>
                            <button class="button button-primary" on:click=finish>"Finish outline"</button>
                            <button class="button button-ghost" on:click=move |_| { drawing.set(false); map::cancel_draw(); }>"Cancel"</button>
                        }>
                            <button class="button" on:click=start>"Draw an outline"</button>
                            <Show when=move || drawn.get().is_some()>
                                <span class="badge badge-ok">"Outline ready: save it below"</span>
                            </Show>
                        </Show>
                    </div>
                </div>
                <div class="designer-side">
                    <Transition fallback=|| view! { <Skeleton rows=5/> }>
                        {answered(all, move |fc| view! { <Tree fc=fc selected=selected/> })}
                    </Transition>
                    {move || match selected.get() {
                        Some(id) => view! { <Details id=id drawn=drawn on_saved=move || reload.update(|n| *n += 1)/> }.into_any(),
                        None => view! { <p class="muted">"Select a territory on the map or in the tree."</p> }.into_any(),
                    }}
                    <NewTerritory all=all selected=selected drawn=drawn on_done=move |t: Territory| { selected.set(Some(t.id)); reload.update(|n| *n += 1); }/>
                </div>
            </div>
        </section>
    }
}

/// Regions, their areas, their micro-territories, by name.
#[component]
fn Tree(fc: FeatureCollection, selected: RwSignal<Option<Uuid>>) -> impl IntoView {
    if fc.features.is_empty() {
        return view! { <EmptyState title="No territories yet" hint="Draw a region's outline on the map, name it, and create it."/> }.into_any();
    }
    let children = |parent: Option<&str>, fc: &FeatureCollection| -> Vec<Feature> {
        let mut v: Vec<Feature> = fc
            .features
            .iter()
            .filter(|f| f.properties.parent.as_deref() == parent)
            .cloned()
            .collect();
        v.sort_by(|a, b| a.properties.name.cmp(&b.properties.name));
        v
    };
    let item = move |f: &Feature, depth: usize| {
        let id = f.id;
        view! {
            <li style=format!("padding-left: {}rem", depth as f32 * 1.1)>
                <button class="tree-item" class:tree-selected=move || selected.get() == Some(id) on:click=move |_| selected.set(Some(id))>
                    <span class="swatch" style=format!("background: {}", f.properties.color)></span>
                    {f.properties.name.clone()}
                    <span class="muted small">{format!(" {}", f.properties.kind.label())}</span>
                </button>
            </li>
        }
    };
    let mut rows = Vec::new();
    for region in children(None, &fc) {
        rows.push(item(&region, 0));
        for area in children(Some(&region.properties.slug), &fc) {
            rows.push(item(&area, 1));
            for micro in children(Some(&area.properties.slug), &fc) {
                rows.push(item(&micro, 2));
            }
        }
    }
    view! { <ul class="tree" data-testid="tree">{rows}</ul> }.into_any()
}

/// Text of a list, one entry per line (or comma).
fn lines(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[component]
fn Details(
    id: Uuid,
    drawn: RwSignal<Option<Geometry>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let loaded = LocalResource::new(move || api::territories::get_one(id));
    view! {
        <Transition fallback=|| view! { <Skeleton rows=3/> }>
            {answered(loaded, move |t| view! { <DetailsForm t=t drawn=drawn on_saved=on_saved/> <Assignments id=id/> })}
        </Transition>
    }
}

#[component]
fn DetailsForm(
    t: Territory,
    drawn: RwSignal<Option<Geometry>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = FormState::new();
    let name = RwSignal::new(t.name.clone());
    let color = RwSignal::new(t.color.clone());
    let weight = RwSignal::new(t.priority_weight.to_string());
    let active = RwSignal::new(t.active);
    let zips = RwSignal::new(t.zip_codes.join("\n"));
    let cities = RwSignal::new(t.cities.join("\n"));
    let states = RwSignal::new(t.states.join("\n"));
    let (id, version) = (t.id, t.version);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = UpdateTerritoryRequest {
            version: Some(version),
            name: Some(name.get_untracked()),
            color: Some(color.get_untracked()),
            priority_weight: weight.get_untracked().parse().ok(),
            active: Some(active.get_untracked()),
            geometry: drawn.get_untracked().map(Some),
            zip_codes: Some(lines(&zips.get_untracked())),
            cities: Some(lines(&cities.get_untracked())),
            states: Some(lines(&states.get_untracked())),
            ..Default::default()
        };
        form.run(
            async move { api::territories::update(id, &req).await },
            move |_| {
                drawn.set(None);
                Toasts::show("Saved; leads are placed again in the background");
                on_saved();
            },
        );
    };
    let area = |label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field"><span class="field-label">{label}</span>
                <textarea rows="2" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            </label>
        }
    };
    view! {
        <form class="form card" on:submit=save data-testid="territory-details">
            <h2 class="section-title">{format!("{} · {}", t.name, t.kind.label())}</h2>
            <Field label="Name" name="name" value=name problem=form.problem/>
            <label class="field"><span class="field-label">"Colour"</span>
                <input type="color" prop:value=move || color.get() on:input=move |ev| color.set(event_target_value(&ev))/>
            </label>
            <Field label="Priority weight (1–100)" name="priority_weight" value=weight problem=form.problem kind="number"/>
            <label class="field"><span><input type="checkbox" prop:checked=move || active.get() on:change=move |ev| active.set(event_target_checked(&ev))/>" Active"</span></label>
            {area("ZIP codes", zips)}
            {area("Cities", cities)}
            {area("States", states)}
            <ProblemBox problem=form.problem/>
            <div class="form-actions">
                <button class="button button-primary" type="submit" disabled=move || form.busy.get()>
                    {move || if drawn.get().is_some() { "Save with the new outline" } else { "Save" }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn Assignments(id: Uuid) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let _ = reload.get();
        api::territories::assignments(id)
    });
    let people = LocalResource::new(|| {
        api::users::list(UserListQuery {
            active: Some(true),
            limit: Some(200),
            ..Default::default()
        })
    });
    let options = Signal::derive(move || {
        let mut v = vec![(String::new(), "Choose someone".to_owned())];
        if let Some(Ok(p)) = people.get() {
            v.extend(
                p.items
                    .into_iter()
                    .filter(|u| matches!(u.role, Role::SalesRep | Role::SalesManager))
                    .map(|u| (u.id.to_string(), u.name)),
            );
        }
        v
    });
    let roles = Signal::derive(|| {
        AssignmentRole::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
            .collect::<Vec<_>>()
    });
    let form = FormState::new();
    let user = RwSignal::new(String::new());
    let role = RwSignal::new(AssignmentRole::Owner.as_str().to_owned());
    let primary = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(user_id) = user.get_untracked().parse() else {
            Toasts::error("Choose someone to assign");
            return;
        };
        let req = CreateAssignmentRequest {
            user_id,
            role: role
                .get_untracked()
                .parse()
                .unwrap_or(AssignmentRole::Owner),
            is_primary: primary.get_untracked(),
            effective_from: None,
            effective_to: None,
        };
        form.run(
            async move { api::territories::assign(id, &req).await },
            move |_| {
                Toasts::show("Assigned");
                reload.update(|n| *n += 1);
            },
        );
    };
    view! {
        <div class="card subsection" data-testid="assignments">
            <h3 class="section-title">"Who works it"</h3>
            <Transition fallback=|| view! { <Skeleton rows=2/> }>
                {answered(list, move |items| {
                    let current: Vec<_> = items.into_iter().filter(|a| a.effective_to.is_none()).collect();
                    if current.is_empty() {
                        return view! { <p class="muted">"Nobody yet."</p> }.into_any();
                    }
                    view! {
                        <ul class="members">{current.into_iter().map(|a| {
                            let end = move |_| {
                                FormState::new().run(api::territories::end_assignment(a.id), move |_| reload.update(|n| *n += 1));
                            };
                            view! { <li>{format!("{} — {}{}", a.user_name, a.role.label(), if a.is_primary { ", primary" } else { "" })}" "<button class="button button-ghost" on:click=end>"End"</button></li> }
                        }).collect_view()}</ul>
                    }.into_any()
                })}
            </Transition>
            <form class="form" on:submit=add>
                <SelectField label="Person" name="user_id" value=user problem=form.problem options=options/>
                <SelectField label="Role" name="role" value=role problem=form.problem options=roles/>
                <label class="field"><span><input type="checkbox" prop:checked=move || primary.get() on:change=move |ev| primary.set(event_target_checked(&ev))/>" Their primary territory"</span></label>
                <ProblemBox problem=form.problem/>
                <button class="button" type="submit" disabled=move || form.busy.get()>"Assign"</button>
            </form>
        </div>
    }
}

/// A territory under the selected one (a region when nothing, or a micro-territory, is
/// selected), with the outline drawn on the map.
#[component]
fn NewTerritory(
    all: LocalResource<api::ApiResult<FeatureCollection>>,
    selected: RwSignal<Option<Uuid>>,
    drawn: RwSignal<Option<Geometry>>,
    on_done: impl Fn(Territory) + Copy + 'static,
) -> impl IntoView {
    let form = FormState::new();
    let name = RwSignal::new(String::new());
    let parent = Memo::new(move |_| {
        let id = selected.get()?;
        match all.get() {
            Some(Ok(fc)) => fc
                .features
                .into_iter()
                .find(|f| f.id == id)
                .filter(|f| f.properties.kind != TerritoryKind::Micro),
            _ => None,
        }
    });
    let kind = move || match parent.get().map(|p| p.properties.kind) {
        Some(TerritoryKind::Region) => TerritoryKind::Area,
        Some(_) => TerritoryKind::Micro,
        None => TerritoryKind::Region,
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateTerritoryRequest {
            name: name.get_untracked(),
            slug: None,
            kind: kind(),
            parent_id: parent.get_untracked().map(|p| p.id),
            color: None,
            priority_weight: None,
            active: None,
            geometry: drawn.get_untracked(),
            zip_codes: Vec::new(),
            cities: Vec::new(),
            states: Vec::new(),
        };
        form.run(
            async move { api::territories::create(&req).await },
            move |t| {
                name.set(String::new());
                drawn.set(None);
                Toasts::show(format!("{} created", t.name));
                on_done(t);
            },
        );
    };
    view! {
        <form class="form card" on:submit=create data-testid="new-territory">
            <h3 class="section-title">{move || match parent.get() {
                Some(p) => format!("New {} in {}", kind().label().to_lowercase(), p.properties.name),
                None => "New region".to_owned(),
            }}</h3>
            <Field label="Name" name="name" value=name problem=form.problem/>
            <p class="muted small">{move || if drawn.get().is_some() { "With the outline you drew." } else { "Draw an outline on the map first, or add places after." }}</p>
            <ProblemBox problem=form.problem/>
            <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Create"</button>
        </form>
    }
}

/// Picks a `.geojson` file and imports it; the server names each feature's problem.
#[component]
fn ImportButton(on_done: impl Fn() + Copy + 'static) -> impl IntoView {
    use wasm_bindgen::JsCast;
    let picked = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(json) = text.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            else {
                Toasts::error("That file is not JSON");
                return;
            };
            match api::territories::import(json).await {
                Ok(r) => {
                    Toasts::show(format!(
                        "Imported: {} created, {} updated",
                        r.created, r.updated
                    ));
                    on_done();
                }
                Err(p) => {
                    let first: Vec<String> = p
                        .errors
                        .iter()
                        .take(3)
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect();
                    Toasts::error(if first.is_empty() {
                        p.detail
                    } else {
                        first.join("; ")
                    });
                }
            }
        });
    };
    view! {
        <label class="button">"Import GeoJSON"
            <input type="file" accept=".geojson,.json,application/geo+json,application/json" class="visually-hidden" on:change=picked/>
        </label>
    }
}
