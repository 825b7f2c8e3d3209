//! Writing a line: every source and the monthly close build one the same way — the explanation's
//! amount in minor units, the explanation stored beside it, and the first status in the history.

use chrono::NaiveDateTime;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{Explanation, LineStatus, LineType, Period};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::db::DbConn;
use crate::db::commissions::lines::{self, Change, LineRow};
use crate::error::ApiError;
use crate::time;

/// A line about to be written.
pub struct NewLine<'a> {
    pub rep_id: &'a str,
    pub line_type: LineType,
    pub source_type: LineSource,
    pub source_id: &'a str,
    pub plan_version_id: Option<&'a str>,
    /// What the rule was applied to, in `currency`.
    pub base: Decimal,
    pub rate: Option<Decimal>,
    pub explanation: &'a Explanation,
    pub currency: &'a str,
    pub period: Period,
    pub source_at: NaiveDateTime,
    /// When a pending line is earned.
    pub earns_at: Option<NaiveDateTime>,
    /// The line a clawback, adjustment or override refers to.
    pub related_line_id: Option<&'a str>,
}

/// Appends the line with its first status; returns the row written.
pub fn write(
    conn: &mut DbConn,
    line: NewLine<'_>,
    status: LineStatus,
    reason: &str,
) -> Result<LineRow, ApiError> {
    let now = time::now();
    let row = LineRow {
        id: Uuid::now_v7().to_string(),
        rep_id: line.rep_id.to_owned(),
        line_type: line.line_type,
        source_type: line.source_type,
        source_id: line.source_id.to_owned(),
        plan_version_id: line.plan_version_id.map(str::to_owned),
        base_minor: super::minor_units(line.base, line.currency)?,
        rate: line.rate.map(|r| r.normalize().to_string()),
        amount_minor: super::minor_units(line.explanation.amount, line.currency)?,
        currency: line.currency.to_owned(),
        period: line.period.to_string(),
        source_at: line.source_at,
        earns_at: line.earns_at,
        related_line_id: line.related_line_id.map(str::to_owned),
        explanation_json: lines::explanation_json(line.explanation)?,
        created_at: now,
    };
    let first = Change {
        status,
        actor: None,
        reason: Some(reason),
        reference: None,
        at: now,
    };
    lines::append(conn, &row, &first)?;
    Ok(row)
}
