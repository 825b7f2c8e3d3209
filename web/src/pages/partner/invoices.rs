//! Invoices: the partner's (`/partner/invoices`: what it owes, when, the PDF) and finance's
//! (`/wholesale/invoices`, `may_pay`: every account's, overdue first, to record payments).

use closebook_shared::partner_invoices::{
    InvoiceStatus, PartnerInvoice, PartnerInvoiceListQuery, PayPartnerInvoiceRequest,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, Skeleton, Toasts,
    answered,
};

/// Saves the invoice's PDF.
#[component]
pub fn PdfButton(id: uuid::Uuid, number: String) -> impl IntoView {
    view! {
        <button class="button button-ghost" on:click=move |_| {
            let number = number.clone();
            spawn_local(async move {
                if let Err(p) = api::partner_invoices::pdf(id, &number).await {
                    Toasts::error(p.detail);
                }
            })
        }>"PDF"</button>
    }
}

fn badge(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Overdue => "badge badge-warn",
        InvoiceStatus::Paid => "badge badge-ok",
        _ => "badge",
    }
}

#[component]
pub fn InvoicesPage(may_pay: bool) -> impl IntoView {
    let first = may_pay.then_some(InvoiceStatus::Overdue);
    let status = RwSignal::new(first);
    let pager = Pager::new();
    let reload = RwSignal::new(0u32);
    let invoices = LocalResource::new(move || {
        reload.track();
        api::partner_invoices::list(PartnerInvoiceListQuery {
            status: status.get(),
            cursor: pager.cursor(),
            limit: Some(50),
            ..Default::default()
        })
    });
    let next = Signal::derive(move || {
        invoices
            .get()
            .and_then(|r| r.ok())
            .and_then(|p| p.next_cursor)
    });
    let paying = RwSignal::new(None::<PartnerInvoice>);
    let pay_open = RwSignal::new(false);
    let chip = move |s: Option<InvoiceStatus>, label: &'static str| {
        view! {
            <button class="chip" class:active=move || status.get() == s on:click=move |_| { pager.reset(); status.set(s); }>{label}</button>
        }
    };
    let order_link = move |i: &PartnerInvoice| {
        let base = if may_pay {
            "/wholesale/orders"
        } else {
            "/partner/orders"
        };
        format!("{base}/{}", i.order_id)
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Invoices"</h1></div>
            <div class="chips" role="group" aria-label="Status">
                {InvoiceStatus::ALL.iter().map(|s| chip(Some(*s), s.label())).collect_view()}
                {chip(None, "All")}
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(invoices, move |page| {
                    if page.items.is_empty() {
                        return view! { <EmptyState title="No invoices here" hint="Each order is invoiced when it is placed, due after the account's terms."/> }.into_any();
                    }
                    view! {
                        <div class="table-wrap"><table class="table" data-testid="invoices">
                            <thead><tr>
                                <th>"Invoice"</th><th>"Order"</th>
                                {may_pay.then(|| view! { <th>"Partner"</th> })}
                                <th>"Issued"</th><th>"Due"</th><th>"Total"</th><th>"Amount due"</th><th>"Status"</th><th></th>
                            </tr></thead>
                            <tbody>
                                {page.items.into_iter().map(|i| {
                                    let payable = may_pay && matches!(i.status, InvoiceStatus::Open | InvoiceStatus::Overdue);
                                    let to_pay = i.clone();
                                    view! {
                                        <tr data-testid="invoice-row">
                                            <td>{i.number.clone()}</td>
                                            <td><a href=order_link(&i)>{i.order_number.clone()}</a></td>
                                            {may_pay.then(|| view! { <td>{i.partner_name.clone()}</td> })}
                                            <td>{format::date(&i.issued_at.date_naive())}</td>
                                            <td>{format::date(&i.due_at.date_naive())}</td>
                                            <td>{format::money(&i.total)}{(!i.late_fee.amount.is_zero()).then(|| view! { <span class="muted small">{format!(" incl. late fee {}", format::money(&i.late_fee))}</span> })}</td>
                                            <td>{format::money(&i.amount_due)}</td>
                                            <td><span class=badge(i.status) data-testid="invoice-status">{i.status.label()}</span></td>
                                            <td class="form-actions">
                                                <PdfButton id=i.id number=i.number.clone()/>
                                                {payable.then(|| view! { <button class="button" on:click=move |_| { paying.set(Some(to_pay.clone())); pay_open.set(true); }>"Record payment"</button> })}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    }.into_any()
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
            <Modal title="Record payment" open=pay_open>
                {move || paying.get().map(|i| view! {
                    <PayForm invoice=i on_done=move || { pay_open.set(false); reload.update(|n| *n += 1); }/>
                })}
            </Modal>
        </section>
    }
}

#[component]
fn PayForm(
    invoice: PartnerInvoice,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let reference = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let (id, version) = (invoice.id, invoice.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reference.get_untracked().trim().to_owned();
        let body = PayPartnerInvoiceRequest {
            paid_at: None,
            reference: (!text.is_empty()).then_some(text),
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::partner_invoices::pay(id, &body).await },
            move |i| {
                Toasts::show(format!("{} is paid", i.number));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p>{format!("{} · {} · {} due", invoice.number, invoice.partner_name, format::money(&invoice.amount_due))}</p>
            <ProblemBox problem=problem/>
            <Field label="Reference (cheque or transfer number)" name="reference" value=reference problem=problem/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Paid today"</button>
        </form>
    }
}
