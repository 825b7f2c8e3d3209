//! Leads tab (seed 004 Tab 2): filter chips, sort, search, cards on phones and a table on
//! desktop, and a floating button to add a lead.

use closebook_shared::Money;
use closebook_shared::leads::{
    CreateLeadRequest, LeadListQuery, LeadSort, LeadSummary, Outcome, SourceChannel,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::format;
use crate::components::ui::{
    EmptyState, Field, FormState, Modal, Pager, PagerControls, ProblemBox, SelectField, Skeleton,
    Toasts, answered,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chip {
    All,
    Mine,
    New,
    Hot,
    ClosingSoon,
}

impl Chip {
    const ALL: [(Chip, &'static str); 5] = [
        (Chip::All, "All"),
        (Chip::Mine, "My leads"),
        (Chip::New, "New"),
        (Chip::Hot, "Hot"),
        (Chip::ClosingSoon, "Closing soon"),
    ];

    fn query(self) -> LeadListQuery {
        let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
        match self {
            Chip::All => LeadListQuery::default(),
            Chip::Mine => LeadListQuery {
                owner: Some("me".into()),
                ..Default::default()
            },
            Chip::New => LeadListQuery {
                created_from: Some(week_ago),
                outcome: Some(Outcome::Open),
                ..Default::default()
            },
            Chip::Hot => LeadListQuery {
                hot: Some(true),
                ..Default::default()
            },
            Chip::ClosingSoon => LeadListQuery {
                closing_soon: Some(true),
                ..Default::default()
            },
        }
    }
}

#[component]
pub fn LeadsPage() -> impl IntoView {
    let chip = RwSignal::new(Chip::All);
    let sort = RwSignal::new(LeadSort::Score);
    let search = RwSignal::new(String::new());
    let pager = Pager::new();
    let reload = RwSignal::new(0u32);
    let leads = LocalResource::new(move || {
        let _ = reload.get();
        let q = LeadListQuery {
            sort: Some(sort.get()),
            q: Some(search.get()).filter(|s| !s.trim().is_empty()),
            cursor: pager.cursor(),
            ..chip.get().query()
        };
        async move { api::leads::list(q).await }
    });
    let next = Signal::derive(move || leads.get().and_then(|r| r.ok()).and_then(|p| p.next_cursor));
    let adding = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Leads"</h1>
                <a class="button button-ghost desktop-only" href="/pipeline">"Kanban board"</a>
            </div>
            <div class="chips" role="group" aria-label="Filter">
                {Chip::ALL.into_iter().map(|(c, label)| view! {
                    <button class="chip" class:active=move || chip.get() == c
                        on:click=move |_| { pager.reset(); chip.set(c); }>{label}</button>
                }).collect_view()}
            </div>
            <div class="toolbar">
                <input class="search" type="search" placeholder="Search company, contact, email" aria-label="Search"
                    on:change=move |ev| { pager.reset(); search.set(event_target_value(&ev)); }/>
                <label class="inline-field">"Sort "
                    <select aria-label="Sort" on:change=move |ev| {
                        if let Ok(s) = event_target_value(&ev).parse() { pager.reset(); sort.set(s); }
                    }>
                        {LeadSort::ALL.iter().map(|s| view! { <option value=s.as_str()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=5/> }>
                {answered(leads, move |v| match v {
                    page if page.items.is_empty() => view! {
                        <EmptyState title="No leads here" hint="Add a lead with the + button, or change the filter."/>
                    }.into_any(),
                    page => view! { <LeadList items=page.items/> }.into_any(),
                })}
            </Transition>
            <PagerControls pager=pager next=next/>
            <button class="fab" aria-label="Add lead" on:click=move |_| adding.set(true)>"+"</button>
            <Modal title="New lead" open=adding>
                <NewLeadForm on_done=move || { adding.set(false); reload.update(|n| *n += 1); }/>
            </Modal>
        </section>
    }
}

#[component]
fn LeadList(items: Vec<LeadSummary>) -> impl IntoView {
    let cards = items.clone();
    view! {
        <div class="lead-cards mobile-only">
            {cards.into_iter().map(|l| view! { <LeadCard lead=l/> }).collect_view()}
        </div>
        <table class="table desktop-only">
            <thead><tr>
                <th>"Company"</th><th>"Contact"</th><th>"Stage"</th><th>"Value"</th>
                <th>"Next contact"</th><th>"Owner"</th><th>"Score"</th>
            </tr></thead>
            <tbody>
                {items.into_iter().map(|l| {
                    let href = format!("/leads/{}", l.id);
                    view! {
                        <tr>
                            <td><a href=href>{l.company.clone()}</a></td>
                            <td>{l.contact_name.clone().unwrap_or_default()}</td>
                            <td>{l.stage_name.clone()}</td>
                            <td>{l.deal_value.as_ref().map(format::money).unwrap_or_default()}</td>
                            <td class:danger=l.incomplete>{next_contact_text(&l)}</td>
                            <td>{l.owner_name.clone()}</td>
                            <td>{score_badge(l.score, l.hot)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn score_badge(score: i32, hot: bool) -> impl IntoView {
    view! { <span class="badge" class:hot=hot>{if hot { format!("🔥 {score}") } else { score.to_string() }}</span> }
}

fn next_contact_text(l: &LeadSummary) -> String {
    match (&l.next_contact_at, l.incomplete) {
        (Some(t), _) => format::when(t),
        (None, true) => "No next date — incomplete".into(),
        (None, false) => "—".into(),
    }
}

#[component]
fn LeadCard(lead: LeadSummary) -> impl IntoView {
    let navigate = use_navigate();
    let href = format!("/leads/{}", lead.id);
    let open = href.clone();
    view! {
        <article class="card lead-card" on:click=move |_| navigate(&open, Default::default())>
            <div class="lead-card-head">
                <strong>{lead.company.clone()}</strong>
                {score_badge(lead.score, lead.hot)}
            </div>
            <p class="muted small">{[lead.contact_name.clone(), lead.contact_title.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</p>
            <p class="small">{format!("Stage: {}", lead.stage_name)}</p>
            <p class="small">{lead.deal_value.as_ref().map(|m| format!("Value: {}", format::money(m)))}</p>
            <p class="small" class:danger=lead.incomplete>{format!("Next: {}", next_contact_text(&lead))}</p>
            <a class="sr-only" href=href>"Open"</a>
        </article>
    }
}

#[component]
fn NewLeadForm(on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let company = RwSignal::new(String::new());
    let contact = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let form = FormState::new();
    let problem = form.problem;
    let channels = Signal::derive(|| {
        let mut v = vec![(String::new(), "Source…".to_owned())];
        v.extend(
            SourceChannel::ALL
                .iter()
                .map(|c| (c.as_str().to_owned(), c.label().to_owned())),
        );
        v
    });
    let opt = |s: RwSignal<String>| Some(s.get_untracked()).filter(|v| !v.trim().is_empty());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let deal_value = match opt(value).map(|v| v.trim().parse::<rust_decimal::Decimal>()) {
            Some(Ok(amount)) => Some(Money::new(amount, "USD")),
            Some(Err(_)) => {
                problem.set(Some(
                    closebook_shared::Problem::new(
                        closebook_shared::ErrorCode::ValidationFailed,
                        "Deal value must be a number",
                    )
                    .with_errors(vec![closebook_shared::FieldError::new(
                        "deal_value",
                        "must be a number, e.g. 12500.00",
                    )]),
                ));
                return;
            }
            None => None,
        };
        let req = CreateLeadRequest {
            company: company.get_untracked(),
            contact_name: opt(contact),
            email: opt(email),
            phone: opt(phone),
            deal_value,
            source_channel: opt(channel).and_then(|c| c.parse().ok()),
            ..Default::default()
        };
        let on_done = on_done.clone();
        form.run(async move { api::leads::create(&req).await }, move |l| {
            Toasts::show(format!("Lead {} added", l.company));
            on_done();
        });
    };
    view! {
        // novalidate: the server's checks name the field in the same words on every client.
        <form class="form" novalidate=true on:submit=submit>
            <ProblemBox problem=problem/>
            <Field label="Company" name="company" value=company problem=problem/>
            <Field label="Contact name" name="contact_name" value=contact problem=problem/>
            <Field label="Email" name="email" value=email problem=problem kind="email"/>
            <Field label="Phone" name="phone" value=phone problem=problem kind="tel"/>
            <Field label="Deal value (USD)" name="deal_value" value=value problem=problem placeholder="12500.00"/>
            <SelectField label="Source" name="source_channel" value=channel problem=problem options=channels/>
            <button class="button button-primary" type="submit" disabled=move || form.busy.get()>"Add lead"</button>
        </form>
    }
}
