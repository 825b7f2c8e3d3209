//! Reports over the ledger: the residual book (F7: each client's locked residual, months
//! active, earned to date) and the period's profitability (seed 000 CompanyProfitability).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use closebook_shared::Money;
use closebook_shared::commission_lines::{
    ClientStatus, Profitability, ResidualBook, ResidualBookEntry, ResidualBookQuery,
    ResidualBookSort, SortOrder,
};
use closebook_shared::commissions::{LineStatus, LineType, Period};
use diesel::prelude::*;
use uuid::Uuid;

use super::{calendar, money_of};
use crate::authz::{OwnerScope, within_scope};
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::leads::parse_user_param;
use crate::db::schema::{
    clients, commission_line_status, commission_lines, invoices, refunds, users,
};
use crate::db::settings;
use crate::error::ApiError;

type BookClient = (
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<NaiveDateTime>,
);

pub fn residual_book(
    conn: &mut DbConn,
    scope: &OwnerScope,
    me: Option<Uuid>,
    q: &ResidualBookQuery,
) -> Result<ResidualBook, ApiError> {
    let limit = q.limit.unwrap_or(100);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_param("limit", "must be 1 to 200"));
    }
    if q.offset.is_some_and(|o| o > 1_000_000) {
        return Err(ApiError::bad_param("offset", "must be at most 1000000"));
    }
    let org_currency = settings::get(conn)?.currency;
    let mut query = clients::table
        .inner_join(users::table.on(users::id.eq(clients::owner_id)))
        .select((
            clients::id,
            clients::name,
            clients::owner_id,
            users::name,
            clients::residual_locked_minor,
            clients::residual_currency,
            clients::cancelled_at,
        ))
        .into_boxed();
    if scope.is_nothing() {
        return Ok(ResidualBook {
            entries: Vec::new(),
            total_clients: 0,
            active_clients: 0,
            locked_monthly: Vec::new(),
            earned_to_date: Vec::new(),
        });
    }
    query = within_scope!(query, scope, clients::owner_id);
    if let Some(rep) = q.rep.as_deref() {
        query = query.filter(clients::owner_id.eq(parse_user_param("rep", rep, me)?));
    }
    let book: Vec<BookClient> = query.load(conn)?;
    let ids: Vec<&str> = book.iter().map(|c| c.0.as_str()).collect();
    // Paid invoices per client, and what their residual lines (less clawbacks) came to.
    let mut months: BTreeMap<String, u32> = BTreeMap::new();
    let mut earned: BTreeMap<String, (i64, String)> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let paid: Vec<(String, String)> = invoices::table
            .filter(invoices::client_id.eq_any(chunk))
            .filter(invoices::paid_at.is_not_null())
            .select((invoices::id, invoices::client_id))
            .load(conn)?;
        for (_, client) in &paid {
            *months.entry(client.clone()).or_default() += 1;
        }
        let client_of: BTreeMap<&str, &str> =
            paid.iter().map(|(i, c)| (i.as_str(), c.as_str())).collect();
        let invoice_ids: Vec<&str> = client_of.keys().copied().collect();
        for inv_chunk in invoice_ids.chunks(500) {
            let residuals: Vec<(String, String, i64, String, LineStatus)> = commission_lines::table
                .inner_join(commission_line_status::table)
                .filter(commission_lines::line_type.eq(LineType::Residual))
                .filter(commission_lines::source_id.eq_any(inv_chunk))
                .select((
                    commission_lines::id,
                    commission_lines::source_id,
                    commission_lines::amount_minor,
                    commission_lines::currency,
                    commission_line_status::status,
                ))
                .load(conn)?;
            let line_ids: Vec<&str> = residuals.iter().map(|r| r.0.as_str()).collect();
            let clawed: Vec<(Option<String>, i64)> = commission_lines::table
                .filter(commission_lines::line_type.eq(LineType::Clawback))
                .filter(commission_lines::related_line_id.eq_any(&line_ids))
                .select((
                    commission_lines::related_line_id,
                    commission_lines::amount_minor,
                ))
                .load(conn)?;
            let mut clawed_by_line: BTreeMap<String, i64> = BTreeMap::new();
            for (line, amount) in clawed {
                *clawed_by_line.entry(line.unwrap_or_default()).or_default() += amount;
            }
            for (line, invoice, amount, currency, status) in residuals {
                if status == LineStatus::Voided {
                    continue;
                }
                let client = client_of.get(invoice.as_str()).copied().unwrap_or_default();
                let entry = earned
                    .entry(client.to_owned())
                    .or_insert((0, currency.clone()));
                entry.0 += amount + clawed_by_line.get(&line).copied().unwrap_or(0);
            }
        }
    }
    // Totals over the whole book (every page), per currency: what active clients pay monthly,
    // and what all of them earned.
    let mut locked_totals: BTreeMap<String, i64> = BTreeMap::new();
    let mut earned_totals: BTreeMap<String, i64> = BTreeMap::new();
    let mut entries = Vec::with_capacity(book.len());
    for (id, name, owner, owner_name, locked, currency, cancelled) in &book {
        let currency = currency.clone().unwrap_or_else(|| org_currency.clone());
        let (earned_minor, earned_currency) =
            earned.get(id).cloned().unwrap_or((0, currency.clone()));
        if let (Some(l), None) = (locked, cancelled) {
            *locked_totals.entry(currency.clone()).or_default() += l;
        }
        *earned_totals.entry(earned_currency.clone()).or_default() += earned_minor;
        entries.push(ResidualBookEntry {
            client_id: uuid_of(id),
            client_name: name.clone(),
            rep_id: uuid_of(owner),
            rep_name: owner_name.clone(),
            locked: locked.map(|m| money_of(m, &currency)).transpose()?,
            months_active: months.get(id).copied().unwrap_or(0),
            earned_to_date: money_of(earned_minor, &earned_currency)?,
            status: if cancelled.is_some() {
                ClientStatus::Cancelled
            } else {
                ClientStatus::Active
            },
        });
    }
    let sort = q.sort.unwrap_or(ResidualBookSort::Earned);
    entries.sort_by(|a, b| {
        let by = match sort {
            ResidualBookSort::Client => a
                .client_name
                .to_lowercase()
                .cmp(&b.client_name.to_lowercase()),
            ResidualBookSort::Locked => a
                .locked
                .as_ref()
                .map(|m| m.amount)
                .cmp(&b.locked.as_ref().map(|m| m.amount)),
            ResidualBookSort::Months => a.months_active.cmp(&b.months_active),
            ResidualBookSort::Earned => a.earned_to_date.amount.cmp(&b.earned_to_date.amount),
        };
        // Ties in client id order, so pages do not overlap.
        by.then_with(|| a.client_id.cmp(&b.client_id))
    });
    if q.order.unwrap_or(SortOrder::Desc) == SortOrder::Desc {
        entries.reverse();
    }
    let total = u32::try_from(entries.len()).unwrap_or(u32::MAX);
    let active = u32::try_from(
        entries
            .iter()
            .filter(|e| e.status == ClientStatus::Active)
            .count(),
    )
    .unwrap_or(u32::MAX);
    let offset = q.offset.unwrap_or(0) as usize;
    let page: Vec<_> = entries
        .into_iter()
        .skip(offset)
        .take(limit as usize)
        .collect();
    let to_money = |m: BTreeMap<String, i64>| -> Result<Vec<Money>, ApiError> {
        m.into_iter().map(|(c, v)| money_of(v, &c)).collect()
    };
    Ok(ResidualBook {
        entries: page,
        total_clients: total,
        active_clients: active,
        locked_monthly: to_money(locked_totals)?,
        earned_to_date: to_money(earned_totals)?,
    })
}

