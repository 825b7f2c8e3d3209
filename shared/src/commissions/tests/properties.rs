//! Properties over random months.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{day, tiered};
use crate::commissions::month::{SimDeal, SimInvoice, SimRefund, SimulateRequest, simulate};
use crate::commissions::plan::{BandMode, PlanRules};
use crate::commissions::rules::{self};

fn money() -> impl Strategy<Value = Decimal> {
    (0i64..5_000_000).prop_map(|c| Decimal::new(c, 2))
}

fn month() -> impl Strategy<Value = SimulateRequest> {
    let deals = prop::collection::vec((money(), 1u32..=28), 0..12);
    (
        deals,
        prop::option::of(money()),
        prop::option::of(money()),
        prop::bool::ANY,
        prop::collection::vec((0usize..12, 1u32..=28), 0..6),
        prop::collection::vec((0usize..12, money(), 0i64..60), 0..6),
    )
        .prop_map(|(deals, quota, salary, retro, invoices, refunds)| {
            let deals: Vec<SimDeal> = deals
                .into_iter()
                .map(|(value, dd)| SimDeal {
                    value,
                    won_on: NaiveDate::from_ymd_opt(2026, 7, dd).unwrap(),
                })
                .collect();
            let n = deals.len();
            SimulateRequest {
                plan: Some(PlanRules {
                    new_business: tiered(if retro {
                        BandMode::Retroactive
                    } else {
                        BandMode::Marginal
                    }),
                    ..Default::default()
                }),
                currency: "USD".into(),
                quota,
                base_salary: salary,
                invoices: invoices
                    .into_iter()
                    .filter(|(i, _)| *i < n)
                    .map(|(i, dd)| SimInvoice {
                        deal: Some(i),
                        locked: None,
                        paid_on: NaiveDate::from_ymd_opt(2026, 7, dd).unwrap(),
                    })
                    .collect(),
                refunds: refunds
                    .into_iter()
                    .filter(|(i, _, _)| *i < n)
                    .map(|(i, amount, days)| SimRefund {
                        deal: i,
                        amount,
                        refunded_on: deals[i].won_on + chrono::Duration::days(days),
                    })
                    .collect(),
                deals,
                upsells: vec![],
            }
        })
}

proptest! {
    #[test]
    fn the_net_is_the_sum_of_the_lines_and_of_the_totals(req in month()) {
        let r = simulate(&req, &PlanRules::default()).unwrap();
        let lines: Decimal = r.lines.iter().map(|l| l.amount).sum();
        let totals: Decimal = r.totals.iter().map(|t| t.amount).sum();
        prop_assert_eq!(r.net, lines);
        prop_assert_eq!(r.net, totals);
        for l in &r.lines {
            prop_assert_eq!(l.amount, l.explanation.amount);
            prop_assert_eq!(l.amount, l.amount.round_dp(2));
            prop_assert_eq!(l.amount.scale(), 2, "written with the currency's decimals");
        }
    }

    #[test]
    fn the_cap_is_never_exceeded(req in month()) {
        let r = simulate(&req, &PlanRules::default()).unwrap();
        if let Some(salary) = req.base_salary {
            prop_assert!(r.net <= salary * Decimal::new(3, 0));
        }
    }

    #[test]
    fn a_full_refund_within_the_window_nets_the_deal_to_zero(value in money(), days in 0i64..=45, parts in 1usize..5) {
        let won_on = day("2026-08-31");
        let share = (value / Decimal::from(parts as u64)).round_dp(2);
        let mut refunds: Vec<SimRefund> = (0..parts - 1)
            .map(|_| SimRefund { deal: 0, amount: share, refunded_on: won_on + chrono::Duration::days(days) })
            .collect();
        refunds.push(SimRefund {
            deal: 0,
            amount: value - share * Decimal::from(parts as u64 - 1),
            refunded_on: won_on + chrono::Duration::days(days),
        });
        let req = SimulateRequest {
            plan: None,
            currency: "USD".into(),
            quota: None,
            base_salary: None,
            deals: vec![SimDeal { value, won_on }],
            invoices: vec![],
            upsells: vec![],
            refunds,
        };
        let r = simulate(&req, &PlanRules::default()).unwrap();
        prop_assert_eq!(r.net, Decimal::ZERO);
    }

    #[test]
    fn retroactive_months_pay_the_band_reached_on_all_revenue(req in month()) {
        let mut req = req;
        req.plan = Some(PlanRules { new_business: tiered(BandMode::Retroactive), ..Default::default() });
        req.refunds.clear();
        req.invoices.clear();
        req.base_salary = None;
        let r = simulate(&req, &PlanRules::default()).unwrap();
        let revenue: Decimal = req.deals.iter().map(|x| x.value).sum();
        let reached = req.quota.filter(|q| *q > Decimal::ZERO).is_some_and(|q| revenue >= q);
        let rate = if reached { Decimal::new(10, 2) } else { Decimal::new(5, 2) };
        prop_assert_eq!(r.net, rules::round_line(revenue * rate, 2));
    }
}
