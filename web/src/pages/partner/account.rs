//! Account (seed 004: "business info, addresses, payment methods, preferences"): the business
//! as the account has it, its saved shipping addresses (add, make default, remove), and a link
//! to the user's own sign-in settings.

use closebook_shared::orders::ShipTo;
use closebook_shared::partners::{Partner, PostalAddress, SaveAddressRequest, ShippingAddress};
use leptos::prelude::*;

use super::resources::own_account;
use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, Skeleton, Toasts, answered,
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = own_account();
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Account"</h1>
                <a class="button button-ghost" href="/profile" rel="external">"Your sign-in and password"</a>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! { <Business a=a.clone()/> <Addresses partner=a.id/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

fn one_line(a: &PostalAddress) -> String {
    [
        Some(a.line1.clone()),
        a.line2.clone(),
        Some(format!("{}, {} {}", a.city, a.region, a.postal_code)),
        Some(a.country.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

#[component]
fn Business(a: Partner) -> impl IntoView {
    view! {
        <div class="card" data-testid="business">
            <h2>{a.business_name.clone()}</h2>
            <p class="muted">{format!("{} · {} tier, {}% off MSRP · {}", a.business_type.label(), a.tier.label(), a.discount_percent, a.payment_terms.label())}</p>
            <p>{format!("{} · {} · {}", a.contact_name, a.email, a.phone)}</p>
            <p>{one_line(&a.address)}</p>
            {a.tax_id.clone().map(|t| view! { <p class="muted small">{format!("Tax id {t}")}</p> })}
            <p class="muted small">{format!("Credit limit {} · looked after by {}", format::money(&a.credit_limit), a.rep_name.clone().unwrap_or_else(|| "your account manager".into()))}</p>
        </div>
    }
}

#[component]
fn Addresses(partner: uuid::Uuid) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let _ = reload.get();
        api::partners::addresses(partner)
    });
    let adding = RwSignal::new(false);
    let done = move || reload.update(|n| *n += 1);
    let act =
        move |request: std::pin::Pin<Box<dyn std::future::Future<Output = api::ApiResult<()>>>>,
              ok: &'static str| {
            leptos::task::spawn_local(async move {
                match request.await {
                    Ok(()) => {
                        Toasts::show(ok);
                        done();
                    }
                    Err(p) => Toasts::error(p.detail),
                }
            });
        };
    view! {
        <div class="card">
            <div class="page-header">
                <h2>"Shipping addresses"</h2>
                <button class="button" on:click=move |_| adding.set(true)>"Add address"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=2/> }>
                {answered(list, move |items| {
                    if items.is_empty() {
                        return view! { <EmptyState title="No saved addresses" hint="Orders go to your business address until you add one."/> }.into_any();
                    }
                    view! {
                        <ul class="card-list" data-testid="addresses">
                            {items.into_iter().map(|a: ShippingAddress| {
                                let id = a.id;
                                let t = &a.ship_to;
                                view! {
                                    <li class="card" data-testid="address">
                                        <div class="team-head">
                                            <strong>{a.label.clone()}</strong>
                                            {a.is_default.then(|| view! { <span class="badge">"Default"</span> })}
                                        </div>
                                        <p>{format!("{} · {}", t.recipient_name, one_line(&t.address))}</p>
                                        <p class="muted small">{[t.dock_instructions.clone(), t.dock_hours.clone(), t.requires_appointment.then(|| "by appointment".to_owned())].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</p>
                                        <div class="actions">
                                            {(!a.is_default).then(|| view! {
                                                <button class="button button-ghost" on:click=move |_| act(Box::pin(async move { api::partners::make_default_address(id).await.map(drop) }), "Default address changed")>"Make default"</button>
                                            })}
                                            <button class="button button-ghost" on:click=move |_| act(Box::pin(api::partners::delete_address(id)), "Address removed")>"Remove"</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })}
            </Transition>
            <Modal title="Add address" open=adding>
                <AddressForm partner=partner on_done=move || { adding.set(false); done(); }/>
            </Modal>
        </div>
    }
}

#[component]
fn AddressForm(
    partner: uuid::Uuid,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let [
        label,
        recipient,
        line1,
        city,
        region,
        postal,
        country,
        dock,
        hours,
    ] = ["", "", "", "", "", "", "US", "", ""].map(|v| RwSignal::new(v.to_owned()));
    let appointment = RwSignal::new(false);
    let make_default = RwSignal::new(false);
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let optional =
        |s: RwSignal<String>| Some(s.get_untracked().trim().to_owned()).filter(|t| !t.is_empty());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = SaveAddressRequest {
            label: label.get_untracked(),
            ship_to: ShipTo {
                recipient_name: recipient.get_untracked(),
                address: PostalAddress {
                    line1: line1.get_untracked(),
                    line2: None,
                    city: city.get_untracked(),
                    region: region.get_untracked(),
                    postal_code: postal.get_untracked(),
                    country: country.get_untracked(),
                },
                dock_instructions: optional(dock),
                dock_hours: optional(hours),
                requires_appointment: appointment.get_untracked(),
            },
            make_default: make_default.get_untracked(),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::partners::add_address(partner, &req).await },
            move |a| {
                Toasts::show(format!("Saved {}", a.label));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="Label" name="label" value=label problem=problem placeholder="Warehouse"/>
            <Field label="Recipient" name="ship_to.recipient_name" value=recipient problem=problem/>
            <Field label="Street" name="ship_to.address.line1" value=line1 problem=problem/>
            <Field label="City" name="ship_to.address.city" value=city problem=problem/>
            <Field label="State or region" name="ship_to.address.region" value=region problem=problem/>
            <Field label="Postal code" name="ship_to.address.postal_code" value=postal problem=problem/>
            <Field label="Country" name="ship_to.address.country" value=country problem=problem/>
            <Field label="Dock instructions" name="ship_to.dock_instructions" value=dock problem=problem/>
            <Field label="Dock hours" name="ship_to.dock_hours" value=hours problem=problem placeholder="Mon–Fri 6am–2pm"/>
            <label class="field inline"><input type="checkbox" prop:checked=move || appointment.get() on:change=move |ev| appointment.set(event_target_checked(&ev))/>" Deliveries by appointment"</label>
            <label class="field inline"><input type="checkbox" prop:checked=move || make_default.get() on:change=move |ev| make_default.set(event_target_checked(&ev))/>" Make it the default"</label>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save address"</button>
        </form>
    }
}
