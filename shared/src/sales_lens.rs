//! The six-step sales lens (seed 001 §4) beside the pipeline stage, and the "incomplete" rule
//! (seed 001 §5.1).
//!
//! Display stage, when the rep has not set `sales_stage` on the lead:
//!
//! | lead                                         | display stage              |
//! |----------------------------------------------|----------------------------|
//! | won, referral not yet received               | REFERRAL                   |
//! | won, referrals received                      | RELATIONSHIP_MAINTENANCE   |
//! | lost                                         | RELATIONSHIP_MAINTENANCE   |
//! | open                                         | the lens of its pipeline stage |
//!
//! An open stage's lens comes from its place among the pipeline's open stages
//! (`lens_for_position`), which gives the built-in pipelines NEW → PROSPECTING,
//! CONTACTED/REQUIREMENTS_CAPTURED → APPROACH_CONTACT, SHORTLIST_SENT/VISIT_* → PRESENTATION,
//! NEGOTIATION/AGREEMENT_PENDING → FOLLOW_UP (and likewise for B2B wholesale).

use crate::leads::{Outcome, ReferralAskStatus, SalesStage};

pub fn display_sales_stage(
    set: Option<SalesStage>,
    stage_lens: SalesStage,
    outcome: Outcome,
    referral: ReferralAskStatus,
) -> SalesStage {
    if let Some(s) = set {
        return s;
    }
    match (outcome, referral) {
        (Outcome::Won, ReferralAskStatus::Received) | (Outcome::Lost, _) => {
            SalesStage::RelationshipMaintenance
        }
        (Outcome::Won, _) => SalesStage::Referral,
        (Outcome::Open, _) => stage_lens,
    }
}

/// Stages in which a lead must have a next contact date. A closed lead is never incomplete.
pub fn needs_next_contact(stage: SalesStage) -> bool {
    matches!(
        stage,
        SalesStage::ApproachContact | SalesStage::Presentation | SalesStage::FollowUp
    )
}

/// No next contact date while in a stage that needs one: a leak.
pub fn is_incomplete(display: SalesStage, outcome: Outcome, has_next_contact: bool) -> bool {
    outcome == Outcome::Open && needs_next_contact(display) && !has_next_contact
}

/// The lens of the open stage at `index` of `open_count`: the first is PROSPECTING, then the
/// first 35 % APPROACH_CONTACT, up to 75 % PRESENTATION, the rest FOLLOW_UP.
pub fn lens_for_position(index: usize, open_count: usize) -> SalesStage {
    if index == 0 {
        return SalesStage::Prospecting;
    }
    let pct = index * 100 / open_count.max(1);
    match pct {
        0..35 => SalesStage::ApproachContact,
        35..75 => SalesStage::Presentation,
        _ => SalesStage::FollowUp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;
    use ReferralAskStatus::*;
    use SalesStage::*;

    #[test]
    fn display_stage_table() {
        let table = [
            (Some(Presentation), FollowUp, Won, NotAsked, Presentation),
            (None, FollowUp, Open, NotAsked, FollowUp),
            (None, FollowUp, Won, NotAsked, Referral),
            (None, FollowUp, Won, Asked, Referral),
            (None, FollowUp, Won, Received, RelationshipMaintenance),
            (None, Presentation, Lost, NotAsked, RelationshipMaintenance),
        ];
        for (set, lens, outcome, referral, want) in table {
            assert_eq!(display_sales_stage(set, lens, outcome, referral), want);
        }
    }

    #[test]
    fn incomplete_table() {
        let table = [
            (Prospecting, Open, false, false),
            (ApproachContact, Open, false, true),
            (Presentation, Open, false, true),
            (FollowUp, Open, false, true),
            (FollowUp, Open, true, false),
            (FollowUp, Won, false, false),
            (Referral, Open, false, false),
            (RelationshipMaintenance, Open, false, false),
        ];
        for (stage, outcome, has_next, want) in table {
            assert_eq!(
                is_incomplete(stage, outcome, has_next),
                want,
                "{stage:?} {outcome:?} {has_next}"
            );
        }
    }

    #[test]
    fn lens_by_position_matches_the_built_in_pipelines() {
        // Assisted sales: 8 open stages.
        let got: Vec<_> = (0..8).map(|i| lens_for_position(i, 8)).collect();
        assert_eq!(
            got,
            [
                Prospecting,
                ApproachContact,
                ApproachContact,
                Presentation,
                Presentation,
                Presentation,
                FollowUp,
                FollowUp
            ]
        );
        // B2B wholesale: 7 open stages.
        let got: Vec<_> = (0..7).map(|i| lens_for_position(i, 7)).collect();
        assert_eq!(
            got,
            [
                Prospecting,
                ApproachContact,
                ApproachContact,
                Presentation,
                Presentation,
                Presentation,
                FollowUp
            ]
        );
        assert_eq!(lens_for_position(0, 1), Prospecting);
        assert_eq!(lens_for_position(1, 2), Presentation);
    }
}
