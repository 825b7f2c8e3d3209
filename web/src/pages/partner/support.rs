//! Support (seed 004: "contact account manager, submit tickets, FAQ"): the partner's page with
//! who to call, its tickets and a new one, and the answers most asked for; and the back
//! office's desk of open tickets, where they are resolved.

use closebook_shared::partner_invoices::{LATE_FEE_PERCENT, REMIND_DAYS_BEFORE};
use closebook_shared::support::{
    CreateTicketRequest, ResolveTicketRequest, SupportTicket, TicketCategory, TicketListQuery,
    TicketStatus,
};
use leptos::prelude::*;

use super::resources::own_account;
use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
    enum_options,
};

#[component]
pub fn SupportPage() -> impl IntoView {
    let account = own_account();
    let reload = RwSignal::new(0u32);
    let opening = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Support"</h1>
                <button class="button button-primary" on:click=move |_| opening.set(true)>"New ticket"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=2/> }>
                {answered(account, |page| match page.items.into_iter().next() {
                    None => view! { <EmptyState title="Your sign-in is not linked to an account" hint="Ask your account manager to add you to your business's account."/> }.into_any(),
                    Some(a) => view! { <Contacts partner=a.id/> }.into_any(),
                })}
            </Transition>
            <h2>"Your tickets"</h2>
            <Tickets reload=reload may_resolve=false/>
            <Faq/>
            <Modal title="New ticket" open=opening>
                <TicketForm on_done=move || { opening.set(false); reload.update(|n| *n += 1); }/>
            </Modal>
        </section>
    }
}

#[component]
fn Contacts(partner: uuid::Uuid) -> impl IntoView {
    let contacts = LocalResource::new(move || api::support::contacts(partner));
    view! {
        <Transition fallback=|| view! { <Skeleton rows=1/> }>
            {answered(contacts, |people| view! {
                <div class="stat-grid" data-testid="contacts">
                    {people.into_iter().map(|p| view! {
                        <div class="card stat">
                            <span class="stat-label">{p.role.clone()}</span>
                            <strong>{p.name.clone()}</strong>
                            {p.title.clone().map(|t| view! { <span class="muted small">{t}</span> })}
                            <a href=format!("mailto:{}", p.email)>{p.email.clone()}</a>
                            {p.phone.clone().map(|ph| view! { <a href=format!("tel:{ph}")>{ph.clone()}</a> })}
                        </div>
                    }).collect_view()}
                </div>
            })}
        </Transition>
    }
}

