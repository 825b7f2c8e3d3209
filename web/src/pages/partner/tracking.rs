//! Track Orders (seed 004): the partner's shipments (`/partner/tracking`) and the back office's
//! (`/wholesale/shipments`, `may_track`: it records tracking events), each with its timeline,
//! where it is, its temperature log with excursions flagged, and who signed for it.

use closebook_shared::shipments::{
    Carrier, CreateShipmentRequest, Shipment, ShipmentListQuery, ShipmentStatus,
    TrackingEventRequest,
};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, SelectField, Skeleton,
    Toasts, answered, enum_options,
};

#[component]
pub fn TrackingPage(may_track: bool) -> impl IntoView {
    let pager = Pager::new();
    let reload = RwSignal::new(0u32);
    let shipments = LocalResource::new(move || {
        reload.track();
        api::shipments::list(ShipmentListQuery {
            cursor: pager.cursor(),
            limit: Some(20),
            ..Default::default()
        })
    });
    let next = Signal::derive(move || {
        shipments
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.next_cursor)
    });
    let tracking = RwSignal::new(None::<Shipment>);
    let open = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">{if may_track { "Shipments" } else { "Track orders" }}</h1></div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(shipments, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="Nothing on the road" hint="Shipments appear here once an order leaves the warehouse."/> }.into_any();
                    }
                    view! {
                        <div class="card-list" data-testid="shipments">
                            {page.items.into_iter().map(|s| {
                                let act = s.clone();
                                let movable = may_track && s.status != ShipmentStatus::Delivered;
                                view! {
                                    <ShipmentCard shipment=s/>
                                    {movable.then(|| view! {
                                        <button class="button" on:click=move |_| { tracking.set(Some(act.clone())); open.set(true); }>"Add tracking event"</button>
                                    })}
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
            <Modal title="Tracking event" open=open>
                {move || tracking.get().map(|s| view! {
                    <TrackForm shipment=s on_done=move || { open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

/// One shipment: carrier and tracking number, status, timeline, temperature log, proof.
#[component]
fn ShipmentCard(shipment: Shipment) -> impl IntoView {
    let s = shipment;
    view! {
        <article class="card shipment-card" data-testid="shipment">
            <div class="team-head">
                <strong>{s.order_number.clone()}</strong>
                <span class="badge" data-testid="shipment-status">{s.status.label()}</span>
                <span class="muted">{format!("{} {}{}", s.carrier.label(), s.tracking_number, s.service.clone().map(|v| format!(" · {v}")).unwrap_or_default())}</span>
            </div>
            <p class="small">
                {s.current_location.clone().map(|l| format!("Now: {l}")).unwrap_or_default()}
                {s.estimated_delivery.map(|t| format!(" · expected {}", format::when(&t)))}
                {format!(" · {} package(s) · {}", s.packages, s.partner_name)}
            </p>
            {s.signed_by.clone().map(|who| view! {
                <p class="small" data-testid="proof-of-delivery">{format!("Delivered {} · signed by {who}", s.delivered_at.map(|t| format::when(&t)).unwrap_or_default())}</p>
            })}
            <ol class="timeline">
                {s.events.iter().rev().map(|e| view! {
                    <li class="timeline-item">
                        <strong>{e.status.label()}</strong>
                        <span class="muted">{format!(" · {} · {}", e.location, format::when(&e.at))}</span>
                        {e.description.clone().map(|d| view! { <p class="small">{d}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            {(s.temperature_controlled && !s.readings.is_empty()).then(|| view! {
                <details>
                    <summary data-testid="temperature-summary">{format!("Temperature log: {} readings, {} excursion(s) · target {} °F, tolerance {} °F", s.readings.len(), s.excursions, s.target_temperature, s.tolerance)}</summary>
                    <table class="table">
                        <thead><tr><th>"When"</th><th>"°F"</th><th>"Where"</th></tr></thead>
                        <tbody>
                            {s.readings.iter().map(|r| view! {
                                <tr class:excursion=r.excursion>
                                    <td>{format::when(&r.at)}</td>
                                    <td>{r.temperature.to_string()}{r.excursion.then_some(" ⚠ excursion")}</td>
                                    <td>{r.location.clone().unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </details>
            })}
        </article>
    }
}

#[component]
fn TrackForm(
    shipment: Shipment,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let status = RwSignal::new(ShipmentStatus::InTransit.as_str().to_owned());
    let location = RwSignal::new(shipment.current_location.clone().unwrap_or_default());
    let signed_by = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let (id, version, from) = (shipment.id, shipment.version, shipment.status);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty())
        };
        let body = TrackingEventRequest {
            status: status
                .get_untracked()
                .parse()
                .unwrap_or(ShipmentStatus::InTransit),
            location: location.get_untracked().trim().to_owned(),
            description: None,
            at: None,
            signed_by: text(signed_by),
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::shipments::track(id, &body).await },
            move |s| {
                Toasts::show(format!(
                    "{} is {}",
                    s.tracking_number,
                    s.status.label().to_lowercase()
                ));
                on_done();
            },
        );
    };
    let next: Vec<ShipmentStatus> = ShipmentStatus::ALL
        .iter()
        .copied()
        .filter(|s| from.may_become(*s))
        .collect();
    view! {
        <form class="form" on:submit=submit>
            <p>{format!("{} · {} {}", shipment.order_number, shipment.carrier.label(), shipment.tracking_number)}</p>
            <ProblemBox problem=problem/>
            <SelectField label="Status" name="status" value=status problem=problem
                options=Signal::derive(move || enum_options(&next, ShipmentStatus::as_str, ShipmentStatus::label))/>
            <Field label="Location" name="location" value=location problem=problem/>
            <Show when=move || status.get() == ShipmentStatus::Delivered.as_str()>
                <Field label="Signed by" name="signed_by" value=signed_by problem=problem/>
            </Show>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Record"</button>
        </form>
    }
}

/// The back office books a shipment of an order with a carrier.
#[component]
pub fn BookForm(
    order: uuid::Uuid,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let carrier = RwSignal::new(Carrier::Fedex.as_str().to_owned());
    let number = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let service = Some(service.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
        let body = CreateShipmentRequest {
            carrier: carrier.get_untracked().parse().unwrap_or(Carrier::Other),
            service,
            tracking_number: number.get_untracked(),
            packages: None,
            temperature_controlled: None,
            target_temperature: None,
            tolerance: None,
            estimated_delivery: None,
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::shipments::book(order, &body).await },
            move |s| {
                Toasts::show(format!(
                    "Booked {} {}",
                    s.carrier.label(),
                    s.tracking_number
                ));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <SelectField label="Carrier" name="carrier" value=carrier problem=problem
                options=Signal::derive(|| enum_options(Carrier::ALL, Carrier::as_str, Carrier::label))/>
            <Field label="Tracking number" name="tracking_number" value=number problem=problem/>
            <Field label="Service" name="service" value=service problem=problem placeholder="Ground, Overnight, …"/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Book shipment"</button>
        </form>
    }
}
