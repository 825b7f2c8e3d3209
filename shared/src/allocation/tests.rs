use super::*;
use proptest::prelude::*;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// Territories: region 100 ⊃ area 10 ⊃ micro 1; region 200 elsewhere.
const MICRO: u128 = 1;
const AREA: u128 = 10;
const REGION: u128 = 100;
const OTHER_REGION: u128 = 200;

fn lead_in_micro() -> LeadToPlace {
    LeadToPlace {
        territories: vec![id(MICRO), id(AREA), id(REGION)],
        ..LeadToPlace::default()
    }
}

fn rep(n: u128, territory: u128) -> Candidate {
    Candidate {
        rep_id: id(n),
        territories: vec![id(territory)],
        skills: Vec::new(),
        capacity: None,
        active_leads: 0,
        availability: Availability::Available,
        intake_paused: false,
        performance_score: 50,
        last_allocated: None,
    }
}

fn chosen(lead: &LeadToPlace, reps: &[Candidate], rules: &AllocationRules) -> Option<u128> {
    allocate(lead, reps, rules).rep_id.map(|u| u.as_u128())
}

fn reason_for(p: &Placement, rep: u128) -> Option<ExclusionReason> {
    p.trace
        .iter()
        .flat_map(|s| &s.excluded)
        .find(|e| e.rep_id == id(rep))
        .map(|e| e.reason)
}

#[test]
fn availability_sets_aside_leave_offline_paused_and_decliners() {
    type Edit = fn(&mut Candidate, &mut LeadToPlace);
    let table: [(&str, Edit, Option<ExclusionReason>); 5] = [
        ("available", |_, _| {}, None),
        (
            "on leave",
            |c, _| c.availability = Availability::OnLeave,
            Some(ExclusionReason::OnLeave),
        ),
        (
            "offline",
            |c, _| c.availability = Availability::Offline,
            Some(ExclusionReason::Offline),
        ),
        (
            "paused",
            |c, _| c.intake_paused = true,
            Some(ExclusionReason::IntakePaused),
        ),
        (
            "declined",
            |c, l| l.declined_by.push(c.rep_id),
            Some(ExclusionReason::Declined),
        ),
    ];
    for (case, edit, reason) in table {
        let mut lead = lead_in_micro();
        let mut first = rep(1, MICRO);
        let mut second = rep(2, MICRO);
        second.last_allocated = Some(5);
        edit(&mut first, &mut lead);
        let p = allocate(&lead, &[first, second], &AllocationRules::default());
        let expected = if reason.is_some() { 2 } else { 1 };
        assert_eq!(p.rep_id, Some(id(expected)), "{case}");
        assert_eq!(reason_for(&p, 1), reason, "{case}");
    }
}

#[test]
fn lar_001_geographic_match_takes_reps_serving_the_territory_or_an_ancestor() {
    let rules = AllocationRules::default();
    // (rep's territory, lead's territories, eligible?, reason when not)
    let table = [
        (MICRO, vec![MICRO, AREA, REGION], true, None),
        (AREA, vec![MICRO, AREA, REGION], true, None),
        (REGION, vec![MICRO, AREA, REGION], true, None),
        (
            OTHER_REGION,
            vec![MICRO, AREA, REGION],
            false,
            Some(ExclusionReason::OutsideTerritory),
        ),
        (
            MICRO,
            vec![AREA, REGION],
            false,
            Some(ExclusionReason::OutsideTerritory),
        ),
        (REGION, vec![], false, Some(ExclusionReason::LeadUnplaced)),
    ];
    for (serves, lead_in, eligible, reason) in table {
        let lead = LeadToPlace {
            territories: lead_in.iter().map(|t| id(*t)).collect(),
            ..LeadToPlace::default()
        };
        let p = allocate(&lead, &[rep(1, serves)], &rules);
        assert_eq!(
            p.rep_id.is_some(),
            eligible,
            "rep in {serves}, lead in {lead_in:?}"
        );
        assert_eq!(
            reason_for(&p, 1),
            reason,
            "rep in {serves}, lead in {lead_in:?}"
        );
        let kind = if eligible {
            AllocationType::Geographic
        } else {
            AllocationType::Overflow
        };
        assert_eq!(p.allocation_type, kind);
    }
    // Off: anyone available, wherever the lead is.
    let off = AllocationRules {
        geographic: false,
        ..rules
    };
    let p = allocate(&LeadToPlace::default(), &[rep(1, OTHER_REGION)], &off);
    assert_eq!(p.rep_id, Some(id(1)));
    assert_eq!(p.allocation_type, AllocationType::RoundRobin);
}

