//! The Sales Leak (seed 001 §3): one week's counts, each pipeline lens stage's flow, and the one
//! stage that leaks most.

use serde::{Deserialize, Serialize};

use super::LeakTargets;
use crate::leads::SalesStage;

/// What one rep (or a team, summed) did in a week.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekCounts {
    /// Leads created (prospects named).
    pub prospecting: u32,
    /// Leads created or contacted for the first time.
    pub new_contacts: u32,
    /// Leads whose first completed contact (call, email, meeting, visit, …) fell in the week.
    pub first_contacts: u32,
    /// Completed meetings, demos and proposals.
    pub presentations: u32,
    /// Follow-ups promised for the week (an activity's follow-up date), up to now.
    pub follow_ups_due: u32,
    /// Of those, followed by a completed contact on the lead before the week ended.
    pub follow_ups_done: u32,
    /// Referral asks made (a lead's referral ask dated in the week).
    pub referral_asks: u32,
    /// Leads created from a referral.
    pub referral_leads: u32,
    /// Relationship touches logged.
    pub relationship_touches: u32,
}

impl std::ops::Add for WeekCounts {
    type Output = WeekCounts;
    fn add(self, o: WeekCounts) -> WeekCounts {
        WeekCounts {
            prospecting: self.prospecting + o.prospecting,
            new_contacts: self.new_contacts + o.new_contacts,
            first_contacts: self.first_contacts + o.first_contacts,
            presentations: self.presentations + o.presentations,
            follow_ups_due: self.follow_ups_due + o.follow_ups_due,
            follow_ups_done: self.follow_ups_done + o.follow_ups_done,
            referral_asks: self.referral_asks + o.referral_asks,
            referral_leads: self.referral_leads + o.referral_leads,
            relationship_touches: self.relationship_touches + o.relationship_touches,
        }
    }
}

/// One lens stage's flow in the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageFlow {
    pub stage: SalesStage,
    /// Open leads in the stage now (won leads for REFERRAL and RELATIONSHIP_MAINTENANCE, with
    /// the lost ones in the latter).
    pub now: u32,
    /// Stage changes into it during the week.
    pub entered: u32,
    /// Stage changes out of it during the week (closing counts).
    pub left: u32,
}

/// The stage that leaks most, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leak {
    pub stage: SalesStage,
    /// E.g. "31 due, 9 done" or "14 new contacts, target 50".
    pub reason: String,
}

impl Leak {
    /// The card's one line: "Leak = Follow-up (31 due, 9 done)".
    pub fn line(&self) -> String {
        format!("Leak = {} ({})", self.stage.label(), self.reason)
    }
}

/// The card's line for a week's leak, or "No leak this week".
pub fn leak_line(leak: Option<&Leak>) -> String {
    leak.map_or_else(|| "No leak this week".to_owned(), Leak::line)
}

/// How far this month's referral asks should have got by today: the month's target times the
/// days gone (today included) over the month's days, rounded up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthToDate {
    pub referral_asks: u32,
    pub days_gone: u32,
    pub days_in_month: u32,
}

/// A shortfall `missing / of` (0 < missing ≤ of) and its stage.
struct Shortfall {
    stage: SalesStage,
    missing: u64,
    of: u64,
    reason: String,
}

impl Shortfall {
    /// Whether this falls further short than `other`, compared exactly (cross-multiplied).
    fn worse_than(&self, other: &Shortfall) -> bool {
        self.missing * other.of > other.missing * self.of
    }
}

/// The worst leak of the week, or `None` when nothing falls short:
/// - PROSPECTING, new contacts under the weekly target ("14 new contacts, target 50");
/// - FOLLOW_UP, follow-ups done short of those due ("31 due, 9 done"), or short of the weekly
///   target when one is set ("9 follow-ups done, target 20"), whichever falls further;
/// - REFERRAL, when a monthly target is set, asks short of where the month should be by today
///   ("1 referral ask this month, target 4 by today").
///
/// The largest shortfall (as a fraction of what was due) is the leak; a tie goes to the earlier
/// stage, where the funnel starts.
pub fn find_leak(week: &WeekCounts, month: &MonthToDate, t: &LeakTargets) -> Option<Leak> {
    let mut found: Vec<Shortfall> = Vec::new();
    let target = u64::from(t.new_contacts_per_week);
    let made = u64::from(week.new_contacts);
    if made < target {
        found.push(Shortfall {
            stage: SalesStage::Prospecting,
            missing: target - made,
            of: target,
            reason: format!("{}, target {target}", count(made, "new contact")),
        });
    }
    let (due, done) = (
        u64::from(week.follow_ups_due),
        u64::from(week.follow_ups_done),
    );
    if done < due {
        found.push(Shortfall {
            stage: SalesStage::FollowUp,
            missing: due - done,
            of: due,
            reason: format!("{due} due, {done} done"),
        });
    }
    if let Some(target) = t.follow_ups_per_week.map(u64::from)
        && done < target
    {
        found.push(Shortfall {
            stage: SalesStage::FollowUp,
            missing: target - done,
            of: target,
            reason: format!("{} done, target {target}", count(done, "follow-up")),
        });
    }
    if let Some(target) = t.referral_asks_per_month.map(u64::from) {
        let days = u64::from(month.days_in_month.max(1));
        let gone = u64::from(month.days_gone.clamp(1, month.days_in_month.max(1)));
        let by_now = (target * gone).div_ceil(days);
        let asks = u64::from(month.referral_asks);
        if asks < by_now {
            found.push(Shortfall {
                stage: SalesStage::Referral,
                missing: by_now - asks,
                of: by_now,
                reason: format!(
                    "{} this month, target {by_now} by today",
                    count(asks, "referral ask")
                ),
            });
        }
    }
    let mut worst: Option<Shortfall> = None;
    for s in found {
        // `found` is in funnel order, so only a strictly worse shortfall replaces one found before.
        if worst.as_ref().is_none_or(|w| s.worse_than(w)) {
            worst = Some(s);
        }
    }
    worst.map(|w| Leak {
        stage: w.stage,
        reason: w.reason,
    })
}

/// "1 new contact", "14 new contacts".
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