/// The tickets the caller sees, newest first; the back office resolves open ones here.
#[component]
fn Tickets(reload: RwSignal<u32>, may_resolve: bool) -> impl IntoView {
    let only_open = RwSignal::new(may_resolve);
    let tickets = LocalResource::new(move || {
        let _ = reload.get();
        api::support::list(TicketListQuery {
            status: only_open.get().then_some(TicketStatus::Open),
            limit: Some(100),
            ..Default::default()
        })
    });
    let resolving = RwSignal::new(None::<SupportTicket>);
    let resolve_open = RwSignal::new(false);
    view! {
        <div class="chips" role="group" aria-label="Which tickets">
            <button class="chip" class:active=move || only_open.get() on:click=move |_| only_open.set(true)>"Open"</button>
            <button class="chip" class:active=move || !only_open.get() on:click=move |_| only_open.set(false)>"All"</button>
        </div>
        <Transition fallback=|| view! { <Skeleton rows=3/> }>
            {answered(tickets, move |page| {
                if page.items.is_empty() {
                    return view! { <EmptyState title="No tickets here" hint="A question about an order, an invoice or a delivery? Open a ticket."/> }.into_any();
                }
                view! {
                    <ul class="card-list">
                        {page.items.into_iter().map(|t| {
                            let to_resolve = t.clone();
                            view! {
                                <li class="card" data-testid="ticket">
                                    <div class="team-head">
                                        <strong>{format!("{} · {}", t.number, t.subject)}</strong>
                                        <span class="badge" data-testid="ticket-status">{t.status.label()}</span>
                                    </div>
                                    <p class="muted small">{format!("{} · {} · opened by {} {}", t.partner_name, t.category.label(), t.opened_by_name, format::when(&t.created_at))}</p>
                                    <p>{t.body.clone()}</p>
                                    {t.resolution.clone().map(|r| view! {
                                        <p class="resolution" data-testid="ticket-resolution"><strong>{format!("{}: ", t.resolved_by_name.clone().unwrap_or_default())}</strong>{r}</p>
                                    })}
                                    {(may_resolve && t.status == TicketStatus::Open).then(|| view! {
                                        <button class="button" on:click=move |_| { resolving.set(Some(to_resolve.clone())); resolve_open.set(true); }>"Resolve"</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </Transition>
        <Modal title="Resolve ticket" open=resolve_open>
            {move || resolving.get().map(|t| view! { <ResolveForm ticket=t on_done=move || { resolve_open.set(false); reload.update(|n| *n += 1); }/> })}
        </Modal>
    }
}

#[component]
fn TicketForm(on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let category = RwSignal::new(TicketCategory::Order.as_str().to_owned());
    let subject = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateTicketRequest {
            partner_id: None,
            category: category
                .get_untracked()
                .parse()
                .unwrap_or(TicketCategory::Other),
            order_id: None,
            subject: subject.get_untracked(),
            body: body.get_untracked(),
        };
        let on_done = on_done.clone();
        form.run(async move { api::support::open(&req).await }, move |t| {
            Toasts::show(format!(
                "Ticket {} opened: your account manager will answer",
                t.number
            ));
            on_done();
        });
    };
    let options = enum_options(
        TicketCategory::ALL,
        TicketCategory::as_str,
        TicketCategory::label,
    );
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <SelectField label="About" name="category" value=category problem=problem options=options/>
            <Field label="Subject" name="subject" value=subject problem=problem/>
            <label class="field">
                <span class="field-label">"What happened"</span>
                <textarea name="body" aria-label="What happened" rows="5" prop:value=move || body.get() on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            </label>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Open ticket"</button>
        </form>
    }
}

#[component]
fn ResolveForm(
    ticket: SupportTicket,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let resolution = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let (id, version) = (ticket.id, ticket.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = ResolveTicketRequest {
            resolution: resolution.get_untracked(),
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::support::resolve(id, &req).await },
            move |t| {
                Toasts::show(format!("{} is resolved", t.number));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p><strong>{format!("{} · {}", ticket.number, ticket.subject)}</strong></p>
            <p class="muted">{ticket.body.clone()}</p>
            <ProblemBox problem=problem/>
            <Field label="What was done" name="resolution" value=resolution problem=problem/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Resolve"</button>
        </form>
    }
}

/// The answers most asked for, from the rules the system runs on.
#[component]
fn Faq() -> impl IntoView {
    let answers = [
        ("How is my price set?", "Your tier takes its discount off each product's MSRP; the Pricing page shows your price and what you keep selling at MSRP.".to_owned()),
        ("Why did my quantity change?", "Products ship in whole cases and have a minimum order: the cart rounds up to both before you place it.".to_owned()),
        ("When is an invoice due?", format!("Each order is invoiced when placed and due after your terms (NET 30 or NET 60; prepaid orders are confirmed once paid). We remind you {REMIND_DAYS_BEFORE} days before; an unpaid invoice on its due date gets a late fee of {LATE_FEE_PERCENT}% once.")),
        ("Can I cancel an order?", "Until it ships, open a ticket about the order. An order already paid is not cancelled here: your account manager settles it with you.".to_owned()),
        ("What if a delivery arrives warm?", "Track orders shows each shipment's temperature log with any excursion flagged: open a delivery ticket and do not sell the product.".to_owned()),
    ];
    view! {
        <div class="card faq" data-testid="faq">
            <h2>"Questions we are asked most"</h2>
            {answers.into_iter().map(|(q, a)| view! {
                <details><summary>{q}</summary><p>{a}</p></details>
            }).collect_view()}
        </div>
    }
}

/// The back office's desk: every open ticket, resolved here.
#[component]
pub fn SupportDesk() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Support tickets"</h1></div>
            <Tickets reload=reload may_resolve=true/>
        </section>
    }
}
