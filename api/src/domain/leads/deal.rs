//! A lead's deal (money) fields.

use closebook_shared::leads::{Lead, UpdateDealRequest};
use uuid::Uuid;

use super::{load_for, refuse_closed, save_edit};
use crate::authz::PipelineCaller;
use crate::concurrency;
use crate::db::DbConn;
use crate::db::columns::money_columns;
use crate::error::ApiError;

pub fn update_deal(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
    p: UpdateDealRequest,
    expected: Option<i64>,
) -> Result<Lead, ApiError> {
    let before = load_for(conn, &caller.scope, id)?;
    concurrency::check(expected, before.version)?;
    // The value at close is what commissions are paid on: it is locked once the lead closes.
    refuse_closed(&before)?;
    let mut row = before.clone();
    if let Some(v) = p.deal_value {
        (row.deal_value_minor, row.deal_currency) = money_columns("deal_value", v.as_ref())?;
    }
    if let Some(v) = p.estimated_units {
        row.estimated_units = v;
    }
    if let Some(v) = p.probability {
        row.probability = v;
    }
    if let Some(v) = p.expected_close_date {
        row.expected_close_date = v;
    }
    save_edit(conn, caller, "lead.deal", &before, row)
}
