//! The partner's orders: the list (newest first, paged) and one order with its lines, where it
//! ships and its history; a pending order may be cancelled. `OrderView` is also the back
//! office's order page.

use closebook_shared::orders::{
    Order, OrderListQuery, OrderStatus, OrderStatusRequest, OrderSummary,
};
use closebook_shared::{ErrorCode, Problem};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::invoices::PdfButton;
use super::tracking::BookForm;
use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, Skeleton, Toasts,
    answered,
};

/// Orders as cards linking to their page.
#[component]
pub fn OrderCards(orders: Vec<OrderSummary>) -> impl IntoView {
    if orders.is_empty() {
        return view! { <EmptyState title="No orders yet" hint="Pick products in Pricing: the cart prices them at your tier."/> }.into_any();
    }
    view! {
        <div class="card-list" data-testid="orders">
            {orders.into_iter().map(|o| view! {
                <a class="card order-card" href=format!("/partner/orders/{}", o.id)>
                    <div class="team-head">
                        <strong>{o.number.clone()}</strong>
                        <span class="badge" data-testid="order-status">{o.status.label()}</span>
                        <span class="muted">{format::when(&o.created_at)}</span>
                    </div>
                    <p class="small">
                        {format!("{} units · {}", o.units, format::money(&o.subtotal))}
                        {o.po_number.clone().map(|p| format!(" · {p}"))}
                    </p>
                </a>
            }).collect_view()}
        </div>
    }
    .into_any()
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let pager = Pager::new();
    let orders = LocalResource::new(move || {
        api::orders::list(OrderListQuery {
            cursor: pager.cursor(),
            limit: Some(20),
            ..Default::default()
        })
    });
    let next = Signal::derive(move || {
        orders
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.next_cursor)
    });
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Orders"</h1>
                <a class="button button-primary" href="/partner/pricing">"Place an order"</a>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(orders, |page| view! { <OrderCards orders=page.items/> })}
            </Transition>
            <PagerControls pager=pager next=next/>
        </section>
    }
}

/// An order's page: the partner's (`/partner/orders/:id`) and the back office's
/// (`/wholesale/orders/:id`, `may_advance`), each back to its list.
#[component]
pub fn OrderPage(back: &'static str, may_advance: bool) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let reload = RwSignal::new(0u32);
    let order = LocalResource::new(move || {
        let _ = reload.get();
        let id = id();
        async move {
            match id.parse() {
                Ok(id) => api::orders::get_order(id).await,
                Err(_) => Err(Problem::new(ErrorCode::NotFound, "order not found")),
            }
        }
    });
    view! {
        <section class="page">
            <a class="muted" href=back>"← Orders"</a>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(order, move |o| view! { <OrderView order=o on_change=move || reload.update(|n| *n += 1) may_advance=may_advance/> })}
            </Transition>
        </section>
    }
}

