//! Scripts rendered for a lead; the lead list's filters, sorts and pages.

use super::*;

pub(super) async fn scripts_render_for_a_lead(app: TestApp) {
    let o = org(&app).await;
    let body = json!({ "slug": "first_follow_up_email", "sales_stage": "FOLLOW_UP", "kind": "email", "title": "First follow-up",
        "subject": "Following up, {{contact_first_name}}", "body": "Hi {{contact_name}},\nGreat talking about {{company}}.\n{{rep_signature}}" });
    app.post("/api/v1/scripts")
        .auth(&o.rep)
        .json(&body)
        .send()
        .await
        .problem(403, "forbidden");
    let mut bad = body.clone();
    bad["body"] = json!("Hi {{first_name}}");
    let res = app
        .post("/api/v1/scripts")
        .auth(&o.manager)
        .json(&bad)
        .send()
        .await
        .problem(422, "validation_failed");
    assert_eq!(res.fields(), ["body"]);
    assert!(res.text.contains("first_name"));
    let script = app
        .post("/api/v1/scripts")
        .auth(&o.manager)
        .json(&body)
        .send()
        .await
        .expect(201)
        .body;
    app.post("/api/v1/scripts")
        .auth(&o.admin)
        .json(&body)
        .send()
        .await
        .problem(409, "conflict");
    let sid = id(&script);
    let lead = new_lead(
        &app,
        &o.rep,
        json!({ "company": "Whole Foods", "contact_name": "Jennifer Smith" }),
    )
    .await;
    let r = app
        .post(&format!(
            "/api/v1/scripts/{sid}/render?lead_id={}",
            id(&lead)
        ))
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(r.body["subject"], "Following up, Jennifer");
    let text = r.body["body"].as_str().unwrap();
    assert!(
        text.starts_with("Hi Jennifer Smith,\nGreat talking about Whole Foods.\nSales rep "),
        "{text}"
    );
    assert!(text.ends_with(&o.rep.email), "{text}");
    assert_eq!(r.body["missing"], json!([]));
    app.post(&format!(
        "/api/v1/scripts/{sid}/render?lead_id={}",
        id(&lead)
    ))
    .auth(&o.other_rep)
    .send()
    .await
    .problem(404, "not_found");
    app.post(&format!("/api/v1/scripts/{sid}/render"))
        .auth(&o.rep)
        .send()
        .await
        .problem(400, "bad_request");

    let listed = app
        .get("/api/v1/scripts?sales_stage=FOLLOW_UP")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1);
    let retired = app
        .patch(&format!("/api/v1/scripts/{sid}"))
        .auth(&o.manager)
        .json(&json!({ "version": 1, "active": false }))
        .send()
        .await
        .expect(200);
    assert_eq!(retired.body["active"], false);
    let listed = app
        .get("/api/v1/scripts")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 0);
    app.patch(&format!("/api/v1/scripts/{sid}"))
        .auth(&o.manager)
        .json(&json!({ "version": 1, "title": "x" }))
        .send()
        .await
        .problem(412, "version_mismatch");
    app.get("/api/v1/scripts")
        .auth(&o.finance)
        .send()
        .await
        .problem(403, "forbidden");
}

pub(super) async fn list_filters_sorts_and_pages(app: TestApp) {
    let o = org(&app).await;
    let soon = (Utc::now() + Duration::days(5)).date_naive().to_string();
    let later = (Utc::now() + Duration::days(60)).date_naive().to_string();
    let hot = json!({ "budget": "confirmed", "authority": "decision_maker", "need": "urgent", "timeline": "immediate" });
    let mut specs = Vec::new();
    for i in 0..7 {
        let mut b = json!({ "company": format!("Co {i}"), "email": format!("c{i}@x.example"),
            "deal_value": if i % 3 == 0 { Value::Null } else { json!({ "amount": format!("{}.00", i * 100), "currency": "USD" }) },
            "expected_close_date": if i < 2 { soon.clone() } else { later.clone() } });
        if i == 6 {
            for (k, v) in hot.as_object().unwrap() {
                b[k] = v.clone();
            }
        }
        specs.push(new_lead(&app, &o.rep, b).await);
    }
    new_lead(&app, &o.teammate, json!({ "company": "Mate's" })).await;
    // Make lead 6 hot: BANT 40 + two calls (10) + recency 20 + stage (agreement 90 % → 18) = 88.
    let l6 = id(&specs[6]);
    app.patch(&format!("/api/v1/leads/{l6}/stage"))
        .auth(&o.rep)
        .json(&json!({ "stage_id": "00000000-0000-7000-8001-000000000108" }))
        .send()
        .await
        .expect(200);
    for _ in 0..2 {
        app.post(&format!("/api/v1/leads/{l6}/activities"))
            .auth(&o.rep)
            .json(&json!({ "kind": "call" }))
            .send()
            .await
            .expect(201);
    }
    let names = |res: &common::Res| -> Vec<String> {
        res.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["company"].as_str().unwrap().to_owned())
            .collect()
    };
    let hot_list = app
        .get("/api/v1/leads?hot=true")
        .auth(&o.rep)
        .send()
        .await
        .expect(200);
    assert_eq!(hot_list.body["items"][0]["score"], 88);
    // (query, caller, the companies listed, in any order)
    let table: Vec<(String, &TestUser, Vec<&str>)> = vec![
        ("hot=true".into(), &o.rep, vec!["Co 6"]),
        ("closing_soon=true".into(), &o.rep, vec!["Co 0", "Co 1"]),
        ("q=C3%40X".into(), &o.rep, vec!["Co 3"]),
        ("q=mate".into(), &o.manager, vec!["Mate's"]),
        // A team filter naming a user matches no team.
        (format!("team={}", o.rep.id), &o.manager, vec![]),
        (
            format!("owner={}", o.teammate.id),
            &o.manager,
            vec!["Mate's"],
        ),
        (
            format!("stage={NEW_STAGE}&owner=me"),
            &o.rep,
            vec!["Co 0", "Co 1", "Co 2", "Co 3", "Co 4", "Co 5"],
        ),
        ("sort=score&limit=1".into(), &o.rep, vec!["Co 6"]),
        // Out of the rep's scope: the teammate's lead is not listed, not even by name.
        ("q=mate".into(), &o.rep, vec![]),
    ];
    for (query, who, want) in table {
        let res = app
            .get(&format!("/api/v1/leads?{query}"))
            .auth(who)
            .send()
            .await
            .expect(200);
        let mut got = names(&res);
        got.sort();
        assert_eq!(got, want, "GET /leads?{query}");
    }

    // Value sort across pages of 2: high first, leads without a value last, nothing repeated.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/leads?owner=me&sort=value&limit=2&cursor={c}"),
            None => "/api/v1/leads?owner=me&sort=value&limit=2".to_owned(),
        };
        let page = app.get(&path).auth(&o.rep).send().await.expect(200);
        seen.extend(names(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(&seen[..4], ["Co 5", "Co 4", "Co 2", "Co 1"]);
    let mut tail = seen[4..].to_vec();
    tail.sort();
    assert_eq!(tail, ["Co 0", "Co 3", "Co 6"]);
    for bad in [
        "sort=best",
        "score_min=x",
        "limit=0",
        "outcome=maybe",
        "owner=someone",
        "cursor=zzz",
    ] {
        app.get(&format!("/api/v1/leads?{bad}"))
            .auth(&o.rep)
            .send()
            .await
            .problem(400, "bad_request");
    }
}
