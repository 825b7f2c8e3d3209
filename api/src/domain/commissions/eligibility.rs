//! Eligibility (CMR-001): new-business and upsell lines start pending and are earned once the
//! plan's window (30 days) has passed with the client still active; a cancellation before then
//! voids them. Run by a job; running it again changes nothing.

use chrono::NaiveDateTime;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::commissions::lines::{self, Change};
use crate::db::schema::{
    clients, commission_line_status, commission_lines, leads, refunds, upsells,
};
use crate::error::ApiError;
use crate::time;

/// The lines that wait out the window: new business, upsells, and clawbacks of pending
/// originals (which travel with them).
const WAITING: [LineType; 3] = [LineType::NewBusiness, LineType::Upsell, LineType::Clawback];

/// How many lines one run moves at most (the next run takes the rest).
pub const BATCH: i64 = 5_000;

/// What a run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Promoted {
    pub earned: usize,
    pub voided: usize,
}

type Pending = (
    String,
    LineSource,
    String,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// Moves pending lines as of `now`: earned when due with the client active, voided when the
/// client was cancelled before they were due.
pub fn promote(conn: &mut DbConn, now: NaiveDateTime) -> Result<Promoted, ApiError> {
    let pending: Vec<Pending> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_line_status::status.eq(LineStatus::Pending))
        .filter(commission_lines::line_type.eq_any(WAITING))
        .order(commission_lines::id)
        .limit(BATCH)
        .select((
            commission_lines::id,
            commission_lines::source_type,
            commission_lines::source_id,
            commission_lines::source_at,
            commission_lines::earns_at,
        ))
        .load(conn)?;
    let mut done = Promoted::default();
    // The history records when the change was written; `now` is what it is judged against
    // (the same instant in the job; tests judge at a later day).
    let written = time::now();
    for (id, source_type, source_id, source_at, earns_at) in pending {
        let cancelled = cancelled_at(conn, source_type, &source_id)?;
        // The window is the plan's, applied when the line was written (`earns_at`).
        let (status, reason) = match rules::status_at(earns_at.unwrap_or(source_at), cancelled, now)
        {
            LineStatus::Earned => (LineStatus::Earned, "eligibility window passed"),
            LineStatus::Voided => (
                LineStatus::Voided,
                "client cancelled before the line was earned",
            ),
            _ => continue,
        };
        let change = Change {
            status,
            actor: None,
            reason: Some(reason),
            reference: None,
            at: written,
        };
        lines::set_status(conn, &id, &change)?;
        if status == LineStatus::Earned {
            done.earned += 1;
        } else {
            done.voided += 1;
        }
    }
    Ok(done)
}

/// When the client behind a line's source was cancelled, if it was.
fn cancelled_at(
    conn: &mut DbConn,
    source_type: LineSource,
    source_id: &str,
) -> Result<Option<NaiveDateTime>, ApiError> {
    let client: Option<Option<String>> = match source_type {
        LineSource::Lead => leads::table
            .find(source_id)
            .select(leads::client_id)
            .first(conn)
            .optional()?,
        LineSource::Upsell => upsells::table
            .find(source_id)
            .select(upsells::client_id.nullable())
            .first(conn)
            .optional()?,
        // A pending clawback comes from a refund of a (pending) deal.
        LineSource::Refund => refunds::table
            .find(source_id)
            .select(refunds::client_id)
            .first(conn)
            .optional()?,
        _ => None,
    };
    let Some(client) = client.flatten() else {
        return Ok(None);
    };
    Ok(clients::table
        .find(client)
        .select(clients::cancelled_at)
        .first::<Option<NaiveDateTime>>(conn)
        .optional()?
        .flatten())
}

/// Voids the client's lines still pending at its cancellation (`cancelled_at`): its deal's
/// new-business line, its upsells' lines and their clawbacks. Returns how many.
pub fn void_for_client(
    conn: &mut DbConn,
    client_id: &str,
    cancelled_at: NaiveDateTime,
) -> Result<usize, ApiError> {
    let lead: Option<String> = clients::table
        .find(client_id)
        .select(clients::lead_id)
        .first(conn)
        .optional()?;
    let upsell_ids: Vec<String> = upsells::table
        .filter(upsells::client_id.eq(client_id))
        .select(upsells::id)
        .load(conn)?;
    let refund_ids: Vec<String> = refunds::table
        .filter(refunds::client_id.eq(client_id))
        .select(refunds::id)
        .load(conn)?;
    let of_client = commission_lines::source_type
        .eq(LineSource::Lead)
        .and(commission_lines::source_id.eq(lead.unwrap_or_default()))
        .or(commission_lines::source_type
            .eq(LineSource::Upsell)
            .and(commission_lines::source_id.eq_any(upsell_ids)))
        .or(commission_lines::source_type
            .eq(LineSource::Refund)
            .and(commission_lines::source_id.eq_any(refund_ids)));
    let pending: Vec<(String, NaiveDateTime, Option<NaiveDateTime>)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_line_status::status.eq(LineStatus::Pending))
        .filter(commission_lines::line_type.eq_any(WAITING))
        .filter(of_client)
        .select((
            commission_lines::id,
            commission_lines::source_at,
            commission_lines::earns_at,
        ))
        .load(conn)?;
    let now = time::now();
    let mut voided = 0;
    for (id, source_at, earns_at) in pending {
        if rules::status_at(
            earns_at.unwrap_or(source_at),
            Some(cancelled_at),
            now.max(cancelled_at),
        ) == LineStatus::Voided
        {
            let change = Change {
                status: LineStatus::Voided,
                actor: None,
                reason: Some("client cancelled before the line was earned"),
                reference: None,
                at: now,
            };
            lines::set_status(conn, &id, &change)?;
            voided += 1;
        }
    }
    Ok(voided)
}
