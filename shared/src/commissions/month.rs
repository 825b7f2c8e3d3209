//! A rep's month from its events, lines in the order the ledger writes them: each source event as
//! it happens (new business, residuals, upsells, clawbacks), then the monthly close's true-up and
//! cap. `POST /commissions/simulate` answers this, and the browser's what-if runs the same code.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::plan::PlanRules;
use super::rules;
use super::{Explanation, LineType};
use crate::FieldError;
use crate::money::minor_unit_digits;

/// A hypothetical won deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimDeal {
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "12000.00"))]
    pub value: Decimal,
    /// Local date in the organisation's zone; deals of one day count in the order given.
    pub won_on: NaiveDate,
}

/// A paid invoice (one service month) of a client: one of the simulated deals' (`deal`, its index),
/// or an existing client with its locked residual (`locked`, absent for none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimInvoice {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(maximum = 999))]
    pub deal: Option<usize>,
    #[serde(with = "crate::commissions::text::amount::option", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$"))]
    pub locked: Option<Decimal>,
    pub paid_on: NaiveDate,
}

/// An upsell marked sold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimUpsell {
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "900.00"))]
    pub price: Decimal,
    pub sold_on: NaiveDate,
}

/// A refund of part or all of a simulated deal's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SimRefund {
    #[cfg_attr(feature = "openapi", schema(maximum = 999))]
    pub deal: usize,
    #[serde(with = "crate::commissions::text::amount")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$", example = "12000.00"))]
    pub amount: Decimal,
    pub refunded_on: NaiveDate,
}

/// What to simulate: one rep's month under a plan (every event counts as of that month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
#[garde(allow_unvalidated)]
pub struct SimulateRequest {
    /// The plan's rules; absent, the plan in force for the caller.
    #[serde(default)]
    pub plan: Option<PlanRules>,
    /// ISO 4217 code all amounts are in.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::CurrencyCode))]
    pub currency: String,
    /// The rep's monthly revenue quota.
    #[serde(with = "crate::commissions::text::amount::option", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$"))]
    pub quota: Option<Decimal>,
    /// The rep's monthly base salary (for the cap).
    #[serde(with = "crate::commissions::text::amount::option", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = "^[0-9]{1,13}(\\.[0-9]{1,4})?$"))]
    pub base_salary: Option<Decimal>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub deals: Vec<SimDeal>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub invoices: Vec<SimInvoice>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub upsells: Vec<SimUpsell>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 1000))]
    pub refunds: Vec<SimRefund>,
}

/// Most events of each kind one simulation takes.
pub const MAX_SIM_EVENTS: usize = 1000;

/// One line the month would hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimLine {
    pub line_type: LineType,
    /// What it comes from, e.g. `deal 2`, `invoice 1`, `monthly close`.
    pub source: String,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
    pub explanation: Explanation,
}

/// Sum of one type's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TypeTotal {
    pub line_type: LineType,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub amount: Decimal,
}

/// The month's lines and totals; nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SimulateResult {
    pub currency: String,
    pub lines: Vec<SimLine>,
    /// Per type, in the order of [`LineType::ALL`]; types without lines left out.
    pub totals: Vec<TypeTotal>,
    /// The sum of every line: what the month pays.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub net: Decimal,
}

fn field(field: impl Into<String>, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.to_owned(),
    }
}

impl SimulateRequest {
    /// What the simulation needs beyond the types: known currency, amounts ≥ 0, references to
    /// deals that exist, bounded sizes.
    pub fn validate(&self) -> Result<u32, Vec<FieldError>> {
        let mut errors = Vec::new();
        let dp = match minor_unit_digits(&self.currency) {
            Ok(dp) => dp,
            Err(e) => {
                errors.push(field("currency", &e.to_string()));
                0
            }
        };
        if let Some(plan) = &self.plan
            && let Err(mut e) = plan.validate()
        {
            for f in &mut e {
                f.field = format!("plan.{}", f.field);
            }
            errors.extend(e);
        }
        for (name, v) in [("quota", self.quota), ("base_salary", self.base_salary)] {
            if v.is_some_and(|v| v.is_sign_negative()) {
                errors.push(field(name, "must not be negative"));
            }
        }
        for (name, n) in [
            ("deals", self.deals.len()),
            ("invoices", self.invoices.len()),
            ("upsells", self.upsells.len()),
            ("refunds", self.refunds.len()),
        ] {
            if n > MAX_SIM_EVENTS {
                errors.push(field(name, "at most 1000 items"));
            }
        }
        for (i, d) in self.deals.iter().enumerate() {
            if d.value.is_sign_negative() {
                errors.push(field(format!("deals[{i}].value"), "must not be negative"));
            }
        }
        for (i, inv) in self.invoices.iter().enumerate() {
            if inv.deal.is_some_and(|d| d >= self.deals.len()) {
                errors.push(field(format!("invoices[{i}].deal"), "no such deal"));
            }
            if inv.locked.is_some_and(|v| v.is_sign_negative()) {
                errors.push(field(
                    format!("invoices[{i}].locked"),
                    "must not be negative",
                ));
            }
        }
        for (i, u) in self.upsells.iter().enumerate() {
            if u.price.is_sign_negative() {
                errors.push(field(format!("upsells[{i}].price"), "must not be negative"));
            }
        }
        for (i, r) in self.refunds.iter().enumerate() {
            if r.deal >= self.deals.len() {
                errors.push(field(format!("refunds[{i}].deal"), "no such deal"));
            }
            if r.amount.is_sign_negative() {
                errors.push(field(
                    format!("refunds[{i}].amount"),
                    "must not be negative",
                ));
            }
        }
        if errors.is_empty() {
            Ok(dp)
        } else {
            Err(errors)
        }
    }
}