#[test]
fn lar_002_capacity_is_the_reps_own_under_the_organisations_maximum() {
    // (organisation maximum, rep's own capacity, active leads, eligible?)
    let table = [
        (25, None, 24, true),
        (25, None, 25, false),
        (25, None, 40, false),
        (25, Some(10), 9, true),
        (25, Some(10), 10, false),
        (25, Some(40), 25, false),
        (5, Some(40), 4, true),
        (5, Some(40), 5, false),
    ];
    for (max, own, active, eligible) in table {
        let rules = AllocationRules {
            max_active_leads: max,
            ..AllocationRules::default()
        };
        let mut r = rep(1, MICRO);
        r.capacity = own;
        r.active_leads = active;
        let p = allocate(&lead_in_micro(), &[r], &rules);
        assert_eq!(
            p.rep_id.is_some(),
            eligible,
            "max {max}, own {own:?}, active {active}"
        );
        if !eligible {
            assert_eq!(reason_for(&p, 1), Some(ExclusionReason::AtCapacity));
        }
    }
}

#[test]
fn lar_003_skill_match_off_preferred_or_required() {
    let skilled = {
        let mut r = rep(1, MICRO);
        r.skills = vec!["Commercial".into()];
        r.last_allocated = Some(9);
        r
    };
    let unskilled = rep(2, MICRO);
    // (mode, lead's segment, reps, chosen, type)
    let table: [(
        SkillMatch,
        Option<&str>,
        Vec<Candidate>,
        Option<u128>,
        AllocationType,
    ); 7] = [
        (
            SkillMatch::Off,
            Some("commercial"),
            vec![skilled.clone(), unskilled.clone()],
            Some(2),
            AllocationType::Geographic,
        ),
        (
            SkillMatch::Prefer,
            Some("commercial"),
            vec![skilled.clone(), unskilled.clone()],
            Some(1),
            AllocationType::SkillBased,
        ),
        (
            SkillMatch::Prefer,
            Some("retail"),
            vec![skilled.clone(), unskilled.clone()],
            Some(2),
            AllocationType::Geographic,
        ),
        (
            SkillMatch::Prefer,
            None,
            vec![skilled.clone(), unskilled.clone()],
            Some(2),
            AllocationType::Geographic,
        ),
        (
            SkillMatch::Require,
            Some("COMMERCIAL"),
            vec![skilled.clone(), unskilled.clone()],
            Some(1),
            AllocationType::SkillBased,
        ),
        (
            SkillMatch::Require,
            Some("retail"),
            vec![skilled.clone(), unskilled.clone()],
            None,
            AllocationType::Overflow,
        ),
        (
            SkillMatch::Require,
            Some("commercial"),
            vec![skilled.clone()],
            Some(1),
            AllocationType::Geographic,
        ),
    ];
    for (mode, segment, reps, expected, kind) in table {
        let rules = AllocationRules {
            skill_match: mode,
            ..AllocationRules::default()
        };
        let lead = LeadToPlace {
            segments: segment.into_iter().map(str::to_owned).collect(),
            ..lead_in_micro()
        };
        let p = allocate(&lead, &reps, &rules);
        assert_eq!(
            p.rep_id.map(|u| u.as_u128()),
            expected,
            "{mode} {segment:?}"
        );
        assert_eq!(p.allocation_type, kind, "{mode} {segment:?}");
    }
}

