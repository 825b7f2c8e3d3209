//! The matrix's rows for the catalogue and partner orders. The fixture's ordering account is
//! the rep's, approved with credit; its three pending orders are cancelled one per role that
//! may. The matrix's partner user belongs to no account, so it sees no order.

use serde_json::json;

use super::rows::{Row, row};
use super::{Fixture, Who};

pub(crate) fn rows(fx: &Fixture) -> Vec<Row> {
    let product = fx.product.clone();
    let image = fx.image.clone();
    let tickets = fx.tickets.clone();
    let ticket_account = fx.ordering_account.clone();
    let product_id = product.rsplit('/').next().unwrap_or_default().to_owned();
    let account = fx.ordering_account.clone();
    let orders = fx.orders.clone();
    let invoices = fx.invoices.clone();
    let (shipped, shipment) = (fx.shipping.order.clone(), fx.shipping.shipment.clone());
    let (asset, video) = (fx.asset.clone(), fx.video.clone());
    let integrations = format!("/api/v1/partners/{}/integrations", fx.ordering_account);
    let cart = move |_: Who, _: &str| json!({ "partner_id": account, "items": [ { "product_id": product_id, "quantity": 1 } ] });
    vec![
        row(
            "GET",
            "/api/v1/support-tickets",
            "/api/v1/support-tickets",
            [200, 200, 200, 200, 200, 401],
        ),
        // The matrix's partner user has no account: it cannot open a ticket.
        row(
            "POST",
            "/api/v1/support-tickets",
            "/api/v1/support-tickets",
            [201, 201, 201, 201, 403, 401],
        )
        .body(move |_, unique| {
            json!({ "partner_id": ticket_account, "category": "delivery",
                    "subject": format!("Matrix {unique}"), "body": "Late" })
        }),
        row(
            "GET",
            "/api/v1/support-tickets/{id}",
            &tickets[0],
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/support-tickets/{id}/resolve",
            "/resolve",
            [200, 200, 200, 200, 404, 401],
        )
        .path_per_caller(move |who| {
            let i = match who {
                Who::Admin => 0,
                Who::Manager => 1,
                Who::Rep => 2,
                _ => 3,
            };
            format!("{}/resolve", tickets[i])
        })
        .body(|_, _| json!({ "resolution": "Resent" })),
        row(
            "GET",
            "/api/v1/products",
            "/api/v1/products",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/products",
            "/api/v1/products",
            [201, 403, 403, 403, 403, 401],
        )
        .body(|_, unique| {
            json!({ "sku": format!("MX-{unique}"), "name": "Matrix bar", "category": "protein_bar",
                    "msrp": { "amount": "2.00", "currency": "USD" },
                    "wholesale_price": { "amount": "1.50", "currency": "USD" },
                    "cost": { "amount": "0.50", "currency": "USD" },
                    "case_pack": 1, "min_order_qty": 1 })
        }),
        row(
            "GET",
            "/api/v1/products/{id}",
            &product,
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "PATCH",
            "/api/v1/products/{id}",
            &product,
            [200, 403, 403, 403, 403, 401],
        )
        .body(|_, _| json!({ "reorder_point": 5 })),
        row(
            "POST",
            "/api/v1/products/{id}/stock",
            &format!("{product}/stock"),
            [200, 403, 403, 403, 403, 401],
        )
        .body(|_, _| json!({ "change": 10, "reason": "matrix" })),
        row(
            "POST",
            "/api/v1/products/{id}/images",
            &format!("{product}/images"),
            [201, 403, 403, 403, 403, 401],
        )
        .raw("image/png", super::picture()),
        // Served to anyone, a page's `<img>` included (it sends no token).
        row(
            "GET",
            "/api/v1/product-images/{id}",
            &image,
            [200, 200, 200, 200, 200, 200],
        ),
        row(
            "DELETE",
            "/api/v1/product-images/{id}",
            &image,
            [204, 403, 403, 403, 403, 401],
        ),
        row(
            "GET",
            "/api/v1/orders",
            "/api/v1/orders",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/orders/quote",
            "/api/v1/orders/quote",
            [200, 200, 200, 200, 404, 401],
        )
        .body(cart.clone()),
        row(
            "POST",
            "/api/v1/orders",
            "/api/v1/orders",
            [201, 201, 201, 403, 404, 401],
        )
        .body(cart),
        row(
            "GET",
            "/api/v1/orders/{id}",
            &orders[0],
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/orders/{id}/status",
            "/api/v1/orders/{id}/status",
            [200, 200, 200, 403, 404, 401],
        )
        .path_per_caller(move |who| {
            let i = match who {
                Who::Admin => 0,
                Who::Manager => 1,
                _ => 2,
            };
            format!("{}/status", orders[i])
        })
        .body(|_, _| json!({ "status": "cancelled", "note": "matrix" })),
        row(
            "GET",
            "/api/v1/partner-invoices",
            "/api/v1/partner-invoices",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "GET",
            "/api/v1/partner-invoices/{id}",
            &invoices[0],
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/partner-invoices/{id}/pay",
            "/api/v1/partner-invoices/{id}/pay",
            [200, 403, 403, 200, 404, 401],
        )
        .path_per_caller(move |who| {
            let i = usize::from(matches!(who, Who::Finance));
            format!("{}/pay", invoices[i])
        })
        .body(|_, _| json!({})),
        row(
            "GET",
            "/api/v1/shipments",
            "/api/v1/shipments",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/orders/{id}/shipments",
            &format!("{shipped}/shipments"),
            [201, 403, 403, 403, 404, 401],
        )
        .body(|_, unique| json!({ "carrier": "ups", "tracking_number": format!("MX-{unique}") })),
        row(
            "GET",
            "/api/v1/shipments/{id}",
            &shipment,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/shipments/{id}/events",
            &format!("{shipment}/events"),
            [200, 403, 403, 403, 404, 401],
        )
        .body(|_, _| json!({ "status": "in_transit", "location": "Matrix, TX" })),
        row(
            "POST",
            "/api/v1/shipments/{id}/temperatures",
            &format!("{shipment}/temperatures"),
            [200, 403, 403, 403, 404, 401],
        )
        .body(
            |_, _| json!({ "readings": [{ "at": "2026-01-01T00:00:00Z", "temperature": "-9.5" }] }),
        ),
        row(
            "GET",
            "/api/v1/marketing-assets",
            "/api/v1/marketing-assets",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/marketing-assets",
            "/api/v1/marketing-assets",
            [201, 403, 403, 403, 403, 401],
        )
        .body(|_, unique| json!({ "title": format!("Poster {unique}"), "category": "poster", "url": "https://cdn.example.com/p.pdf" })),
        // The matrix's partner user has no account: no asset is there for it.
        row(
            "GET",
            "/api/v1/marketing-assets/{id}",
            &asset,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "POST",
            "/api/v1/marketing-assets/{id}/download",
            &format!("{asset}/download"),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            "GET",
            "/api/v1/video-guides",
            "/api/v1/video-guides",
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "POST",
            "/api/v1/video-guides",
            "/api/v1/video-guides",
            [201, 403, 403, 403, 403, 401],
        )
        .body(|_, unique| json!({ "title": format!("Video {unique}"), "category": "ordering", "duration_seconds": 30, "url": "https://cdn.example.com/v.mp4" })),
        row(
            "GET",
            "/api/v1/video-guides/{id}",
            &video,
            [200, 200, 200, 200, 200, 401],
        ),
        row(
            "PUT",
            "/api/v1/video-guides/{id}/progress",
            &format!("{video}/progress"),
            [200, 200, 200, 200, 200, 401],
        )
        .body(|_, _| json!({ "watched_seconds": 30, "rating": 4 })),
        row(
            "GET",
            "/api/v1/partners/{id}/integrations",
            &integrations,
            [200, 200, 200, 200, 404, 401],
        ),
    ]
}