pub fn profitability(conn: &mut DbConn, period: Period) -> Result<Profitability, ApiError> {
    let currency = settings::get(conn)?.currency;
    let zone = calendar::zone(conn)?;
    let (from, to) = calendar::utc_bounds(zone, period);
    let paid: Vec<i64> = invoices::table
        .filter(invoices::paid_at.ge(from))
        .filter(invoices::paid_at.lt(to))
        .filter(invoices::currency.eq(&currency))
        .select(invoices::amount_minor)
        .load(conn)?;
    let refunded: Vec<i64> = refunds::table
        .filter(refunds::refunded_at.ge(from))
        .filter(refunds::refunded_at.lt(to))
        .filter(refunds::currency.eq(&currency))
        .select(refunds::amount_minor)
        .load(conn)?;
    let lines: Vec<(LineType, i64, i64, LineStatus)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::period.eq(period.to_string()))
        .filter(commission_lines::currency.eq(&currency))
        .select((
            commission_lines::line_type,
            commission_lines::base_minor,
            commission_lines::amount_minor,
            commission_line_status::status,
        ))
        .load(conn)?;
    let revenue = paid.iter().sum::<i64>() - refunded.iter().sum::<i64>();
    let (mut bookings, mut commissions, mut residuals, mut overrides) = (0, 0, 0, 0);
    for (t, base, amount, status) in lines {
        if status == LineStatus::Voided {
            continue;
        }
        match t {
            LineType::Residual => residuals += amount,
            LineType::Override => overrides += amount,
            LineType::NewBusiness => {
                bookings += base;
                commissions += amount;
            }
            _ => commissions += amount,
        }
    }
    Ok(Profitability {
        period,
        revenue: money_of(revenue, &currency)?,
        bookings: money_of(bookings, &currency)?,
        commissions: money_of(commissions, &currency)?,
        residuals: money_of(residuals, &currency)?,
        overrides: money_of(overrides, &currency)?,
        net: money_of(revenue - commissions - residuals - overrides, &currency)?,
    })
}
