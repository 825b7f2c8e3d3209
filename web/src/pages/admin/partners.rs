//! Admin → partners: applications waiting for approval first, then every account by status;
//! approve with tier, credit and terms; suspend, reactivate or close with a reason.

use closebook_shared::Money;
use closebook_shared::partners::{
    ApprovePartnerRequest, Partner, PartnerListQuery, PartnerStatus, PartnerStatusRequest,
    PartnerTier, PaymentTerms,
};
use leptos::prelude::*;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, ProblemBox, SelectField, Skeleton, Toasts, answered,
    enum_options, typed_amount,
};

#[component]
pub fn PartnersPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let status = RwSignal::new(Some(PartnerStatus::Pending));
    let partners = LocalResource::new(move || {
        let _ = reload.get();
        api::partners::list(PartnerListQuery {
            status: status.get(),
            limit: Some(200),
            ..Default::default()
        })
    });
    let approving = RwSignal::new(None::<Partner>);
    let approve_open = RwSignal::new(false);
    let changing = RwSignal::new(None::<Partner>);
    let change_open = RwSignal::new(false);
    let done = move || reload.update(|n| *n += 1);
    let chip = move |s: Option<PartnerStatus>, label: &'static str| {
        view! {
            <button class="chip" class:active=move || status.get() == s on:click=move |_| status.set(s)>{label}</button>
        }
    };
    view! {
        <section class="page">
            <div class="page-header"><h1 class="page-title">"Partners"</h1></div>
            <div class="chips" role="group" aria-label="Status">
                {chip(Some(PartnerStatus::Pending), "Applications")}
                {chip(Some(PartnerStatus::Active), "Active")}
                {chip(Some(PartnerStatus::Suspended), "Suspended")}
                {chip(Some(PartnerStatus::Closed), "Closed")}
                {chip(None, "All")}
            </div>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(partners, move |page| match page {
                    p if p.items.is_empty() => view! { <EmptyState title="No partner accounts here" hint="Reps apply for the businesses they bring in; their applications wait here for approval."/> }.into_any(),
                    p => view! {
                        <div class="card-list">
                            {p.items.into_iter().map(|a| {
                                let (to_approve, to_change) = (a.clone(), a.clone());
                                let pending = a.status == PartnerStatus::Pending;
                                let closed = a.status == PartnerStatus::Closed;
                                view! {
                                    <div class="card partner-card">
                                        <div class="team-head">
                                            <strong>{a.business_name.clone()}</strong>
                                            <span class="badge">{a.status.label()}</span>
                                            <span class="muted">{format!("{} · {}, {}", a.business_type.label(), a.address.city, a.address.region)}</span>
                                        </div>
                                        <p class="muted small">
                                            {format!("{} · {} · {}", a.contact_name, a.email, a.phone)}
                                            {a.rep_name.clone().map(|r| format!(" · rep {r}"))}
                                        </p>
                                        {(!pending).then(|| view! {
                                            <p class="small">{format!("{} tier ({}% off MSRP) · credit {} ({} available) · {}", a.tier.label(), a.discount_percent, format::money(&a.credit_limit), format::money(&a.stats.available_credit), a.payment_terms.label())}</p>
                                            <p class="small muted">{format!("{} orders, {} to date", a.stats.orders, format::money(&a.stats.lifetime_value))}</p>
                                        })}
                                        {a.status_reason.clone().map(|r| view! { <p class="small muted">{r}</p> })}
                                        <div class="actions">
                                            {pending.then(|| view! {
                                                <button class="button button-primary" on:click=move |_| { approving.set(Some(to_approve.clone())); approve_open.set(true); }>"Approve"</button>
                                            })}
                                            {(!closed).then(|| view! {
                                                <button class="button button-ghost" on:click=move |_| { changing.set(Some(to_change.clone())); change_open.set(true); }>"Change status"</button>
                                            })}
                                        </div>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any(),
                })}
            </Transition>
            <Modal title="Approve partner" open=approve_open>
                {move || approving.get().map(|p| view! { <ApproveForm partner=p on_done=move || { approve_open.set(false); done(); }/> })}
            </Modal>
            <Modal title="Change status" open=change_open>
                {move || changing.get().map(|p| view! { <StatusForm partner=p on_done=move || { change_open.set(false); done(); }/> })}
            </Modal>
        </section>
    }
}

#[component]
fn ApproveForm(
    partner: Partner,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let tier = RwSignal::new(PartnerTier::Starter.as_str().to_owned());
    let terms = RwSignal::new(PaymentTerms::Net30.as_str().to_owned());
    let credit = RwSignal::new("10000.00".to_owned());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let currency = partner.credit_limit.currency.clone();
    let (id, version) = (partner.id, partner.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let amount = typed_amount(&credit.get_untracked());
        let (Ok(tier), Ok(terms)) = (
            tier.get_untracked().parse::<PartnerTier>(),
            terms.get_untracked().parse::<PaymentTerms>(),
        ) else {
            return;
        };
        let body = ApprovePartnerRequest {
            tier,
            credit_limit: Money::new(amount, currency.clone()),
            payment_terms: terms,
            account_manager_id: None,
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::partners::approve(id, &body).await },
            move |p| {
                Toasts::show(format!("Approved {}", p.business_name));
                on_done();
            },
        );
    };
    view! {
        <form class="form" on:submit=submit>
            <p>{partner.business_name.clone()}</p>
            <ProblemBox problem=problem/>
            <SelectField label="Tier" name="tier" value=tier problem=problem
                options=Signal::derive(|| enum_options(PartnerTier::ALL, PartnerTier::as_str, PartnerTier::label))/>
            <Field label="Credit limit" name="credit_limit" value=credit problem=problem/>
            <SelectField label="Payment terms" name="payment_terms" value=terms problem=problem
                options=Signal::derive(|| enum_options(PaymentTerms::ALL, PaymentTerms::as_str, PaymentTerms::label))/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Approve"</button>
        </form>
    }
}

#[component]
fn StatusForm(
    partner: Partner,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let next: Vec<PartnerStatus> = PartnerStatus::ALL
        .iter()
        .copied()
        .filter(|s| partner.status.may_become(*s))
        .collect();
    let status = RwSignal::new(
        next.first()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let (problem, busy) = (form.problem, form.busy);
    let (id, version) = (partner.id, partner.version);
    let choices = next.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(status) = choices
            .iter()
            .copied()
            .find(|s| s.as_str() == status.get_untracked())
        else {
            return;
        };
        let text = reason.get_untracked().trim().to_owned();
        let body = PartnerStatusRequest {
            status,
            reason: (!text.is_empty()).then_some(text),
            version: Some(version),
        };
        let on_done = on_done.clone();
        form.run(
            async move { api::partners::set_status(id, &body).await },
            move |p| {
                Toasts::show(format!(
                    "{} is {}",
                    p.business_name,
                    p.status.label().to_lowercase()
                ));
                on_done();
            },
        );
    };
    let labels = enum_options(&next, PartnerStatus::as_str, PartnerStatus::label);
    view! {
        <form class="form" on:submit=submit>
            <p>{format!("{} is {}", partner.business_name, partner.status.label().to_lowercase())}</p>
            <ProblemBox problem=problem/>
            <SelectField label="New status" name="status" value=status problem=problem options=Signal::derive(move || labels.clone())/>
            <Field label="Reason" name="reason" value=reason problem=problem/>
            <button class="button button-primary" type="submit" disabled=move || busy.get()>"Save"</button>
        </form>
    }
}
