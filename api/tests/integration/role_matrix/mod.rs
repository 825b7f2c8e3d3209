//! The authorisation matrix: every endpoint, every role (and no caller), one expected status each.
//! The object endpoints use a rep in the manager's team as the target. Each row carries its own
//! path and body; `every_operation_has_a_row` fails when the OpenAPI document lists an operation
//! the matrix does not, so no endpoint escapes authorisation testing.

mod allocation_rows;
use crate::common;
mod order_rows;
mod partner_rows;
mod rows;
mod target_rows;

use closebook_shared::Role;
use common::{TestApp, TestUser};
use rows::{plan_body, rows};
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug)]
pub(crate) enum Who {
    Admin,
    Manager,
    Rep,
    Finance,
    Partner,
    Nobody,
}

const WHO: [Who; 6] = [
    Who::Admin,
    Who::Manager,
    Who::Rep,
    Who::Finance,
    Who::Partner,
    Who::Nobody,
];

async fn every_endpoint_for_every_role(app: TestApp) {
    // Hundreds of requests per caller: the rate limit (tested in `conventions.rs`) would answer
    // some of them instead of the authorisation this table is about.
    let app = app.reconfigure(|s| s.limiter = None).await;
    let admin = app.admin().await;
    let manager = app.user(Role::SalesManager, None, None).await;
    let team = app.team("Matrix", Some(manager.id)).await;
    let rep = app.user(Role::SalesRep, Some(team), None).await;
    let finance = app.user(Role::Finance, None, None).await;
    let partner = app.user(Role::Partner, None, None).await;
    let user_of = |w: Who| -> Option<&TestUser> {
        match w {
            Who::Admin => Some(&admin),
            Who::Manager => Some(&manager),
            Who::Rep => Some(&rep),
            Who::Finance => Some(&finance),
            Who::Partner => Some(&partner),
            Who::Nobody => None,
        }
    };
    let token_id = app
        .post("/api/v1/service-tokens")
        .auth(&admin)
        .json(&json!({ "name": "matrix", "role": "sales_rep" }))
        .send()
        .await
        .expect(201)
        .body["service_token"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let teammate = app.user(Role::SalesRep, Some(team), None).await;
    let lead_of = |company: &str| {
        let (app, rep, company) = (&app, &rep, company.to_owned());
        async move {
            app.post("/api/v1/leads")
                .auth(rep)
                .json(&json!({ "company": company }))
                .send()
                .await
                .expect(201)
                .id()
        }
    };
    let lead = lead_of("Matrix lead").await;
    let outcome_leads = [
        lead_of("Close A").await,
        lead_of("Close M").await,
        lead_of("Close R").await,
    ];
    let won = app
        .post(&format!("/api/v1/leads/{}/outcome", lead_of("Won").await))
        .auth(&rep)
        .json(&json!({ "outcome": "won" }))
        .send()
        .await
        .expect(200);
    let client_path = format!(
        "/api/v1/clients/{}",
        won.body["client_id"].as_str().unwrap()
    );
    let script = app
        .post("/api/v1/scripts")
        .auth(&admin)
        .json(&json!({ "slug": "matrix", "sales_stage": "FOLLOW_UP", "kind": "script", "title": "T", "body": "Hi {{contact_name}}" }))
        .send()
        .await
        .expect(201)
        .id();
    // An activity, a note and a touch the rep made, on a lead nobody reassigns.
    let on_lead = lead_of("Records").await;
    let mut made = Vec::new();
    for (sub, body) in [
        ("activities", json!({ "kind": "call" })),
        ("notes", json!({ "body": "n" })),
        ("touches", json!({ "kind": "check_in" })),
    ] {
        let res = app
            .post(&format!("/api/v1/leads/{on_lead}/{sub}"))
            .auth(&rep)
            .json(&body)
            .send()
            .await
            .expect(201);
        made.push(res.header("location").unwrap().to_owned());
    }
    let [activity, note, touch] = <[String; 3]>::try_from(made).unwrap();
    let paid_invoice = app
        .post("/api/v1/invoices")
        .auth(&admin)
        .json(&json!({
            "client_id": won.body["client_id"],
            "amount": { "amount": "500.00", "currency": "USD" },
            "service_month": "2026-02",
            "paid_at": "2026-02-03T10:00:00Z"
        }))
        .send()
        .await
        .expect(201)
        .id();
    let territory = |body: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            app.post("/api/v1/territories")
                .auth(admin)
                .json(&body)
                .send()
                .await
                .expect(201)
                .id()
        }
    };
    let region = territory(json!({ "name": "Matrix region", "kind": "region" })).await;
    let area =
        territory(json!({ "name": "Matrix area", "kind": "area", "parent_id": region })).await;
    let assignment = || {
        let (app, admin, path, rep) = (
            &app,
            &admin,
            format!("/api/v1/territories/{region}/assignments"),
            rep.id,
        );
        async move {
            format!(
                "/api/v1/territory-assignments/{}",
                app.post(&path)
                    .auth(admin)
                    .json(&json!({ "user_id": rep, "role": "owner" }))
                    .send()
                    .await
                    .expect(201)
                    .id()
            )
        }
    };
    let assignments = [assignment().await, assignment().await];
    // A manager's allocation of one of the rep's own leads to the rep.
    let allocate = |lead: &str| {
        let (app, manager, lead, rep) = (&app, &manager, lead.to_owned(), rep.id);
        async move {
            format!(
                "/api/v1/allocations/{}",
                app.post("/api/v1/allocations")
                    .auth(manager)
                    .json(&json!({ "lead_id": lead, "rm_id": rep }))
                    .send()
                    .await
                    .expect(201)
                    .id()
            )
        }
    };
    // A lead in the rep's region that nobody holds: allocated to the rep (its owner), then
    // reassigned away from it to the overflow pool.
    app.patch(&format!("/api/v1/territories/{region}"))
        .auth(&admin)
        .json(&json!({ "states": ["MX"] }))
        .send()
        .await
        .expect(200);
    let claimable = app
        .post("/api/v1/leads")
        .auth(&admin)
        .json(&json!({ "company": "Claimable", "state": "MX" }))
        .send()
        .await
        .expect(201)
        .id();
    let live = app
        .get(&format!("/api/v1/allocations?lead_id={claimable}"))
        .auth(&admin)
        .send()
        .await
        .expect(200);
    app.post(&format!(
        "/api/v1/allocations/{}/reassign",
        live.body["items"][0]["id"].as_str().unwrap()
    ))
    .auth(&admin)
    .json(&json!({ "reason": "to the pool" }))
    .send()
    .await
    .expect(201);
    let (product, ordering_account, orders, invoices, shipping) =
        ordering(&app, &admin, &rep).await;
    let asset = app
        .post("/api/v1/marketing-assets")
        .auth(&admin)
        .json(&json!({ "title": "Matrix poster", "category": "poster", "url": "https://cdn.example.com/m.pdf" }))
        .send()
        .await
        .expect(201)
        .id();
    let image = app
        .post(&format!("{product}/images"))
        .auth(&admin)
        .raw("image/png", picture())
        .send()
        .await
        .expect(201)
        .body["url"]
        .as_str()
        .unwrap()
        .to_owned();
    // An open support ticket of the ordering account for each staff role to resolve.
    let mut tickets: [String; 4] = Default::default();
    for t in &mut tickets {
        *t = format!(
            "/api/v1/support-tickets/{}",
            app.post("/api/v1/support-tickets")
                .auth(&admin)
                .json(
                    &json!({ "partner_id": ordering_account, "category": "order",
                               "subject": "Matrix", "body": "Where is it?" })
                )
                .send()
                .await
                .expect(201)
                .id()
        );
    }
    let video = app
        .post("/api/v1/video-guides")
        .auth(&admin)
        .json(
            &json!({ "title": "Matrix video", "category": "ordering", "duration_seconds": 60,
                       "url": "https://cdn.example.com/m.mp4" }),
        )
        .send()
        .await
        .expect(201)
        .id();
    let partner = format!(
        "/api/v1/partners/{}",
        app.post("/api/v1/partners")
            .auth(&rep)
            .json(
                &json!({ "business_name": "Matrix Grocers", "business_type": "grocery",
                "contact_name": "Ann", "email": "ann@example.com", "phone": "+1 555 0101",
                "address": { "line1": "2 Main St", "city": "Austin", "region": "TX",
                             "postal_code": "78701", "country": "US" } })
            )
            .send()
            .await
            .expect(201)
            .id()
    );
    let address = format!(
        "/api/v1/shipping-addresses/{}",
        app.post(&format!("{partner}/addresses"))
            .auth(&rep)
            .json(&json!({ "label": "Matrix dock",
                "ship_to": { "recipient_name": "Receiving",
                             "address": { "line1": "3 Dock Rd", "city": "Austin", "region": "TX",
                                          "postal_code": "78701", "country": "US" } } }))
            .send()
            .await
            .expect(201)
            .id()
    );
    let fx = Fixture {
        product,
        image,
        tickets,
        ordering_account,
        invoices,
        shipping,
        asset: format!("/api/v1/marketing-assets/{asset}"),
        video: format!("/api/v1/video-guides/{video}"),
        orders,
        activity,
        note,
        touch,
        lead_id: lead,
        outcome_leads: outcome_leads.map(|id| format!("/api/v1/leads/{id}/outcome")),
        client: client_path.clone(),
        script: format!("/api/v1/scripts/{script}"),
        plan: format!(
            "/api/v1/compensation-plans/{}",
            app.post("/api/v1/compensation-plans")
                .auth(&admin)
                .json(&plan_body("Matrix plan"))
                .send()
                .await
                .expect(201)
                .id()
        ),
        invoice: format!(
            "/api/v1/invoices/{}",
            app.post("/api/v1/invoices")
                .auth(&admin)
                .json(&json!({
                    "client_id": won.body["client_id"],
                    "amount": { "amount": "500.00", "currency": "USD" },
                    "service_month": "2026-03"
                }))
                .send()
                .await
                .expect(201)
                .id()
        ),
        paid_invoice_id: paid_invoice.clone(),
        refund: format!(
            "/api/v1/refunds/{}",
            app.post(&format!("/api/v1/invoices/{paid_invoice}/refunds"))
                .auth(&admin)
                .json(&json!({ "amount": { "amount": "1.00", "currency": "USD" } }))
                .send()
                .await
                .expect(201)
                .id()
        ),
        upsell: format!(
            "/api/v1/upsells/{}",
            app.post(&format!("{client_path}/upsells"))
                .auth(&rep)
                .json(&json!({ "product": "Matrix upsell", "price": { "amount": "10.00", "currency": "USD" } }))
                .send()
                .await
                .expect(201)
                .id()
        ),
        line: {
            // The won lead above, as the ledger's consumer turns it into a line.
            app.state
                .db
                .write(closebook_api::domain::commissions::sources::consume_events)
                .await
                .unwrap();
            let lines = app
                .get("/api/v1/commissions")
                .auth(&admin)
                .send()
                .await
                .expect(200);
            format!(
                "/api/v1/commissions/{}",
                lines.body["items"][0]["id"].as_str().unwrap()
            )
        },
        payout: {
            // The paid invoice's residual line (February), approved and paid out.
            let residual = app
                .get("/api/v1/commissions?line_type=residual&period=2026-02")
                .auth(&admin)
                .send()
                .await
                .expect(200)
                .body["items"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned();
            app.post(&format!("/api/v1/commissions/{residual}/approve"))
                .auth(&admin)
                .send()
                .await
                .expect(200);
            format!(
                "/api/v1/payouts/{}",
                app.post("/api/v1/payouts")
                    .auth(&admin)
                    .json(&json!({ "period": "2026-02" }))
                    .send()
                    .await
                    .expect(201)
                    .id()
            )
        },
        rep: format!("/api/v1/users/{}", rep.id),
        rep_id: rep.id.to_string(),
        teammate_id: teammate.id.to_string(),
        team: format!("/api/v1/teams/{team}"),
        // A reset ends the user's sessions, so it targets someone who is not a caller here.
        reset_target: format!(
            "/api/v1/users/{}/password",
            app.user(Role::SalesRep, Some(team), None).await.id
        ),
        token: format!("/api/v1/service-tokens/{token_id}"),
        region: format!("/api/v1/territories/{region}"),
        area: format!("/api/v1/territories/{area}"),
        assignments,
        allocations: [
            allocate(&lead_of("Alloc 0").await).await,
            allocate(&lead_of("Alloc 1").await).await,
            allocate(&lead_of("Alloc 2").await).await,
            allocate(&lead_of("Alloc 3").await).await,
            allocate(&lead_of("Alloc 4").await).await,
        ],
        unallocated_leads: [lead_of("Unallocated A").await, lead_of("Unallocated M").await],
        claimable_lead: claimable.clone(),
        placement_run: newest(&app, &admin, "/api/v1/territory-placements").await,
        notification: newest(&app, &rep, "/api/v1/notifications").await,
        target: format!(
            "/api/v1/targets/{}",
            app.post("/api/v1/targets")
                .auth(&admin)
                .json(&json!({ "target_type": "individual", "assignee_id": rep.id,
                    "period_type": "monthly", "metric_type": "deals_closed", "target_value": "3" }))
                .send()
                .await
                .expect(201)
                .id()
        ),
        satisfaction: format!(
            "/api/v1/satisfaction-scores/{}",
            app.post(&format!("{client_path}/satisfaction"))
                .auth(&rep)
                .json(&json!({ "score": 4 }))
                .send()
                .await
                .expect(201)
                .id()
        ),
        partner,
        address,
    };
    let mut failures = Vec::new();
    for (n, row) in rows(&fx).iter().enumerate() {
        for (who, want) in WHO.iter().zip(row.expect) {
            let unique = format!("{n}-{who:?}").to_lowercase();
            let path = (row.path)(*who);
            let mut req = app.req(row.method.parse().unwrap(), &path);
            if let Some(u) = user_of(*who) {
                req = req.auth(u);
            }
            if let Some(body) = &row.body {
                req = req.json(&body(*who, &unique));
            }
            if let Some((kind, bytes)) = &row.raw {
                req = req.raw(kind, bytes.clone());
            }
            let res = req.send().await;
            if res.status.as_u16() != want {
                failures.push(format!(
                    "{} {path} as {who:?}: got {}, want {want} ({})",
                    row.method, res.status, res.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix mismatches:\n{}",
        failures.join("\n")
    );
}

/// A product (path), an approved account of the rep's (id) and three pending orders on it
/// (paths).
async fn ordering(
    app: &TestApp,
    admin: &TestUser,
    rep: &TestUser,
) -> (String, String, [String; 3], [String; 2], Shipping) {
    let product = app
        .post("/api/v1/products")
        .auth(admin)
        .json(
            &json!({ "sku": "MATRIX-1", "name": "Matrix smoothie", "category": "smoothie",
            "msrp": { "amount": "4.00", "currency": "USD" },
            "wholesale_price": { "amount": "3.00", "currency": "USD" },
            "cost": { "amount": "1.00", "currency": "USD" },
            "case_pack": 1, "min_order_qty": 1, "stock": 100 }),
        )
        .send()
        .await
        .expect(201)
        .id();
    let account = app
        .post("/api/v1/partners")
        .auth(rep)
        .json(
            &json!({ "business_name": "Matrix Orders", "business_type": "cafe",
            "contact_name": "Ola", "email": "ola@example.com", "phone": "+1 555 0102",
            "address": { "line1": "3 Main St", "city": "Austin", "region": "TX",
                         "postal_code": "78701", "country": "US" } }),
        )
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/partners/{account}/approve"))
        .auth(admin)
        .json(
            &json!({ "tier": "starter", "credit_limit": { "amount": "1000.00", "currency": "USD" },
                       "payment_terms": "net30" }),
        )
        .send()
        .await
        .expect(200);
    let mut orders = Vec::new();
    for _ in 0..3 {
        let id = app
            .post("/api/v1/orders")
            .auth(rep)
            .json(&json!({ "partner_id": account, "items": [ { "product_id": product, "quantity": 2 } ] }))
            .send()
            .await
            .expect(201)
            .id();
        orders.push(format!("/api/v1/orders/{id}"));
    }
    let orders = <[String; 3]>::try_from(orders).unwrap();
    let mut invoices = Vec::new();
    for _ in 0..2 {
        let placed = app
            .post("/api/v1/orders")
            .auth(rep)
            .json(&json!({ "partner_id": account, "items": [ { "product_id": product, "quantity": 1 } ] }))
            .send()
            .await
            .expect(201);
        let invoice = placed.body["invoice_id"].as_str().unwrap().to_owned();
        invoices.push(format!("/api/v1/partner-invoices/{invoice}"));
    }
    let invoices = <[String; 2]>::try_from(invoices).unwrap();
    // A confirmed order (path), with a shipment booked (path).
    let shipped = app
        .post("/api/v1/orders")
        .auth(rep)
        .json(&json!({ "partner_id": account, "items": [ { "product_id": product, "quantity": 1 } ] }))
        .send()
        .await
        .expect(201)
        .id();
    app.post(&format!("/api/v1/orders/{shipped}/status"))
        .auth(admin)
        .json(&json!({ "status": "confirmed" }))
        .send()
        .await
        .expect(200);
    let shipment = app
        .post(&format!("/api/v1/orders/{shipped}/shipments"))
        .auth(admin)
        .json(&json!({ "carrier": "fedex", "tracking_number": "MATRIX-0" }))
        .send()
        .await
        .expect(201)
        .id();
    let shipping = Shipping {
        order: format!("/api/v1/orders/{shipped}"),
        shipment: format!("/api/v1/shipments/{shipment}"),
    };
    (
        format!("/api/v1/products/{product}"),
        account,
        orders,
        invoices,
        shipping,
    )
}

/// A small PNG, as an upload's body.
pub(crate) fn picture() -> Vec<u8> {
    closebook_api::seed_demo::pictures::product_png(
        closebook_shared::catalogue::ProductCategory::Popsicle,
        8,
    )
}

/// The path of the newest record of a list, as `who` reads it.
async fn newest(app: &TestApp, who: &TestUser, list: &str) -> String {
    let page = app.get(list).auth(who).send().await.expect(200);
    format!("{list}/{}", page.body["items"][0]["id"].as_str().unwrap())
}

/// The records the rows act on (paths), made by the test before the table runs.
#[derive(Default)]
pub(crate) struct Fixture {
    activity: String,
    note: String,
    touch: String,
    lead_id: String,
    outcome_leads: [String; 3],
    client: String,
    script: String,
    plan: String,
    line: String,
    invoice: String,
    paid_invoice_id: String,
    refund: String,
    upsell: String,
    payout: String,
    rep: String,
    rep_id: String,
    teammate_id: String,
    team: String,
    reset_target: String,
    token: String,
    /// A region with an area in it (so deleting the region is refused), and an assignment to
    /// it for each of the two roles that end assignments.
    region: String,
    area: String,
    assignments: [String; 2],
    /// Allocations of rep-owned leads to the rep (paths), see `allocation_rows`.
    allocations: [String; 5],
    /// Leads with no allocation, one for the admin and one for the manager to allocate.
    unallocated_leads: [String; 2],
    /// A lead nobody holds in the region the rep owns.
    claimable_lead: String,
    /// One of the rep's notifications (path).
    notification: String,
    /// The run the fixture's territories queued (path).
    placement_run: String,
    /// The rep's monthly deals target (path), and a satisfaction score on its client (path).
    target: String,
    satisfaction: String,
    /// The rep's application for a partner account (path).
    partner: String,
    /// A product (path); the rep's approved account (id) and three of its pending orders
    /// (paths), see `order_rows`.
    product: String,
    /// An image of that product (path).
    image: String,
    /// A saved shipping address of the rep's application (path).
    address: String,
    /// Open support tickets of the ordering account, one for each of admin, manager, rep and
    /// finance to resolve (paths).
    tickets: [String; 4],
    ordering_account: String,
    orders: [String; 3],
    /// The invoices (paths) of two more of its orders: one paid by the admin, one by finance.
    invoices: [String; 2],
    shipping: Shipping,
    /// A marketing asset for every tier and a how-to video (paths).
    asset: String,
    video: String,
}

/// A confirmed order of the ordering account and a shipment of it (paths).
#[derive(Default)]
pub(crate) struct Shipping {
    pub(crate) order: String,
    pub(crate) shipment: String,
}

/// Operations left out of the matrix, and why: they need no token, or act only on the caller.
const NOT_ROLE_GATED: [(&str, &str); 6] = [
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    // Every signed-in user may change its own password; `tests/passwords.rs` covers it.
    ("POST", "/api/v1/me/password"),
    // Billing systems sign their deliveries instead; `tests/commissions/billing.rs` covers it.
    ("POST", "/api/v1/billing/events"),
];

#[test]
fn every_operation_has_a_row() {
    let spec: Value = serde_json::from_str(&closebook_api::cli::openapi_json().unwrap()).unwrap();
    let covered: Vec<(String, String)> = rows(&Fixture::default())
        .iter()
        .map(|r| (r.method.to_owned(), r.template.to_owned()))
        .chain(
            NOT_ROLE_GATED
                .iter()
                .map(|(m, p)| ((*m).to_owned(), (*p).to_owned())),
        )
        .collect();
    let mut missing = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let op = (method.to_uppercase(), path.clone());
            if !covered.contains(&op) {
                missing.push(format!("{} {}", op.0, op.1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "operations with no role-matrix row: {missing:?}"
    );
    for (method, template) in &covered {
        assert!(
            spec["paths"][template][method.to_lowercase()].is_object(),
            "a row for {method} {template}, which the document does not list"
        );
    }
}

on_both_backends!(every_endpoint_for_every_role);
