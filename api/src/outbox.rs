//! The transactional outbox: events other systems care about are written in the same transaction
//! as the change, so an event is never lost nor sent for a change that rolled back. A relay
//! (later capability) publishes rows with `published_at IS NULL` and marks them.

use closebook_shared::events::Event;
use diesel::prelude::*;
use uuid::Uuid;

use crate::db::DbConn;
use crate::db::schema::outbox_events;
use crate::error::ApiError;
use crate::time;

/// Writes `event` to the outbox, in the caller's transaction.
pub fn emit(conn: &mut DbConn, event: &Event) -> Result<(), ApiError> {
    let (aggregate_type, aggregate_id) = event.aggregate();
    let (name, payload) = event.name_and_payload().map_err(ApiError::internal)?;
    diesel::insert_into(outbox_events::table)
        .values((
            outbox_events::id.eq(Uuid::now_v7().to_string()),
            outbox_events::event_type.eq(name),
            outbox_events::aggregate_type.eq(aggregate_type),
            outbox_events::aggregate_id.eq(aggregate_id.to_string()),
            outbox_events::payload.eq(payload.to_string()),
            outbox_events::occurred_at.eq(time::now()),
        ))
        .execute(conn)?;
    Ok(())
}
