//! Partner order rows: the order, its lines, its status history; numbers from the `order`
//! counter; the open balance a credit check reads.

use chrono::NaiveDateTime;
use closebook_shared::orders::{OrderListQuery, OrderStatus, ShipTo};
use closebook_shared::partners::{PaymentTerms, PostalAddress};
use diesel::prelude::*;

use super::DbConn;
use super::columns::{StoredCurrency, StoredId, StoredOptId, like_pattern, lower};
use super::schema::{order_events, order_lines, orders, partners};
use crate::authz::{PartnerScope, within_partner_scope};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = orders, treat_none_as_null = true)]
pub struct OrderRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub number: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub rep_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub placed_by: Option<String>,
    pub status: OrderStatus,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub discount_percent: i32,
    pub units: i64,
    pub msrp_total_minor: i64,
    pub subtotal_minor: i64,
    pub payment_terms: PaymentTerms,
    pub paid_at: Option<NaiveDateTime>,
    pub po_number: Option<String>,
    pub ship_recipient: String,
    pub ship_line1: String,
    pub ship_line2: Option<String>,
    pub ship_city: String,
    pub ship_region: String,
    pub ship_postal_code: String,
    pub ship_country: String,
    pub dock_instructions: Option<String>,
    pub dock_hours: Option<String>,
    pub requires_appointment: bool,
    pub special_instructions: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl OrderRow {
    /// Where it ships, as the API shows it.
    pub fn ship_to(&self) -> ShipTo {
        ShipTo {
            recipient_name: self.ship_recipient.clone(),
            address: PostalAddress {
                line1: self.ship_line1.clone(),
                line2: self.ship_line2.clone(),
                city: self.ship_city.clone(),
                region: self.ship_region.clone(),
                postal_code: self.ship_postal_code.clone(),
                country: self.ship_country.clone(),
            },
            dock_instructions: self.dock_instructions.clone(),
            dock_hours: self.dock_hours.clone(),
            requires_appointment: self.requires_appointment,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = order_lines)]
pub struct OrderLineRow {
    #[diesel(deserialize_as = StoredId)]
    pub order_id: String,
    pub line_no: i32,
    #[diesel(deserialize_as = StoredId)]
    pub product_id: String,
    pub sku: String,
    pub name: String,
    pub quantity: i64,
    pub case_pack: i32,
    pub unit_msrp_minor: i64,
    pub unit_price_minor: i64,
    pub subtotal_minor: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = order_events)]
pub struct OrderEventRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub order_id: String,
    pub from_status: Option<OrderStatus>,
    pub to_status: OrderStatus,
    #[diesel(deserialize_as = StoredOptId)]
    pub by_user: Option<String>,
    pub note: Option<String>,
    pub at: NaiveDateTime,
}

/// An order as a list shows it, with its account's name.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = orders)]
pub struct SummaryRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub number: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    #[diesel(select_expression = partners::business_name)]
    pub partner_name: String,
    pub status: OrderStatus,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub units: i64,
    pub subtotal_minor: i64,
    pub po_number: Option<String>,
    pub paid_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::find_fn!(find, OrderRow, orders);

/// A record of an order (`$table`, with `order_id` and `partner_id`) joined to its order's
/// number and its account's name, within `scope`: the boxed query its lookup and its list
/// start from (invoices, shipments).
macro_rules! with_order_names {
    ($table:ident, $named:ty, $scope:expr) => {{
        use $crate::db::schema::{orders, partners};
        let query = $table::table
            .inner_join(orders::table)
            .inner_join(partners::table)
            .select(<$named>::as_select())
            .into_boxed();
        $crate::authz::within_partner_scope!(query, $scope)
    }};
}
pub(crate) use with_order_names;
super::versioned::versioned_row!(OrderRow, orders);

/// Writes a new order with its lines and its first history entry.
pub fn insert(
    conn: &mut DbConn,
    order: &OrderRow,
    lines: &[OrderLineRow],
    placed: &OrderEventRow,
) -> Result<(), ApiError> {
    diesel::insert_into(orders::table)
        .values(order)
        .execute(conn)?;
    // A multi-row insert is written per backend (MultiConnection has no batch insert).
    super::native!(conn, |c| diesel::insert_into(order_lines::table)
        .values(lines)
        .execute(c))?;
    add_event(conn, placed)
}

