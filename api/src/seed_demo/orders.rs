//! The demo's catalogue and four months of partner orders: ten products across the categories
//! (one down at its reorder point), and for each active account an order every two weeks or
//! so — the older ones delivered and paid, the recent ones at every step of the pipeline, one
//! cancelled. Each has its invoice: prepaid ones paid before confirmation, delivered ones on
//! terms paid three weeks after delivery (the rep's partner-order lines), the rest open or
//! overdue (reminded, with their late fees); shipped and delivered ones have their shipment,
//! tracked to the door with its temperature log (one warm spell). Orders go through the same
//! domain functions as the API's (pricing, credit, stock reservations, history, invoices,
//! payments, shipments), then their times are moved into the past.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::catalogue::{CreateProductRequest, Nutrition, ProductCategory};
use closebook_shared::orders::{
    CartItem, Order, OrderStatus, OrderStatusRequest, PlaceOrderRequest,
};
use closebook_shared::partner_invoices::{PayPartnerInvoiceRequest, due_at};
use closebook_shared::partners::PaymentTerms;
use closebook_shared::shipments::{
    Carrier, CreateShipmentRequest, Fahrenheit, ReadingInput, ShipmentStatus,
    TemperatureLogRequest, TrackingEventRequest,
};
use closebook_shared::{Money, Role};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use super::caller;
use crate::authz::{Administration, PartnerAccounts, PartnerCaller};
use crate::db::DbConn;
use crate::db::schema::{
    order_events, orders, partner_invoices, partners, shipment_events, shipments as shipment_rows,
};
use crate::domain::{catalogue, orders as order_domain, partner_invoices as invoices, shipments};
use crate::error::ApiError;

/// (SKU, name, category, MSRP in cents, case pack, minimum order, stock, reorder point)
const PRODUCTS: [(&str, &str, ProductCategory, i64, u32, u32, u32, u32); 10] = [
    (
        "SM-GRDETOX",
        "Green Detox Smoothie",
        ProductCategory::Smoothie,
        499,
        12,
        48,
        4_800,
        600,
    ),
    (
        "SM-BERRYPRO",
        "Berry Protein Smoothie",
        ProductCategory::Smoothie,
        549,
        12,
        48,
        3_600,
        600,
    ),
    (
        "SM-IMMUNE",
        "Citrus Immunity Smoothie",
        ProductCategory::Smoothie,
        499,
        12,
        48,
        2_400,
        400,
    ),
    (
        "IC-VANBEAN",
        "Vanilla Bean Ice Cream, pint",
        ProductCategory::IceCream,
        699,
        8,
        32,
        1_600,
        300,
    ),
    (
        "IC-DKCHOC",
        "Dark Chocolate Ice Cream, pint",
        ProductCategory::IceCream,
        699,
        8,
        32,
        320,
        300,
    ),
    (
        "PP-MANGO",
        "Mango Chili Popsicle",
        ProductCategory::Popsicle,
        299,
        24,
        96,
        6_000,
        1_000,
    ),
    (
        "PP-STRAW",
        "Strawberry Lemonade Popsicle",
        ProductCategory::Popsicle,
        299,
        24,
        96,
        4_800,
        1_000,
    ),
    (
        "FM-BURRITO",
        "Black Bean Burrito Bowl",
        ProductCategory::FrozenMeal,
        849,
        6,
        24,
        1_200,
        200,
    ),
    (
        "FM-CURRY",
        "Chickpea Coconut Curry",
        ProductCategory::FrozenMeal,
        899,
        6,
        24,
        900,
        200,
    ),
    (
        "PB-PBCHOC",
        "Peanut Butter Chocolate Protein Bar",
        ProductCategory::ProteinBar,
        279,
        24,
        48,
        7_200,
        1_200,
    ),
];

/// The accounts that order, with how many orders over the four months.
const ORDERING: [(&str, usize); 3] = [
    ("Becker Fine Foods", 9),
    ("Lakeview Juice Bar", 7),
    ("Iron Temple Gym", 4),
];

fn usd(cents: i64) -> Money {
    Money::new(Decimal::new(cents, 2), "USD")
}

/// The catalogue's product ids, in the order of [`PRODUCTS`].
fn catalogue(conn: &mut DbConn, admin: Uuid) -> Result<Vec<Uuid>, ApiError> {
    let by = caller::<Administration>(conn, admin, Role::Admin)?;
    PRODUCTS
        .iter()
        .map(
            |(sku, name, category, msrp, case_pack, moq, stock, reorder)| {
                let frozen = !matches!(category, ProductCategory::ProteinBar);
                catalogue::create(
                    conn,
                    &by,
                    CreateProductRequest {
                        sku: (*sku).into(),
                        name: (*name).into(),
                        category: *category,
                        subcategory: None,
                        description: Some(format!(
                            "{name}: made in small batches, shipped frozen."
                        )),
                        msrp: usd(*msrp),
                        wholesale_price: usd(msrp * 70 / 100),
                        cost: usd(msrp * 30 / 100),
                        case_pack: *case_pack,
                        min_order_qty: *moq,
                        stock: *stock,
                        reorder_point: *reorder,
                        allergens: if *category == ProductCategory::IceCream {
                            vec!["Contains: Milk".into()]
                        } else {
                            vec!["Dairy-free".into()]
                        },
                        certifications: vec!["USDA Organic".into(), "Non-GMO".into()],
                        nutrition: Nutrition {
                            serving_size: Some("1 unit".into()),
                            calories: Some(u32::try_from(msrp / 3).unwrap_or(200)),
                            protein_g: Some(if *category == ProductCategory::ProteinBar {
                                20
                            } else {
                                6
                            }),
                            carbs_g: Some(24),
                            fat_g: Some(7),
                            sugar_g: Some(12),
                        },
                        storage_temp: frozen.then(|| "-10°F to 0°F".into()),
                        shelf_life_days: if frozen { 365 } else { 180 },
                    },
                )
                .map(|p| p.id)
            },
        )
        .collect()
}

