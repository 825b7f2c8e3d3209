//! Sales-discipline analytics (seed 001 §3, §6, §9, §15): the week's Sales Leak, the follow-up
//! discipline score, the presentation over-focus warning and the weekly scorecard. The server
//! counts; what the counts mean (which stage leaks, the percentages, the composite) is decided
//! here, so a test can hand-make the counts and check the verdict.

use garde::Validate;
use serde::{Deserialize, Serialize};

mod discipline;
mod leak;
mod report;
mod scorecard;
#[cfg(test)]
mod tests;

pub use discipline::*;
pub use leak::*;
pub use report::*;
pub use scorecard::*;

/// The operator's weekly targets the leak and the over-focus warning compare against (seed 001
/// §3.5, §9); a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LeakTargets {
    /// New contacts a rep should make each week. Default 5.
    #[garde(range(min = 1, max = 10000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub new_contacts_per_week: u32,
    /// Follow-ups a rep should complete each week; `null`: only due against done counts.
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 10000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub follow_ups_per_week: Option<u32>,
    /// Referral asks a rep should make each month; `null`: referrals never count as the leak.
    #[serde(default)]
    #[garde(inner(range(min = 1, max = 10000)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub referral_asks_per_month: Option<u32>,
    /// More presentations than this in 7 days, with new contacts under target, warns of
    /// over-focus. Default 3.
    #[garde(range(min = 1, max = 1000))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1000))]
    pub presentation_overfocus_threshold: u32,
}

impl Default for LeakTargets {
    fn default() -> Self {
        LeakTargets {
            new_contacts_per_week: 5,
            follow_ups_per_week: None,
            referral_asks_per_month: None,
            presentation_overfocus_threshold: 3,
        }
    }
}

impl LeakTargets {
    /// These targets for `reps` people (a team's or everyone's week is held to the sum).
    pub fn times(self, reps: u32) -> LeakTargets {
        let n = reps.max(1);
        LeakTargets {
            new_contacts_per_week: self.new_contacts_per_week.saturating_mul(n),
            follow_ups_per_week: self.follow_ups_per_week.map(|t| t.saturating_mul(n)),
            referral_asks_per_month: self.referral_asks_per_month.map(|t| t.saturating_mul(n)),
            presentation_overfocus_threshold: self
                .presentation_overfocus_threshold
                .saturating_mul(n),
        }
    }
}

/// `num / den` in percent, one decimal, half up; `None` when there is nothing to measure.
pub fn percent(num: u32, den: u32) -> Option<rust_decimal::Decimal> {
    if den == 0 {
        return None;
    }
    let tenths = (u64::from(num) * 2000 + u64::from(den)) / (u64::from(den) * 2);
    Some(rust_decimal::Decimal::new(
        i64::try_from(tenths).unwrap_or(i64::MAX),
        1,
    ))
}