/// One order: its lines and totals, where it ships, its history; cancel while it may be
/// (`may_advance`: the back office also moves it to its next step).
#[component]
pub fn OrderView(
    order: Order,
    on_change: impl Fn() + Clone + Send + Sync + 'static,
    may_advance: bool,
) -> impl IntoView {
    let cancel_open = RwSignal::new(false);
    let book_open = RwSignal::new(false);
    let may_book =
        may_advance && !matches!(order.status, OrderStatus::Pending | OrderStatus::Cancelled);
    let booked = on_change.clone();
    let can_cancel = if may_advance {
        order.status.cancellable()
    } else {
        order.status == OrderStatus::Pending
    };
    let next = order.status.next().filter(|_| may_advance);
    let (id, version) = (order.id, order.version);
    let advance = FormState::new();
    let advance_problem = advance.problem;
    let on_advance = {
        let on_change = on_change.clone();
        move |_| {
            let Some(next) = next else { return };
            let body = OrderStatusRequest {
                status: next,
                note: None,
                version: Some(version),
            };
            let on_change = on_change.clone();
            advance.run(
                async move { api::orders::set_status(id, &body).await },
                move |o| {
                    Toasts::show(format!(
                        "{} is {}",
                        o.number,
                        o.status.label().to_lowercase()
                    ));
                    on_change();
                },
            );
        }
    };
    let ship = order.ship_to.clone();
    let a = ship.address.clone();
    view! {
        <div class="page-header">
            <h1 class="page-title">{order.number.clone()}</h1>
            <span class="badge" data-testid="order-status">{order.status.label()}</span>
            {next.map(|n| view! { <button class="button button-primary" data-testid="advance" on:click=on_advance.clone()>{format!("Move to {}", n.label().to_lowercase())}</button> })}
            {may_book.then(|| view! { <button class="button" on:click=move |_| book_open.set(true)>"Book shipment"</button> })}
            {can_cancel.then(|| view! { <button class="button button-ghost" on:click=move |_| cancel_open.set(true)>"Cancel order"</button> })}
        </div>
        <ProblemBox problem=advance_problem/>
        <p class="muted">{format!("{} · placed {}", order.partner_name, format::when(&order.created_at))}
            {order.po_number.clone().map(|p| format!(" · {p}"))}</p>
        <div class="table-wrap"><table class="table" data-testid="order-lines">
            <thead><tr><th>"Product"</th><th>"Units"</th><th>"MSRP"</th><th>"Your price"</th><th>"Subtotal"</th></tr></thead>
            <tbody>
                {order.lines.iter().map(|l| view! {
                    <tr>
                        <td>{format!("{} ({})", l.name, l.sku)}</td>
                        <td>{format!("{} ({} cases of {})", l.quantity, l.quantity / l.case_pack.max(1), l.case_pack)}</td>
                        <td>{format::money(&l.unit_msrp)}</td>
                        <td>{format::money(&l.unit_price)}</td>
                        <td>{format::money(&l.subtotal)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
        <p class="order-totals">
            {format!("MSRP {} · your {}% discount {} · ", format::money(&order.msrp_total), order.discount_percent, format::money(&order.discount))}
            <strong data-testid="order-subtotal">{format::money(&order.subtotal)}</strong>
            {format!(" · {}", order.payment_terms.label())}
        </p>
        {order.invoice_id.zip(order.invoice_number.clone()).map(|(invoice, number)| view! {
            <p class="order-invoice" data-testid="order-invoice">
                {format!("Invoice {number} · ")}
                {match order.paid_at {
                    Some(at) => format!("paid {} ", format::when(&at)),
                    None => "not paid yet ".to_owned(),
                }}
                <PdfButton id=invoice number=number/>
            </p>
        })}
        <div class="card">
            <h2>"Ship to"</h2>
            <p>{ship.recipient_name.clone()}</p>
            <p class="muted">{format!("{}{}, {}, {} {}, {}", a.line1, a.line2.map(|l| format!(", {l}")).unwrap_or_default(), a.city, a.region, a.postal_code, a.country)}</p>
            {ship.dock_instructions.clone().map(|d| view! { <p class="small">{format!("Dock: {d}")}</p> })}
            {ship.dock_hours.clone().map(|d| view! { <p class="small">{format!("Dock hours: {d}")}</p> })}
            {ship.requires_appointment.then(|| view! { <p class="small">"Delivery by appointment"</p> })}
        </div>
        <h2>"History"</h2>
        <ol class="timeline" data-testid="order-history">
            {order.history.iter().rev().map(|e| view! {
                <li class="timeline-item">
                    <strong>{e.to.label()}</strong>
                    <span class="muted">{format!(" · {}{}", format::when(&e.at), e.by_name.clone().map(|n| format!(" · {n}")).unwrap_or_default())}</span>
                    {e.note.clone().map(|n| view! { <p class="small">{n}</p> })}
                </li>
            }).collect_view()}
        </ol>
        <Modal title="Book shipment" open=book_open>
            <BookForm order=id on_done={
                let booked = booked.clone();
                move || { book_open.set(false); booked(); }
            }/>
        </Modal>
        <Modal title="Cancel order" open=cancel_open>
            <CancelForm id=id version=version on_done={
                let on_change = on_change.clone();
                move || { cancel_open.set(false); on_change(); }
            }/>
        </Modal>
    }
}

#[component]
fn CancelForm(
    id: uuid::Uuid,
    version: i64,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked().trim().to_owned();
        let body = OrderStatusRequest {
            status: OrderStatus::Cancelled,
            note: (!text.is_empty()).then_some(text),
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::orders::set_status(id, &body).await },
            move |o| {
                Toasts::show(format!("{} is cancelled", o.number));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="Why" name="note" value=note problem=problem/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Cancel order"</button>
        </form>
    }
}
