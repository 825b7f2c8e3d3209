//! `/commissions`: the month's money by status, how the rate is made up, the lines of a chosen
//! month down to their explanations, and its PDF statement.

use closebook_shared::commission_lines::{CommissionLine, CommissionListQuery};
use closebook_shared::commissions::close::{self, LedgerLine};
use closebook_shared::{Money, Page, Problem};
use leptos::prelude::*;

use super::SubNav;
use super::lines::Lines;
use super::plan::PlanCard;
use super::summary::Summary;
use crate::api::{self, Session};
use crate::components::format;
use crate::components::month::{MonthPicker, this_month};
use crate::components::ui::{EmptyState, ProblemBox, Skeleton, answered};

#[component]
pub fn CommissionPage() -> impl IntoView {
    let session = Session::get();
    let period = RwSignal::new(this_month());
    let reload = RwSignal::new(0u32);
    let lines = LocalResource::new(move || {
        reload.track();
        let q = CommissionListQuery {
            rep: Some("me".into()),
            period: Some(period.get()),
            limit: Some(200),
            ..Default::default()
        };
        async move { api::commissions::list(q).await }
    });
    let pdf_problem = RwSignal::new(None::<Problem>);
    let pdf = move |_| {
        let (Some(me), p) = (
            session.user.with_untracked(|u| u.as_ref().map(|u| u.id)),
            period.get_untracked(),
        ) else {
            return;
        };
        leptos::task::spawn_local(async move {
            pdf_problem.set(api::commissions::download_statement(me, p).await.err());
        });
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Commission"</h1>
            </div>
            <SubNav/>
            <Summary/>
            <h2 class="section-title">"How your rate is made up"</h2>
            <PlanCard/>
            <div class="page-header">
                <h2 class="section-title">"Lines"</h2>
                <MonthPicker label="Month" period=period/>
                <button class="button button-ghost" on:click=pdf>"Statement (PDF)"</button>
            </div>
            <ProblemBox problem=pdf_problem/>
            <Transition fallback=|| view! { <Skeleton rows=4/> }>
                {answered(lines, move |page: Page<CommissionLine>| if page.items.is_empty() {
                    view! { <EmptyState title="No commission this month yet" hint="Lines appear as deals are won, invoices paid and upsells sold."/> }.into_any()
                } else {
                    view! {
                        <ByType lines=page.items.clone()/>
                        <Lines lines=page.items on_change=Callback::new(move |()| reload.update(|n| *n += 1))/>
                    }.into_any()
                })}
            </Transition>
        </section>
    }
}

/// The month's lines summed by type: the shared statement (voided lines left out), as the
/// server's statement and the monthly close sum them.
#[component]
fn ByType(lines: Vec<CommissionLine>) -> impl IntoView {
    let currency = lines
        .first()
        .map(|l| l.amount.currency.clone())
        .unwrap_or_default();
    let ledger: Vec<LedgerLine> = lines
        .iter()
        .map(|l| LedgerLine {
            line_type: l.line_type,
            base: l.base.amount,
            amount: l.amount.amount,
            status: l.status,
        })
        .collect();
    view! {
        <ul class="plain-list by-type">
            {close::statement(&ledger).totals.into_iter().map(|t| {
                let m = Money::new(t.amount, currency.clone());
                view! { <li><span>{t.line_type.label()}</span>" "<strong>{format::money(&m)}</strong></li> }
            }).collect_view()}
        </ul>
    }
}