pub fn add_event(conn: &mut DbConn, event: &OrderEventRow) -> Result<(), ApiError> {
    diesel::insert_into(order_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// The next number, `ORD-10001` onwards (`counters::next`).
pub fn next_number(conn: &mut DbConn) -> Result<String, ApiError> {
    Ok(format!("ORD-{}", super::counters::next(conn, "order")?))
}

pub fn lines(conn: &mut DbConn, order: &str) -> Result<Vec<OrderLineRow>, ApiError> {
    Ok(order_lines::table
        .filter(order_lines::order_id.eq(order))
        .order(order_lines::line_no.asc())
        .select(OrderLineRow::as_select())
        .load(conn)?)
}

pub fn events(conn: &mut DbConn, order: &str) -> Result<Vec<OrderEventRow>, ApiError> {
    Ok(order_events::table
        .filter(order_events::order_id.eq(order))
        .order((order_events::at.asc(), order_events::id.asc()))
        .select(OrderEventRow::as_select())
        .load(conn)?)
}

/// What the account owes on orders not paid and not cancelled, in minor units: summed in SQL
/// from `orders_partner_unpaid` alone, cast because SUM of a BIGINT is NUMERIC on PostgreSQL.
pub fn open_balance(conn: &mut DbConn, partner: &str) -> Result<i64, ApiError> {
    use diesel::sql_types::{BigInt, Nullable};
    let open: Option<i64> = orders::table
        .filter(orders::partner_id.eq(partner))
        .filter(orders::paid_at.is_null())
        .filter(orders::status.ne(OrderStatus::Cancelled))
        .select(diesel::dsl::sql::<Nullable<BigInt>>(
            "CAST(SUM(subtotal_minor) AS BIGINT)",
        ))
        .first(conn)?;
    Ok(open.unwrap_or_default())
}

/// One account's orders in sum: how many (not cancelled), what they came to, what is unpaid,
/// when the last was placed.
#[derive(Debug, Clone, Default)]
pub struct AccountTotals {
    pub orders: i64,
    pub value_minor: i64,
    pub unpaid_minor: i64,
    pub last_at: Option<NaiveDateTime>,
}

/// The totals of each of `partners` that has orders (one grouped query; sums cast as in
/// [`open_balance`]).
pub fn totals(
    conn: &mut DbConn,
    partners: &[String],
) -> Result<Vec<(String, AccountTotals)>, ApiError> {
    use diesel::dsl::{count_star, max, sql};
    use diesel::sql_types::{BigInt, Nullable};
    let rows: Vec<(String, i64, Option<i64>, Option<i64>, Option<NaiveDateTime>)> = orders::table
        .filter(orders::partner_id.eq_any(partners))
        .filter(orders::status.ne(OrderStatus::Cancelled))
        .group_by(orders::partner_id)
        .select((
            orders::partner_id,
            count_star(),
            sql::<Nullable<BigInt>>("CAST(SUM(subtotal_minor) AS BIGINT)"),
            sql::<Nullable<BigInt>>(
                "CAST(SUM(CASE WHEN paid_at IS NULL THEN subtotal_minor ELSE 0 END) AS BIGINT)",
            ),
            max(orders::created_at),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, orders, value, unpaid, last_at)| {
            let totals = AccountTotals {
                orders,
                value_minor: value.unwrap_or_default(),
                unpaid_minor: unpaid.unwrap_or_default(),
                last_at,
            };
            (id, totals)
        })
        .collect())
}

/// A page of the orders `scope` covers, newest first (ids are UUIDv7, so id order is placing
/// order).
pub fn list(
    conn: &mut DbConn,
    scope: &PartnerScope,
    q: &OrderListQuery,
    page: &PageRequest,
) -> Result<Vec<SummaryRow>, ApiError> {
    let mut query = orders::table
        .inner_join(partners::table)
        .select(SummaryRow::as_select())
        .into_boxed();
    query = within_partner_scope!(query, scope);
    if let Some(s) = q.status {
        query = query.filter(orders::status.eq(s));
    }
    if let Some(p) = q.partner_id {
        query = query.filter(orders::partner_id.eq(p.to_string()));
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = like_pattern(text);
        query = query.filter(
            lower(orders::number)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(orders::po_number.assume_not_null())
                    .like(pattern)
                    .escape('\\')),
        );
    }
    Ok(keyset!(query, page, orders::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}
