use closebook_shared::Role;
use serde_json::{Value, json};

use crate::common::TestApp;

fn amounts(body: &Value, line_type: &str) -> Vec<String> {
    body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["line_type"] == line_type)
        .map(|l| l["amount"].as_str().unwrap().to_owned())
        .collect()
}

/// Two closes, the first client's invoice paid, a partial refund of the second deal on day 20,
/// and the cap: every amount computed by hand below.
pub async fn simulate_a_month_under_the_default_plan(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    let res = app
        .post("/api/v1/commissions/simulate")
        .auth(&rep)
        .json(&json!({
            "currency": "USD",
            "base_salary": "300",
            "deals": [
                { "value": "12345.67", "won_on": "2026-03-02" },
                { "value": "8000", "won_on": "2026-03-05" }
            ],
            "invoices": [{ "deal": 0, "paid_on": "2026-03-20" }],
            "upsells": [{ "price": "899.95", "sold_on": "2026-03-21" }],
            "refunds": [{ "deal": 1, "amount": "2000", "refunded_on": "2026-03-25" }]
        }))
        .send()
        .await
        .expect(200);
    let b = &res.body;
    // 5% of 12,345.67 = 617.2835 → 617.28; 5% of 8,000 = 400.00.
    assert_eq!(amounts(b, "new_business"), ["617.28", "400.00"]);
    // The first close of the month locks 200.00.
    assert_eq!(amounts(b, "residual"), ["200.00"]);
    // 10% of 899.95 = 89.995 → 90.00 (half away from zero).
    assert_eq!(amounts(b, "upsell"), ["90.00"]);
    // A quarter of the second deal refunded on day 20: −400.00 × 2,000 / 8,000.
    assert_eq!(amounts(b, "clawback"), ["-100.00"]);
    // 617.28 + 400 + 200 + 90 − 100 = 1,207.28 against a cap of 3 × 300 = 900.
    assert_eq!(amounts(b, "cap"), ["-307.28"]);
    assert_eq!(b["net"], "900.00");
    assert_eq!(b["currency"], "USD");
    let first = &b["lines"][0]["explanation"];
    assert_eq!(first["unrounded"], "617.2835");
    assert_eq!(first["parts"][0]["rate"], "0.05");

    // A plan in the request is used instead: tiered 5% → 10% at quota.
    let tiered = app
        .post("/api/v1/commissions/simulate")
        .auth(&rep)
        .json(&json!({
            "currency": "USD",
            "quota": "10000",
            "plan": {
                "new_business": { "kind": "tiered", "mode": "retroactive", "bands": [
                    { "from_percent": "0", "rate": "0.05" },
                    { "from_percent": "100", "rate": "0.10" }
                ]},
                "residual_tiers": [{ "closes": 1, "amount": "0" }],
                "residual_fallback": "0",
                "upsell_rate": "0.10",
                "eligibility_days": 30,
                "clawback_days": 45,
                "dispute_days": 7,
                "team_bonus": "0",
                "override_rate": "0",
                "cap_multiple": "3"
            },
            "deals": [
                { "value": "6000", "won_on": "2026-03-02" },
                { "value": "6000", "won_on": "2026-03-09" },
                { "value": "1000", "won_on": "2026-03-16" }
            ]
        }))
        .send()
        .await
        .expect(200);
    assert_eq!(
        amounts(&tiered.body, "new_business"),
        ["300.00", "400.00", "100.00"]
    );
    // 13,000 reached the 10% band: 1,300 − 800 already written.
    assert_eq!(amounts(&tiered.body, "true_up"), ["500.00"]);
    assert_eq!(tiered.body["net"], "1300.00");
}

pub async fn simulate_refuses_bad_input_by_field(app: TestApp) {
    let rep = app.user(Role::SalesRep, None, None).await;
    // The literal path beside `/commissions/{id}` takes POST only: other methods are a 405.
    let get = app
        .get("/api/v1/commissions/simulate")
        .auth(&rep)
        .send()
        .await
        .problem(405, "method_not_allowed");
    assert_eq!(get.header("allow"), Some("POST"));
    let table: Vec<(Value, &str)> = vec![
        (json!({ "currency": "ZZZ" }), "currency"),
        (
            json!({ "currency": "USD", "invoices": [{ "deal": 3, "paid_on": "2026-03-01" }] }),
            "invoices[0].deal",
        ),
        (
            json!({ "currency": "USD", "refunds": [{ "deal": 0, "amount": "1", "refunded_on": "2026-03-01" }] }),
            "refunds[0].deal",
        ),
    ];
    for (body, field) in table {
        let res = app
            .post("/api/v1/commissions/simulate")
            .auth(&rep)
            .json(&body)
            .send()
            .await
            .problem(422, "validation_failed");
        assert_eq!(res.fields(), [field], "{body}");
    }
    // Text outside the decimal grammar is refused as it is read.
    for value in ["1e3", "+5", "-5", "1.23456", "1_000"] {
        let res = app
            .post("/api/v1/commissions/simulate")
            .auth(&rep)
            .json(&json!({ "currency": "USD", "deals": [{ "value": value, "won_on": "2026-03-01" }] }))
            .send()
            .await;
        assert!(
            matches!(res.status.as_u16(), 400 | 422),
            "{value}: {}",
            res.text
        );
        assert!(
            res.text.contains("deals"),
            "{value}: names the field: {}",
            res.text
        );
    }
}
