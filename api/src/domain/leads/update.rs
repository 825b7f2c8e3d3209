//! The allowlisted edit of an open lead's own fields.

use closebook_shared::leads::{Lead, UpdateLeadRequest};
use uuid::Uuid;

use super::{check_source, keys, list, load_for, save_edit, trimmed};
use crate::authz::PipelineCaller;
use crate::concurrency;
use crate::db::DbConn;
use crate::db::columns::to_e6;
use crate::error::ApiError;

pub fn update(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    p: UpdateLeadRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    // Only values being set can be refused; an unset field is `None`, which is never cold.
    check_source(conn, p.source_type.flatten(), p.source_channel.flatten())?;
    let mut row = before.clone();
    macro_rules! set_text {
        ($($f:ident),*) => { $( if let Some(v) = p.$f.clone() { row.$f = trimmed(v); } )* };
    }
    macro_rules! set_enum {
        ($($f:ident),*) => { $( if let Some(v) = p.$f { row.$f = v; } )* };
    }
    if let Some(c) = &p.company {
        row.company = c.trim().to_owned();
    }
    set_text!(
        contact_name,
        contact_title,
        email,
        phone,
        website,
        address,
        city,
        state,
        zip,
        introduced_by,
        next_action,
        personal_details
    );
    set_enum!(
        source_type,
        source_channel,
        budget,
        authority,
        need,
        timeline,
        sales_stage
    );
    if let Some(v) = p.latitude {
        row.latitude_e6 = v.map(to_e6);
    }
    if let Some(v) = p.longitude {
        row.longitude_e6 = v.map(to_e6);
    }
    if let Some(v) = p.next_contact_at {
        row.next_contact_at = v.map(|t| t.naive_utc());
    }
    if let Some(v) = p.follow_up_cadence_days {
        row.follow_up_cadence_days = v;
    }
    if let Some(v) = p.permission_to_follow_up {
        row.permission_to_follow_up = v;
    }
    if let Some(v) = p.competitors {
        row.competitors = list(Some(v));
    }
    if let Some(v) = p.tags {
        row.tags = list(Some(v));
    }
    keys(&mut row);
    if row.whereabouts() != before.whereabouts() {
        row.territory_id = crate::domain::territories::placing::territory_of(conn, &row)?;
    }
    save_edit(conn, caller, "lead.update", &before, row)
}
