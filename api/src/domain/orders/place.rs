//! `POST /orders/quote` and `POST /orders`: a cart priced at the account's tier, and placed
//! when the account is active and the order fits its credit.

use closebook_shared::orders::{
    CartItem, Credit, Order, OrderStatus, PlaceOrderRequest, PricedCart, PricedProduct, Quote,
    QuoteRequest, available_credit, price_cart,
};
use closebook_shared::partners::{PartnerStatus, PaymentTerms};
use closebook_shared::{Money, Role};
use uuid::Uuid;

use super::{account, to_dto};
use crate::authz::{PartnerCaller, PartnerScope};
use crate::db::columns::{stored_count, stored_money, uuid_of};
use crate::db::notifications::{self, NotificationRow};
use crate::db::orders::{self as rows, OrderEventRow, OrderLineRow, OrderRow};
use crate::db::partners::PartnerRow;
use crate::db::{DbConn, products, settings};
use crate::domain::partner_invoices;
use crate::domain::partners::addresses;
use crate::error::ApiError;
use crate::time;
use crate::{audit, outbox};
use closebook_shared::events::{Event, OrderPlaced};
use closebook_shared::notifications::NotificationKind;

/// The account ordering: the one named, or a partner user's own.
fn ordering_account(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    named: Option<Uuid>,
) -> Result<PartnerRow, ApiError> {
    let id = match (named, &caller.scope) {
        (Some(id), _) => id,
        (None, PartnerScope::Own(own)) => uuid_of(own),
        (None, _) => {
            return Err(ApiError::field(
                "partner_id",
                "is required: name the account ordering",
            ));
        }
    };
    account(conn, caller, id)
}

/// The cart priced at the account's tier; a line that cannot be ordered is a 422 naming it.
fn price(
    conn: &mut DbConn,
    partner: &PartnerRow,
    items: &[CartItem],
) -> Result<PricedCart, ApiError> {
    let ids: Vec<String> = items.iter().map(|i| i.product_id.to_string()).collect();
    let found = products::find_many(conn, &ids)?;
    let mut lines = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(p) = found.iter().find(|p| p.id == ids[i]) else {
            return Err(ApiError::reference(
                format!("items[{i}].product_id"),
                "is not a product in the catalogue",
            ));
        };
        let priced = PricedProduct {
            id: item.product_id,
            sku: p.sku.clone(),
            name: p.name.clone(),
            msrp: stored_money(p.msrp_minor, &p.currency)?,
            case_pack: stored_count(p.case_pack, "case pack")?,
            min_order_qty: stored_count(p.min_order_qty, "minimum order")?,
            active: p.active,
        };
        lines.push((priced, item.quantity));
    }
    let discount = settings::get(conn)?.partner_tiers().discount(partner.tier);
    price_cart(&lines, discount).map_err(|e| {
        let (field, message) = e.field_and_message();
        if e.is_request_error() {
            ApiError::field(field, message)
        } else {
            ApiError::conflict(format!("{field} {message}")).on_field(field, message)
        }
    })
}

fn credit(conn: &mut DbConn, partner: &PartnerRow) -> Result<Credit, ApiError> {
    let limit = stored_money(partner.credit_limit_minor, &partner.currency)?;
    let open_balance = stored_money(rows::open_balance(conn, &partner.id)?, &partner.currency)?;
    Ok(Credit {
        payment_terms: partner.payment_terms,
        available: available_credit(&limit, &open_balance),
        limit,
        open_balance,
    })
}

/// Why the account cannot place this cart now; empty when it can.
fn blockers(partner: &PartnerRow, cart: &PricedCart, credit: &Credit) -> Vec<String> {
    let mut out = Vec::new();
    if partner.status != PartnerStatus::Active {
        out.push(format!(
            "the account is {}: only an active account orders",
            partner.status
        ));
    }
    if cart.subtotal.currency != credit.limit.currency {
        out.push(format!(
            "the catalogue is priced in {}, the account's credit in {}",
            cart.subtotal.currency, credit.limit.currency
        ));
    } else if partner.payment_terms != PaymentTerms::Prepaid
        && cart.subtotal.amount > credit.available.amount
    {
        out.push(format!(
            "the subtotal {} exceeds the available credit {}",
            show(&cart.subtotal),
            show(&credit.available)
        ));
    }
    out
}

fn show(m: &Money) -> String {
    format!("{} {}", m.amount, m.currency)
}

