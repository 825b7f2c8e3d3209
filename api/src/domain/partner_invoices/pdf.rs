//! An invoice as a PDF (`crate::pdf`): who bills whom, the order's lines, the totals, the terms.

use closebook_shared::orders::Order;
use closebook_shared::partner_invoices::PartnerInvoice;

use crate::pdf::{self, Row, clip};

fn money(m: &closebook_shared::Money) -> String {
    format!("{} {}", m.amount, m.currency)
}

fn rows(inv: &PartnerInvoice, order: &Order, seller: &str) -> Vec<Row> {
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d").to_string();
    let mut out: Vec<Row> = vec![
        (16.0, vec![(0.0, format!("Invoice {}", inv.number))]),
        (10.0, vec![(0.0, seller.to_owned())]),
        (10.0, vec![]),
        (
            10.0,
            vec![(0.0, "Bill to".into()), (250.0, "Ship to".into())],
        ),
        (
            10.0,
            vec![
                (0.0, inv.partner_name.clone()),
                (250.0, order.ship_to.recipient_name.clone()),
            ],
        ),
        (10.0, vec![(250.0, order.ship_to.address.line1.clone())]),
        (
            10.0,
            vec![(
                250.0,
                format!(
                    "{}, {} {}, {}",
                    order.ship_to.address.city,
                    order.ship_to.address.region,
                    order.ship_to.address.postal_code,
                    order.ship_to.address.country
                ),
            )],
        ),
        (10.0, vec![]),
        (
            10.0,
            vec![
                (0.0, format!("Order {}", inv.order_number)),
                (
                    250.0,
                    format!("PO {}", order.po_number.as_deref().unwrap_or("-")),
                ),
            ],
        ),
        (
            10.0,
            vec![
                (0.0, format!("Issued {}", day(inv.issued_at))),
                (
                    250.0,
                    format!("Due {} ({})", day(inv.due_at), inv.payment_terms.label()),
                ),
            ],
        ),
        (10.0, vec![]),
        (
            9.0,
            vec![
                (0.0, "SKU".into()),
                (80.0, "Product".into()),
                (290.0, "Units".into()),
                (340.0, "Unit price".into()),
                (420.0, "Amount".into()),
            ],
        ),
    ];
    for l in &order.lines {
        out.push((
            9.0,
            vec![
                (0.0, clip(&l.sku, 14)),
                (80.0, clip(&l.name, 40)),
                (290.0, l.quantity.to_string()),
                (340.0, l.unit_price.amount.to_string()),
                (420.0, money(&l.subtotal)),
            ],
        ));
    }
    out.push((10.0, vec![]));
    for (label, m) in [
        ("Subtotal", &inv.subtotal),
        ("Late fee", &inv.late_fee),
        ("Total", &inv.total),
        ("Amount due", &inv.amount_due),
    ] {
        out.push((10.0, vec![(290.0, label.into()), (420.0, money(m))]));
    }
    out.push((10.0, vec![]));
    out.push((
        10.0,
        vec![(
            0.0,
            match (inv.paid_at, inv.cancelled_at) {
                (Some(at), _) => format!("Paid {}. Thank you.", day(at)),
                (None, Some(at)) => format!("Cancelled {} with its order.", day(at)),
                (None, None) => format!("Status: {}", inv.status.label()),
            },
        )],
    ));
    out
}

/// The invoice of `order`, billed by `seller` (the organisation's name).
pub fn render(inv: &PartnerInvoice, order: &Order, seller: &str) -> Vec<u8> {
    pdf::render(&rows(inv, order, seller))
}
