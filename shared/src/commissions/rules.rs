//! One function per commission rule. Each computes a line's pieces exactly, sums them, and rounds
//! once to the currency's minor unit (`dp` digits), half away from zero; the explanation carries
//! the pieces, the unrounded sum and the amount.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rust_decimal::{Decimal, RoundingStrategy};

use super::plan::{BandMode, NewBusinessRule, PlanRules};
use super::{Explanation, ExplanationPart, LineStatus, LineType};

/// Rounds a line once: to `dp` decimals, half away from zero, written with exactly `dp`
/// decimals (`200` USD reads `200.00`).
pub fn round_line(amount: Decimal, dp: u32) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(dp);
    rounded
}

fn explained(rule: LineType, summary: String, parts: Vec<ExplanationPart>, dp: u32) -> Explanation {
    let unrounded: Decimal = parts.iter().map(|p| p.amount).sum();
    Explanation {
        rule,
        summary,
        parts,
        unrounded,
        amount: round_line(unrounded, dp),
    }
}

fn part(label: impl Into<String>, base: Decimal, rate: Option<Decimal>) -> ExplanationPart {
    ExplanationPart {
        label: label.into(),
        base,
        amount: rate.map_or(base, |r| base * r),
        rate,
    }
}

fn percent(rate: Decimal) -> String {
    (rate * Decimal::ONE_HUNDRED).normalize().to_string() + "%"
}

/// Revenue where each band starts, for a monthly quota. Without a quota (none assigned, or 0)
/// every band but the first is out of reach: attainment of nothing is not measurable.
fn band_edges(bands: &[super::plan::Band], quota: Option<Decimal>) -> Vec<Option<Decimal>> {
    bands
        .iter()
        .enumerate()
        .map(|(i, b)| match quota.filter(|q| *q > Decimal::ZERO) {
            Some(q) => Some(q * b.from_percent / Decimal::ONE_HUNDRED),
            None if i == 0 => Some(Decimal::ZERO),
            None => None,
        })
        .collect()
}

/// New business on a won deal of `value`, with `won_before` already won by the rep this month
/// (deals ordered by won time, then lead id). Tiered plans split the deal at band edges by where
/// the month's cumulative revenue stands before and after it (retroactive plans too: their
/// true-up comes at the monthly close, [`true_up`]).
pub fn new_business(
    rule: &NewBusinessRule,
    quota: Option<Decimal>,
    won_before: Decimal,
    value: Decimal,
    dp: u32,
) -> Explanation {
    match rule {
        NewBusinessRule::Percentage { rate } => explained(
            LineType::NewBusiness,
            format!("{} of the deal value", percent(*rate)),
            vec![part("deal value", value, Some(*rate))],
            dp,
        ),
        NewBusinessRule::Fixed { amount } => explained(
            LineType::NewBusiness,
            "a fixed amount per close".into(),
            vec![part("per close", *amount, None)],
            dp,
        ),
        NewBusinessRule::Tiered { bands, .. } => {
            let edges = band_edges(bands, quota);
            let after = won_before + value;
            let mut parts = Vec::new();
            for (i, band) in bands.iter().enumerate() {
                let Some(lo) = edges[i] else { continue };
                let hi = edges.get(i + 1).copied().flatten();
                let from = won_before.max(lo);
                let to = hi.map_or(after, |h| after.min(h));
                if to > from {
                    parts.push(part(
                        format!("band from {}% of quota", band.from_percent.normalize()),
                        to - from,
                        Some(band.rate),
                    ));
                }
            }
            if parts.is_empty() {
                // A deal of value 0: one empty piece at the band it stands in.
                let i = edges
                    .iter()
                    .rposition(|e| e.is_some_and(|e| e <= won_before))
                    .unwrap_or(0);
                parts.push(part(
                    format!("band from {}% of quota", bands[i].from_percent.normalize()),
                    Decimal::ZERO,
                    Some(bands[i].rate),
                ));
            }
            let quota_text = quota.map_or("no quota".to_owned(), |q| {
                format!("quota {}", q.normalize())
            });
            explained(
                LineType::NewBusiness,
                format!(
                    "tiered by attainment ({quota_text}): month's revenue {} → {}",
                    won_before.normalize(),
                    after.normalize()
                ),
                parts,
                dp,
            )
        }
    }
}

/// The band a month's whole revenue reaches, and its rate.
pub fn band_reached(
    bands: &[super::plan::Band],
    quota: Option<Decimal>,
    revenue: Decimal,
) -> usize {
    band_edges(bands, quota)
        .iter()
        .rposition(|e| e.is_some_and(|e| e <= revenue))
        .unwrap_or(0)
}

