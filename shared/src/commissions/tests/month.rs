//! A rep's month through the simulation: locks, the cap at the close, input errors.

use rust_decimal::Decimal;

use super::{d, day};
use crate::commissions::LineType;
use crate::commissions::month::{
    SimDeal, SimInvoice, SimRefund, SimUpsell, SimulateRequest, simulate,
};
use crate::commissions::plan::PlanRules;

#[test]
fn a_later_close_does_not_lift_an_earlier_clients_rate() {
    let req = SimulateRequest {
        plan: None,
        currency: "USD".into(),
        quota: None,
        base_salary: None,
        deals: (1..=4)
            .map(|n| SimDeal {
                value: d("1000"),
                won_on: day(&format!("2026-03-0{n}")),
            })
            .collect(),
        // The first client's invoice is paid after the fourth close.
        invoices: vec![
            SimInvoice {
                deal: Some(0),
                locked: None,
                paid_on: day("2026-03-20"),
            },
            SimInvoice {
                deal: Some(2),
                locked: None,
                paid_on: day("2026-03-21"),
            },
            SimInvoice {
                deal: None,
                locked: None,
                paid_on: day("2026-03-22"),
            },
        ],
        upsells: vec![],
        refunds: vec![],
    };
    let r = simulate(&req, &PlanRules::default()).unwrap();
    let residuals: Vec<Decimal> = r
        .lines
        .iter()
        .filter(|l| l.line_type == LineType::Residual)
        .map(|l| l.amount)
        .collect();
    assert_eq!(residuals, vec![d("200.00"), d("300.00"), d("200.00")]);
}

#[test]
fn a_cap_hit_mid_month_is_one_line_at_the_close() {
    let req = SimulateRequest {
        plan: None,
        currency: "USD".into(),
        quota: None,
        base_salary: Some(d("2000")),
        // 5% of 100,000 = 5,000 on the 10th already passes the 6,000 cap with the next deal.
        deals: vec![
            SimDeal {
                value: d("100000"),
                won_on: day("2026-04-10"),
            },
            SimDeal {
                value: d("50000"),
                won_on: day("2026-04-20"),
            },
        ],
        invoices: vec![],
        upsells: vec![SimUpsell {
            price: d("1000"),
            sold_on: day("2026-04-25"),
        }],
        refunds: vec![],
    };
    let r = simulate(&req, &PlanRules::default()).unwrap();
    let caps: Vec<_> = r
        .lines
        .iter()
        .filter(|l| l.line_type == LineType::Cap)
        .collect();
    assert_eq!(caps.len(), 1);
    // 5,000 + 2,500 + 100 = 7,600 → capped at 6,000.
    assert_eq!(caps[0].amount, d("-1600.00"));
    assert_eq!(r.net, d("6000.00"));
}

#[test]
fn simulation_input_errors_name_the_field() {
    let req = SimulateRequest {
        plan: Some(PlanRules {
            upsell_rate: d("2"),
            ..Default::default()
        }),
        currency: "ZZZ".into(),
        quota: Some(d("-1")),
        base_salary: None,
        deals: vec![],
        invoices: vec![SimInvoice {
            deal: Some(0),
            locked: None,
            paid_on: day("2026-01-01"),
        }],
        upsells: vec![],
        refunds: vec![SimRefund {
            deal: 3,
            amount: d("1"),
            refunded_on: day("2026-01-01"),
        }],
    };
    let fields: Vec<String> = simulate(&req, &PlanRules::default())
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    for f in [
        "currency",
        "plan.upsell_rate",
        "quota",
        "invoices[0].deal",
        "refunds[0].deal",
    ] {
        assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
    }
}
