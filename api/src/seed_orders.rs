//! Scale data for the partner benchmarks (issue 13): a catalogue of 50 products, `partners`
//! active accounts looked after by the scale reps, `orders_per_partner` orders each over the
//! past year (one to three lines; the older ones delivered and paid, the last weeks' at every
//! step of the pipeline) with their invoices, and a user for each of the first ten accounts. Written by batch like
//! the rest of the scale data; order ids are UUIDv7 of their placing time, as the API makes
//! them, so the lists' id order is their time order.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::Money;
use closebook_shared::Role;
use closebook_shared::catalogue::ProductCategory;
use closebook_shared::catalogue::tier_price;
use closebook_shared::orders::OrderStatus;
use closebook_shared::partner_invoices::due_at;
use closebook_shared::partners::{
    BusinessType, PartnerStatus, PartnerTier, PartnerTiers, PaymentTerms,
};
use diesel::prelude::*;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::auth::password;
use crate::db::orders::{OrderEventRow, OrderLineRow, OrderRow};
use crate::db::partner_invoices::InvoiceRow;
use crate::db::partners::PartnerRow;
use crate::db::products::ProductRow;
use crate::db::schema::{
    order_events, order_lines, orders, partner_invoices, partners, products, users,
};
use crate::db::users::UserRow;
use crate::db::{Db, DbConn, batch_insert};
use crate::error::ApiError;

const PRODUCTS: usize = 50;

/// A UUIDv7 of the instant `at`, as one made then.
fn id_at(at: NaiveDateTime) -> String {
    let t = at.and_utc();
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(t.timestamp()).unwrap_or(0),
        t.timestamp_subsec_nanos(),
    );
    Uuid::new_v7(ts).to_string()
}

fn catalogue(now: NaiveDateTime) -> Vec<ProductRow> {
    (0..PRODUCTS)
        .map(|i| {
            let msrp = 199 + i64::try_from(i).unwrap_or(0) * 17;
            ProductRow {
                id: Uuid::now_v7().to_string(),
                sku: format!("SCALE-{i:03}"),
                name: format!("Scale product {i:03}"),
                name_key: format!("scale product {i:03}"),
                category: ProductCategory::ALL[i % ProductCategory::ALL.len()],
                subcategory: None,
                description: None,
                currency: "USD".into(),
                msrp_minor: msrp,
                wholesale_minor: msrp * 70 / 100,
                cost_minor: msrp * 30 / 100,
                case_pack: 12,
                min_order_qty: 24,
                // Enough for every confirmation a benchmark makes.
                stock: 1_000_000_000,
                reorder_point: 1_000,
                allergens: "[]".into(),
                certifications: "[]".into(),
                nutrition: "{}".into(),
                storage_temp: None,
                shelf_life_days: 365,
                active: true,
                version: 1,
                created_at: now,
                updated_at: now,
            }
        })
        .collect()
}

fn account(n: usize, rep: &str, now: NaiveDateTime) -> PartnerRow {
    let name = format!("Scale Partner {n:05}");
    PartnerRow {
        id: Uuid::now_v7().to_string(),
        name_key: name.to_lowercase(),
        business_name: name,
        business_type: BusinessType::ALL[n % BusinessType::ALL.len()],
        tax_id: None,
        contact_name: "Purchasing".into(),
        email: format!("orders{n}@scale.example"),
        phone: "+1 312 555 0100".into(),
        website: None,
        address_line1: format!("{n} Main St"),
        address_line2: None,
        city: "Chicago".into(),
        region: "IL".into(),
        postal_code: "60601".into(),
        country: "US".into(),
        tier: PartnerTier::ALL[n % PartnerTier::ALL.len()],
        currency: "USD".into(),
        // A billion dollars: the benchmark's orders never meet the limit.
        credit_limit_minor: 100_000_000_000,
        payment_terms: PaymentTerms::Net30,
        status: PartnerStatus::Active,
        status_reason: None,
        rep_id: Some(rep.to_owned()),
        account_manager_id: None,
        lead_id: None,
        applied_by: Some(rep.to_owned()),
        approved_by: None,
        approved_at: Some(now),
        version: 2,
        created_at: now - Duration::days(400),
        updated_at: now,
    }
}