pub fn quote(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: QuoteRequest,
) -> Result<Quote, ApiError> {
    let partner = ordering_account(conn, caller, req.partner_id)?;
    let cart = price(conn, &partner, &req.items)?;
    let credit = credit(conn, &partner)?;
    Ok(Quote {
        partner_id: uuid_of(&partner.id),
        blockers: blockers(&partner, &cart, &credit),
        cart,
        credit,
    })
}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|t| t.trim().to_owned())
}

pub fn place(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: PlaceOrderRequest,
) -> Result<Order, ApiError> {
    if caller.principal.role == Role::Finance {
        return Err(ApiError::forbidden(
            "finance reads orders; it does not place them",
        ));
    }
    let partner = ordering_account(conn, caller, req.partner_id)?;
    let cart = price(conn, &partner, &req.items)?;
    let credit = credit(conn, &partner)?;
    if let Some(why) = blockers(&partner, &cart, &credit).into_iter().next() {
        return Err(ApiError::conflict(format!(
            "the order cannot be placed: {why}"
        )));
    }
    let minor = |m: &Money| {
        m.to_minor()
            .map_err(|e| ApiError::field("items", format!("the order's total: {e}")))
    };
    let now = time::now();
    let id = Uuid::now_v7().to_string();
    let to = addresses::ship_to(conn, &partner, req.ship_to, req.shipping_address_id)?;
    let order = OrderRow {
        id: id.clone(),
        number: rows::next_number(conn)?,
        partner_id: partner.id.clone(),
        rep_id: partner.rep_id.clone(),
        placed_by: caller.principal.user_id().map(|u| u.to_string()),
        status: OrderStatus::Pending,
        currency: cart.subtotal.currency.clone(),
        discount_percent: i32::try_from(cart.discount_percent).unwrap_or(i32::MAX),
        units: i64::try_from(cart.units).unwrap_or(i64::MAX),
        msrp_total_minor: minor(&cart.msrp_total)?,
        subtotal_minor: minor(&cart.subtotal)?,
        payment_terms: partner.payment_terms,
        paid_at: None,
        po_number: trimmed(req.po_number),
        ship_recipient: to.recipient_name.trim().to_owned(),
        ship_line1: to.address.line1,
        ship_line2: to.address.line2,
        ship_city: to.address.city,
        ship_region: to.address.region,
        ship_postal_code: to.address.postal_code,
        ship_country: to.address.country,
        dock_instructions: trimmed(to.dock_instructions),
        dock_hours: trimmed(to.dock_hours),
        requires_appointment: to.requires_appointment,
        special_instructions: trimmed(req.special_instructions),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let lines = cart
        .lines
        .iter()
        .enumerate()
        .map(|(n, l)| {
            Ok(OrderLineRow {
                order_id: id.clone(),
                line_no: i32::try_from(n + 1).unwrap_or(i32::MAX),
                product_id: l.product_id.to_string(),
                sku: l.sku.clone(),
                name: l.name.clone(),
                quantity: i64::from(l.quantity),
                case_pack: i32::try_from(l.case_pack).unwrap_or(i32::MAX),
                unit_msrp_minor: minor(&l.unit_msrp)?,
                unit_price_minor: minor(&l.unit_price)?,
                subtotal_minor: minor(&l.subtotal)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let placed = OrderEventRow {
        id: Uuid::now_v7().to_string(),
        order_id: id.clone(),
        from_status: None,
        to_status: OrderStatus::Pending,
        by_user: order.placed_by.clone(),
        note: None,
        at: now,
    };
    rows::insert(conn, &order, &lines, &placed)?;
    let invoice = partner_invoices::issue(conn, &order)?;
    if let Some(rep) = &order.rep_id {
        let n = NotificationRow::new(
            rep,
            NotificationKind::OrderPlaced,
            format!("{} placed {}", partner.business_name, order.number),
            format!(
                "{} {} on {}; you earn your share when its invoice {} is paid.",
                cart.subtotal.amount,
                cart.subtotal.currency,
                partner.payment_terms.label(),
                invoice.number
            ),
            Some(format!("/wholesale/orders/{}", order.id)),
            now,
        );
        notifications::insert(conn, &n)?;
    }
    let dto = to_dto(
        conn,
        &order,
        lines,
        vec![placed],
        partner.business_name,
        Some(&invoice),
    )?;
    audit::record_after(conn, &caller.actor, "order.place", "order", &id, &dto)?;
    outbox::emit(
        conn,
        &Event::OrderPlaced(OrderPlaced {
            order_id: dto.id,
            number: dto.number.clone(),
            partner_id: dto.partner_id,
            rep_id: dto.rep_id,
            subtotal: dto.subtotal.clone(),
            placed_at: dto.created_at,
        }),
    )?;
    Ok(dto)
}
