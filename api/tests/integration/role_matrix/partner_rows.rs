//! The matrix's rows for partner accounts. The fixture's account is the rep's application;
//! the matrix's partner user belongs to no account, so it sees none.

use serde_json::json;

use super::rows::{Row, row};
use super::{Fixture, Who};

pub(crate) fn rows(fx: &Fixture) -> Vec<Row> {
    let account = fx.partner.clone();
    vec![
        row(
            "GET",
            "/api/v1/partners",
            "/api/v1/partners",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/partners",
            "/api/v1/partners",
            [201, 201, 201, 403, 403, 401],
        )
        .body(|_, unique| {
            json!({ "business_name": format!("Matrix Foods {unique}"), "business_type": "grocery",
                    "contact_name": "Ada", "email": "ada@example.com", "phone": "+1 555 0100",
                    "address": { "line1": "1 Main St", "city": "Austin", "region": "TX",
                                 "postal_code": "78701", "country": "US" } })
        }),
        row(
            "GET",
            "/api/v1/partners/{id}",
            &account,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "GET",
            "/api/v1/partners/{id}/addresses",
            &format!("{account}/addresses"),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/partners/{id}/addresses",
            &format!("{account}/addresses"),
            [201, 201, 201, 403, 404, 401],
        )
        .body(|_, unique| {
            json!({ "label": format!("Dock {unique}"),
                    "ship_to": { "recipient_name": "Receiving",
                                 "address": { "line1": "1 Dock Rd", "city": "Austin", "region": "TX",
                                              "postal_code": "78701", "country": "US" } } })
        }),
        row(
            "GET",
            "/api/v1/shipping-addresses/{id}",
            &fx.address,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/shipping-addresses/{id}/default",
            &format!("{}/default", fx.address),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            "DELETE",
            "/api/v1/shipping-addresses/{id}",
            &fx.address,
            [204, 404, 404, 404, 404, 401],
        ),
        row(
            "GET",
            "/api/v1/partners/{id}/contacts",
            &format!("{account}/contacts"),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "GET",
            "/api/v1/partners/{id}/analytics",
            &format!("{account}/analytics"),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "PATCH",
            "/api/v1/partners/{id}",
            &account,
            [200, 200, 200, 403, 404, 401],
        )
        .body(|_, unique| json!({ "contact_name": format!("Contact {unique}") })),
        // The admin approves the pending application first; nobody else approves.
        row(
            "POST",
            "/api/v1/partners/{id}/approve",
            &format!("{account}/approve"),
            [200, 403, 403, 403, 403, 401],
        )
        .body(|_, _| {
            json!({ "tier": "growth", "credit_limit": { "amount": "5000.00", "currency": "USD" },
                    "payment_terms": "net30" })
        }),
        row(
            "POST",
            "/api/v1/partners/{id}/status",
            &format!("{account}/status"),
            [200, 403, 403, 403, 403, 401],
        )
        .body(|_, _| json!({ "status": "suspended", "reason": "matrix" })),
        row(
            "POST",
            "/api/v1/partners/{id}/users",
            &format!("{account}/users"),
            [201, 403, 403, 403, 403, 401],
        )
        .body(|who: Who, unique| {
            json!({ "email": format!("partner-{unique}-{}@example.com", who as u8),
                    "name": "Pat", "password": "partner-password-1" })
        }),
    ]
}
