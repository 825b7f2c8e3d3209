//! `GET /partners/{id}/analytics`: the account's purchases over a window of months, gathered
//! here and summed by the shared rules (`closebook_shared::partner_analytics`).

use closebook_shared::orders::OrderStatus;
use closebook_shared::partner_analytics::{
    AnalyticsQuery, DEFAULT_MONTHS, LineFacts, MAX_MONTHS, OrderFacts, PartnerAnalytics, summarise,
    window,
};
use diesel::prelude::*;
use uuid::Uuid;

use super::load;
use crate::authz::PartnerCaller;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::schema::{order_lines, orders};
use crate::domain::commissions::calendar;
use crate::error::ApiError;
use crate::time;

pub fn analytics(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    q: AnalyticsQuery,
) -> Result<PartnerAnalytics, ApiError> {
    let months = q.months.unwrap_or(DEFAULT_MONTHS);
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(ApiError::bad_param(
            "months",
            format!("must be 1–{MAX_MONTHS}"),
        ));
    }
    let account = load(conn, caller, id)?;
    let zone = calendar::zone(conn)?;
    let now = time::now();
    let last = calendar::period_of(zone, now);
    let first = window(last, months)[0];
    let (since, _) = calendar::utc_bounds(zone, first);

    let placed = orders::table
        .filter(orders::partner_id.eq(&account.id))
        .filter(orders::created_at.ge(since))
        .filter(orders::status.ne(OrderStatus::Cancelled));
    let order_rows: Vec<(chrono::NaiveDateTime, i64, i64, i64)> = placed
        .select((
            orders::created_at,
            orders::units,
            orders::msrp_total_minor,
            orders::subtotal_minor,
        ))
        .load(conn)?;
    let facts: Vec<OrderFacts> = order_rows
        .into_iter()
        .map(|(at, units, retail, spend)| OrderFacts {
            month: calendar::period_of(zone, at),
            units,
            retail_minor: retail,
            spend_minor: spend,
        })
        .collect();
    type LineRow = (String, String, String, String, i64, i64, i64);
    let line_rows: Vec<LineRow> = order_lines::table
        .inner_join(orders::table)
        .filter(orders::partner_id.eq(&account.id))
        .filter(orders::created_at.ge(since))
        .filter(orders::status.ne(OrderStatus::Cancelled))
        .select((
            order_lines::order_id,
            order_lines::product_id,
            order_lines::sku,
            order_lines::name,
            order_lines::quantity,
            order_lines::unit_msrp_minor * order_lines::quantity,
            order_lines::subtotal_minor,
        ))
        .load(conn)?;
    let lines: Vec<LineFacts> = line_rows
        .into_iter()
        .map(
            |(order, product, sku, name, units, retail, spend)| LineFacts {
                order: uuid_of(&order),
                product_id: uuid_of(&product),
                sku,
                name,
                units,
                retail_minor: retail,
                spend_minor: spend,
            },
        )
        .collect();
    summarise(id, &account.currency, last, months, &facts, &lines).map_err(ApiError::internal)
}
