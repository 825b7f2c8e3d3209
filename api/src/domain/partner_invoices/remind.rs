//! The reminder job (seed 004 "Invoice due soon (3 days before)", "Invoice overdue"): each
//! unpaid invoice on NET terms tells its account's users once when it falls due within 3 days
//! and once when it is overdue, when the late fee is added. Each reminder is claimed by a
//! guarded update (`… WHERE sent_at IS NULL`), so two instances running at once send it once.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::notifications::NotificationKind;
use closebook_shared::partner_invoices::{
    LATE_FEE_PERCENT, REMIND_DAYS_BEFORE, Reminder, late_fee,
};
use diesel::prelude::*;

use super::notify_partner;
use crate::db::DbConn;
use crate::db::columns::stored_money;
use crate::db::partner_invoices::{self as rows, InvoiceRow};
use crate::db::schema::partner_invoices as pi;
use crate::error::ApiError;

/// Most invoices one run looks at (the next run takes the rest).
pub const BATCH: i64 = 500;

/// What a run sent.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RemindersSent {
    pub due_soon: usize,
    pub overdue: usize,
}

/// Sends the reminders owed at `now`.
pub fn remind(conn: &mut DbConn, now: NaiveDateTime) -> Result<RemindersSent, ApiError> {
    let horizon = now + Duration::days(REMIND_DAYS_BEFORE) + Duration::seconds(1);
    let mut sent = RemindersSent::default();
    for inv in rows::owing_reminders(conn, horizon, BATCH)? {
        let owed = inv.standing().reminder_at(
            now.and_utc(),
            inv.due_soon_sent_at.is_some(),
            inv.overdue_sent_at.is_some(),
        );
        match owed {
            Some(Reminder::DueSoon) if claim_due_soon(conn, &inv, now)? => {
                let due = stored_money(inv.subtotal_minor + inv.late_fee_minor, &inv.currency)?;
                notify_partner(
                    conn,
                    &inv.partner_id,
                    NotificationKind::InvoiceDue,
                    format!("Invoice {} is due soon", inv.number),
                    format!(
                        "{} {} is due on {}.",
                        due.amount,
                        due.currency,
                        inv.due_at.format("%Y-%m-%d")
                    ),
                    link(&inv),
                    now,
                )?;
                sent.due_soon += 1;
            }
            Some(Reminder::Overdue) => {
                let subtotal = stored_money(inv.subtotal_minor, &inv.currency)?;
                let fee = late_fee(&subtotal, LATE_FEE_PERCENT)
                    .and_then(|f| f.to_minor())
                    .map_err(|e| ApiError::internal(format!("late fee: {e}")))?;
                if claim_overdue(conn, &inv, fee, now)? {
                    let total = stored_money(inv.subtotal_minor + fee, &inv.currency)?;
                    notify_partner(
                        conn,
                        &inv.partner_id,
                        NotificationKind::InvoiceOverdue,
                        format!("Invoice {} is overdue", inv.number),
                        format!(
                            "It was due on {}. A late fee of {}% was added: {} {} is now due.",
                            inv.due_at.format("%Y-%m-%d"),
                            LATE_FEE_PERCENT,
                            total.amount,
                            total.currency
                        ),
                        link(&inv),
                        now,
                    )?;
                    sent.overdue += 1;
                }
            }
            _ => {}
        }
    }
    Ok(sent)
}

fn link(inv: &InvoiceRow) -> String {
    format!("/partner/invoices/{}", inv.id)
}

fn claim_due_soon(
    conn: &mut DbConn,
    inv: &InvoiceRow,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let claimed = diesel::update(
        pi::table
            .find(&inv.id)
            .filter(pi::due_soon_sent_at.is_null())
            .filter(pi::paid_at.is_null()),
    )
    .set(pi::due_soon_sent_at.eq(now))
    .execute(conn)?;
    Ok(claimed == 1)
}

/// Marks the overdue reminder sent and adds the late fee (the invoice's version moves: its
/// total changed).
fn claim_overdue(
    conn: &mut DbConn,
    inv: &InvoiceRow,
    fee_minor: i64,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    let claimed = diesel::update(
        pi::table
            .find(&inv.id)
            .filter(pi::overdue_sent_at.is_null())
            .filter(pi::paid_at.is_null()),
    )
    .set((
        pi::overdue_sent_at.eq(now),
        pi::late_fee_minor.eq(fee_minor),
        pi::version.eq(pi::version + 1),
        pi::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(claimed == 1)
}