/// Where the order `n` of an account (oldest 0) ends up: the older ones delivered (and paid),
/// the last five at each earlier step.
fn fate(n: usize, of: usize) -> OrderStatus {
    match of - 1 - n {
        0 => OrderStatus::Pending,
        1 => OrderStatus::Confirmed,
        2 => OrderStatus::Production,
        3 => OrderStatus::Shipped,
        5 => OrderStatus::Cancelled,
        _ => OrderStatus::Delivered,
    }
}

/// Moves an order's history into the past: placed at `at`, each later step two days apart;
/// returns when its last step was.
fn backdate(conn: &mut DbConn, order: Uuid, at: NaiveDateTime) -> Result<NaiveDateTime, ApiError> {
    let id = order.to_string();
    let events: Vec<String> = order_events::table
        .filter(order_events::order_id.eq(&id))
        .order((order_events::at.asc(), order_events::id.asc()))
        .select(order_events::id)
        .load(conn)?;
    let mut last = at;
    for (i, event) in events.iter().enumerate() {
        last = at + Duration::days(2 * i64::try_from(i).unwrap_or(0)) + Duration::hours(3);
        diesel::update(order_events::table.find(event))
            .set(order_events::at.eq(last))
            .execute(conn)?;
    }
    diesel::update(orders::table.find(&id))
        .set((orders::created_at.eq(at), orders::updated_at.eq(last)))
        .execute(conn)?;
    Ok(last)
}

/// Issues the order's invoice at `at` instead of now (due after its terms from then).
fn backdate_invoice(conn: &mut DbConn, order: &Order, at: NaiveDateTime) -> Result<(), ApiError> {
    let due = due_at(at.and_utc(), order.payment_terms).naive_utc();
    diesel::update(
        partner_invoices::table.filter(partner_invoices::order_id.eq(order.id.to_string())),
    )
    .set((
        partner_invoices::issued_at.eq(at),
        partner_invoices::due_at.eq(due),
        partner_invoices::created_at.eq(at),
        partner_invoices::updated_at.eq(at),
    ))
    .execute(conn)?;
    Ok(())
}

/// The order's shipment, booked two hours before it left at `left` and tracked to its door (or
/// still on the road), with its temperature log: the third order of an account had a warm
/// spell (an excursion).
fn ship(
    conn: &mut DbConn,
    office: &PartnerCaller,
    order: &Order,
    left: NaiveDateTime,
    delivered: bool,
    n: usize,
) -> Result<(), ApiError> {
    let carrier = if n.is_multiple_of(2) {
        Carrier::Fedex
    } else {
        Carrier::Xpo
    };
    let booked = shipments::create(
        conn,
        office,
        order.id,
        CreateShipmentRequest {
            carrier,
            service: Some("Refrigerated LTL".into()),
            tracking_number: format!("{}-{}", carrier.as_str().to_uppercase(), &order.number[4..]),
            packages: Some(2 + u32::try_from(n % 3).unwrap_or(0)),
            temperature_controlled: None,
            target_temperature: None,
            tolerance: None,
            estimated_delivery: Some((left + Duration::days(1) + Duration::hours(6)).and_utc()),
        },
    )?;
    let id = booked.id.to_string();
    diesel::update(shipment_events::table.filter(shipment_events::shipment_id.eq(&id)))
        .set(shipment_events::at.eq(left - Duration::hours(2)))
        .execute(conn)?;
    diesel::update(shipment_rows::table.find(&id))
        .set(shipment_rows::created_at.eq(left - Duration::hours(2)))
        .execute(conn)?;
    let mut steps = vec![
        (
            ShipmentStatus::PickedUp,
            "Chicago, IL (warehouse dock 3)",
            0,
        ),
        (ShipmentStatus::InTransit, "Gary, IN", 5),
    ];
    if delivered {
        steps.push((
            ShipmentStatus::OutForDelivery,
            &order.ship_to.address.city,
            22,
        ));
        steps.push((ShipmentStatus::Delivered, &order.ship_to.address.city, 26));
    }
    for (status, location, hours) in steps {
        let req = TrackingEventRequest {
            status,
            location: location.to_owned(),
            description: None,
            at: Some((left + Duration::hours(hours)).and_utc()),
            signed_by: (status == ShipmentStatus::Delivered)
                .then(|| order.ship_to.recipient_name.clone()),
            version: None,
        };
        shipments::track(conn, office, booked.id, req, None)?;
    }
    let warm = n == 2;
    let readings = (0..6)
        .map(|h| ReadingInput {
            at: (left + Duration::hours(4 * h)).and_utc(),
            temperature: Fahrenheit::from_tenths(match (warm, h) {
                (true, 3) => -35,
                _ => -120 + 7 * i32::try_from(h).unwrap_or(0),
            }),
            location: None,
        })
        .collect();
    shipments::log_temperatures(conn, office, booked.id, TemperatureLogRequest { readings })?;
    Ok(())
}

