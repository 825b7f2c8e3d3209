//! Statements: a rep's period as the ledger sums it, beside what the monthly close stored; the
//! replay that rebuilds a period's statements and lists every difference; and the PDF a rep
//! downloads.

use std::collections::BTreeMap;

use closebook_shared::commission_lines::{CommissionStatement, ReplayReport, StatementDifference};
use closebook_shared::commissions::Period;
use closebook_shared::commissions::close::StatementTotals;
use diesel::prelude::*;
use uuid::Uuid;

use super::{calendar, close, plans};
use crate::authz::OwnerScope;
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::commissions::lines::LineRow;
use crate::db::schema::{commission_line_status, commission_lines, commission_statements};
use crate::db::users as user_rows;
use crate::error::ApiError;

type Stored = (String, String, String, chrono::NaiveDateTime);

fn stored(conn: &mut DbConn, period: Period) -> Result<Vec<Stored>, ApiError> {
    Ok(commission_statements::table
        .filter(commission_statements::period.eq(period.to_string()))
        .select((
            commission_statements::rep_id,
            commission_statements::currency,
            commission_statements::totals_json,
            commission_statements::created_at,
        ))
        .load(conn)?)
}

fn totals_of(json: &str) -> Result<StatementTotals, ApiError> {
    serde_json::from_str(json)
        .map_err(|e| ApiError::internal(format!("stored statement unreadable: {e}")))
}

pub fn statement(
    conn: &mut DbConn,
    scope: &OwnerScope,
    rep: Uuid,
    period: Period,
    currency: Option<String>,
) -> Result<CommissionStatement, ApiError> {
    let key = rep.to_string();
    let user = user_rows::find(conn, rep)?
        .filter(|_| scope.covers(&key))
        .ok_or_else(|| ApiError::not_found("user"))?;
    let currency = match currency {
        Some(c) => {
            closebook_shared::money::minor_unit_digits(&c)
                .map_err(|e| ApiError::bad_param("currency", e.to_string()))?;
            c
        }
        None => {
            let today = calendar::local_date(calendar::zone(conn)?, crate::time::now());
            plans::in_force(conn, Some(&key), user.role(), today)?.currency
        }
    };
    let rows: Vec<(LineRow, closebook_shared::commissions::LineStatus)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::rep_id.eq(&key))
        .filter(commission_lines::period.eq(period.to_string()))
        .filter(commission_lines::currency.eq(&currency))
        .order(commission_lines::id)
        .select((LineRow::as_select(), commission_line_status::status))
        .load(conn)?;
    let ledger: Vec<_> = rows
        .iter()
        .map(|(r, s)| {
            close::ledger_line(r.line_type, r.base_minor, r.amount_minor, &r.currency, *s)
        })
        .collect::<Result<_, ApiError>>()?;
    let totals = closebook_shared::commissions::close::statement(&ledger);
    let closed: Option<(String, chrono::NaiveDateTime)> = commission_statements::table
        .find((&key, period.to_string(), &currency))
        .select((
            commission_statements::totals_json,
            commission_statements::created_at,
        ))
        .first(conn)
        .optional()?;
    let matches_close = closed
        .as_ref()
        .map(|(json, _)| totals_of(json).map(|t| t == totals))
        .transpose()?;
    let mut lines = rows
        .iter()
        .map(|(r, s)| r.to_dto(*s, &user.name))
        .collect::<Result<Vec<_>, _>>()?;
    crate::db::commissions::lines::flag(conn, &mut lines)?;
    Ok(CommissionStatement {
        rep_id: rep,
        rep_name: user.name.clone(),
        period,
        currency,
        totals,
        lines,
        closed_at: closed.map(|(_, at)| at.and_utc()),
        matches_close,
    })
}

/// Rebuilds `period`'s statements from the ledger and compares them with the stored ones.
pub fn replay(conn: &mut DbConn, period: Period) -> Result<ReplayReport, ApiError> {
    let rebuilt = close::statements_of(conn, period)?;
    let mut stored_map: BTreeMap<(String, String), StatementTotals> = BTreeMap::new();
    for (rep, currency, json, _) in stored(conn, period)? {
        stored_map.insert((rep, currency), totals_of(&json)?);
    }
    let mut differences = Vec::new();
    let keys: std::collections::BTreeSet<_> =
        rebuilt.keys().chain(stored_map.keys()).cloned().collect();
    for key in &keys {
        let (s, r) = (stored_map.get(key), rebuilt.get(key));
        if s != r {
            differences.push(StatementDifference {
                rep_id: uuid_of(&key.0),
                currency: key.1.clone(),
                stored: s.cloned(),
                rebuilt: r.cloned(),
            });
        }
    }
    Ok(ReplayReport {
        period,
        statements_checked: u32::try_from(stored_map.len()).unwrap_or(u32::MAX),
        differences,
    })
}
