//! Wholesale → orders: the order pipeline. Orders by status (pending first: they wait for
//! confirmation, which reserves their stock), each opened to move it to its next step or cancel
//! it.

use closebook_shared::orders::{OrderListQuery, OrderStatus};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Pager, PagerControls, Skeleton, answered};

#[component]
pub fn OrdersPage() -> impl IntoView {
    let status = RwSignal::new(Some(OrderStatus::Pending));
    let pager = Pager::new();
    let orders = LocalResource::new(move || {
        api::orders::list(OrderListQuery {
            status: status.get(),
            cursor: pager.cursor(),
            limit: Some(50),
            ..Default::default()
        })
    });
    let next = Signal::derive(move || {
        orders
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.next_cursor)
    });
    let chip = move |s: Option<OrderStatus>, label: &'static str| {
        view! {
            <button class="chip" class:active=move || status.get() == s on:click=move |_| { pager.reset(); status.set(s); }>{label}</button>
        }
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Orders"</h1></div>
            <div class="chips" role="group" aria-label="Status">
                {OrderStatus::ALL.iter().map(|s| chip(Some(*s), s.label())).collect_view()}
                {chip(None, "All")}
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(orders, |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="No orders here" hint="Partners and their reps place orders; they wait here to be confirmed."/> }.into_any();
                    }
                    view! {
                        <div class="table-wrap"><table class="table" data-testid="order-pipeline">
                            <thead><tr><th>"Order"</th><th>"Partner"</th><th>"Placed"</th><th>"Units"</th><th>"Subtotal"</th><th>"Status"</th></tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|o| view! {
                                    <tr>
                                        <td><a href=format!("/wholesale/orders/{}", o.id)>{o.number.clone()}</a>{o.po_number.clone().map(|p| view! { <span class="muted small">{format!(" {p}")}</span> })}</td>
                                        <td>{o.partner_name.clone()}</td>
                                        <td>{format::when(&o.created_at)}</td>
                                        <td>{o.units}</td>
                                        <td>{format::money(&o.subtotal)}</td>
                                        <td><span class="badge">{o.status.label()}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
        </section>
    }
}
