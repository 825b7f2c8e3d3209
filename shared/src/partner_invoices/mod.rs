//! Partner invoices (issue 13 §4, seed 004 `Invoice`): one per order, issued when it is placed,
//! due after the account's terms (NET 30 / NET 60; a prepaid order's invoice is due at once and
//! holds the order until paid), reminded 3 days before it falls due and once when overdue, when
//! a late fee is added. What is pure — the due date, the status at an instant, which reminder is
//! owed, the fee — is here, so the partner's page and the server's job agree.

mod records;
#[cfg(test)]
mod tests;

pub use records::*;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use crate::Money;
use crate::money::{MoneyError, round_to_minor};
use crate::partners::PaymentTerms;

crate::wire_enum! {
    /// Where an invoice stands at an instant.
    pub enum InvoiceStatus {
        /// Not paid, not yet due (a prepaid one: waiting for payment before its order goes on).
        Open = "open" => "Open",
        /// Not paid after its due date (NET terms only).
        Overdue = "overdue" => "Overdue",
        Paid = "paid" => "Paid",
        /// Its order was cancelled before it was paid.
        Cancelled = "cancelled" => "Cancelled",
    }
}

/// Days before the due date the partner is reminded (seed 004 "Invoice due soon (3 days
/// before)").
pub const REMIND_DAYS_BEFORE: i64 = 3;

/// The late fee added once an invoice is overdue: 1.5% of its subtotal, the customary monthly
/// rate on trade credit.
pub const LATE_FEE_PERCENT: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// When an invoice issued at `issued_at` on `terms` is due.
pub fn due_at(issued_at: DateTime<Utc>, terms: PaymentTerms) -> DateTime<Utc> {
    issued_at + Duration::days(i64::from(terms.days()))
}

/// What the status computation needs of an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub terms: PaymentTerms,
    pub due_at: DateTime<Utc>,
    pub paid: bool,
    pub cancelled: bool,
}

impl Standing {
    /// Its status at `now`. Paid wins over cancelled (an order is not cancelled once paid). A
    /// prepaid invoice is never overdue: its order simply waits.
    pub fn status_at(&self, now: DateTime<Utc>) -> InvoiceStatus {
        if self.paid {
            InvoiceStatus::Paid
        } else if self.cancelled {
            InvoiceStatus::Cancelled
        } else if self.terms != PaymentTerms::Prepaid && now >= self.due_at {
            InvoiceStatus::Overdue
        } else {
            InvoiceStatus::Open
        }
    }

    /// The reminder owed at `now`, given which were sent: "due soon" from 3 days before the due
    /// date until it, "overdue" once after. An invoice found already overdue gets only the
    /// overdue one.
    pub fn reminder_at(
        &self,
        now: DateTime<Utc>,
        due_soon_sent: bool,
        overdue_sent: bool,
    ) -> Option<Reminder> {
        match self.status_at(now) {
            InvoiceStatus::Overdue if !overdue_sent => Some(Reminder::Overdue),
            InvoiceStatus::Open
                if self.terms != PaymentTerms::Prepaid
                    && !due_soon_sent
                    && now >= self.due_at - Duration::days(REMIND_DAYS_BEFORE) =>
            {
                Some(Reminder::DueSoon)
            }
            _ => None,
        }
    }
}

/// A reminder the partner's users are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    DueSoon,
    Overdue,
}

/// The late fee on an overdue invoice's subtotal at `percent`, rounded to the cent (half away
/// from zero).
pub fn late_fee(subtotal: &Money, percent: Decimal) -> Result<Money, MoneyError> {
    let amount = round_to_minor(
        subtotal.amount * percent / Decimal::ONE_HUNDRED,
        &subtotal.currency,
    )?;
    Ok(Money::new(amount, subtotal.currency.clone()))
}
