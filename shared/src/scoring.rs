//! Lead score 0–100: a deterministic formula the server stores and the browser can explain.
//!
//! | factor     | points | rule                                                                 |
//! |------------|--------|----------------------------------------------------------------------|
//! | budget     | 0–10   | confirmed 10, estimated 5, unknown or unset 0                        |
//! | authority  | 0–10   | decision maker 10, influencer 6, gatekeeper 2, unset 0               |
//! | need       | 0–10   | urgent 10, medium 6, exploring 2, unset 0                            |
//! | timeline   | 0–10   | immediate 10, 30 days 7, 90 days 4, long term 1, unset 0             |
//! | engagement | 0–20   | 5 per completed contact activity in the last 14 days, at most 20     |
//! | recency    | 0–20   | last contact ≤ 2 days ago 20, ≤ 7 15, ≤ 14 10, ≤ 30 5, older/none 0  |
//! | stage      | 0–20   | win probability × 20 / 100, rounded half away from zero              |
//!
//! The score is recomputed whenever the lead, its stage or its activities change, as of that
//! moment; recency therefore reflects the last change, not the time of reading.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

// Qualification (BANT) as a lead records it; weighed by `score`.
crate::wire_enum! {
    pub enum Budget {
        Confirmed = "confirmed" => "Confirmed",
        Estimated = "estimated" => "Estimated",
        Unknown = "unknown" => "Unknown",
    }
}

crate::wire_enum! {
    pub enum Authority {
        DecisionMaker = "decision_maker" => "Decision maker",
        Influencer = "influencer" => "Influencer",
        Gatekeeper = "gatekeeper" => "Gatekeeper",
    }
}

crate::wire_enum! {
    pub enum Need {
        Urgent = "urgent" => "Urgent",
        Medium = "medium" => "Medium",
        Exploring = "exploring" => "Exploring",
    }
}

crate::wire_enum! {
    pub enum Timeline {
        Immediate = "immediate" => "Immediate",
        Days30 = "30_days" => "30 days",
        Days90 = "90_days" => "90 days",
        LongTerm = "long_term" => "Long term",
    }
}

/// Days of activity that count as engagement.
pub const ENGAGEMENT_WINDOW_DAYS: i64 = 14;

/// The points each factor contributed; `total` is the score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreFactors {
    pub budget: i32,
    pub authority: i32,
    pub need: i32,
    pub timeline: i32,
    pub engagement: i32,
    pub recency: i32,
    pub stage: i32,
    pub total: i32,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreInputs {
    pub budget: Option<Budget>,
    pub authority: Option<Authority>,
    pub need: Option<Need>,
    pub timeline: Option<Timeline>,
    /// Completed contact activities in the last `ENGAGEMENT_WINDOW_DAYS`.
    pub recent_contacts: i64,
    pub last_contact_at: Option<DateTime<Utc>>,
    /// Win probability 0–100.
    pub probability: i32,
}

