//! Partner accounts: an application, an admin's approval with tier, credit and terms, the
//! status lifecycle, the business details and the commercial terms (who changes which), the
//! account's users, and who sees which account.

use crate::common;

use closebook_shared::Role;
use common::{TestApp, TestUser, partner_application as application};
use serde_json::{Value, json};

async fn an_application_is_approved_and_runs_its_course(app: TestApp) {
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Wholesale", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;

    // A rep applies: the account is pending, looked after by the rep, with no credit yet.
    let made = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&application("  Becker   Fine Foods "))
        .send()
        .await
        .expect(201);
    let id = made.id();
    assert_eq!(
        made.header("location"),
        Some(format!("/api/v1/partners/{id}").as_str())
    );
    let p = &made.body;
    assert_eq!(p["business_name"], "Becker   Fine Foods");
    assert_eq!(p["status"], "pending");
    assert_eq!(p["tier"], "starter");
    assert_eq!(p["discount_percent"], 25);
    assert_eq!(
        p["credit_limit"],
        json!({ "amount": "0.00", "currency": "USD" })
    );
    assert_eq!(p["payment_terms"], "prepaid");
    assert_eq!(p["rep_id"], rep.id.to_string());
    assert!(p["rep_name"].as_str().is_some_and(|n| !n.is_empty()));
    assert_eq!(p["applied_by"], rep.id.to_string());
    assert_eq!(p["address"]["line2"], "Dock 4");

    // One account per business: the same name, however spaced or cased, is a 409.
    let twin = app
        .post("/api/v1/partners")
        .auth(&admin)
        .json(&application("becker fine FOODS"))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(twin.fields(), ["business_name"]);

    // Not yet approved: a status change cannot activate it, nor can terms be set.
    let refused = app
        .post(&format!("/api/v1/partners/{id}/status"))
        .auth(&admin)
        .json(&json!({ "status": "active" }))
        .send()
        .await
        .problem(409, "conflict");
    assert!(
        refused.body["detail"]
            .as_str()
            .unwrap()
            .contains("approve it instead")
    );
    app.patch(&format!("/api/v1/partners/{id}"))
        .auth(&admin)
        .json(&json!({ "tier": "growth" }))
        .send()
        .await
        .problem(409, "conflict");

    // Approval: the admin only, with credit in the organisation's currency.
    let approve = format!("/api/v1/partners/{id}/approve");
    let terms = json!({ "tier": "growth", "credit_limit": { "amount": "10000.00", "currency": "USD" },
                        "payment_terms": "net30" });
    app.post(&approve)
        .auth(&manager)
        .json(&terms)
        .send()
        .await
        .problem(403, "forbidden");
    let euros = app
        .post(&approve)
        .auth(&admin)
        .json(
            &json!({ "tier": "growth", "credit_limit": { "amount": "10000.00", "currency": "EUR" },
                       "payment_terms": "net30" }),
        )
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(euros.fields(), ["credit_limit"]);
    let stale = app
        .post(&approve)
        .auth(&admin)
        .json(
            &json!({ "tier": "growth", "credit_limit": { "amount": "10000.00", "currency": "USD" },
                       "payment_terms": "net30", "version": 7 }),
        )
        .send()
        .await
        .problem(412, "version_mismatch");
    assert!(stale.body["detail"].as_str().unwrap().contains("version 7"));
    let active = app
        .post(&approve)
        .auth(&admin)
        .json(&terms)
        .send()
        .await
        .expect(200);
    let a = &active.body;
    assert_eq!(a["status"], "active");
    assert_eq!(a["tier"], "growth");
    assert_eq!(a["discount_percent"], 35);
    assert_eq!(a["credit_limit"]["amount"], "10000.00");
    assert_eq!(a["payment_terms"], "net30");
    assert_eq!(a["approved_by"], admin.id.to_string());
    assert_eq!(a["account_manager_id"], admin.id.to_string());
    assert!(a["approved_at"].is_string());
    assert_eq!(a["version"], 2);
    // Approved once: a second approval is a 409.
    app.post(&approve)
        .auth(&admin)
        .json(&terms)
        .send()
        .await
        .problem(409, "conflict");

    // The tiers' discounts are settings: the account shows today's.
    let settings = app
        .get("/api/v1/settings")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(
        settings.body["partner_tiers"],
        json!({ "starter_discount_percent": 25, "growth_discount_percent": 35, "enterprise_discount_percent": 40 })
    );
    app.patch("/api/v1/settings")
        .auth(&admin)
        .json(&json!({ "version": settings.body["version"],
            "partner_tiers": { "starter_discount_percent": 20, "growth_discount_percent": 30, "enterprise_discount_percent": 45 } }))
        .send()
        .await
        .expect(200);
    let now = app
        .get(&format!("/api/v1/partners/{id}"))
        .auth(&rep)
        .send()
        .await
        .expect(200);
    assert_eq!(now.body["discount_percent"], 30);

    // Suspending says why; a suspended account is reactivated; a closed one stays closed.
    let status = format!("/api/v1/partners/{id}/status");
    let why = app
        .post(&status)
        .auth(&admin)
        .json(&json!({ "status": "suspended" }))
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(why.fields(), ["reason"]);
    let suspended = app
        .post(&status)
        .auth(&admin)
        .json(&json!({ "status": "suspended", "reason": "invoice 60 days overdue" }))
        .send()
        .await
        .expect(200);
    assert_eq!(suspended.body["status"], "suspended");
    assert_eq!(suspended.body["status_reason"], "invoice 60 days overdue");
    let back = app
        .post(&status)
        .auth(&admin)
        .json(&json!({ "status": "active" }))
        .send()
        .await
        .expect(200);
    assert_eq!(back.body["status_reason"], Value::Null);
    app.post(&status)
        .auth(&admin)
        .json(&json!({ "status": "closed", "reason": "moved away" }))
        .send()
        .await
        .expect(200);
    let reopen = app
        .post(&status)
        .auth(&admin)
        .json(&json!({ "status": "active" }))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(reopen.fields(), ["status"]);
    app.patch(&format!("/api/v1/partners/{id}"))
        .auth(&admin)
        .json(&json!({ "contact_name": "Someone" }))
        .send()
        .await
        .problem(409, "conflict");

    // Every step is in the audit log.
    let audit = app
        .get(&format!("/api/v1/audit?entity_id={id}"))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    let actions: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in ["partner.apply", "partner.approve", "partner.status"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

async fn who_sees_and_changes_which_account(app: TestApp) {
    let admin = app.admin().await;
    let finance = app.user(Role::Finance, None, None).await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Wholesale", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let other = app.user(Role::SalesRep, None, None).await;

    let mine = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&application("Rep's Grocer"))
        .send()
        .await
        .expect(201)
        .id();
    // A rep applies for its own accounts only; a manager names one of its people.
    let named = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&{
            let mut a = application("Someone Else's");
            a["rep_id"] = json!(other.id);
            a
        })
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(named.fields(), ["rep_id"]);
    let foreign = app
        .post("/api/v1/partners")
        .auth(&manager)
        .json(&{
            let mut a = application("Not My Team's");
            a["rep_id"] = json!(other.id);
            a
        })
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(foreign.fields(), ["rep_id"]);
    let theirs = app
        .post("/api/v1/partners")
        .auth(&admin)
        .json(&{
            let mut a = application("Other Rep's Cafe");
            a["rep_id"] = json!(other.id);
            a
        })
        .send()
        .await
        .expect(201)
        .id();
    app.post("/api/v1/partners")
        .auth(&finance)
        .json(&application("Finance's"))
        .send()
        .await
        .problem(403, "forbidden");
    for id in [&mine, &theirs] {
        app.post(&format!("/api/v1/partners/{id}/approve"))
            .auth(&admin)
            .json(&json!({ "tier": "enterprise", "credit_limit": { "amount": "2500.00", "currency": "USD" },
                           "payment_terms": "net60" }))
            .send()
            .await
            .expect(200);
    }
    let user = app.partner_user(&admin, &mine, "pat@becker.example").await;

    // Who lists which: (caller, the accounts it sees).
    let names = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let table: [(&TestUser, Vec<&String>); 6] = [
        (&admin, vec![&theirs, &mine]),
        (&finance, vec![&theirs, &mine]),
        (&manager, vec![&mine]),
        (&rep, vec![&mine]),
        (&other, vec![&theirs]),
        (&user, vec![&mine]),
    ];
    for (who, want) in table {
        let page = app
            .get("/api/v1/partners")
            .auth(who)
            .send()
            .await
            .expect(200);
        let want_ids: Vec<String> = want.iter().map(|s| (*s).clone()).collect();
        assert_eq!(names(&page.body), want_ids, "{:?} lists", who.role);
        for id in [&mine, &theirs] {
            let res = app
                .get(&format!("/api/v1/partners/{id}"))
                .auth(who)
                .send()
                .await;
            let sees = want.contains(&id);
            assert_eq!(
                res.status.as_u16(),
                if sees { 200 } else { 404 },
                "{:?} reads {id}",
                who.role
            );
        }
    }
    // Filters and search.
    let found = app
        .get("/api/v1/partners?q=grocer&tier=enterprise&status=active")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(names(&found.body), [mine.as_str()]);
    let by_rep = app
        .get(&format!("/api/v1/partners?rep_id={}", other.id))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(names(&by_rep.body), [theirs.as_str()]);
    let first = app
        .get("/api/v1/partners?limit=1")
        .auth(&admin)
        .send()
        .await
        .expect(200);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = app
        .get(&format!("/api/v1/partners?limit=1&cursor={cursor}"))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    assert_eq!(names(&second.body), [mine.as_str()]);
    assert_eq!(second.body["next_cursor"], Value::Null);

    // The partner user changes its business details, not its terms; finance changes nothing.
    let account = format!("/api/v1/partners/{mine}");
    let changed = app
        .patch(&account)
        .auth(&user)
        .json(&json!({ "phone": "+1 312 555 0111", "address": { "line1": "200 W Lake St", "city": "Chicago",
                       "region": "IL", "postal_code": "60606", "country": "US" } }))
        .send()
        .await
        .expect(200);
    assert_eq!(changed.body["phone"], "+1 312 555 0111");
    assert_eq!(changed.body["address"]["line2"], Value::Null);
    app.patch(&account)
        .auth(&user)
        .json(&json!({ "credit_limit": { "amount": "99999.00", "currency": "USD" } }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&account)
        .auth(&rep)
        .json(&json!({ "tier": "starter" }))
        .send()
        .await
        .problem(403, "forbidden");
    app.patch(&account)
        .auth(&finance)
        .json(&json!({ "contact_name": "X" }))
        .send()
        .await
        .problem(403, "forbidden");
    let terms = app
        .patch(&account)
        .auth(&admin)
        .json(&json!({ "tier": "starter", "credit_limit": { "amount": "1000.50", "currency": "USD" },
                       "payment_terms": "prepaid", "rep_id": other.id, "version": changed.body["version"] }))
        .send()
        .await
        .expect(200);
    assert_eq!(terms.body["tier"], "starter");
    assert_eq!(terms.body["credit_limit"]["amount"], "1000.50");
    assert_eq!(terms.body["payment_terms"], "prepaid");
    assert_eq!(terms.body["rep_id"], other.id.to_string());
    // The account moved to the other rep: the first rep and its manager no longer see it.
    app.get(&account)
        .auth(&rep)
        .send()
        .await
        .problem(404, "not_found");
    app.get(&account).auth(&other).send().await.expect(200);
    // Bad input names the field.
    let bad = app
        .post("/api/v1/partners")
        .auth(&admin)
        .json(&{
            let mut a = application("Bad Input");
            a["phone"] = json!("call me");
            a["address"]["country"] = json!("usa");
            a
        })
        .send()
        .await
        .problem(422, "validation_failed");
    let mut fields = bad.fields();
    fields.sort();
    assert_eq!(fields, ["address.country", "phone"]);
}

