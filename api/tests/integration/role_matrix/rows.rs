//! The matrix's rows: one per operation, each with its paths, body and expected statuses.

use closebook_shared::commissions::plan::PlanRules;
use serde_json::{Value, json};

use super::{Fixture, Who};

type PathFn = Box<dyn Fn(Who) -> String>;
type BodyFn = Box<dyn Fn(Who, &str) -> Value>;

/// One operation: its OpenAPI path, the concrete path per caller, its body per caller (given a
/// string unique to the row and caller), and the status each of `WHO` gets.
pub(crate) struct Row {
    pub(crate) method: &'static str,
    pub(crate) template: &'static str,
    pub(crate) path: PathFn,
    pub(crate) body: Option<BodyFn>,
    /// A body that is not JSON (an upload): its content type and bytes.
    pub(crate) raw: Option<(&'static str, Vec<u8>)>,
    pub(crate) expect: [u16; 6],
}

pub(crate) fn row(
    method: &'static str,
    template: &'static str,
    path: &str,
    expect: [u16; 6],
) -> Row {
    let path = path.to_owned();
    Row {
        method,
        template,
        path: Box::new(move |_| path.clone()),
        body: None,
        raw: None,
        expect,
    }
}

impl Row {
    pub(crate) fn body(mut self, f: impl Fn(Who, &str) -> Value + 'static) -> Self {
        self.body = Some(Box::new(f));
        self
    }
    pub(crate) fn raw(mut self, content_type: &'static str, bytes: Vec<u8>) -> Self {
        self.raw = Some((content_type, bytes));
        self
    }
    pub(crate) fn path_per_caller(mut self, f: impl Fn(Who) -> String + 'static) -> Self {
        self.path = Box::new(f);
        self
    }
}

pub(crate) fn plan_body(name: &str) -> Value {
    json!({
        "name": name,
        "currency": "USD",
        "effective_from": "2026-01-01",
        "rules": closebook_shared::commissions::plan::PlanRules::default(),
    })
}

/// A date per caller, for rows whose records are unique by date.
fn day_of(who: Who) -> String {
    format!("2026-02-0{}", who as u8 + 1)
}

fn open_won_lost() -> Value {
    json!([
        { "name": "Open", "probability": 10, "kind": "open" },
        { "name": "Won", "probability": 100, "kind": "won" },
        { "name": "Lost", "probability": 0, "kind": "lost" }
    ])
}

pub(crate) fn rows(fx: &Fixture) -> Vec<Row> {
    let pipeline = "/api/v1/pipelines/00000000-0000-7000-8000-000000000002";
    let lead_id = fx.lead_id.clone();
    let lead_path = format!("/api/v1/leads/{lead_id}");
    let lead = |sub: &str| format!("{lead_path}/{sub}");
    let render = format!("{}/render?lead_id={lead_id}", fx.script);
    let outcome_leads = fx.outcome_leads.clone();
    let (rep_id, teammate_id) = (fx.rep_id.clone(), fx.teammate_id.clone());
    // Expected statuses, in the order of `WHO`: admin, manager, rep, finance, partner, nobody.
    vec![
        row("GET", "/api/v1/me", "/api/v1/me", [200, 200, 200, 200, 200, 401]),
        row("GET", "/api/v1/users", "/api/v1/users", [200, 200, 200, 200, 200, 401]),
        row("POST", "/api/v1/users", "/api/v1/users", [201, 403, 403, 403, 403, 401]).body(|_, u| {
            json!({ "email": format!("m{u}@example.com"), "name": "M", "role": "sales_rep", "password": "a-long-password-1" })
        }),
        row("GET", "/api/v1/users/{id}", &fx.rep, [200, 200, 200, 200, 404, 401]),
        row("PATCH", "/api/v1/users/{id}", &fx.rep, [200, 403, 200, 403, 404, 401])
            .body(|_, u| json!({ "name": format!("Renamed {u}") })),
        row("POST", "/api/v1/users/{id}/password", &fx.reset_target, [204, 403, 403, 403, 403, 401])
            .body(|_, _| json!({ "password": "temporary-pass-1", "must_change_password": false })),
        row("GET", "/api/v1/teams", "/api/v1/teams", [200, 200, 200, 200, 200, 401]),
        row("POST", "/api/v1/teams", "/api/v1/teams", [201, 403, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("Team {u}") })),
        row("GET", "/api/v1/teams/{id}", &fx.team, [200, 200, 200, 200, 404, 401]),
        row("PATCH", "/api/v1/teams/{id}", &fx.team, [200, 403, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("Renamed team {u}") })),
        row("GET", "/api/v1/territories", "/api/v1/territories", [200, 200, 200, 200, 403, 401]),
        row("POST", "/api/v1/territories", "/api/v1/territories", [201, 201, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("Region {u}"), "kind": "region" })),
        row("GET", "/api/v1/territories/export", "/api/v1/territories/export", [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/territories/{id}", &fx.region, [200, 200, 200, 200, 403, 401]),
        row("PATCH", "/api/v1/territories/{id}", &fx.area, [200, 200, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("Area {u}") })),
        row("DELETE", "/api/v1/territories/{id}", &fx.region, [409, 409, 403, 403, 403, 401]),
        row("GET", "/api/v1/territories/{id}/geojson", &format!("{}/geojson", fx.region), [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/territories/{id}/assignments", &format!("{}/assignments", fx.region), [200, 200, 200, 200, 403, 401]),
        row("POST", "/api/v1/territories/{id}/assignments", &format!("{}/assignments", fx.region), [201, 201, 403, 403, 403, 401])
            .body({
                let rep = fx.rep_id.clone();
                move |_, _| json!({ "user_id": rep, "role": "viewer" })
            }),
        row("GET", "/api/v1/territory-assignments/{id}", &fx.assignments[0], [200, 200, 200, 200, 403, 401]),
        row("POST", "/api/v1/territory-assignments/{id}/end", "", [200, 200, 403, 403, 403, 401])
            .body(|_, _| json!({}))
            .path_per_caller({
                let [first, second] = fx.assignments.clone();
                move |who| format!("{}/end", if matches!(who, Who::Manager) { &second } else { &first })
            }),
        row("GET", "/api/v1/audit", "/api/v1/audit", [200, 403, 403, 403, 403, 401]),
        row("GET", "/api/v1/service-tokens", "/api/v1/service-tokens", [200, 403, 403, 403, 403, 401]),
        row("POST", "/api/v1/service-tokens", "/api/v1/service-tokens", [201, 403, 403, 403, 403, 401])
            .body(|_, _| json!({ "name": "t", "role": "partner" })),
        row("DELETE", "/api/v1/service-tokens/{id}", &fx.token, [204, 403, 403, 403, 403, 401]),
        row("GET", "/api/v1/settings", "/api/v1/settings", [200, 200, 200, 200, 200, 401]),
        row("PATCH", "/api/v1/settings", "/api/v1/settings", [200, 403, 403, 403, 403, 401])
            .body(|_, u| json!({ "org_name": format!("Org {u}") })),
        row("GET", "/api/v1/pipelines", "/api/v1/pipelines", [200, 200, 200, 200, 403, 401]),
        row("POST", "/api/v1/pipelines", "/api/v1/pipelines", [201, 403, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("P {u}"), "stages": open_won_lost() })),
        row("GET", "/api/v1/pipelines/{id}", pipeline, [200, 200, 200, 200, 403, 401]),
        row("PATCH", "/api/v1/pipelines/{id}", pipeline, [200, 403, 403, 403, 403, 401])
            .body(|_, u| json!({ "name": format!("B2B {u}") })),
        row("GET", "/api/v1/leads", "/api/v1/leads", [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/leads", "/api/v1/leads", [201, 201, 201, 403, 403, 401])
            .body(|_, u| json!({ "company": format!("Lead {u}") })),
        row("GET", "/api/v1/leads/{id}", &lead_path, [200, 200, 200, 403, 403, 401]),
        row("PATCH", "/api/v1/leads/{id}", &lead_path, [200, 200, 200, 403, 403, 401])
            .body(|_, u| json!({ "next_action": format!("N {u}") })),
        row("PATCH", "/api/v1/leads/{id}/stage", &lead("stage"), [200, 200, 200, 403, 403, 401])
            .body(|_, _| json!({ "stage_id": "00000000-0000-7000-8001-000000000102" })),
        row("PATCH", "/api/v1/leads/{id}/deal", &lead("deal"), [200, 200, 200, 403, 403, 401])
            .body(|_, _| json!({ "probability": 40 })),
        row("POST", "/api/v1/leads/{id}/referral-ask", &lead("referral-ask"), [200, 200, 200, 403, 403, 401])
            .body(|_, _| json!({ "status": "asked" })),
        // Each closing caller closes its own lead: a lead closes once.
        row("POST", "/api/v1/leads/{id}/outcome", "", [200, 200, 200, 403, 403, 401])
            .path_per_caller(move |who| {
                let i = match who {
                    Who::Admin => 0,
                    Who::Manager => 1,
                    _ => 2,
                };
                outcome_leads[i].clone()
            })
            .body(|_, _| json!({ "outcome": "won" })),
        row("POST", "/api/v1/leads/{id}/reassign", &lead("reassign"), [200, 200, 403, 403, 403, 401])
            .body(move |who, _| {
                let owner = if matches!(who, Who::Admin) { &teammate_id } else { &rep_id };
                json!({ "owner_id": owner, "reason": "matrix" })
            }),
        row("GET", "/api/v1/leads/{id}/history", &lead("history"), [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/leads/{id}/activities", &lead("activities"), [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/leads/{id}/activities", &lead("activities"), [201, 201, 201, 403, 403, 401])
            .body(|_, _| json!({ "kind": "call" })),
        row("GET", "/api/v1/leads/{id}/notes", &lead("notes"), [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/leads/{id}/notes", &lead("notes"), [201, 201, 201, 403, 403, 401])
            .body(|_, _| json!({ "body": "n" })),
        row("GET", "/api/v1/leads/{id}/touches", &lead("touches"), [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/leads/{id}/touches", &lead("touches"), [201, 201, 201, 403, 403, 401])
            .body(|_, _| json!({ "kind": "check_in" })),
        row("GET", "/api/v1/activities", "/api/v1/activities", [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/activities", "/api/v1/activities", [201, 201, 201, 403, 403, 401])
            .body(move |_, _| json!({ "kind": "call", "lead_id": lead_id })),
        row("GET", "/api/v1/activities/{id}", &fx.activity, [200, 200, 200, 403, 403, 401]),
        // Notes are private to their author (and admins): the manager does not see the rep's.
        row("GET", "/api/v1/notes/{id}", &fx.note, [200, 404, 200, 403, 403, 401]),
        row("GET", "/api/v1/touches/{id}", &fx.touch, [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/clients", "/api/v1/clients", [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/clients/{id}", &fx.client, [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/scripts", "/api/v1/scripts", [200, 200, 200, 403, 403, 401]),
        row("POST", "/api/v1/scripts", "/api/v1/scripts", [201, 201, 403, 403, 403, 401]).body(|_, u| {
            json!({ "slug": format!("s_{}", u.replace('-', "_")), "sales_stage": "FOLLOW_UP", "kind": "script", "title": "T", "body": "B" })
        }),
        row("PATCH", "/api/v1/scripts/{id}", &fx.script, [200, 200, 403, 403, 403, 401])
            .body(|_, u| json!({ "title": format!("T {u}") })),
        row("POST", "/api/v1/scripts/{id}/render", &render, [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/compensation-plans", "/api/v1/compensation-plans", [200, 403, 403, 200, 403, 401]),
        row("POST", "/api/v1/compensation-plans", "/api/v1/compensation-plans", [201, 403, 403, 201, 403, 401])
            .body(|_, u| plan_body(&format!("Plan {u}"))),
        row("GET", "/api/v1/compensation-plans/{id}", &fx.plan, [200, 403, 403, 200, 403, 401]),
        row("POST", "/api/v1/compensation-plans/preview", "/api/v1/compensation-plans/preview", [200, 403, 403, 200, 403, 401])
            .body(|_, _| json!({ "rules": PlanRules::default(), "currency": "USD" })),
        row("PATCH", "/api/v1/compensation-plans/{id}", &fx.plan, [200, 403, 403, 200, 403, 401])
            .body(|_, u| json!({ "name": format!("Plan {u}") })),
        row("GET", "/api/v1/users/{id}/plan-assignments", &format!("{}/plan-assignments", fx.rep), [200, 403, 403, 200, 403, 401]),
        row("POST", "/api/v1/users/{id}/plan-assignments", &format!("{}/plan-assignments", fx.rep), [201, 403, 403, 201, 403, 401])
            .body({
                let plan_id = fx.plan.rsplit('/').next().unwrap_or_default().to_owned();
                move |who, _| json!({ "plan_id": plan_id, "effective_from": day_of(who), "monthly_quota": { "amount": "10000", "currency": "USD" } })
            }),
        row("GET", "/api/v1/commissions", "/api/v1/commissions", [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/commissions/my-plan", "/api/v1/commissions/my-plan", [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/commissions/team-earnings", "/api/v1/commissions/team-earnings", [200, 200, 403, 200, 403, 401]),
        row("GET", "/api/v1/commissions/{id}", &fx.line, [200, 200, 200, 200, 403, 401]),
        // The fixture's line is still pending: finance and admins get past authorisation to the 409.
        row("POST", "/api/v1/commissions/{id}/approve", &format!("{}/approve", fx.line), [409, 403, 403, 409, 403, 401]),
        row("POST", "/api/v1/commissions/batch-approve", "/api/v1/commissions/batch-approve", [200, 403, 403, 200, 403, 401])
            .body({
                let line_id = fx.line.rsplit('/').next().unwrap_or_default().to_owned();
                move |_, _| json!({ "ids": [line_id] })
            }),
        row("POST", "/api/v1/invoices", "/api/v1/invoices", [201, 403, 403, 201, 403, 401]).body({
            let client_id = fx.client.rsplit('/').next().unwrap_or_default().to_owned();
            move |_, _| json!({ "client_id": client_id, "amount": { "amount": "10.00", "currency": "USD" }, "service_month": "2026-04" })
        }),
        row("GET", "/api/v1/invoices/{id}", &fx.invoice, [200, 403, 403, 200, 403, 401]),
        // Admin pays it first; finance then finds it paid.
        row("POST", "/api/v1/invoices/{id}/pay", &format!("{}/pay", fx.invoice), [200, 403, 403, 409, 403, 401])
            .body(|_, _| json!({})),
        row("POST", "/api/v1/clients/{id}/upsells", &format!("{}/upsells", fx.client), [201, 201, 201, 403, 403, 401])
            .body(|_, u| json!({ "product": format!("Upsell {u}"), "price": { "amount": "10.00", "currency": "USD" } })),
        row("GET", "/api/v1/clients/{id}/upsells", &format!("{}/upsells", fx.client), [200, 200, 200, 403, 403, 401]),
        row("GET", "/api/v1/upsells/{id}", &fx.upsell, [200, 200, 200, 403, 403, 401]),
        // The admin sells it first; the manager and the rep then find it sold.
        row("POST", "/api/v1/upsells/{id}/sold", &format!("{}/sold", fx.upsell), [200, 409, 409, 403, 403, 401])
            .body(|_, _| json!({})),
        // Only the line's rep disputes it; then the admin resolves it and finance finds it settled.
        row("POST", "/api/v1/commissions/{id}/dispute", &format!("{}/dispute", fx.line), [403, 403, 200, 403, 403, 401])
            .body(|_, _| json!({ "reason": "matrix" })),
        row("POST", "/api/v1/commissions/{id}/resolve", &format!("{}/resolve", fx.line), [200, 403, 403, 409, 403, 401])
            .body(|_, _| json!({ "resolution": "uphold", "reason": "matrix" })),
        row("GET", "/api/v1/commissions/rm/{id}/summary", &format!("/api/v1/commissions/rm/{}/summary", fx.rep_id), [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/commissions/statements/{id}/{period}", &format!("/api/v1/commissions/statements/{}/2026-02", fx.rep_id), [200, 200, 200, 200, 403, 401]),
        row("POST", "/api/v1/commissions/replay", "/api/v1/commissions/replay", [200, 403, 403, 200, 403, 401])
            .body(|_, _| json!({ "period": "2026-02" })),
        row("GET", "/api/v1/residual-book", "/api/v1/residual-book", [200, 200, 200, 200, 403, 401]),
        row("GET", "/api/v1/reports/profitability", "/api/v1/reports/profitability?period=2026-02", [200, 403, 403, 200, 403, 401]),
        row("GET", "/api/v1/commissions/payout-report", "/api/v1/commissions/payout-report?period=2026-02", [200, 403, 403, 200, 403, 401]),
        // Everything approved in February was paid when the fixture was made.
        row("POST", "/api/v1/payouts", "/api/v1/payouts", [409, 403, 403, 409, 403, 401])
            .body(|_, _| json!({ "period": "2026-02" })),
        row("GET", "/api/v1/payouts", "/api/v1/payouts", [200, 403, 403, 200, 403, 401]),
        row("GET", "/api/v1/payouts/{id}", &fx.payout, [200, 403, 403, 200, 403, 401]),
        row("POST", "/api/v1/commissions/close", "/api/v1/commissions/close", [200, 403, 403, 200, 403, 401])
            .body(|_, _| json!({ "period": "2026-01" })),
        row("POST", "/api/v1/invoices/{id}/refunds", &format!("/api/v1/invoices/{}/refunds", fx.paid_invoice_id), [201, 403, 403, 201, 403, 401])
            .body(|_, _| json!({ "amount": { "amount": "0.01", "currency": "USD" } })),
        // The fixture's won deal has no value to refund: finance and admins reach the 409.
        row("POST", "/api/v1/clients/{id}/refunds", &format!("{}/refunds", fx.client), [409, 403, 403, 409, 403, 401])
            .body(|_, _| json!({ "amount": { "amount": "0.01", "currency": "USD" } })),
        row("GET", "/api/v1/refunds/{id}", &fx.refund, [200, 403, 403, 200, 403, 401]),
        row("POST", "/api/v1/commissions/simulate", "/api/v1/commissions/simulate", [200, 200, 200, 200, 403, 401])
            .body(|_, _| json!({ "currency": "USD", "deals": [{ "value": "1000", "won_on": "2026-03-02" }] })),
    ]
    .into_iter()
    .chain(super::allocation_rows::rows(fx))
    .chain(super::target_rows::rows(fx))
    .chain(super::partner_rows::rows(fx))
    .chain(super::order_rows::rows(fx))
    // Last: signing out ends the callers' sessions.
    .chain([row("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", [204, 204, 204, 204, 204, 401])])
    .collect()
}