pub fn score(i: &ScoreInputs, now: DateTime<Utc>) -> ScoreFactors {
    let budget = match i.budget {
        Some(Budget::Confirmed) => 10,
        Some(Budget::Estimated) => 5,
        Some(Budget::Unknown) | None => 0,
    };
    let authority = match i.authority {
        Some(Authority::DecisionMaker) => 10,
        Some(Authority::Influencer) => 6,
        Some(Authority::Gatekeeper) => 2,
        None => 0,
    };
    let need = match i.need {
        Some(Need::Urgent) => 10,
        Some(Need::Medium) => 6,
        Some(Need::Exploring) => 2,
        None => 0,
    };
    let timeline = match i.timeline {
        Some(Timeline::Immediate) => 10,
        Some(Timeline::Days30) => 7,
        Some(Timeline::Days90) => 4,
        Some(Timeline::LongTerm) => 1,
        None => 0,
    };
    let engagement = i32::try_from(i.recent_contacts.clamp(0, 4) * 5).unwrap_or(20);
    let recency = match i.last_contact_at.map(|t| (now - t).num_hours()) {
        Some(h) if h <= 2 * 24 => 20,
        Some(h) if h <= 7 * 24 => 15,
        Some(h) if h <= 14 * 24 => 10,
        Some(h) if h <= 30 * 24 => 5,
        _ => 0,
    };
    // probability × 20 / 100 = probability / 5, half away from zero (probability is 0..=100).
    let p = i.probability.clamp(0, 100);
    let stage = (p * 2 + 5) / 10;
    let total = budget + authority + need + timeline + engagement + recency + stage;
    ScoreFactors {
        budget,
        authority,
        need,
        timeline,
        engagement,
        recency,
        stage,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn at(days_ago: i64) -> Option<DateTime<Utc>> {
        Some(now() - Duration::days(days_ago))
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn factor_table() {
        use Authority::*;
        use Budget::*;
        use Need::*;
        use Timeline::*;
        // (budget, authority, need, timeline, contacts, last contact, probability) → total
        let table: &[(
            Option<Budget>,
            Option<Authority>,
            Option<Need>,
            Option<Timeline>,
            i64,
            Option<DateTime<Utc>>,
            i32,
            i32,
        )] = &[
            (None, None, None, None, 0, None, 0, 0),
            (
                Some(Confirmed),
                Some(DecisionMaker),
                Some(Urgent),
                Some(Immediate),
                4,
                at(0),
                100,
                100,
            ),
            (
                Some(Confirmed),
                Some(DecisionMaker),
                Some(Urgent),
                Some(Immediate),
                9,
                at(1),
                100,
                100,
            ),
            (
                Some(Estimated),
                Some(Influencer),
                Some(Medium),
                Some(Days30),
                1,
                at(5),
                50,
                5 + 6 + 6 + 7 + 5 + 15 + 10,
            ),
            (
                Some(Unknown),
                Some(Gatekeeper),
                Some(Exploring),
                Some(Days90),
                2,
                at(10),
                10,
                2 + 2 + 4 + 10 + 10 + 2,
            ),
            (None, None, None, Some(LongTerm), 0, at(20), 25, 1 + 5 + 5),
            (None, None, None, None, 0, at(31), 75, 15),
            // 2 × 12 / 10 = 2.4 → 2; 2 × 13 / 10 = 2.6 → 3; 2 × 2.5…: 12.5 % → 2.5 → 3 (half away)
            (None, None, None, None, 0, None, 12, 2),
            (None, None, None, None, 0, None, 13, 3),
            (None, None, None, None, -3, None, 0, 0),
        ];
        for (b, a, n, t, c, last, p, want) in table {
            let f = score(
                &ScoreInputs {
                    budget: *b,
                    authority: *a,
                    need: *n,
                    timeline: *t,
                    recent_contacts: *c,
                    last_contact_at: *last,
                    probability: *p,
                },
                now(),
            );
            assert_eq!(
                f.total, *want,
                "{b:?} {a:?} {n:?} {t:?} {c} {last:?} {p}: {f:?}"
            );
        }
    }

    #[test]
    fn recency_boundaries() {
        let table = [
            (0, 20),
            (2, 20),
            (3, 15),
            (7, 15),
            (8, 10),
            (14, 10),
            (15, 5),
            (30, 5),
            (31, 0),
        ];
        for (days, want) in table {
            let f = score(
                &ScoreInputs {
                    last_contact_at: at(days),
                    ..Default::default()
                },
                now(),
            );
            assert_eq!(f.recency, want, "{days} days ago");
        }
    }

    proptest! {
        #[test]
        fn score_is_bounded_and_sums_its_factors(
            contacts in -5i64..50, days in 0i64..400, p in -10i32..120,
        ) {
            let f = score(&ScoreInputs {
                budget: Some(Budget::Estimated),
                recent_contacts: contacts,
                last_contact_at: at(days),
                probability: p,
                ..Default::default()
            }, now());
            prop_assert!((0..=100).contains(&f.total));
            prop_assert_eq!(f.total, f.budget + f.authority + f.need + f.timeline + f.engagement + f.recency + f.stage);
        }
    }
}
