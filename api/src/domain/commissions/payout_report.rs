//! The payout report payroll imports: per rep and currency, what is approved (to pay) and what
//! was paid for a period, with the runs' references. CSV, one row per rep and currency.

use std::collections::{BTreeMap, BTreeSet};

use closebook_shared::commission_lines::PAYOUT_REPORT_COLUMNS;
use closebook_shared::commissions::{LineStatus, Period};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId};
use crate::db::commissions::lines;
use crate::db::schema::{commission_line_status, commission_lines, users};
use crate::error::ApiError;

#[derive(Default)]
struct Row {
    approved: (u64, i64),
    paid: (u64, i64),
    references: BTreeSet<String>,
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is quoted with a
/// leading apostrophe, so a rep named `=HYPERLINK(…)` stays text in payroll's spreadsheet.
pub fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

pub fn csv(conn: &mut DbConn, period: Period) -> Result<String, ApiError> {
    type Line = (String, StoredId, StoredCurrency, i64, LineStatus);
    let lines: Vec<(String, String, String, i64, LineStatus)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::period.eq(period.to_string()))
        .filter(commission_line_status::status.eq_any([
            LineStatus::Approved,
            LineStatus::Paid,
            LineStatus::ClawedBack,
        ]))
        .select((
            commission_lines::id,
            commission_lines::rep_id,
            commission_lines::currency,
            commission_lines::amount_minor,
            commission_line_status::status,
        ))
        .load::<Line>(conn)?
        .into_iter()
        .map(|(id, rep, cur, amount, status)| (id, rep.into(), cur.into(), amount, status))
        .collect();
    let paid_ids: Vec<&str> = lines
        .iter()
        .filter(|l| l.4 != LineStatus::Approved)
        .map(|l| l.0.as_str())
        .collect();
    // The run each paid line went out in (a clawed-back line was paid before it was clawed).
    let mut reference_of: BTreeMap<String, String> = BTreeMap::new();
    for (line, reference, _) in lines::paid_entries(conn, &paid_ids)? {
        if let Some(r) = reference {
            reference_of.insert(line, r);
        }
    }
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    for (id, rep, currency, amount, status) in &lines {
        let key = (rep.clone(), currency.clone());
        let row = rows.entry(key).or_default();
        if *status == LineStatus::Approved {
            row.approved.0 += 1;
            row.approved.1 += amount;
        } else {
            row.paid.0 += 1;
            row.paid.1 += amount;
            if let Some(r) = reference_of.get(id) {
                row.references.insert(r.clone());
            }
        }
    }
    let reps: Vec<String> = rows.keys().map(|(r, _)| r.clone()).collect();
    let people: BTreeMap<String, (String, String, Option<String>)> = users::table
        .filter(users::id.eq_any(&reps))
        .select((users::id, users::name, users::email, users::employee_id))
        .load::<(String, String, String, Option<String>)>(conn)?
        .into_iter()
        .map(|(id, name, email, emp)| (id, (name, email, emp)))
        .collect();
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let fail = |e: ::csv::Error| ApiError::internal(format!("payout report: {e}"));
    out.write_record(PAYOUT_REPORT_COLUMNS).map_err(fail)?;
    for ((rep, currency), row) in &rows {
        let (name, email, employee) = people
            .get(rep)
            .cloned()
            .unwrap_or_else(|| (String::new(), String::new(), None));
        let amount = |m: i64| super::amount_of(m, currency).map(|a| a.to_string());
        out.write_record([
            cell(employee.as_deref().unwrap_or("")),
            rep.clone(),
            cell(&name),
            cell(&email),
            period.to_string(),
            currency.clone(),
            row.approved.0.to_string(),
            amount(row.approved.1)?,
            row.paid.0.to_string(),
            amount(row.paid.1)?,
            cell(&row.references.iter().cloned().collect::<Vec<_>>().join(" ")),
        ])
        .map_err(fail)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::internal(format!("payout report: {e}")))?;
    String::from_utf8(bytes).map_err(|e| ApiError::internal(format!("payout report: {e}")))
}
