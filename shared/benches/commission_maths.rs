//! The pure commission calculation at payroll scale (issue 10: 100,000 lines ≤ 100 ms):
//! 100 months of 1,000 deals each, under the tiered plan (every deal split at the quota edge
//! where it crosses it), plus 1,000 residuals per month. Run with
//! `cargo bench -p closebook-shared --bench commission_maths`; prints the best of five runs.

use std::time::Instant;

use chrono::NaiveDate;
use closebook_shared::commissions::month::{SimDeal, SimInvoice, SimulateRequest, simulate};
use closebook_shared::commissions::plan::{BandMode, NewBusinessRule, PlanRules};
use rust_decimal::Decimal;

fn main() {
    let plan = PlanRules {
        new_business: NewBusinessRule::five_then_ten(BandMode::Retroactive),
        ..PlanRules::default()
    };
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 7, 1 + d % 28).unwrap_or_default();
    let months: Vec<SimulateRequest> = (0..100)
        .map(|m| SimulateRequest {
            plan: None,
            currency: "USD".into(),
            quota: Some(Decimal::from(2_000_000)),
            base_salary: Some(Decimal::from(50_000 + m)),
            deals: (0..1000u32)
                .map(|i| SimDeal {
                    value: Decimal::new(i64::from(100_000 + i * 37 + m), 2) * Decimal::from(10),
                    won_on: day(i),
                })
                .collect(),
            invoices: (0..1000u32)
                .map(|i| SimInvoice {
                    deal: Some(i as usize),
                    locked: None,
                    paid_on: day(i + 3),
                })
                .collect(),
            upsells: vec![],
            refunds: vec![],
        })
        .collect();
    let mut best = f64::MAX;
    let mut lines = 0;
    for _ in 0..5 {
        let start = Instant::now();
        lines = 0;
        for req in &months {
            let r = simulate(req, &plan).unwrap_or_else(|e| panic!("{e:?}"));
            lines += r.lines.len();
        }
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("commission maths: {lines} lines in {best:.1} ms (best of 5)");
}