/// The monthly close's true-up of a retroactive tiered plan: what brings the month's new-business
/// lines (`paid_so_far`, their sum) to the month's revenue × the rate of the band reached. `None`
/// for other plans, or when nothing is owed either way.
pub fn true_up(
    rule: &NewBusinessRule,
    quota: Option<Decimal>,
    month_revenue: Decimal,
    paid_so_far: Decimal,
    dp: u32,
) -> Option<Explanation> {
    let NewBusinessRule::Tiered {
        mode: BandMode::Retroactive,
        bands,
    } = rule
    else {
        return None;
    };
    let band = &bands[band_reached(bands, quota, month_revenue)];
    let target = round_line(month_revenue * band.rate, dp);
    let owed = target - paid_so_far;
    if owed.is_zero() {
        return None;
    }
    Some(explained(
        LineType::TrueUp,
        format!(
            "the month reached the band from {}% of quota: all {} of revenue at {}, less {} already written",
            band.from_percent.normalize(),
            month_revenue.normalize(),
            percent(band.rate),
            paid_so_far.normalize()
        ),
        vec![
            part("month's revenue at the band reached", target, None),
            part("new-business lines already written", -paid_so_far, None),
        ],
        dp,
    ))
}

/// The residual a client locks at when it opens: the rep's `closes`-th close this month (this one
/// included) picks the tier. Locked on the client and never recalculated.
pub fn residual_lock(plan: &PlanRules, closes: u32) -> Decimal {
    plan.residual_tier(closes)
        .map_or(plan.residual_fallback, |t| t.amount)
}

/// One residual line for one paid invoice (one service month): the client's locked amount, or the
/// plan's fallback for a client without one.
pub fn residual(plan: &PlanRules, locked: Option<Decimal>, dp: u32) -> Explanation {
    match locked {
        Some(amount) => explained(
            LineType::Residual,
            "the residual locked on the client when it was won".into(),
            vec![part("locked amount per paid month", amount, None)],
            dp,
        ),
        None => explained(
            LineType::Residual,
            "the plan's fallback residual (no amount was locked on this client)".into(),
            vec![part(
                "fallback amount per paid month",
                plan.residual_fallback,
                None,
            )],
            dp,
        ),
    }
}

/// An upsell marked sold: the plan's share of the product price.
pub fn upsell(plan: &PlanRules, price: Decimal, dp: u32) -> Explanation {
    explained(
        LineType::Upsell,
        format!("{} of the upsell price", percent(plan.upsell_rate)),
        vec![part("product price", price, Some(plan.upsell_rate))],
        dp,
    )
}

/// A paid partner order: the plan's share of its subtotal (not its late fee), for the rep
/// looking after the account when it was placed.
pub fn partner_order(plan: &PlanRules, subtotal: Decimal, dp: u32) -> Explanation {
    explained(
        LineType::PartnerOrder,
        format!(
            "{} of the paid order's subtotal",
            percent(plan.partner_order_rate)
        ),
        vec![part(
            "order subtotal",
            subtotal,
            Some(plan.partner_order_rate),
        )],
        dp,
    )
}

/// A won B2B lead that became an active partner: the plan's fixed bonus; none when it is 0.
pub fn new_partner(plan: &PlanRules, dp: u32) -> Option<Explanation> {
    (!plan.new_partner_bonus.is_zero()).then(|| {
        explained(
            LineType::NewPartner,
            "the plan's bonus for a won lead that became an active partner".into(),
            vec![part("new partner bonus", plan.new_partner_bonus, None)],
            dp,
        )
    })
}

/// When a new-business or upsell line of a source event at `source` is earned.
pub fn earned_at(plan: &PlanRules, source: NaiveDateTime) -> NaiveDateTime {
    source + Duration::days(i64::from(plan.eligibility_days))
}

