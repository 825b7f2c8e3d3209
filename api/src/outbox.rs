//! The transactional outbox: events other systems care about are written in the same transaction
//! as the change, so an event is never lost nor sent for a change that rolled back. A relay
//! (later capability) publishes rows with `published_at IS NULL` and marks them.

use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::db::DbConn;
use crate::db::schema::outbox_events;
use crate::error::ApiError;
use crate::time;

/// Event names follow `<domain>.<aggregate>.<what happened>` (seed 003 §5.4).
pub fn emit<P: Serialize>(
    conn: &mut DbConn,
    event_type: &str,
    aggregate_type: &str,
    aggregate_id: &str,
    payload: &P,
) -> Result<(), ApiError> {
    diesel::insert_into(outbox_events::table)
        .values((
            outbox_events::id.eq(Uuid::now_v7().to_string()),
            outbox_events::event_type.eq(event_type),
            outbox_events::aggregate_type.eq(aggregate_type),
            outbox_events::aggregate_id.eq(aggregate_id),
            outbox_events::payload.eq(serde_json::to_string(payload).map_err(ApiError::internal)?),
            outbox_events::occurred_at.eq(time::now()),
        ))
        .execute(conn)?;
    Ok(())
}
