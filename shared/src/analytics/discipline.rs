//! Follow-up discipline (seed 001 §6) and the presentation over-focus warning (§9).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::{LeakTargets, percent};

/// What the discipline score is computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisciplineCounts {
    /// Follow-ups that fell due in the last 30 days.
    pub due: u32,
    /// Of those, done on time: a completed contact on the lead after the promise and no later
    /// than a day after the date promised.
    pub on_time: u32,
    /// Open leads in a stage that needs a next contact (approach, presentation, follow-up).
    pub needing_next_date: u32,
    /// Of those, with a next contact date.
    pub with_next_date: u32,
    /// Open leads.
    pub open_leads: u32,
    /// Of those, with personal details, or a note or activity in the last 7 days.
    pub with_recent_notes: u32,
}

impl std::ops::Add for DisciplineCounts {
    type Output = DisciplineCounts;
    fn add(self, o: DisciplineCounts) -> DisciplineCounts {
        DisciplineCounts {
            due: self.due + o.due,
            on_time: self.on_time + o.on_time,
            needing_next_date: self.needing_next_date + o.needing_next_date,
            with_next_date: self.with_next_date + o.with_next_date,
            open_leads: self.open_leads + o.open_leads,
            with_recent_notes: self.with_recent_notes + o.with_recent_notes,
        }
    }
}

/// The three percentages (one decimal; `null` with nothing to measure) and their mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisciplineScore {
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub pct_on_time: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub pct_with_next_date: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub pct_with_notes: Option<Decimal>,
    /// The mean of the percentages there are, 0–100, half up; `null` when there are none.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub composite: Option<u32>,
    pub counts: DisciplineCounts,
}

impl DisciplineScore {
    pub fn of(c: DisciplineCounts) -> DisciplineScore {
        let parts = [
            (c.on_time, c.due),
            (c.with_next_date, c.needing_next_date),
            (c.with_recent_notes, c.open_leads),
        ];
        // The mean of the exact fractions, not of the rounded percentages.
        let present: Vec<(u32, u32)> = parts.into_iter().filter(|(_, d)| *d > 0).collect();
        let composite = (!present.is_empty()).then(|| {
            let sum: Decimal = present
                .iter()
                .map(|(n, d)| Decimal::from(*n) / Decimal::from(*d))
                .sum();
            let mean = sum * Decimal::ONE_HUNDRED / Decimal::from(present.len() as u32);
            let rounded = mean
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            rounded.to_u32().unwrap_or(0).min(100)
        });
        DisciplineScore {
            pct_on_time: percent(c.on_time, c.due),
            pct_with_next_date: percent(c.with_next_date, c.needing_next_date),
            pct_with_notes: percent(c.with_recent_notes, c.open_leads),
            composite,
            counts: c,
        }
    }
}

/// The over-focus warning (seed 001 §9): more presentations in 7 days than the threshold while
/// new contacts stay under the weekly target.
pub fn overfocus_warning(
    presentations_7d: u32,
    new_contacts_7d: u32,
    t: &LeakTargets,
) -> Option<String> {
    (presentations_7d > t.presentation_overfocus_threshold
        && new_contacts_7d < t.new_contacts_per_week)
        .then(|| {
            format!(
                "You are over-indexing on presentation ({presentations_7d} in 7 days, \
                 {new_contacts_7d} new contacts against a target of {}). Prospecting is the leak.",
                t.new_contacts_per_week
            )
        })
}