/// Where an order placed `age` ago stands now.
fn status_for(age: Duration, roll: u32) -> OrderStatus {
    match age.num_days() {
        d if d > 21 => {
            if roll < 3 {
                OrderStatus::Cancelled
            } else {
                OrderStatus::Delivered
            }
        }
        d if d > 10 => OrderStatus::Shipped,
        d if d > 5 => OrderStatus::Production,
        d if d > 2 => OrderStatus::Confirmed,
        _ => OrderStatus::Pending,
    }
}

struct Batch {
    orders: Vec<OrderRow>,
    lines: Vec<OrderLineRow>,
    events: Vec<OrderEventRow>,
    invoices: Vec<InvoiceRow>,
}

fn write_batch(c: &mut DbConn, b: &Batch) -> Result<(), ApiError> {
    for chunk in b.orders.chunks(500) {
        batch_insert!(c, orders::table, chunk)?;
    }
    for chunk in b.lines.chunks(500) {
        batch_insert!(c, order_lines::table, chunk)?;
    }
    for chunk in b.events.chunks(500) {
        batch_insert!(c, order_events::table, chunk)?;
    }
    for chunk in b.invoices.chunks(500) {
        batch_insert!(c, partner_invoices::table, chunk)?;
    }
    Ok(())
}

pub fn scale(
    db: &Db,
    rep_ids: &[String],
    partner_count: usize,
    per_partner: usize,
) -> Result<String, String> {
    if rep_ids.is_empty() || partner_count == 0 {
        return Ok("Seeded no partners".into());
    }
    let started = std::time::Instant::now();
    let now = crate::time::now();
    let hash = password::hash_blocking(crate::seed::DEMO_PASSWORD).map_err(|e| e.to_string())?;
    let catalogue = catalogue(now);
    let accounts: Vec<PartnerRow> = (0..partner_count)
        .map(|n| account(n, &rep_ids[n % rep_ids.len()], now))
        .collect();
    let tag = Uuid::now_v7().simple().to_string();
    let tag = tag[tag.len() - 6..].to_owned();
    let people: Vec<(UserRow, String)> = accounts
        .iter()
        .take(10)
        .enumerate()
        .map(|(n, a)| {
            let email = format!("partner.{n}.{tag}@scale.closebook.local");
            let user = UserRow {
                id: Uuid::now_v7().to_string(),
                email_key: email.clone(),
                email,
                name: format!("Buyer {n}"),
                password_hash: hash.clone(),
                role: Role::Partner,
                phone: None,
                title: None,
                employee_id: None,
                manager_id: None,
                team_id: None,
                hire_date: None,
                base_salary_minor: None,
                base_salary_currency: None,
                time_zone: "UTC".into(),
                active: true,
                must_change_password: false,
                version: 1,
                created_at: now,
                updated_at: now,
            };
            (user, a.id.clone())
        })
        .collect();
    let (products_rows, accounts_rows) = (catalogue.clone(), accounts.clone());
    crate::seed::write(db, move |c| {
        batch_insert!(c, products::table, &products_rows)?;
        for chunk in accounts_rows.chunks(500) {
            batch_insert!(c, partners::table, chunk)?;
        }
        for (user, partner) in &people {
            batch_insert!(c, users::table, std::slice::from_ref(user))?;
            crate::db::partners::attach_user(c, &user.id, partner)?;
        }
        Ok(())
    })?;
    let mut rng = SmallRng::seed_from_u64(0x0bde_5ca1e);
    let mut number = 0_i64;
    let mut total = 0;
    // A transaction per 100 accounts: 10,000 orders with their lines and events.
    for group in accounts.chunks(100) {
        let mut b = Batch {
            orders: Vec::new(),
            lines: Vec::new(),
            events: Vec::new(),
            invoices: Vec::new(),
        };
        for a in group {
            // The tiers' discounts of a new organisation's settings.
            let discount = PartnerTiers::default().discount(a.tier);
            for _ in 0..per_partner {
                let placed = now - Duration::minutes(rng.random_range(60..365 * 24 * 60));
                let id = id_at(placed);
                let status = status_for(now - placed, rng.random_range(0..100));
                let (mut units, mut msrp_total, mut subtotal) = (0, 0, 0);
                let first = rng.random_range(0..PRODUCTS);
                for l in 0..rng.random_range(1..=3_usize) {
                    let p = &catalogue[(first + l * 7) % PRODUCTS];
                    let quantity = 24 * rng.random_range(1..=5_i64);
                    let msrp = Money::from_minor(p.msrp_minor, "USD").map_err(|e| e.to_string())?;
                    let unit_price = tier_price(&msrp, discount)
                        .and_then(|m| m.to_minor())
                        .map_err(|e| e.to_string())?;
                    units += quantity;
                    msrp_total += p.msrp_minor * quantity;
                    subtotal += unit_price * quantity;
                    b.lines.push(OrderLineRow {
                        order_id: id.clone(),
                        line_no: i32::try_from(l + 1).unwrap_or(1),
                        product_id: p.id.clone(),
                        sku: p.sku.clone(),
                        name: p.name.clone(),
                        quantity,
                        case_pack: 12,
                        unit_msrp_minor: p.msrp_minor,
                        unit_price_minor: unit_price,
                        subtotal_minor: unit_price * quantity,
                    });
                }
                let updated = placed + Duration::hours(6);
                for (from, to, at) in [
                    (None, OrderStatus::Pending, placed),
                    (Some(OrderStatus::Pending), status, updated),
                ] {
                    if from == Some(to) {
                        continue;
                    }
                    b.events.push(OrderEventRow {
                        id: id_at(at),
                        order_id: id.clone(),
                        from_status: from,
                        to_status: to,
                        by_user: a.rep_id.clone(),
                        note: None,
                        at,
                    });
                }
                number += 1;
                // Delivered orders were paid three weeks on; prepaid ones before confirmation.
                let paid_at = match status {
                    OrderStatus::Delivered => Some(updated + Duration::days(20)),
                    OrderStatus::Pending | OrderStatus::Cancelled => None,
                    _ if a.payment_terms == PaymentTerms::Prepaid => {
                        Some(placed + Duration::hours(1))
                    }
                    _ => None,
                }
                .filter(|at| *at < now);
                b.invoices.push(InvoiceRow {
                    id: id_at(placed),
                    number: format!("INV-S{number:07}"),
                    order_id: id.clone(),
                    partner_id: a.id.clone(),
                    payment_terms: a.payment_terms,
                    currency: "USD".into(),
                    subtotal_minor: subtotal,
                    late_fee_minor: 0,
                    issued_at: placed,
                    due_at: due_at(placed.and_utc(), a.payment_terms).naive_utc(),
                    paid_at,
                    payment_reference: None,
                    paid_by: None,
                    cancelled_at: (status == OrderStatus::Cancelled).then_some(updated),
                    due_soon_sent_at: None,
                    overdue_sent_at: None,
                    version: 1,
                    created_at: placed,
                    updated_at: updated,
                });
                b.orders.push(OrderRow {
                    id,
                    number: format!("ORD-S{number:07}"),
                    partner_id: a.id.clone(),
                    rep_id: a.rep_id.clone(),
                    placed_by: a.rep_id.clone(),
                    status,
                    currency: "USD".into(),
                    discount_percent: i32::try_from(discount).unwrap_or(i32::MAX),
                    units,
                    msrp_total_minor: msrp_total,
                    subtotal_minor: subtotal,
                    payment_terms: a.payment_terms,
                    paid_at,
                    po_number: Some(format!("PO-{number}")),
                    ship_recipient: a.contact_name.clone(),
                    ship_line1: a.address_line1.clone(),
                    ship_line2: None,
                    ship_city: a.city.clone(),
                    ship_region: a.region.clone(),
                    ship_postal_code: a.postal_code.clone(),
                    ship_country: a.country.clone(),
                    dock_instructions: None,
                    dock_hours: None,
                    requires_appointment: false,
                    special_instructions: None,
                    version: 2,
                    created_at: placed,
                    updated_at: updated,
                });
            }
        }
        total += b.orders.len();
        crate::seed::write(db, move |c| write_batch(c, &b))?;
    }
    Ok(format!(
        "Seeded {} products, {partner_count} partner accounts (the first ten with a user) and {total} orders with their invoices in {:.1} s",
        PRODUCTS,
        started.elapsed().as_secs_f64()
    ))
}