#[test]
fn the_nearest_territorys_rep_comes_before_a_wider_one() {
    let rules = AllocationRules::default();
    let region = rep(1, REGION);
    let area = rep(2, AREA);
    let mut micro = rep(3, MICRO);
    micro.last_allocated = Some(100);
    // The micro rep, though it had a lead more recently than anyone.
    let p = allocate(
        &lead_in_micro(),
        &[region.clone(), area.clone(), micro.clone()],
        &rules,
    );
    assert_eq!(p.rep_id, Some(id(3)));
    assert_eq!(reason_for(&p, 1), Some(ExclusionReason::FartherTerritory));
    // The micro rep full: the area's.
    micro.active_leads = 25;
    assert_eq!(
        chosen(
            &lead_in_micro(),
            &[region.clone(), area, micro.clone()],
            &rules
        ),
        Some(2)
    );
    // Nobody nearer: the region's.
    assert_eq!(chosen(&lead_in_micro(), &[region, micro], &rules), Some(1));
}

#[test]
fn lar_005_high_value_leads_go_to_high_performers_first() {
    let rules = AllocationRules {
        high_value_minor: Some(1_000_000),
        high_performer_score: 80,
        ..AllocationRules::default()
    };
    let mut star = rep(1, MICRO);
    star.performance_score = 80;
    star.last_allocated = Some(50);
    let mut steady = rep(2, MICRO);
    steady.performance_score = 79;
    // (value, rules, reps, chosen)
    let table: [(Option<i64>, &AllocationRules, Vec<Candidate>, u128); 5] = [
        (
            Some(1_000_000),
            &rules,
            vec![star.clone(), steady.clone()],
            1,
        ),
        (Some(999_999), &rules, vec![star.clone(), steady.clone()], 2),
        (None, &rules, vec![star.clone(), steady.clone()], 2),
        (Some(5_000_000), &rules, vec![steady.clone()], 2),
        (
            Some(5_000_000),
            &AllocationRules::default(),
            vec![star.clone(), steady.clone()],
            2,
        ),
    ];
    for (value, rules, reps, expected) in table {
        let lead = LeadToPlace {
            value_minor: value,
            ..lead_in_micro()
        };
        assert_eq!(
            chosen(&lead, &reps, rules),
            Some(expected),
            "value {value:?}"
        );
    }
}

#[test]
fn lar_004_round_robin_takes_the_longest_waiting_rep_then_the_lowest_id() {
    // (each rep's last allocation, chosen)
    let table: [([Option<i64>; 3], u128); 5] = [
        ([None, None, None], 1),
        ([Some(1), None, None], 2),
        ([Some(3), Some(1), Some(2)], 2),
        ([Some(3), Some(4), Some(2)], 3),
        ([Some(7), Some(7), Some(9)], 1),
    ];
    for (positions, expected) in table {
        let reps: Vec<Candidate> = positions
            .iter()
            .enumerate()
            .map(|(i, last)| Candidate {
                last_allocated: *last,
                ..rep(i as u128 + 1, MICRO)
            })
            .collect();
        let p = allocate(&lead_in_micro(), &reps, &AllocationRules::default());
        assert_eq!(p.rep_id, Some(id(expected)), "{positions:?}");
        let turn = p.trace.last().expect("a round-robin step");
        assert_eq!(turn.rule, AllocationRule::RoundRobin);
        assert_eq!(turn.remaining, 1);
        assert_eq!(turn.excluded.len(), 2);
    }
}