/// A pending line's status at `now`: voided if the client was cancelled before it was earned,
/// earned once the window has passed with the client still active, else still pending.
pub fn eligibility(
    plan: &PlanRules,
    source: NaiveDateTime,
    cancelled_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> LineStatus {
    status_at(earned_at(plan, source), cancelled_at, now)
}

/// A pending line due at `due` (its `earns_at`), at `now`: voided if the client was cancelled
/// before it was due, earned once due, else still pending.
pub fn status_at(
    due: NaiveDateTime,
    cancelled_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> LineStatus {
    match cancelled_at {
        Some(c) if c < due && c <= now => LineStatus::Voided,
        _ if now >= due => LineStatus::Earned,
        _ => LineStatus::Pending,
    }
}

/// A refund against an original line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refund {
    /// The original line's amount.
    pub original: Decimal,
    /// What it was computed on (the deal value, the invoice amount, the upsell price).
    pub base: Decimal,
    /// Of that base, refunded by earlier refunds.
    pub refunded_before: Decimal,
    /// Refunded now.
    pub refunded: Decimal,
    /// The original's source event, local date.
    pub source_date: NaiveDate,
    /// The refund, local date.
    pub refund_date: NaiveDate,
}

/// What a refund claws back from an original line of `original` on a base of `base`, with
/// `refunded_before` of that base refunded already and `refunded` now. Days are counted between
/// local calendar dates; a refund more than the plan's window after the source event claws back
/// nothing (`None`), as does a voided original. The cumulative clawback is rounded, not each
/// piece, so partial refunds that add up to the whole net the original to exactly zero.
pub fn clawback(plan: &PlanRules, r: &Refund, dp: u32) -> Option<Explanation> {
    let Refund {
        original,
        base,
        refunded_before,
        refunded,
        source_date,
        refund_date,
    } = *r;
    let days = (refund_date - source_date).num_days();
    if days > i64::from(plan.clawback_days) || base <= Decimal::ZERO || original.is_zero() {
        return None;
    }
    let before = refunded_before.clamp(Decimal::ZERO, base);
    let after = (refunded_before + refunded).clamp(Decimal::ZERO, base);
    if after <= before {
        return None;
    }
    let clawed_before = round_line(original * before / base, dp);
    let clawed_after = round_line(original * after / base, dp);
    let amount = -(clawed_after - clawed_before);
    Some(Explanation {
        rule: LineType::Clawback,
        summary: format!(
            "refund of {} of {} on day {days} (within {} days): the original line's share",
            refunded.normalize(),
            base.normalize(),
            plan.clawback_days
        ),
        parts: vec![
            ExplanationPart {
                label: "refunded to date × original ÷ base".into(),
                base: after,
                rate: Some(original / base),
                amount: -(original * after / base),
            },
            ExplanationPart {
                label: "already clawed back".into(),
                base: clawed_before,
                rate: None,
                amount: clawed_before,
            },
        ],
        unrounded: -(original * after / base) + clawed_before,
        amount,
    })
}

/// A team bonus for one member, when the team's month reached its quota.
pub fn team_bonus(
    plan: &PlanRules,
    team_revenue: Decimal,
    team_quota: Option<Decimal>,
    dp: u32,
) -> Option<Explanation> {
    let quota = team_quota.filter(|q| *q > Decimal::ZERO)?;
    if plan.team_bonus.is_zero() || team_revenue < quota {
        return None;
    }
    Some(explained(
        LineType::TeamBonus,
        format!(
            "the team won {} against a quota of {}",
            team_revenue.normalize(),
            quota.normalize()
        ),
        vec![part("team bonus per member", plan.team_bonus, None)],
        dp,
    ))
}

/// A manager's override: the plan's rate of its members' lines for the month (their sum).
pub fn manager_override(plan: &PlanRules, members_total: Decimal, dp: u32) -> Option<Explanation> {
    if plan.override_rate.is_zero() {
        return None;
    }
    let e = explained(
        LineType::Override,
        format!(
            "{} of the team members' lines this month",
            percent(plan.override_rate)
        ),
        vec![part(
            "members' lines",
            members_total,
            Some(plan.override_rate),
        )],
        dp,
    );
    (!e.amount.is_zero()).then_some(e)
}

/// The cap: a month's net above `cap_multiple` × the monthly base salary comes off in one line
/// of −excess. No salary, no cap.
pub fn cap(
    plan: &PlanRules,
    net: Decimal,
    base_salary: Option<Decimal>,
    dp: u32,
) -> Option<Explanation> {
    let salary = base_salary?;
    let limit = round_line(plan.cap_multiple * salary, dp);
    if net <= limit {
        return None;
    }
    Some(explained(
        LineType::Cap,
        format!(
            "the month's net {} is above the cap of {} × base salary {} = {}",
            net.normalize(),
            plan.cap_multiple.normalize(),
            salary.normalize(),
            limit.normalize()
        ),
        vec![part("excess over the cap", -(net - limit), None)],
        dp,
    ))
}

/// Whether a line written at `created` may still be disputed at `now`.
pub fn disputable(plan: &PlanRules, created: NaiveDateTime, now: NaiveDateTime) -> bool {
    now <= created + Duration::days(i64::from(plan.dispute_days))
}
