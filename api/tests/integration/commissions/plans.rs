use closebook_shared::Role;
use closebook_shared::commissions::plan::PlanRules;
use serde_json::{Value, json};

use crate::common::TestApp;

fn rules() -> Value {
    serde_json::to_value(PlanRules::default()).unwrap()
}

fn tiered_rules() -> Value {
    let mut r = rules();
    r["new_business"] = json!({ "kind": "tiered", "mode": "marginal", "bands": [
        { "from_percent": "0", "rate": "0.05" },
        { "from_percent": "100", "rate": "0.10" }
    ]});
    r
}

/// Create, read back, version, conflicts, and an assignment that the simulator then applies.
pub async fn plans_versions_and_assignments(app: TestApp) {
    let finance = app.user(Role::Finance, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let created = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Field reps 2026", "currency": "USD", "effective_from": "2026-01-01", "rules": rules() }))
        .send()
        .await
        .expect(201);
    let id = created.id();
    assert_eq!(
        created.header("location"),
        Some(format!("/api/v1/compensation-plans/{id}").as_str())
    );
    assert_eq!(created.body["versions"][0]["number"], 1);
    assert_eq!(created.body["versions"][0]["rules"]["upsell_rate"], "0.10");
    let read = app
        .get(&format!("/api/v1/compensation-plans/{id}"))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(read.body, created.body);
    assert_eq!(read.header("etag"), Some("\"1\""));

    // The same name again is a conflict naming the field.
    let dup = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Field reps 2026", "currency": "USD", "effective_from": "2026-01-01", "rules": rules() }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(dup.fields(), ["name"]);

    // Rules that break the plan's own rules are refused by field, nothing written.
    let mut bad = tiered_rules();
    bad["new_business"]["bands"][0]["from_percent"] = json!("10");
    let refused = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Broken", "currency": "USD", "effective_from": "2026-01-01", "rules": bad }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(refused.fields(), ["rules"]);
    let list = app
        .get("/api/v1/compensation-plans")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);

    // A second version from April; one dated on or before the latest is a conflict.
    let v2 = app
        .patch(&format!("/api/v1/compensation-plans/{id}"))
        .auth(&finance)
        .json(&json!({ "version": 1, "new_version": { "effective_from": "2026-04-01", "rules": tiered_rules() } }))
        .send()
        .await
        .expect(200);
    assert_eq!(v2.body["versions"].as_array().unwrap().len(), 2);
    assert_eq!(v2.body["versions"][1]["number"], 2);
    assert_eq!(v2.body["version"], 2);
    let early = app
        .patch(&format!("/api/v1/compensation-plans/{id}"))
        .auth(&finance)
        .json(&json!({ "version": 2, "new_version": { "effective_from": "2026-04-01", "rules": rules() } }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(early.fields(), ["new_version.effective_from"]);
    // A stale version is a 412.
    app.patch(&format!("/api/v1/compensation-plans/{id}"))
        .auth(&finance)
        .json(&json!({ "version": 1, "name": "Renamed" }))
        .send()
        .await
        .problem(412, "version_mismatch");

    // Assign the rep from March with a 10,000 quota; a quota in another currency is refused.
    let assignments = format!("/api/v1/users/{}/plan-assignments", rep.id);
    let wrong = app
        .post(&assignments)
        .auth(&finance)
        .json(&json!({ "plan_id": id, "effective_from": "2026-03-01", "monthly_quota": { "amount": "10000", "currency": "EUR" } }))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(wrong.fields(), ["monthly_quota.currency"]);
    app.post(&assignments)
        .auth(&finance)
        .json(&json!({ "plan_id": id, "effective_from": "2026-03-01", "monthly_quota": { "amount": "10000", "currency": "USD" } }))
        .send()
        .await
        .expect(201);
    let again = app
        .post(&assignments)
        .auth(&finance)
        .json(&json!({ "plan_id": id, "effective_from": "2026-03-01" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(again.fields(), ["effective_from"]);
    let listed = app
        .get(&assignments)
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body[0]["plan_name"], "Field reps 2026");
    assert_eq!(listed.body[0]["monthly_quota"]["amount"], "10000.00");
    // The rep cannot read or edit plans.
    app.get("/api/v1/compensation-plans")
        .auth(&rep)
        .send()
        .await
        .problem(403, "forbidden");

    // Today (after April) the rep's plan in force is version 2, tiered on the assignment's
    // 10,000 quota: 12,000 in one deal is 10,000 × 5% + 2,000 × 10% = 700.00.
    let sim = app
        .post("/api/v1/commissions/simulate")
        .auth(&rep)
        .json(
            &json!({ "currency": "USD", "deals": [{ "value": "12000", "won_on": "2026-05-04" }] }),
        )
        .send()
        .await
        .expect(200);
    assert_eq!(sim.body["net"], "700.00");

    // The rep's plan today, as the commission tab reads it.
    let mine = app
        .get("/api/v1/commissions/my-plan")
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(mine.body["plan_name"], "Field reps 2026");
    assert_eq!(mine.body["plan_version_id"], v2.body["versions"][1]["id"]);
    assert_eq!(mine.body["monthly_quota"], "10000");
    assert_eq!(mine.body["rules"]["new_business"]["kind"], "tiered");
    // Finance has no plan of its own: the built-in defaults.
    let defaults = app
        .get("/api/v1/commissions/my-plan")
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(defaults.body["plan_id"], Value::Null);
    assert_eq!(defaults.body["rules"]["new_business"]["rate"], "0.05");
}

/// A draft previewed on last month's events: the same won deal and paid invoice under the rules
/// in force and under the draft, rep by rep; nothing stored.
pub async fn a_draft_plan_is_previewed_on_last_month(app: TestApp) {
    use chrono::{Datelike, Duration, Utc};
    let finance = app.user(Role::Finance, None, None).await;
    let rep = app.user(Role::SalesRep, None, None).await;
    let plan = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Reps", "currency": "USD", "default_for_role": "sales_rep", "effective_from": "2020-01-01", "rules": rules() }))
        .send()
        .await
        .expect(201)
        .id();
    // Mid last month (the organisation is on UTC): a 10,000.00 deal, its first month paid.
    let first = Utc::now().date_naive().with_day(1).unwrap();
    let at = (first - Duration::days(16)).and_hms_opt(15, 0, 0).unwrap();
    let won = super::support::won_deal_at(&app, &rep, "Preview Co", "10000.00", at).await;
    super::support::consume(&app).await;
    let period = at.format("%Y-%m").to_string();
    app.post("/api/v1/invoices")
        .auth(&finance)
        .json(&json!({
            "client_id": won["client_id"], "amount": { "amount": "499.00", "currency": "USD" },
            "service_month": period, "paid_at": (at + Duration::days(1)).and_utc().to_rfc3339(),
        }))
        .send()
        .await
        .expect(201);

    // The draft: 10% of new business, 300.00 for a first close's residual.
    let mut draft = rules();
    draft["new_business"] = json!({ "kind": "percentage", "rate": "0.10" });
    draft["residual_tiers"] = json!([{ "closes": 1, "amount": "300.00" }]);
    let preview = |body: Value| {
        let (app, finance) = (&app, &finance);
        async move {
            app.post("/api/v1/compensation-plans/preview")
                .auth(finance)
                .json(&body)
                .send()
                .await
        }
    };
    let shown = preview(json!({ "rules": draft, "currency": "USD" }))
        .await
        .expect(200);
    assert_eq!(shown.body["period"], period.as_str());
    // In force: 5% = 500.00 and the 200.00 tier; the draft: 1,000.00 and 300.00.
    assert_eq!(
        shown.body["reps"],
        json!([{
            "rep_id": rep.id, "rep_name": shown.body["reps"][0]["rep_name"], "events": 2,
            "current": { "amount": "700.00", "currency": "USD" },
            "draft": { "amount": "1300.00", "currency": "USD" },
        }])
    );
    assert_eq!(shown.body["current_total"]["amount"], "700.00");
    assert_eq!(shown.body["draft_total"]["amount"], "1300.00");
    // The same for this plan's reps; none on another plan; nothing was written.
    let mine =
        preview(json!({ "rules": draft, "currency": "USD", "plan_id": plan, "period": period }))
            .await
            .expect(200);
    assert_eq!(mine.body["reps"], shown.body["reps"]);
    let other = app
        .post("/api/v1/compensation-plans")
        .auth(&finance)
        .json(&json!({ "name": "Other", "currency": "USD", "effective_from": "2020-01-01", "rules": rules() }))
        .send()
        .await
        .expect(201)
        .id();
    let none = preview(json!({ "rules": draft, "currency": "USD", "plan_id": other }))
        .await
        .expect(200);
    assert_eq!(none.body["reps"], json!([]));
    assert_eq!(none.body["draft_total"]["amount"], "0.00");
    let lines = app
        .get(&format!("/api/v1/commissions?period={period}"))
        .auth(&finance)
        .send()
        .await
        .expect(200);
    assert_eq!(lines.body["items"].as_array().unwrap().len(), 2);

    // Bad input names its field; reps do not preview.
    for (body, field) in [
        (
            json!({ "rules": draft, "currency": "USD", "period": "2999-01" }),
            "period",
        ),
        (json!({ "rules": draft, "currency": "ZZZ" }), "currency"),
    ] {
        let bad = preview(body).await.problem(422, "validation_failed");
        assert_eq!(bad.fields(), [field]);
    }
    app.post("/api/v1/compensation-plans/preview")
        .auth(&rep)
        .json(&json!({ "rules": draft, "currency": "USD" }))
        .send()
        .await
        .problem(403, "forbidden");
}
