//! The rep's and the manager's dashboards (seed 004 "TAB 1: DASHBOARD", "ACTIVITY HEATMAP";
//! seed 000 F6; seed 003 §9.1 KPIs): what they show, and the rules with a number in them — the
//! month-end forecast, the best hour to call, a stalling deal, the heatmap's busiest and
//! quietest weekdays, the funnel's conversions.

use rust_decimal::{Decimal, RoundingStrategy};

mod records;
mod reports;
#[cfg(test)]
mod tests;

pub use records::*;
pub use reports::*;

use crate::activities::ActivityOutcome;

/// Days without activity after which an open deal is stalling.
pub const STALL_DAYS: i64 = 5;
/// Calls an hour needs before its connect rate counts.
pub const MIN_CALLS_PER_HOUR: u32 = 3;

fn round(v: Decimal, dp: u32) -> Decimal {
    let mut r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    r
}

/// The month's revenue at today's pace: achieved × days in month / days gone (today counted),
/// in `digits` decimals, half away from zero.
pub fn forecast(achieved: Decimal, days_gone: u32, days_in_month: u32, digits: u32) -> Decimal {
    let gone = Decimal::from(days_gone.clamp(1, days_in_month.max(1)));
    round(
        achieved * Decimal::from(days_in_month.max(1)) / gone,
        digits,
    )
}

/// `part` of `whole` in percent, one decimal, half away from zero; `None` for a zero whole.
pub fn percent_1dp(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| round(part * Decimal::ONE_HUNDRED / whole, 1))
}

/// Whether a call reached the customer: every outcome but no answer, voicemail and not home.
/// A call logged without an outcome says nothing (`None`).
pub fn connected(outcome: Option<ActivityOutcome>) -> Option<bool> {
    outcome.map(|o| {
        !matches!(
            o,
            ActivityOutcome::NoAnswer | ActivityOutcome::Voicemail | ActivityOutcome::NotHome
        )
    })
}

/// The local hour (0–23) with the best connect rate among hours with at least
/// [`MIN_CALLS_PER_HOUR`] calls; a tie goes to the hour with more calls, then the earlier one.
/// `calls[h] = (calls, connected)`.
pub fn best_hour(calls: &[(u32, u32); 24]) -> Option<BestHour> {
    let mut best: Option<(usize, u32, u32)> = None;
    for (h, &(n, c)) in calls.iter().enumerate() {
        if n < MIN_CALLS_PER_HOUR {
            continue;
        }
        let better = match best {
            None => true,
            // c/n > bc/bn, exactly; then more calls.
            Some((_, bn, bc)) => {
                let (l, r) = (u64::from(c) * u64::from(bn), u64::from(bc) * u64::from(n));
                l > r || (l == r && n > bn)
            }
        };
        if better {
            best = Some((h, n, c));
        }
    }
    best.map(|(hour, n, c)| BestHour {
        hour: hour as u32,
        calls: n,
        connect_rate: round(
            Decimal::from(c) * Decimal::ONE_HUNDRED / Decimal::from(n),
            1,
        ),
    })
}

/// The busiest and the quietest weekday (Monday first) of a month's activity; ties go to the
/// earlier day. `None` with no activity at all.
pub fn busiest_and_quietest(by_weekday: &[u32; 7]) -> Option<(usize, usize)> {
    if by_weekday.iter().all(|n| *n == 0) {
        return None;
    }
    let mut busiest = 0;
    let mut quietest = 0;
    for (d, n) in by_weekday.iter().enumerate() {
        if *n > by_weekday[busiest] {
            busiest = d;
        }
        if *n < by_weekday[quietest] {
            quietest = d;
        }
    }
    Some((busiest, quietest))
}

/// Each funnel stage's conversion to the next: reached[k + 1] / reached[k] in percent.
pub fn conversions(reached: &[u32]) -> Vec<Option<Decimal>> {
    (0..reached.len())
        .map(|k| {
            reached
                .get(k + 1)
                .and_then(|next| percent_1dp(Decimal::from(*next), Decimal::from(reached[k])))
        })
        .collect()
}

/// The mean of `days`, one decimal; `None` for none.
pub fn mean_days(total_seconds: i64, n: u32) -> Option<Decimal> {
    (n > 0).then(|| {
        round(
            Decimal::from(total_seconds) / Decimal::from(86_400 * i64::from(n)),
            1,
        )
    })
}
