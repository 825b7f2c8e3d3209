//! The monthly close over a rep's ledger lines of a period, as pure steps: the true-up, the
//! override and the cap each look at the lines already written (earlier closes included), so a
//! close run again writes only what changed since — nothing, when nothing did. The statement is
//! the sum of the lines that pay.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::month::TypeTotal;
use super::plan::PlanRules;
use super::rules::{self, round_line};
use super::{Explanation, ExplanationPart, LineStatus, LineType};

/// A line of the ledger as the close sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LedgerLine {
    pub line_type: LineType,
    pub base: Decimal,
    pub amount: Decimal,
    pub status: LineStatus,
}

fn paying(lines: &[LedgerLine]) -> impl Iterator<Item = &LedgerLine> {
    lines.iter().filter(|l| l.status.pays())
}

/// A rep's statement of one period in one currency: what each type sums to, and the net.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementTotals {
    /// Lines that pay (voided lines are left out).
    pub line_count: u32,
    /// Per type, in the order of [`LineType::ALL`]; types without lines left out.
    pub totals: Vec<TypeTotal>,
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub net: Decimal,
}

/// The statement of `lines`: every paying line counted once.
pub fn statement(lines: &[LedgerLine]) -> StatementTotals {
    let totals = LineType::ALL
        .iter()
        .filter_map(|t| {
            let of_type: Vec<_> = paying(lines).filter(|l| l.line_type == *t).collect();
            (!of_type.is_empty()).then(|| TypeTotal {
                line_type: *t,
                amount: of_type.iter().map(|l| l.amount).sum(),
            })
        })
        .collect();
    StatementTotals {
        line_count: u32::try_from(paying(lines).count()).unwrap_or(u32::MAX),
        totals,
        net: paying(lines).map(|l| l.amount).sum(),
    }
}

/// The true-up a retroactive tiered plan owes: revenue is the new-business lines' bases, what
/// was written is their amounts and earlier true-ups.
pub fn true_up(
    plan: &PlanRules,
    quota: Option<Decimal>,
    lines: &[LedgerLine],
    dp: u32,
) -> Option<Explanation> {
    let revenue = paying(lines)
        .filter(|l| l.line_type == LineType::NewBusiness)
        .map(|l| l.base)
        .sum();
    let written = paying(lines)
        .filter(|l| matches!(l.line_type, LineType::NewBusiness | LineType::TrueUp))
        .map(|l| l.amount)
        .sum();
    rules::true_up(&plan.new_business, quota, revenue, written, dp)
}

/// What a manager's override still owes: the plan's rate of its members' lines that count
/// (all but team bonuses, overrides and caps; voided ones excluded), less overrides written
/// before for the same team and period.
pub fn manager_override(
    plan: &PlanRules,
    member_lines: &[LedgerLine],
    already: Decimal,
    dp: u32,
) -> Option<Explanation> {
    let total: Decimal = paying(member_lines)
        .filter(|l| l.line_type.counts_for_override())
        .map(|l| l.amount)
        .sum();
    let mut e = match rules::manager_override(plan, total, dp) {
        Some(e) => e,
        None if already.is_zero() => return None,
        // The members' lines fell back to nothing after an override was written.
        None => Explanation {
            rule: LineType::Override,
            summary: "the team members' lines this month no longer earn an override".into(),
            parts: Vec::new(),
            unrounded: Decimal::ZERO,
            amount: Decimal::ZERO,
        },
    };
    if !already.is_zero() {
        // What is owed is the month's whole override, rounded once, less what was written: a
        // difference rounded on its own could round a half cent the other way, and a second
        // close would then write a cent back (the rounding is a part, so the parts still sum).
        let owed = round_line(e.unrounded, dp);
        e.parts.push(ExplanationPart {
            label: "the month's override rounded to the cent".into(),
            base: e.unrounded,
            rate: None,
            amount: owed - e.unrounded,
        });
        e.parts.push(ExplanationPart {
            label: "overrides already written".into(),
            base: already,
            rate: None,
            amount: -already,
        });
        e.unrounded = owed - already;
        e.amount = e.unrounded;
    }
    (!e.amount.is_zero()).then_some(e)
}

/// The cap line owed: the month's net (earlier caps included) above the limit comes off.
pub fn cap(
    plan: &PlanRules,
    lines: &[LedgerLine],
    base_salary: Option<Decimal>,
    dp: u32,
) -> Option<Explanation> {
    let net = paying(lines).map(|l| l.amount).sum();
    rules::cap(plan, net, base_salary, dp)
}
