//! Finance → approval queue: lines by status, month and type, exceptions flagged (disputed,
//! capped month, above the approval threshold), approved one page at a time or by selection.

use std::collections::BTreeSet;

use closebook_shared::commission_lines::{
    CommissionLine, CommissionListQuery, Resolution, ResolveRequest,
};
use closebook_shared::commissions::{LineStatus, LineType, Period};
use closebook_shared::{Page, Problem};
use leptos::prelude::*;
use uuid::Uuid;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, SelectField, Skeleton,
    Toasts, answered, enum_options,
};

const PAGE_SIZE: u32 = 50;

fn options<T: Copy>(
    all: &[T],
    wire: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    any: &str,
) -> Vec<(String, String)> {
    std::iter::once((String::new(), any.to_owned()))
        .chain(enum_options(all, wire, label))
        .collect()
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let status = RwSignal::new(LineStatus::Earned.as_str().to_owned());
    let line_type = RwSignal::new(String::new());
    // Every month by default: the queue is whatever waits, whenever it was earned.
    let period = RwSignal::new(String::new());
    let pager = Pager::new();
    let selected = RwSignal::new(BTreeSet::<Uuid>::new());
    let reload = RwSignal::new(0u32);
    let no_problem = RwSignal::new(None::<Problem>);
    Effect::new(move |_| {
        let _ = (status.get(), line_type.get(), period.get());
        pager.reset();
        selected.set(BTreeSet::new());
    });
    let lines = LocalResource::new(move || {
        reload.track();
        let q = CommissionListQuery {
            status: status.get().parse().ok(),
            line_type: line_type.get().parse().ok(),
            period: period.get().parse::<Period>().ok(),
            limit: Some(PAGE_SIZE),
            cursor: pager.cursor(),
            ..Default::default()
        };
        api::commissions::list(q)
    });
    let next = Signal::derive(move || lines.get().and_then(|r| r.ok()).and_then(|p| p.next_cursor));
    let statuses = Signal::derive(|| {
        options(
            LineStatus::ALL,
            LineStatus::as_str,
            LineStatus::label,
            "Any status",
        )
    });
    let types =
        Signal::derive(|| options(LineType::ALL, LineType::as_str, LineType::label, "Any type"));
    let form = FormState::new();
    let approve = move |_| {
        let ids: Vec<Uuid> = selected.get_untracked().into_iter().collect();
        form.run(api::commissions::batch_approve(ids), move |done| {
            let mut text = format!("Approved {} line(s).", done.approved.len());
            if let Some(first) = done.skipped.first() {
                text.push_str(&format!(
                    " {} left as they were: {}",
                    done.skipped.len(),
                    first.reason
                ));
            }
            Toasts::show(text);
            selected.set(BTreeSet::new());
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Approvals"</h1>
                <button class="button button-primary" disabled=move || selected.with(BTreeSet::is_empty) || form.busy.get() on:click=approve>
                    {move || format!("Approve selected ({})", selected.with(BTreeSet::len))}
                </button>
            </div>
            <div class="filters">
                <SelectField label="Status" name="status" value=status problem=no_problem options=statuses/>
                <SelectField label="Type" name="line_type" value=line_type problem=no_problem options=types/>
                <label class="field">
                    <span class="field-label">"Month"</span>
                    <input type="month" name="period" aria-label="Month" prop:value=move || period.get()
                        on:change=move |ev| period.set(event_target_value(&ev))/>
                </label>
            </div>
            <ProblemBox problem=form.problem/>
            <Transition fallback=|| view! { <Skeleton rows=6/> }>
                {answered(lines, move |page: Page<CommissionLine>| if page.items.is_empty() {
                    view! { <EmptyState title="Nothing waiting here" hint="Earned lines appear when their eligibility window has passed."/> }.into_any()
                } else {
                    view! { <Queue lines=page.items selected=selected reload=reload/> }.into_any()
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
        </section>
    }
}

#[component]
fn Queue(
    lines: Vec<CommissionLine>,
    selected: RwSignal<BTreeSet<Uuid>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let approvable: Vec<Uuid> = lines
        .iter()
        .filter(|l| l.status == LineStatus::Earned)
        .map(|l| l.id)
        .collect();
    let all = approvable.clone();
    let all_selected =
        move || !all.is_empty() && selected.with(|s| all.iter().all(|id| s.contains(id)));
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            for id in &approvable {
                if on {
                    s.insert(*id);
                } else {
                    s.remove(id);
                }
            }
        });
    };
    view! {
        <div class="table-wrap">
            <table class="table approval-queue">
                <thead><tr>
                    <th><input type="checkbox" aria-label="Select all earned lines on this page" prop:checked=all_selected on:change=toggle_all/></th>
                    <th>"Rep"</th><th>"Type"</th><th>"Month"</th><th>"Status"</th><th class="num">"Amount"</th><th>"Exceptions"</th><th>"Why"</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let id = l.id;
                        let earned = l.status == LineStatus::Earned;
                        view! {
                            <tr data-line=id.to_string()>
                                <td><input type="checkbox" aria-label=format!("Select {} {}", l.rep_name, l.line_type.label()) disabled=!earned
                                    prop:checked=move || selected.with(|s| s.contains(&id))
                                    on:change=move |ev| { let on = event_target_checked(&ev); selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } }); }/></td>
                                <td>{l.rep_name.clone()}</td>
                                <td>{l.line_type.label()}</td>
                                <td>{l.period.to_string()}</td>
                                <td><span class=format!("badge status-{}", l.status.as_str())>{l.status.label()}</span></td>
                                <td class="num">{format::money(&l.amount)}</td>
                                <td>{l.flags.iter().map(|f| view! { <span class=format!("badge flag flag-{}", f.as_str())>{f.label()}</span> }).collect_view()}</td>
                                <td class="muted small">{l.explanation.summary.clone()}
                                    {(l.status == LineStatus::Disputed).then(|| view! { <Resolve line=l.clone() reload=reload/> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Settles a disputed line: uphold it, or adjust it with a new line (negative to take back).
#[component]
fn Resolve(line: CommissionLine, reload: RwSignal<u32>) -> impl IntoView {
    let open = RwSignal::new(false);
    let adjust = RwSignal::new(false);
    let amount = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let form = FormState::new();
    let (id, currency) = (line.id, line.amount.currency.clone());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let adjustment = if adjust.get_untracked() {
            match amount
                .get_untracked()
                .trim()
                .parse::<rust_decimal::Decimal>()
            {
                Ok(a) => Some(closebook_shared::Money::new(a, currency.clone())),
                Err(_) => {
                    form.problem.set(Some(Problem::new(
                        closebook_shared::ErrorCode::ValidationFailed,
                        "The adjustment is an amount, e.g. 200.00 or -50.00.",
                    )));
                    return;
                }
            }
        } else {
            None
        };
        let req = ResolveRequest {
            resolution: if adjust.get_untracked() {
                Resolution::Adjust
            } else {
                Resolution::Uphold
            },
            reason: reason.get_untracked(),
            adjustment,
        };
        form.run(api::commissions::resolve(id, req), move |_| {
            Toasts::show("Dispute resolved");
            open.set(false);
            reload.update(|n| *n += 1);
        });
    };
    let title = format!("Resolve {}'s dispute", line.rep_name);
    view! {
        <button class="button button-ghost" on:click=move |_| open.set(true)>"Resolve"</button>
        <Modal title="Resolve the dispute" open=open>
            <form class="resolve-form" on:submit=send.clone()>
                <p>{title.clone()}</p>
                <ProblemBox problem=form.problem/>
                <label class="inline-field"><input type="radio" name="resolution" prop:checked=move || !adjust.get() on:change=move |_| adjust.set(false)/>" Uphold the line as written"</label>
                <label class="inline-field"><input type="radio" name="resolution" prop:checked=move || adjust.get() on:change=move |_| adjust.set(true)/>" Adjust it with a new line"</label>
                <Show when=move || adjust.get()>
                    <Field label="Adjustment" name="adjustment" value=amount problem=form.problem placeholder="-50.00"/>
                </Show>
                <Field label="Reason" name="reason" value=reason problem=form.problem/>
                <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Resolve"</button>
            </form>
        </Modal>
    }
}
