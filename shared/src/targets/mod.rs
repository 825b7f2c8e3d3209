//! Sales targets (seed 003 §3.2.4): what a rep, a team or a city aims at over a day, a week, a
//! month or a quarter, and the calendar those periods are in. The periods are the
//! organisation's: its time zone and its first weekday (settings); a period's instants are its
//! local midnights, so a week across a daylight-saving change is 167 or 169 hours long, and a
//! local midnight that does not exist (a zone that springs forward at midnight) starts the day
//! at the first instant that does.
//!
//! The achieved value is computed from live data by the server, never typed in; what is pure
//! (the period, the percentage of quota, the status at the period's end) is here.

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use crate::settings::Weekday;

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

crate::wire_enum! {
    /// Whose target it is.
    pub enum TargetType {
        Individual = "individual" => "Individual",
        Team = "team" => "Team",
        City = "city" => "City",
    }
}

crate::wire_enum! {
    pub enum TargetPeriod {
        Daily = "daily" => "Daily",
        Weekly = "weekly" => "Weekly",
        Monthly = "monthly" => "Monthly",
        Quarterly = "quarterly" => "Quarterly",
    }
}

crate::wire_enum! {
    /// What is counted (seed 003 §3.2.4).
    pub enum TargetMetric {
        /// Won deal value, in the organisation's currency.
        Revenue = "revenue" => "Revenue",
        DealsClosed = "deals_closed" => "Deals closed",
        /// Leads with a contact activity (call, email, meeting, visit) in the period.
        LeadsContacted = "leads_contacted" => "Leads contacted",
        VisitsScheduled = "visits_scheduled" => "Visits scheduled",
        /// Won / closed (won or lost) in the period, in percent.
        ConversionRate = "conversion_rate" => "Conversion rate",
        UpsellConversions = "upsell_conversions" => "Upsell conversions",
        /// The mean of the satisfaction scores entered for the period (1–5).
        CustomerSatisfaction = "customer_satisfaction" => "Customer satisfaction",
    }
}

crate::wire_enum! {
    pub enum TargetStatus {
        Active = "active" => "Active",
        Achieved = "achieved" => "Achieved",
        Missed = "missed" => "Missed",
        Cancelled = "cancelled" => "Cancelled",
    }
}

impl Weekday {
    /// Days from this first weekday to `day`'s weekday (0–6).
    fn days_into_week(self, day: NaiveDate) -> i64 {
        let first = match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Sunday => chrono::Weekday::Sun,
            Weekday::Saturday => chrono::Weekday::Sat,
        };
        i64::from((7 + day.weekday().num_days_from_monday() - first.num_days_from_monday()) % 7)
    }
}

/// The local days `[start, end)` of the period holding `day`.
pub fn period_days(
    period: TargetPeriod,
    day: NaiveDate,
    week_start: Weekday,
) -> (NaiveDate, NaiveDate) {
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(day);
    let months_on = |y: i32, m: u32, n: u32| {
        let i = y * 12 + m as i32 - 1 + n as i32;
        first_of(i.div_euclid(12), i.rem_euclid(12) as u32 + 1)
    };
    match period {
        TargetPeriod::Daily => (day, after(day, 1)),
        TargetPeriod::Weekly => {
            let back = week_start.days_into_week(day) as u64;
            let start = day
                .checked_sub_days(Days::new(back))
                .unwrap_or(NaiveDate::MIN);
            (start, after(start, 7))
        }
        TargetPeriod::Monthly => {
            let start = first_of(day.year(), day.month());
            (start, months_on(day.year(), day.month(), 1))
        }
        TargetPeriod::Quarterly => {
            let m = (day.month() - 1) / 3 * 3 + 1;
            (first_of(day.year(), m), months_on(day.year(), m, 3))
        }
    }
}

