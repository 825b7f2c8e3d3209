//! The weekly scorecard (seed 001 §10, §15): seven numbers. A snapshot stores the raw counts
//! (numerators and denominators, minor units), so a team's week is the sum of its reps' and the
//! percentages are computed from the sums, never averaged.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Leak, LeakTargets, MonthToDate, WeekCounts, find_leak, leak_line, percent};
use crate::Money;
use crate::money::MoneyError;

/// The summable counts behind one week's scorecard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScorecardCounts {
    /// Invoices paid in the 30 days to the week's end, net of refunds, in minor units of the
    /// organisation's currency.
    pub cash_collected_minor: i64,
    /// Leads won in the 90 days to the week's end.
    pub deals_won_90d: u32,
    /// Open deal values times their stage probability (percent), summed: minor units × 100.
    pub pipeline_weighted_minor_x100: i64,
    /// Leads created or first contacted in the 7 days to the week's end.
    pub new_contacts_7d: u32,
    /// Follow-ups due in the 30 days to the week's end, and those done on time.
    pub follow_ups_due_30d: u32,
    pub follow_ups_on_time_30d: u32,
    /// Referral asks in the 30 days to the week's end.
    pub referral_asks_30d: u32,
    /// The week's leak counts, and this month's referral asks to the week's end.
    pub week: WeekCounts,
    pub month_referral_asks: u32,
}

impl std::ops::Add for ScorecardCounts {
    type Output = ScorecardCounts;
    fn add(self, o: ScorecardCounts) -> ScorecardCounts {
        ScorecardCounts {
            cash_collected_minor: self.cash_collected_minor + o.cash_collected_minor,
            deals_won_90d: self.deals_won_90d + o.deals_won_90d,
            pipeline_weighted_minor_x100: self.pipeline_weighted_minor_x100
                + o.pipeline_weighted_minor_x100,
            new_contacts_7d: self.new_contacts_7d + o.new_contacts_7d,
            follow_ups_due_30d: self.follow_ups_due_30d + o.follow_ups_due_30d,
            follow_ups_on_time_30d: self.follow_ups_on_time_30d + o.follow_ups_on_time_30d,
            referral_asks_30d: self.referral_asks_30d + o.referral_asks_30d,
            week: self.week + o.week,
            month_referral_asks: self.month_referral_asks + o.month_referral_asks,
        }
    }
}

/// Σ minor units × probability percent, in minor units: / 100, half away from zero.
pub fn weighted_minor(minor_x100: i64) -> i64 {
    (minor_x100 + 50 * minor_x100.signum()) / 100
}

/// One week's scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scorecard {
    /// The week's first local day.
    pub week_start: NaiveDate,
    /// How many reps it sums.
    pub reps: u32,
    pub cash_collected: Money,
    pub deals_won_90d: u32,
    /// Open deals weighted by their stage probability.
    pub pipeline_value: Money,
    pub new_contacts_7d: u32,
    /// Follow-ups done on time in the last 30 days, percent, one decimal.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub follow_ups_on_time_pct: Option<Decimal>,
    pub referral_asks_30d: u32,
    /// The week's leak; `null` when nothing fell short.
    pub leak: Option<Leak>,
    /// "Leak = Follow-up (31 due, 9 done)", or "No leak this week".
    pub leak_line: String,
}

impl Scorecard {
    /// The scorecard of `c`, summed over `reps` reps, in `currency` with `digits` minor digits.
    pub fn of(
        week_start: NaiveDate,
        reps: u32,
        c: &ScorecardCounts,
        month: MonthToDate,
        targets: &LeakTargets,
        currency: &str,
    ) -> Result<Scorecard, MoneyError> {
        let money = |minor: i64| Money::from_minor(minor, currency);
        let leak = find_leak(
            &c.week,
            &MonthToDate {
                referral_asks: c.month_referral_asks,
                ..month
            },
            &targets.times(reps),
        );
        let pipeline = weighted_minor(c.pipeline_weighted_minor_x100);
        Ok(Scorecard {
            week_start,
            reps,
            cash_collected: money(c.cash_collected_minor)?,
            deals_won_90d: c.deals_won_90d,
            pipeline_value: money(pipeline)?,
            new_contacts_7d: c.new_contacts_7d,
            follow_ups_on_time_pct: percent(c.follow_ups_on_time_30d, c.follow_ups_due_30d),
            referral_asks_30d: c.referral_asks_30d,
            leak_line: leak_line(leak.as_ref()),
            leak,
        })
    }
}