#[test]
fn lar_007_nobody_eligible_is_the_overflow_pool_with_a_trace_of_why() {
    let mut full = rep(1, MICRO);
    full.active_leads = 25;
    let away = Candidate {
        availability: Availability::OnLeave,
        ..rep(2, MICRO)
    };
    let elsewhere = rep(3, OTHER_REGION);
    let p = allocate(
        &lead_in_micro(),
        &[full, away, elsewhere],
        &AllocationRules::default(),
    );
    assert_eq!(p.rep_id, None);
    assert_eq!(p.allocation_type, AllocationType::Overflow);
    assert_eq!(reason_for(&p, 1), Some(ExclusionReason::AtCapacity));
    assert_eq!(reason_for(&p, 2), Some(ExclusionReason::OnLeave));
    assert_eq!(reason_for(&p, 3), Some(ExclusionReason::OutsideTerritory));
    assert_eq!(
        p.trace.last().map(|s| s.rule),
        Some(AllocationRule::Overflow)
    );
    assert_eq!(
        chosen(&lead_in_micro(), &[], &AllocationRules::default()),
        None
    );
}

#[test]
fn the_same_inputs_give_the_same_rep_and_trace_whatever_the_order_of_the_reps() {
    let reps: Vec<Candidate> = (1..=6)
        .map(|n| Candidate {
            last_allocated: Some((n * 7 % 4) as i64),
            ..rep(n, [MICRO, AREA, REGION][(n % 3) as usize])
        })
        .collect();
    let mut reversed = reps.clone();
    reversed.reverse();
    let rules = AllocationRules::default();
    let a = allocate(&lead_in_micro(), &reps, &rules);
    let b = allocate(&lead_in_micro(), &reversed, &rules);
    assert_eq!(a.rep_id, b.rep_id);
    assert_eq!(a.allocation_type, b.allocation_type);
}

fn candidates() -> impl Strategy<Value = Vec<Candidate>> {
    let one = (
        prop::sample::select(vec![MICRO, AREA, REGION, OTHER_REGION]),
        prop::option::of(0u32..30),
        0u32..30,
        prop::sample::select(Availability::ALL.to_vec()),
        any::<bool>(),
        0u32..=100,
        prop::option::of(0i64..50),
        any::<bool>(),
    );
    prop::collection::vec(one, 0..12).prop_map(|reps| {
        reps.into_iter()
            .enumerate()
            .map(
                |(i, (territory, capacity, active, availability, paused, score, last, skilled))| {
                    Candidate {
                        rep_id: id(i as u128 + 1),
                        territories: vec![id(territory)],
                        skills: if skilled {
                            vec!["commercial".into()]
                        } else {
                            Vec::new()
                        },
                        capacity,
                        active_leads: active,
                        availability,
                        intake_paused: paused,
                        performance_score: score,
                        last_allocated: last,
                    }
                },
            )
            .collect()
    })
}

fn rules() -> impl Strategy<Value = AllocationRules> {
    (
        any::<bool>(),
        1u32..30,
        prop::sample::select(SkillMatch::ALL.to_vec()),
        prop::option::of(0i64..2_000_000),
        0u32..=100,
    )
        .prop_map(
            |(geographic, max, skill_match, high_value, score)| AllocationRules {
                geographic,
                max_active_leads: max,
                skill_match,
                high_value_minor: high_value,
                high_performer_score: score,
                sla_minutes: 120,
            },
        )
}

fn lead() -> impl Strategy<Value = LeadToPlace> {
    (
        prop::sample::select(vec![
            vec![],
            vec![REGION],
            vec![AREA, REGION],
            vec![MICRO, AREA, REGION],
        ]),
        prop::option::of(prop::sample::select(vec!["commercial", "retail"])),
        prop::option::of(0i64..3_000_000),
        prop::collection::vec(1u128..13, 0..3),
    )
        .prop_map(|(territories, segment, value, declined)| LeadToPlace {
            territories: territories.into_iter().map(id).collect(),
            segments: segment.into_iter().map(str::to_owned).collect(),
            value_minor: value,
            declined_by: declined.into_iter().map(id).collect(),
        })
}