/// `n` days after `day`; the last representable day past it (no date is that far, but a query
/// may name any).
pub fn after(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The first instant of local `day` in `tz`: its midnight, or, where the clocks jump over
/// midnight, the first instant that exists.
pub fn day_start<Tz: TimeZone>(tz: &Tz, day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    // A gap is at most a few hours; try each quarter hour after midnight.
    (0..=24 * 4)
        .find_map(|q| {
            let local = midnight.checked_add_signed(Duration::minutes(15 * q))?;
            tz.from_local_datetime(&local).earliest()
        })
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The instants `[start, end)` of the period holding `day` in `tz`.
pub fn period_bounds<Tz: TimeZone>(
    tz: &Tz,
    period: TargetPeriod,
    day: NaiveDate,
    week_start: Weekday,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let (start, end) = period_days(period, day, week_start);
    (day_start(tz, start), day_start(tz, end))
}

/// What a metric's query counted for someone over a period: a sum (minor units of revenue,
/// won deals, scores) and how many it summed (closed deals, scores).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub sum: i64,
    pub count: i64,
}

impl std::ops::Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            sum: self.sum + o.sum,
            count: self.count + o.count,
        }
    }
}

/// The achieved value of `metric` from its tally: revenue in currency units (`digits` minor
/// digits), counts as they are, the conversion rate won / closed in percent and the mean score,
/// both two decimals half away from zero (0 when nothing closed or was scored).
pub fn achieved(metric: TargetMetric, t: Tally, digits: u32) -> Decimal {
    let ratio = |num: i64, den: i64, scale: i64| {
        if den == 0 {
            return Decimal::new(0, 2);
        }
        (Decimal::from(num) * Decimal::from(scale) / Decimal::from(den))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    match metric {
        TargetMetric::Revenue => Decimal::new(t.sum, digits),
        TargetMetric::ConversionRate => ratio(t.sum, t.count, 100),
        TargetMetric::CustomerSatisfaction => ratio(t.sum, t.count, 1),
        TargetMetric::DealsClosed
        | TargetMetric::LeadsContacted
        | TargetMetric::VisitsScheduled
        | TargetMetric::UpsellConversions => Decimal::from(t.sum),
    }
}

/// Whether `value` can be a target of `metric`: positive; a whole number for counts; at most
/// 100 for a percentage; 1–5 for a score; at most `digits` decimals for revenue.
pub fn check_value(metric: TargetMetric, value: Decimal, digits: u32) -> Result<(), String> {
    if value <= Decimal::ZERO {
        return Err("must be positive".into());
    }
    match metric {
        TargetMetric::Revenue if value.normalize().scale() > digits => {
            Err(format!("must have at most {digits} decimals"))
        }
        TargetMetric::ConversionRate if value > Decimal::ONE_HUNDRED => {
            Err("is a percentage: at most 100".into())
        }
        TargetMetric::CustomerSatisfaction if value < Decimal::ONE || value > Decimal::from(5) => {
            Err("is a mean score: from 1 to 5".into())
        }
        TargetMetric::DealsClosed
        | TargetMetric::LeadsContacted
        | TargetMetric::VisitsScheduled
        | TargetMetric::UpsellConversions
            if !value.fract().is_zero() =>
        {
            Err("counts: must be a whole number".into())
        }
        _ => Ok(()),
    }
}

/// achieved / target in percent, two decimals, half away from zero; `None` for a zero target.
pub fn percent_of(achieved: Decimal, target: Decimal) -> Option<Decimal> {
    if target.is_zero() {
        return None;
    }
    let mut pct = (achieved * Decimal::ONE_HUNDRED / target)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    pct.rescale(2);
    Some(pct)
}

/// A target's status `now`: active until its period ends, then achieved or missed by what was
/// achieved; a cancelled target stays cancelled.
pub fn status_at(
    cancelled: bool,
    achieved: Decimal,
    target: Decimal,
    period_end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> TargetStatus {
    if cancelled {
        TargetStatus::Cancelled
    } else if now < period_end {
        TargetStatus::Active
    } else if achieved >= target {
        TargetStatus::Achieved
    } else {
        TargetStatus::Missed
    }
}
