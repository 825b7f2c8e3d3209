//! What people did over a span of time, per person: the queries behind targets and
//! leaderboards. Each returns a [`Tally`] per user id; the meaning of a tally (a sum of minor
//! units, a count, won over closed, a mean score) is `closebook_shared::targets::achieved`'s.
//!
//! | metric                | counted                                                          |
//! |-----------------------|------------------------------------------------------------------|
//! | revenue               | won leads' deal values in the organisation's currency, by `closed_at` |
//! | deals_closed          | won leads, by `closed_at`                                        |
//! | conversion_rate       | won (sum) over won or lost (count), by `closed_at`               |
//! | leads_contacted       | distinct leads with a completed contact activity (by its user)   |
//! | visits_scheduled      | meetings and demos on the calendar (`scheduled_at`) in the span  |
//! | upsell_conversions    | upsells sold, by their rep                                       |
//! | customer_satisfaction | scores entered (sum and count), by the client's rep              |
//!
//! A city's tallies are those of the leads (and their clients) in that city, whoever did them.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use closebook_shared::activities::ActivityKind;
use closebook_shared::leads::Outcome;
use closebook_shared::targets::{Tally, TargetMetric};
use diesel::prelude::*;

use super::DbConn;
use super::columns::lower;
use super::schema::{activities, clients, leads, satisfaction_scores, upsells};
use crate::authz::{OwnerList, within_scope};
use crate::error::ApiError;

/// Whose doings are counted.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// These users (`None`: everyone).
    People(Option<&'a [String]>),
    /// Everything on leads in this city (lower-cased).
    City(&'a str),
}

/// A half-open span of UTC instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// `$query` limited to `$who`: its `$person` column among the people, or `$in_city` (given
/// the city's key) for a city.
macro_rules! limit_to {
    ($query:expr, $who:expr, $person:expr, |$key:ident| $in_city:expr) => {
        match $who {
            Who::People(people) => within_scope!($query, people, $person),
            Who::City($key) => $query.filter($in_city),
        }
    };
}

/// The ids of the leads in the city `$key` (a subquery).
macro_rules! city_leads {
    ($key:expr) => {
        leads::table
            .filter(lower(leads::city.assume_not_null()).eq($key.to_owned()))
            .select(leads::id)
    };
}

/// The ids of the clients won from leads in the city `$key` (a subquery).
macro_rules! city_clients {
    ($key:expr) => {
        clients::table
            .filter(clients::lead_id.eq_any(city_leads!($key)))
            .select(clients::id)
    };
}

/// Each person's tally of `metric` over `span` (people with nothing to count are absent).
pub fn tallies(
    conn: &mut DbConn,
    metric: TargetMetric,
    who: Who<'_>,
    span: Span,
    currency: &str,
) -> Result<HashMap<String, Tally>, ApiError> {
    let mut out: HashMap<String, Tally> = HashMap::new();
    let mut add = |person: Option<String>, sum: i64, count: i64| {
        if let Some(p) = person {
            let t = out.entry(p).or_default();
            t.sum += sum;
            t.count += count;
        }
    };
    match metric {
        TargetMetric::Revenue | TargetMetric::DealsClosed | TargetMetric::ConversionRate => {
            let query = leads::table
                .filter(leads::closed_at.ge(span.start))
                .filter(leads::closed_at.lt(span.end))
                .filter(leads::outcome.eq_any([Outcome::Won.as_str(), Outcome::Lost.as_str()]))
                .select((
                    leads::owner_id,
                    leads::outcome,
                    leads::deal_value_minor,
                    leads::deal_currency,
                ))
                .into_boxed();
            let rows: Vec<(Option<String>, String, Option<i64>, Option<String>)> =
                limit_to!(query, who, leads::owner_id, |key| {
                    lower(leads::city.assume_not_null()).eq(key.to_owned())
                })
                .load(conn)?;
            for (owner, outcome, value, deal_currency) in rows {
                let won = outcome == Outcome::Won.as_str();
                match metric {
                    TargetMetric::Revenue if won && deal_currency.as_deref() == Some(currency) => {
                        add(owner, value.unwrap_or(0), 1)
                    }
                    TargetMetric::DealsClosed if won => add(owner, 1, 1),
                    TargetMetric::ConversionRate => add(owner, i64::from(won), 1),
                    _ => {}
                }
            }
        }
        TargetMetric::LeadsContacted => {
            let contact: Vec<&str> = ActivityKind::ALL
                .iter()
                .filter(|k| k.is_contact())
                .map(|k| k.as_str())
                .collect();
            let query = activities::table
                .filter(activities::at.ge(span.start))
                .filter(activities::at.lt(span.end))
                .filter(activities::completed_at.is_not_null())
                .filter(activities::kind.eq_any(contact))
                .select((activities::user_id, activities::lead_id))
                .distinct()
                .into_boxed();
            let rows: Vec<(Option<String>, String)> =
                limit_to!(query, who, activities::user_id, |key| {
                    activities::lead_id.eq_any(city_leads!(key))
                })
                .load(conn)?;
            for (user, _) in rows {
                add(user, 1, 1);
            }
        }
        TargetMetric::VisitsScheduled => {
            let query = activities::table
                .filter(activities::at.ge(span.start))
                .filter(activities::at.lt(span.end))
                .filter(activities::scheduled_at.is_not_null())
                .filter(
                    activities::kind
                        .eq_any([ActivityKind::Meeting.as_str(), ActivityKind::Demo.as_str()]),
                )
                .select(activities::user_id)
                .into_boxed();
            let rows: Vec<Option<String>> = limit_to!(query, who, activities::user_id, |key| {
                activities::lead_id.eq_any(city_leads!(key))
            })
            .load(conn)?;
            for user in rows {
                add(user, 1, 1);
            }
        }
        TargetMetric::UpsellConversions => {
            let query = upsells::table
                .filter(upsells::sold_at.ge(span.start))
                .filter(upsells::sold_at.lt(span.end))
                .select(upsells::rep_id)
                .into_boxed();
            let rows: Vec<String> = limit_to!(query, who, upsells::rep_id, |key| {
                upsells::client_id.eq_any(city_clients!(key))
            })
            .load(conn)?;
            for rep in rows {
                add(Some(rep), 1, 1);
            }
        }
        TargetMetric::CustomerSatisfaction => {
            let query = satisfaction_scores::table
                .filter(satisfaction_scores::recorded_at.ge(span.start))
                .filter(satisfaction_scores::recorded_at.lt(span.end))
                .select((satisfaction_scores::rep_id, satisfaction_scores::score))
                .into_boxed();
            let rows: Vec<(String, i32)> =
                limit_to!(query, who, satisfaction_scores::rep_id, |key| {
                    satisfaction_scores::client_id.eq_any(city_clients!(key))
                })
                .load(conn)?;
            for (rep, score) in rows {
                add(Some(rep), i64::from(score), 1);
            }
        }
    }
    Ok(out)
}

/// The tallies of `who` summed.
pub fn total(
    conn: &mut DbConn,
    metric: TargetMetric,
    who: Who<'_>,
    span: Span,
    currency: &str,
) -> Result<Tally, ApiError> {
    Ok(tallies(conn, metric, who, span, currency)?
        .into_values()
        .fold(Tally::default(), |a, b| a + b))
}
