//! Payout runs: every approved line of a period in one currency becomes paid under the run's
//! reference, in one transaction; the run records the count and total payroll pays.

use closebook_shared::commission_lines::{CreatePayoutRequest, Payout};
use closebook_shared::commissions::LineStatus;
use diesel::prelude::*;
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::commissions::lines::{self, Change};
use crate::db::commissions::payouts::{self as rows, PayoutRow};
use crate::db::schema::{commission_line_status, commission_lines};
use crate::db::settings;
use crate::error::ApiError;
use crate::time;

pub fn run(conn: &mut DbConn, actor: &Actor, req: CreatePayoutRequest) -> Result<Payout, ApiError> {
    let currency = match req.currency {
        Some(c) => {
            closebook_shared::money::minor_unit_digits(&c)
                .map_err(|e| ApiError::field("currency", e.to_string()))?;
            c
        }
        None => settings::get(conn)?.currency,
    };
    let period = req.period.to_string();
    let reference = match req.reference {
        Some(r) => r.trim().to_owned(),
        None => format!(
            "PAYOUT-{period}-{currency}-{}",
            rows::count_for(conn, &period)? + 1
        ),
    };
    if rows::reference_taken(conn, &reference)? {
        return Err(
            ApiError::conflict("a payout run with this reference exists")
                .on_field("reference", "is already used by another payout run"),
        );
    }
    let approved: Vec<(String, i64)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::period.eq(&period))
        .filter(commission_lines::currency.eq(&currency))
        .filter(commission_line_status::status.eq(LineStatus::Approved))
        .order(commission_lines::id)
        .select((commission_lines::id, commission_lines::amount_minor))
        .load(conn)?;
    if approved.is_empty() {
        return Err(ApiError::conflict(format!(
            "no approved {currency} lines in {period} to pay"
        )));
    }
    let now = time::now();
    let actor_id = actor.id.map(|u| u.to_string());
    for (id, _) in &approved {
        lines::set_status(
            conn,
            id,
            &Change {
                status: LineStatus::Paid,
                actor: actor_id.as_deref(),
                reason: Some("payout run"),
                reference: Some(&reference),
                at: now,
            },
        )?;
    }
    let row = PayoutRow {
        id: Uuid::now_v7().to_string(),
        period,
        reference,
        line_count: approved.len() as i64,
        total_minor: approved.iter().map(|(_, m)| m).sum(),
        currency,
        created_by: actor_id,
        created_at: now,
    };
    rows::insert(conn, &row)?;
    let dto = row.to_dto()?;
    audit::record_after(conn, actor, "payout.create", "payout", &row.id, &dto)?;
    Ok(dto)
}

pub fn load(conn: &mut DbConn, id: &str) -> Result<Payout, ApiError> {
    rows::find(conn, id)?
        .ok_or_else(|| ApiError::not_found("payout"))?
        .to_dto()
}