async fn a_won_lead_becomes_an_account(app: TestApp) {
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Wholesale", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), Some(manager.id)).await;
    let other = app.user(Role::SalesRep, None, None).await;
    let lead = |who: &TestUser, company: &str| {
        let (app, who, company) = (&app, who.clone(), company.to_owned());
        async move {
            app.post("/api/v1/leads")
                .auth(&who)
                .json(&json!({ "company": company }))
                .send()
                .await
                .expect(201)
                .id()
        }
    };
    let won = lead(&rep, "Becker Fine Foods").await;
    let open = lead(&rep, "Still Talking").await;
    let theirs = lead(&other, "Other's Deal").await;
    for id in [&won, &theirs] {
        let owner = if id == &won { &rep } else { &other };
        app.post(&format!("/api/v1/leads/{id}/outcome"))
            .auth(owner)
            .json(&json!({ "outcome": "won" }))
            .send()
            .await
            .expect(200);
    }
    let from = |lead: &str, name: &str| {
        let mut a = application(name);
        a["lead_id"] = json!(lead);
        a
    };
    // The manager converts its rep's won lead: the account is the lead owner's.
    let made = app
        .post("/api/v1/partners")
        .auth(&manager)
        .json(&from(&won, "Becker Fine Foods"))
        .send()
        .await
        .expect(201);
    assert_eq!(made.body["lead_id"], won);
    assert_eq!(made.body["rep_id"], rep.id.to_string());
    // Each lead converts once; an open lead does not; another team's lead is not the manager's.
    let again = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&from(&won, "Becker Again"))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(again.fields(), ["lead_id"]);
    let not_won = app
        .post("/api/v1/partners")
        .auth(&rep)
        .json(&from(&open, "Still Talking"))
        .send()
        .await
        .problem(409, "conflict");
    assert_eq!(not_won.fields(), ["lead_id"]);
    let unseen = app
        .post("/api/v1/partners")
        .auth(&manager)
        .json(&from(&theirs, "Other's Deal"))
        .send()
        .await
        .problem(409, "invalid_reference");
    assert_eq!(unseen.fields(), ["lead_id"]);
}

on_both_backends!(
    an_application_is_approved_and_runs_its_course,
    who_sees_and_changes_which_account,
    a_won_lead_becomes_an_account
);