/// Runs the month: `plan` is the request's own or, when it has none, the caller's.
pub fn simulate(
    req: &SimulateRequest,
    plan_in_force: &PlanRules,
) -> Result<SimulateResult, Vec<FieldError>> {
    let dp = req.validate()?;
    run(req, plan_in_force, dp)
}

fn run(
    req: &SimulateRequest,
    plan_in_force: &PlanRules,
    dp: u32,
) -> Result<SimulateResult, Vec<FieldError>> {
    let plan = req.plan.as_ref().unwrap_or(plan_in_force);
    let mut lines = Vec::new();
    let push = |lines: &mut Vec<SimLine>, line_type: LineType, source: String, e: Explanation| {
        lines.push(SimLine {
            line_type,
            source,
            amount: e.amount,
            explanation: e,
        })
    };

    // Deals in won order (then as given); each earns new business and locks its residual tier.
    let mut order: Vec<usize> = (0..req.deals.len()).collect();
    order.sort_by_key(|&i| (req.deals[i].won_on, i));
    let mut won = Decimal::ZERO;
    let mut new_business = vec![Decimal::ZERO; req.deals.len()];
    let mut locked = vec![Decimal::ZERO; req.deals.len()];
    for (n, &i) in order.iter().enumerate() {
        let deal = &req.deals[i];
        let e = rules::new_business(&plan.new_business, req.quota, won, deal.value, dp);
        won += deal.value;
        new_business[i] = e.amount;
        locked[i] = rules::residual_lock(plan, u32::try_from(n + 1).unwrap_or(u32::MAX));
        push(
            &mut lines,
            LineType::NewBusiness,
            format!("deal {}", i + 1),
            e,
        );
    }
    for (i, inv) in req.invoices.iter().enumerate() {
        let lock = match inv.deal {
            Some(d) => Some(locked[d]),
            None => inv.locked,
        };
        push(
            &mut lines,
            LineType::Residual,
            format!("invoice {}", i + 1),
            rules::residual(plan, lock, dp),
        );
    }
    for (i, u) in req.upsells.iter().enumerate() {
        push(
            &mut lines,
            LineType::Upsell,
            format!("upsell {}", i + 1),
            rules::upsell(plan, u.price, dp),
        );
    }
    let mut refunded = vec![Decimal::ZERO; req.deals.len()];
    let mut refunds: Vec<usize> = (0..req.refunds.len()).collect();
    refunds.sort_by_key(|&i| (req.refunds[i].refunded_on, i));
    for i in refunds {
        let r = &req.refunds[i];
        let deal = &req.deals[r.deal];
        let refund = rules::Refund {
            original: new_business[r.deal],
            base: deal.value,
            refunded_before: refunded[r.deal],
            refunded: r.amount,
            source_date: deal.won_on,
            refund_date: r.refunded_on,
        };
        if let Some(e) = rules::clawback(plan, &refund, dp) {
            push(
                &mut lines,
                LineType::Clawback,
                format!("refund {}", i + 1),
                e,
            );
        }
        refunded[r.deal] += r.amount;
    }

    // The monthly close: true-up, then the cap over everything before it.
    let paid_so_far: Decimal = new_business.iter().sum();
    if let Some(e) = rules::true_up(&plan.new_business, req.quota, won, paid_so_far, dp) {
        push(&mut lines, LineType::TrueUp, "monthly close".into(), e);
    }
    let net_before_cap: Decimal = lines.iter().map(|l| l.amount).sum();
    if let Some(e) = rules::cap(plan, net_before_cap, req.base_salary, dp) {
        push(&mut lines, LineType::Cap, "monthly close".into(), e);
    }

    let totals = LineType::ALL
        .iter()
        .filter_map(|t| {
            let of_type: Vec<_> = lines.iter().filter(|l| l.line_type == *t).collect();
            (!of_type.is_empty()).then(|| TypeTotal {
                line_type: *t,
                amount: of_type.iter().map(|l| l.amount).sum(),
            })
        })
        .collect();
    let net = lines.iter().map(|l| l.amount).sum();
    Ok(SimulateResult {
        currency: req.currency.clone(),
        lines,
        totals,
        net,
    })
}