/// The hard rules: a rep breaking any of them may never be chosen.
fn may_take(c: &Candidate, lead: &LeadToPlace, rules: &AllocationRules) -> bool {
    let serves = !rules.geographic || lead.territories.iter().any(|t| c.territories.contains(t));
    let skilled = match (rules.skill_match, lead.segments.first()) {
        (SkillMatch::Require, Some(s)) => c.skills.iter().any(|k| k.eq_ignore_ascii_case(s)),
        _ => true,
    };
    c.availability == Availability::Available
        && !c.intake_paused
        && !lead.declined_by.contains(&c.rep_id)
        && c.active_leads < c.capacity_under(rules)
        && serves
        && skilled
}

proptest! {
    /// Every lead gets exactly one eligible rep, or the overflow pool when none is eligible.
    #[test]
    fn every_lead_gets_one_eligible_rep_or_the_overflow_pool(
        reps in candidates(),
        rules in rules(),
        lead in lead(),
    ) {
        let p = allocate(&lead, &reps, &rules);
        let eligible: Vec<Uuid> = reps
            .iter()
            .filter(|c| may_take(c, &lead, &rules))
            .map(|c| c.rep_id)
            .collect();
        match p.rep_id {
            Some(rep) => {
                prop_assert!(eligible.contains(&rep), "chose {rep}, eligible {eligible:?}");
                prop_assert_ne!(p.allocation_type, AllocationType::Overflow);
                let last = p.trace.last().expect("a trace");
                prop_assert_eq!(last.rule, AllocationRule::RoundRobin);
                prop_assert_eq!(last.remaining, 1);
            }
            None => {
                prop_assert!(eligible.is_empty(), "overflow with {eligible:?} eligible");
                prop_assert_eq!(p.allocation_type, AllocationType::Overflow);
            }
        }
        // Every rep set aside is set aside once, and the chosen one never.
        let mut named: Vec<Uuid> = p.trace.iter().flat_map(|s| &s.excluded).map(|e| e.rep_id).collect();
        named.sort();
        let before = named.len();
        named.dedup();
        prop_assert_eq!(before, named.len());
        prop_assert_eq!(named.len() + usize::from(p.rep_id.is_some()), reps.len());
    }

    /// Placing a day of leads one after the other, as the server does (the chosen rep's queue
    /// grows and it moves to the back of the turn), never takes a rep above its capacity.
    #[test]
    fn a_run_of_allocations_never_exceeds_a_reps_capacity(
        mut reps in candidates(),
        rules in rules(),
        leads in prop::collection::vec(lead(), 1..80),
    ) {
        for (seq, lead) in leads.iter().enumerate() {
            let Some(rep) = allocate(lead, &reps, &rules).rep_id else { continue };
            let c = reps.iter_mut().find(|c| c.rep_id == rep).expect("a candidate");
            prop_assert!(c.active_leads < c.capacity_under(&rules));
            c.active_leads += 1;
            c.last_allocated = Some(1_000 + seq as i64);
        }
    }

    /// Reps that are all eligible for every lead end within one lead of each other.
    #[test]
    fn round_robin_among_steady_reps_stays_within_one(
        n_reps in 1usize..9,
        n_leads in 0usize..200,
        start in prop::collection::vec(prop::option::of(0i64..20), 9),
    ) {
        let mut reps: Vec<Candidate> = (0..n_reps)
            .map(|i| Candidate {
                capacity: Some(1_000),
                last_allocated: start[i],
                ..rep(i as u128 + 1, REGION)
            })
            .collect();
        let rules = AllocationRules { max_active_leads: 1_000, ..AllocationRules::default() };
        let lead = lead_in_micro();
        for seq in 0..n_leads {
            let rep = allocate(&lead, &reps, &rules).rep_id.expect("someone is eligible");
            let c = reps.iter_mut().find(|c| c.rep_id == rep).expect("a candidate");
            c.active_leads += 1;
            c.last_allocated = Some(1_000 + seq as i64);
        }
        let most = reps.iter().map(|c| c.active_leads).max().unwrap_or(0);
        let least = reps.iter().map(|c| c.active_leads).min().unwrap_or(0);
        prop_assert!(most - least <= 1, "spread {least}..{most}");
    }
}