/// Finance records the order's payment at `at` (the rep's partner-order line with it).
fn pay(
    conn: &mut DbConn,
    office: &PartnerCaller,
    order: &Order,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    let Some(invoice) = order.invoice_id else {
        return Ok(());
    };
    let req = PayPartnerInvoiceRequest {
        paid_at: Some(at.and_utc()),
        reference: Some(format!("Transfer {}", order.number)),
        version: None,
    };
    invoices::pay(conn, office, invoice, req, None)?;
    Ok(())
}

/// The catalogue and the accounts' orders; how many products and orders it made. Without an
/// admin (a demo seeded before one exists) there is neither.
pub fn orders(conn: &mut DbConn, now: NaiveDateTime) -> Result<(usize, usize), ApiError> {
    let Some(admin) = super::first_admin(conn)? else {
        return Ok((0, 0));
    };
    let products = catalogue(conn, admin)?;
    let office = caller::<PartnerAccounts>(conn, admin, Role::Admin)?;
    let mut made = 0;
    for (a, (name, count)) in ORDERING.iter().enumerate() {
        let Some((account, rep)) = partners::table
            .filter(partners::business_name.eq(name))
            .select((partners::id, partners::rep_id))
            .first::<(String, Option<String>)>(conn)
            .optional()?
        else {
            continue;
        };
        // The rep places the account's orders, as in the field.
        let by = match rep.and_then(|r| r.parse::<Uuid>().ok()) {
            Some(rep) => caller::<PartnerAccounts>(conn, rep, Role::SalesRep)?,
            None => continue,
        };
        for n in 0..*count {
            let first = (a * 3 + n) % products.len();
            let items = [
                first,
                (first + 4) % products.len(),
                (first + 7) % products.len(),
            ]
            .iter()
            .take(1 + n % 3)
            .map(|i| CartItem {
                product_id: products[*i],
                quantity: PRODUCTS[*i].5 * u32::try_from(1 + (n + a) % 3).unwrap_or(1),
            })
            .collect();
            let order = order_domain::place(
                conn,
                &by,
                PlaceOrderRequest {
                    partner_id: account.parse().ok(),
                    items,
                    po_number: Some(format!("PO-{}{:03}", a + 1, n + 100)),
                    ship_to: None,
                    shipping_address_id: None,
                    special_instructions: (n % 4 == 0).then(|| "Deliver before 10am".into()),
                },
            )?;
            // Every two weeks back from about four months ago, the newest a day ago.
            let weeks_ago = i64::try_from(2 * (count - 1 - n)).unwrap_or(0);
            let at = now
                - Duration::weeks(weeks_ago)
                - Duration::days(1 + i64::try_from(a).unwrap_or(0));
            backdate_invoice(conn, &order, at)?;
            let fate = fate(n, *count);
            // A prepaid order is confirmed once paid: the account pays within hours.
            if order.payment_terms == PaymentTerms::Prepaid && fate != OrderStatus::Pending {
                pay(conn, &office, &order, at + Duration::hours(2))?;
            }
            let mut status = OrderStatus::Pending;
            while status != fate {
                let next = if fate == OrderStatus::Cancelled && status == OrderStatus::Confirmed {
                    OrderStatus::Cancelled
                } else {
                    status.next().unwrap_or(OrderStatus::Delivered)
                };
                let req = OrderStatusRequest {
                    status: next,
                    note: (next == OrderStatus::Cancelled)
                        .then(|| "The partner changed its mind on the flavours".into()),
                    version: None,
                };
                order_domain::change_status(conn, &office, order.id, req, None)?;
                status = next;
            }
            let last = backdate(conn, order.id, at)?;
            if matches!(fate, OrderStatus::Shipped | OrderStatus::Delivered) {
                // It left on its fifth step (pending, confirmed, production, quality check).
                let left = at + Duration::days(8) + Duration::hours(3);
                ship(
                    conn,
                    &office,
                    &order,
                    left,
                    fate == OrderStatus::Delivered,
                    n,
                )?;
            }
            // Delivered orders on terms were paid some three weeks after delivery; the rest
            // are open, the older ones overdue.
            if fate == OrderStatus::Delivered && order.payment_terms != PaymentTerms::Prepaid {
                pay(conn, &office, &order, last + Duration::days(20))?;
            }
            made += 1;
        }
    }
    // The reminders the job would have sent by now: due soon, overdue with the late fee.
    invoices::remind(conn, now)?;
    Ok((products.len(), made))
}
