//! Finance → plans: each compensation plan with its versions, and an editor for a new plan or a
//! new version — the new-business rule with its band table, the residual tier table, windows,
//! team bonus, override and cap — with a preview of what the draft would have paid last month
//! (`POST /compensation-plans/preview`) before it is saved.

use closebook_shared::commissions::plan::{
    Band, BandMode, NewBusinessRule, PlanRules, ResidualTier,
};
use closebook_shared::compensation_plans::{
    CompensationPlan, CreatePlanRequest, NewPlanVersion, PlanPreview, PlanPreviewRequest,
    UpdatePlanRequest,
};
use closebook_shared::{FieldError, Page, Problem, Role};
use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::api;
use crate::components::format;
use crate::components::ui::{EmptyState, Field, FormState, ProblemBox, Skeleton, Toasts, answered};

/// A rate as people type it: `5` for 5%.
fn percent(rate: Decimal) -> String {
    (rate * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// Editable text cells of a table row.
#[derive(Clone, Copy)]
struct Row {
    id: u32,
    a: RwSignal<String>,
    b: RwSignal<String>,
}

/// The editor's fields, as text until saved.
#[derive(Clone, Copy)]
struct Draft {
    kind: RwSignal<String>,
    rate: RwSignal<String>,
    amount: RwSignal<String>,
    mode: RwSignal<String>,
    bands: RwSignal<Vec<Row>>,
    tiers: RwSignal<Vec<Row>>,
    fallback: RwSignal<String>,
    upsell: RwSignal<String>,
    partner_order: RwSignal<String>,
    new_partner: RwSignal<String>,
    eligibility: RwSignal<String>,
    clawback: RwSignal<String>,
    dispute: RwSignal<String>,
    team_bonus: RwSignal<String>,
    override_rate: RwSignal<String>,
    cap: RwSignal<String>,
    next_row: StoredValue<u32>,
}

impl Draft {
    fn of(rules: &PlanRules) -> Self {
        let text = |s: String| RwSignal::new(s);
        let (kind, rate, amount, mode, bands) = match &rules.new_business {
            NewBusinessRule::Percentage { rate } => (
                "percentage",
                percent(*rate),
                String::new(),
                BandMode::Marginal,
                vec![],
            ),
            NewBusinessRule::Fixed { amount } => (
                "fixed",
                String::new(),
                amount.to_string(),
                BandMode::Marginal,
                vec![],
            ),
            NewBusinessRule::Tiered { mode, bands } => {
                ("tiered", String::new(), String::new(), *mode, bands.clone())
            }
        };
        let mut id = 0;
        let mut row = |a: String, b: String| {
            id += 1;
            Row {
                id,
                a: text(a),
                b: text(b),
            }
        };
        let bands = bands
            .iter()
            .map(|b| row(b.from_percent.normalize().to_string(), percent(b.rate)))
            .collect();
        let tiers = rules
            .residual_tiers
            .iter()
            .map(|t| row(t.closes.to_string(), t.amount.to_string()))
            .collect();
        Draft {
            kind: text(kind.into()),
            rate: text(rate),
            amount: text(amount),
            mode: text(mode.as_str().into()),
            bands: RwSignal::new(bands),
            tiers: RwSignal::new(tiers),
            fallback: text(rules.residual_fallback.to_string()),
            upsell: text(percent(rules.upsell_rate)),
            partner_order: text(percent(rules.partner_order_rate)),
            new_partner: text(rules.new_partner_bonus.to_string()),
            eligibility: text(rules.eligibility_days.to_string()),
            clawback: text(rules.clawback_days.to_string()),
            dispute: text(rules.dispute_days.to_string()),
            team_bonus: text(rules.team_bonus.to_string()),
            override_rate: text(percent(rules.override_rate)),
            cap: text(rules.cap_multiple.normalize().to_string()),
            next_row: StoredValue::new(id + 1),
        }
    }

    fn add(&self, table: RwSignal<Vec<Row>>) {
        let id = self.next_row.get_value();
        self.next_row.set_value(id + 1);
        table.update(|t| {
            t.push(Row {
                id,
                a: RwSignal::new(String::new()),
                b: RwSignal::new(String::new()),
            })
        });
    }

    /// The rules the fields describe, or every field that is wrong (named as the API names them).
    fn rules(&self) -> Result<PlanRules, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut num = |field: String, text: String, scale: Decimal| -> Decimal {
            match text.trim().parse::<Decimal>() {
                Ok(v) => (v / scale).normalize(),
                Err(_) => {
                    errors.push(FieldError {
                        field,
                        message: format!("`{}` is not a number", text.trim()),
                    });
                    Decimal::ZERO
                }
            }
        };
        let (one, hundred) = (Decimal::ONE, Decimal::ONE_HUNDRED);
        let new_business = match self.kind.get().as_str() {
            "fixed" => NewBusinessRule::Fixed {
                amount: num("new_business.amount".into(), self.amount.get(), one),
            },
            "tiered" => NewBusinessRule::Tiered {
                mode: self.mode.get().parse().unwrap_or(BandMode::Marginal),
                bands: self
                    .bands
                    .get()
                    .iter()
                    .enumerate()
                    .map(|(i, r)| Band {
                        from_percent: num(
                            format!("new_business.bands[{i}].from_percent"),
                            r.a.get(),
                            one,
                        ),
                        rate: num(format!("new_business.bands[{i}].rate"), r.b.get(), hundred),
                    })
                    .collect(),
            },
            _ => NewBusinessRule::Percentage {
                rate: num("new_business.rate".into(), self.rate.get(), hundred),
            },
        };
        let residual_tiers = self
            .tiers
            .get()
            .iter()
            .enumerate()
            .map(|(i, r)| ResidualTier {
                closes: num(format!("residual_tiers[{i}].closes"), r.a.get(), one)
                    .try_into()
                    .unwrap_or(0),
                amount: num(format!("residual_tiers[{i}].amount"), r.b.get(), one),
            })
            .collect();
        let rules = PlanRules {
            new_business,
            residual_tiers,
            residual_fallback: num("residual_fallback".into(), self.fallback.get(), one),
            upsell_rate: num("upsell_rate".into(), self.upsell.get(), hundred),
            partner_order_rate: num(
                "partner_order_rate".into(),
                self.partner_order.get(),
                hundred,
            ),
            new_partner_bonus: num("new_partner_bonus".into(), self.new_partner.get(), one),
            eligibility_days: num("eligibility_days".into(), self.eligibility.get(), one)
                .try_into()
                .unwrap_or(0),
            clawback_days: num("clawback_days".into(), self.clawback.get(), one)
                .try_into()
                .unwrap_or(0),
            dispute_days: num("dispute_days".into(), self.dispute.get(), one)
                .try_into()
                .unwrap_or(0),
            team_bonus: num("team_bonus".into(), self.team_bonus.get(), one),
            override_rate: num("override_rate".into(), self.override_rate.get(), hundred),
            cap_multiple: num("cap_multiple".into(), self.cap.get(), one),
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.validate().map(|()| rules)
    }
}

/// What the editor edits: a plan's next version, or a new plan.
#[derive(Clone)]
enum Editing {
    Plan(Box<CompensationPlan>),
    New,
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let plans = LocalResource::new(move || {
        reload.track();
        api::plans::list()
    });
    let editing = RwSignal::new(None::<Editing>);
    view! {
        <section class="page">
            <div class="page-header">
                <h1 class="page-title">"Plans"</h1>
                <button class="button button-primary" on:click=move |_| editing.set(Some(Editing::New))>"New plan"</button>
            </div>
            <Transition fallback=|| view! { <Skeleton rows=3/> }>
                {answered(plans, move |page: Page<CompensationPlan>| if page.items.is_empty() {
                    view! { <EmptyState title="No plans yet" hint="Without a plan the built-in defaults apply: 5% new business, residuals of 200/250/300."/> }.into_any()
                } else {
                    view! {
                        <div class="card-list">
                            {page.items.into_iter().map(|p| {
                                let latest = p.versions.last().cloned();
                                let open = p.clone();
                                view! {
                                    <div class="card plan-summary">
                                        <strong>{p.name.clone()}</strong>
                                        <span class="muted">{format!("{} · {}", p.currency, p.default_for_role.map_or("no role default", |r| r.label()))}</span>
                                        {latest.map(|v| view! { <span class="muted small">{format!("Version {} from {}", v.number, format::date(&v.effective_from))}</span> })}
                                        <button class="button button-ghost" on:click=move |_| editing.set(Some(Editing::Plan(Box::new(open.clone()))))>"New version"</button>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                })}
            </Transition>
            {move || editing.get().map(|e| view! { <Editor editing=e on_saved=move || { editing.set(None); reload.update(|n| *n += 1); }/> })}
        </section>
    }
}

#[component]
fn Editor(editing: Editing, on_saved: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let (plan, rules) = match &editing {
        Editing::Plan(p) => (
            Some(p.as_ref().clone()),
            p.versions
                .last()
                .map(|v| v.rules.clone())
                .unwrap_or_default(),
        ),
        Editing::New => (None, PlanRules::default()),
    };
    let draft = Draft::of(&rules);
    let name = RwSignal::new(String::new());
    let currency = RwSignal::new(
        plan.as_ref()
            .map_or_else(|| "USD".to_owned(), |p| p.currency.clone()),
    );
    let role = RwSignal::new(String::new());
    let effective_from = RwSignal::new(
        chrono::Utc::now()
            .date_naive()
            .succ_opt()
            .unwrap_or_default()
            .to_string(),
    );
    let form = FormState::new();
    let preview = RwSignal::new(None::<PlanPreview>);
    let preview_form = FormState::new();
    let checked = Memo::new(move |_| draft.rules());
    let local_errors = move || checked.get().err().unwrap_or_default();
    let plan_id = plan.as_ref().map(|p| p.id);
    let run_preview = move |_| {
        let Ok(rules) = checked.get_untracked() else {
            return;
        };
        let req = PlanPreviewRequest {
            rules,
            currency: currency.get_untracked(),
            plan_id,
            period: None,
        };
        preview_form.run(async move { api::plans::preview(&req).await }, move |p| {
            preview.set(Some(p))
        });
    };
    let plan_for_save = plan.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(rules) = checked.get_untracked() else {
            return;
        };
        let Ok(from) = effective_from.get_untracked().parse() else {
            form.problem.set(Some(Problem::new(
                closebook_shared::ErrorCode::ValidationFailed,
                "Choose the date the version takes effect.",
            )));
            return;
        };
        match plan_for_save.clone() {
            Some(p) => {
                let req = UpdatePlanRequest {
                    version: Some(p.version),
                    new_version: Some(NewPlanVersion {
                        effective_from: from,
                        rules,
                    }),
                    ..Default::default()
                };
                form.run(
                    async move { api::plans::update(p.id, &req).await },
                    move |saved| {
                        Toasts::show(format!(
                            "{}: version {} saved",
                            saved.name,
                            saved.versions.len()
                        ));
                        on_saved();
                    },
                );
            }
            None => {
                let req = CreatePlanRequest {
                    name: name.get_untracked(),
                    currency: currency.get_untracked(),
                    default_for_role: role.get_untracked().parse::<Role>().ok(),
                    effective_from: from,
                    rules,
                };
                form.run(
                    async move { api::plans::create(&req).await },
                    move |saved| {
                        Toasts::show(format!("Plan {} created", saved.name));
                        on_saved();
                    },
                );
            }
        }
    };
    let title = plan.as_ref().map_or_else(
        || "New plan".to_owned(),
        |p| format!("{}: new version", p.name),
    );
    let problem = form.problem;
    view! {
        <form class="card plan-editor" on:submit=save>
            <h2 class="section-title">{title}</h2>
            <ProblemBox problem=problem/>
            <Show when=move || plan.is_none()>
                <div class="filters">
                    <Field label="Name" name="name" value=name problem=problem/>
                    <Field label="Currency" name="currency" value=currency problem=problem/>
                    <label class="field"><span class="field-label">"Default for role"</span>
                        <select aria-label="Default for role" on:change=move |ev| role.set(event_target_value(&ev))>
                            <option value="">"None"</option>
                            {Role::ALL.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
            </Show>
            <div class="filters">
                <Field label="In force from" name="effective_from" kind="date" value=effective_from problem=problem/>
                <label class="field"><span class="field-label">"New business"</span>
                    <select aria-label="New business" on:change=move |ev| draft.kind.set(event_target_value(&ev))>
                        {[("percentage", "Percentage of the deal"), ("fixed", "Fixed per deal"), ("tiered", "Tiered by quota attainment")].into_iter().map(|(v, l)| {
                            view! { <option value=v selected=move || draft.kind.get() == v>{l}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || draft.kind.get() == "percentage"><Text label="Rate (%)" value=draft.rate/></Show>
                <Show when=move || draft.kind.get() == "fixed"><Text label="Amount per deal" value=draft.amount/></Show>
                <Show when=move || draft.kind.get() == "tiered">
                    <label class="field"><span class="field-label">"Bands"</span>
                        <select aria-label="Bands" on:change=move |ev| draft.mode.set(event_target_value(&ev))>
                            {BandMode::ALL.iter().map(|m| view! { <option value=m.as_str() selected=move || draft.mode.get() == m.as_str()>{m.label()}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
            </div>
            <Show when=move || draft.kind.get() == "tiered">
                <Table caption="Bands" a="From % of quota" b="Rate (%)" rows=draft.bands/>
                <button type="button" class="button button-ghost" on:click=move |_| draft.add(draft.bands)>"Add a band"</button>
            </Show>
            <Table caption="Residual tiers" a="Closes in the month" b="Amount per paid month" rows=draft.tiers/>
            <button type="button" class="button button-ghost" on:click=move |_| draft.add(draft.tiers)>"Add a tier"</button>
            <div class="filters">
                <Text label="Residual without a locked amount" value=draft.fallback/>
                <Text label="Upsell rate (%)" value=draft.upsell/>
                <Text label="Partner order rate (%)" value=draft.partner_order/>
                <Text label="New partner bonus" value=draft.new_partner/>
                <Text label="Earned after (days)" value=draft.eligibility/>
                <Text label="Clawback window (days)" value=draft.clawback/>
                <Text label="Dispute window (days)" value=draft.dispute/>
                <Text label="Team bonus" value=draft.team_bonus/>
                <Text label="Manager override (%)" value=draft.override_rate/>
                <Text label="Cap (× base salary)" value=draft.cap/>
            </div>
            <Show when=move || !local_errors().is_empty()>
                <ul class="alert alert-error plain-list" role="alert">
                    {move || local_errors().into_iter().map(|e| view! { <li>{format!("{}: {}", e.field, e.message)}</li> }).collect_view()}
                </ul>
            </Show>
            <div class="form-actions">
                <button type="button" class="button" disabled=move || checked.get().is_err() || preview_form.busy.get() on:click=run_preview>"Preview on last month"</button>
                <button type="submit" class="button button-primary" disabled=move || checked.get().is_err() || form.busy.get()>"Save"</button>
            </div>
            <ProblemBox problem=preview_form.problem/>
            {move || preview.get().map(|p| view! { <PreviewTable preview=p/> })}
        </form>
    }
}

#[component]
fn Text(label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="field"><span class="field-label">{label}</span>
            <input type="text" inputmode="decimal" aria-label=label prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

#[component]
fn Table(
    caption: &'static str,
    a: &'static str,
    b: &'static str,
    rows: RwSignal<Vec<Row>>,
) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table edit-table">
                <caption>{caption}</caption>
                <thead><tr><th>{a}</th><th>{b}</th><th></th></tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.id let:row>
                        <tr>
                            <td><input type="text" inputmode="decimal" aria-label=a prop:value=move || row.a.get() on:input=move |ev| row.a.set(event_target_value(&ev))/></td>
                            <td><input type="text" inputmode="decimal" aria-label=b prop:value=move || row.b.get() on:input=move |ev| row.b.set(event_target_value(&ev))/></td>
                            <td><button type="button" class="icon-button" aria-label="Remove" on:click=move |_| rows.update(|l| l.retain(|r| r.id != row.id))>"×"</button></td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PreviewTable(preview: PlanPreview) -> impl IntoView {
    if preview.reps.is_empty() {
        return view! { <EmptyState title="Nobody on this plan had deals, paid invoices or upsells that month"/> }.into_any();
    }
    view! {
        <h3>{format!("{}: {} now, {} under the draft", preview.period, format::money(&preview.current_total), format::money(&preview.draft_total))}</h3>
        <div class="table-wrap">
            <table class="table plan-preview">
                <thead><tr><th>"Rep"</th><th class="num">"Events"</th><th class="num">"Now"</th><th class="num">"Draft"</th><th class="num">"Change"</th></tr></thead>
                <tbody>
                    {preview.reps.into_iter().map(|r| {
                        let change = closebook_shared::Money::new(r.draft.amount - r.current.amount, r.draft.currency.clone());
                        view! {
                            <tr><td>{r.rep_name.clone()}</td><td class="num">{r.events}</td><td class="num">{format::money(&r.current)}</td>
                                <td class="num">{format::money(&r.draft)}</td><td class="num">{format::money(&change)}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
