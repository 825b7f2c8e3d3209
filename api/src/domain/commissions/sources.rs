//! The ledger's sources. A won deal reaches commissions as the pipeline's
//! `sales.pipeline.closed` event, and a partner account approved from a won lead as
//! `wholesale.partner.approved` (its rep's new-partner bonus), read from the outbox in one
//! sequence: the line is written in the transaction
//! that moves the consumer's position, and a line is unique by its rule, source and rep, so a
//! crash between the two neither loses nor doubles a line.

use chrono::Duration;
use closebook_shared::commission_lines::LineSource;
use closebook_shared::commissions::{LineStatus, LineType, rules};
use closebook_shared::events::PipelineClosed;
use closebook_shared::leads::Outcome;
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::ledger::{self, NewLine};
use super::{calendar, partner_lines, plans};
use crate::db::DbConn;
use crate::db::commissions::lines;
use crate::db::schema::{clients, outbox_events, outbox_positions, users};
use crate::error::ApiError;
use crate::time;

/// This consumer's name in `outbox_positions`.
pub const CONSUMER: &str = "commissions";

/// Events younger than this are handled but the position does not pass them: on PostgreSQL a
/// transaction that began earlier may still commit an event with a smaller id. Handling one
/// twice is harmless (lines are unique by source), skipping one would not be.
const SETTLE: Duration = Duration::seconds(30);

/// Most events one run handles, in one transaction.
pub const BATCH: i64 = 500;

/// The events this consumer reads.
const CONSUMED: [&str; 2] = ["sales.pipeline.closed", "wholesale.partner.approved"];

#[derive(Queryable)]
struct OutboxEvent {
    id: String,
    event_type: String,
    payload: String,
    occurred_at: chrono::NaiveDateTime,
}

/// Handles the closed deals and approved partners after this consumer's position; returns how many lines it
/// wrote. Runs inside the caller's transaction.
pub fn consume_events(conn: &mut DbConn) -> Result<usize, ApiError> {
    let position: Option<String> = outbox_positions::table
        .find(CONSUMER)
        .select(outbox_positions::last_event_id)
        .first(conn)
        .optional()?;
    let mut query = outbox_events::table
        .filter(outbox_events::event_type.eq_any(CONSUMED))
        .select((
            outbox_events::id,
            outbox_events::event_type,
            outbox_events::payload,
            outbox_events::occurred_at,
        ))
        .order(outbox_events::id)
        .limit(BATCH)
        .into_boxed();
    if let Some(p) = &position {
        query = query.filter(outbox_events::id.gt(p.clone()));
    }
    let events: Vec<OutboxEvent> = query.load(conn)?;
    let settled_before = time::now() - SETTLE;
    let mut written = 0;
    let mut advance_to = None;
    for e in &events {
        let wrote = if e.event_type == CONSUMED[0] {
            let closed: PipelineClosed = payload(e)?;
            closed.outcome == Outcome::Won && new_business_for(conn, &closed)?
        } else {
            partner_lines::partner_approved(conn, &payload(e)?)?
        };
        if wrote {
            written += 1;
        }
        if e.occurred_at < settled_before {
            advance_to = Some(e.id.clone());
        }
    }
    if let Some(id) = advance_to {
        let now = time::now();
        let moved = diesel::update(outbox_positions::table.find(CONSUMER))
            .set((
                outbox_positions::last_event_id.eq(&id),
                outbox_positions::updated_at.eq(now),
            ))
            .execute(conn)?;
        if moved == 0 {
            diesel::insert_into(outbox_positions::table)
                .values((
                    outbox_positions::consumer.eq(CONSUMER),
                    outbox_positions::last_event_id.eq(&id),
                    outbox_positions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(written)
}

fn payload<T: serde::de::DeserializeOwned>(e: &OutboxEvent) -> Result<T, ApiError> {
    serde_json::from_str(&e.payload).map_err(|err| {
        ApiError::internal(format!(
            "outbox event {} is not a {}: {err}",
            e.id, e.event_type
        ))
    })
}

/// The new-business line of a won deal, and the residual it locks on the client. `false` when
/// the line was written before (the event was delivered again).
fn new_business_for(conn: &mut DbConn, closed: &PipelineClosed) -> Result<bool, ApiError> {
    let rep = closed.owner_id.to_string();
    let lead = closed.lead_id.to_string();
    if lines::find_source_line(
        conn,
        LineType::NewBusiness,
        LineSource::Lead,
        &lead,
        Some(&rep),
    )?
    .is_some()
    {
        return Ok(false);
    }
    let Some(won_at) = closed.closed_at.map(|t| t.naive_utc()) else {
        return Err(ApiError::internal(format!(
            "won lead {lead} has no closing time"
        )));
    };
    let zone = calendar::zone(conn)?;
    let local = calendar::local(zone, won_at);
    let period = calendar::period_of(zone, won_at);
    let role = users::table
        .find(&rep)
        .select(users::role)
        .first::<closebook_shared::Role>(conn)?;
    let plan = plans::in_force(conn, Some(&rep), role, local.date())?;
    let (value, currency) = match &closed.deal_value {
        Some(m) => (m.amount, m.currency.clone()),
        None => (Decimal::ZERO, plan.currency.clone()),
    };
    let dp = super::digits(&currency)?;
    // Quota attainment only means something in the quota's currency.
    let quota = plan.quota.filter(|_| plan.currency == currency);
    let (before_minor, closes_before) =
        lines::won_before(conn, &rep, &period.to_string(), won_at, &lead)?;
    let e = rules::new_business(
        &plan.rules.new_business,
        quota,
        super::amount_of(before_minor, &currency)?,
        value,
        dp,
    );
    let rate = match e.parts.as_slice() {
        [one] => one.rate,
        _ => None,
    };
    ledger::write(
        conn,
        NewLine {
            rep_id: &rep,
            line_type: LineType::NewBusiness,
            source_type: LineSource::Lead,
            source_id: &lead,
            plan_version_id: plan.plan_version_id.as_deref(),
            base: value,
            rate,
            explanation: &e,
            currency: &currency,
            period,
            source_at: won_at,
            earns_at: Some(rules::earned_at(&plan.rules, won_at)),
            related_line_id: None,
        },
        LineStatus::Pending,
        "deal won",
    )?;

    // The residual locks now, at this close's place in the month, and never changes after.
    if let Some(client) = closed.client_id {
        let closes = u32::try_from(closes_before + 1).unwrap_or(u32::MAX);
        let rdp = super::digits(&plan.currency)?;
        let locked = rules::round_line(rules::residual_lock(&plan.rules, closes), rdp);
        diesel::update(
            clients::table
                .find(client.to_string())
                .filter(clients::residual_locked_minor.is_null()),
        )
        .set((
            clients::residual_locked_minor.eq(super::minor_units(locked, &plan.currency)?),
            clients::residual_currency.eq(&plan.currency),
        ))
        .execute(conn)?;
    }
    Ok(true)
}
