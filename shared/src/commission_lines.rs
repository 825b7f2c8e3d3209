//! Commission lines over the API: the ledger's lines with their explanation and status history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Money;
use crate::commissions::{Explanation, LineStatus, LineType, Period};

crate::wire_enum! {
    /// What a line comes from.
    pub enum LineSource {
        Lead = "lead" => "Won deal",
        Invoice = "invoice" => "Paid invoice",
        Upsell = "upsell" => "Upsell",
        Refund = "refund" => "Refund",
        Close = "close" => "Monthly close",
        Dispute = "dispute" => "Dispute",
        /// A paid partner order.
        Order = "order" => "Paid partner order",
        /// A partner account approved from a won lead.
        Partner = "partner" => "New partner account",
    }
}

crate::wire_enum! {
    /// An exception the approval queue shows before finance approves a line.
    pub enum LineFlag {
        /// The rep disputes it; finance resolves it before it can be approved.
        Disputed = "disputed" => "Disputed",
        /// The monthly close capped its rep's month (a `cap` line exists for the period).
        Capped = "capped" => "Capped month",
        /// Its amount (either sign) is at or above the approval threshold setting.
        AboveThreshold = "above_threshold" => "Above threshold",
    }
}

/// One entry of a line's status history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub status: LineStatus,
    /// Who changed it; none for the system (jobs, sources).
    pub actor_id: Option<Uuid>,
    pub reason: Option<String>,
    /// The payout reference, for `paid`.
    pub reference: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommissionLine {
    pub id: Uuid,
    pub rep_id: Uuid,
    pub rep_name: String,
    pub line_type: LineType,
    /// The latest entry of the status history.
    pub status: LineStatus,
    pub source_type: LineSource,
    /// The source record's id (a lead, invoice, upsell, refund) or the period closed.
    pub source_id: String,
    /// The plan version it was computed under; none for the built-in defaults.
    pub plan_version_id: Option<Uuid>,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub base: Money,
    /// Decimal fraction, when the line is base × rate.
    pub rate: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub amount: Money,
    pub period: Period,
    pub source_at: DateTime<Utc>,
    /// When a pending line becomes earned.
    pub earns_at: Option<DateTime<Utc>>,
    /// The line a clawback, adjustment or override refers to.
    pub related_line_id: Option<Uuid>,
    pub explanation: Explanation,
    pub created_at: DateTime<Utc>,
    /// Exceptions to look at before approving, in the order of [`LineFlag::ALL`]. A line's
    /// detail and statements always carry them; lists carry them for finance and admins (the
    /// approval queue), and leave them empty for reps and managers.
    pub flags: Vec<LineFlag>,
}

/// A line with its whole status history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommissionLineDetail {
    pub line: CommissionLine,
    pub history: Vec<StatusChange>,
}

/// Query of `GET /api/v1/commissions`. Newest first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct CommissionListQuery {
    /// `me` or a user id: one rep's lines (within what the caller may see).
    #[cfg_attr(
        feature = "openapi",
        param(
            pattern = "^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
        )
    )]
    pub rep: Option<String>,
    /// The members of a team.
    pub team_id: Option<Uuid>,
    pub status: Option<LineStatus>,
    pub line_type: Option<LineType>,
    pub period: Option<Period>,
    pub source_type: Option<LineSource>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// Lines to approve at once (finance).
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchApproveRequest {
    /// 1 to 500 line ids.
    #[garde(length(min = 1, max = 500))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 500))]
    pub ids: Vec<Uuid>,
}

/// A line a batch left as it was, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkippedLine {
    pub id: Uuid,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchApproved {
    pub approved: Vec<Uuid>,
    /// Lines not earned (or not found) stay as they were.
    pub skipped: Vec<SkippedLine>,
}

/// What a monthly close wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseReport {
    pub period: Period,
    pub true_ups: u32,
    pub team_bonuses: u32,
    pub overrides: u32,
    pub caps: u32,
    /// Reps' statements stored (one per rep and currency with lines in the period).
    pub statements: u32,
}

/// Which period to close.
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    /// A month that has ended, in the organisation's time zone.
    #[garde(skip)]
    pub period: Period,
}

impl CloseReport {
    pub fn new(period: Period) -> Self {
        Self {
            period,
            true_ups: 0,
            team_bonuses: 0,
            overrides: 0,
            caps: 0,
            statements: 0,
        }
    }
}

/// A rep's dispute of one of its lines, within the plan's window (7 days) of the line's creation.
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeRequest {
    #[garde(length(chars, min = 1, max = 2000), custom(crate::validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub reason: String,
}

crate::wire_enum! {
    /// How finance settles a dispute.
    pub enum Resolution {
        /// The line stands as written; its status returns to what it was.
        Uphold = "uphold" => "Upheld",
        /// The line stands and a new adjustment line corrects it.
        Adjust = "adjust" => "Adjusted",
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolveRequest {
    #[garde(skip)]
    pub resolution: Resolution,
    #[garde(length(chars, min = 1, max = 2000), custom(crate::validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub reason: String,
    /// For `adjust`: the adjustment line's amount (negative to take back), in the line's
    /// currency, not zero.
    #[serde(default)]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::money::SignedMoney>))]
    pub adjustment: Option<Money>,
}

/// A payout run: the approved lines of a period in one currency become paid under a reference.
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePayoutRequest {
    #[garde(skip)]
    pub period: Period,
    /// ISO 4217; default the organisation's currency.
    #[serde(default)]
    #[garde(skip)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::money::CurrencyCode>))]
    pub currency: Option<String>,
    /// The payroll's reference for the run (1 to 100 characters, unique); default
    /// `PAYOUT-{period}-{currency}-{n}`.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 100), custom(crate::validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = r"\S")
    )]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payout {
    pub id: Uuid,
    pub period: Period,
    pub reference: String,
    pub line_count: i64,
    /// The sum of the lines paid (clawbacks, caps and negative adjustments included).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub total: Money,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// Query of `GET /api/v1/commissions/payout-report`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct PayoutReportQuery {
    pub period: Period,
}

/// The payout report's columns, in order.
pub const PAYOUT_REPORT_COLUMNS: [&str; 11] = [
    "employee_id",
    "rep_id",
    "rep_name",
    "email",
    "period",
    "currency",
    "approved_lines",
    "approved_amount",
    "paid_lines",
    "paid_amount",
    "payout_references",
];

/// The day of the month payroll pays approved lines.
pub const PAYOUT_DAY: u32 = 15;

/// The next payout date on or after `today`: the 15th of this month, or of the next.
pub fn next_payout_date(today: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let this = today.with_day(PAYOUT_DAY).unwrap_or(today);
    if today <= this {
        this
    } else {
        let next = crate::commissions::Period::of(today).next().first_day();
        next.with_day(PAYOUT_DAY).unwrap_or(next)
    }
}

/// A rep's lines summed by where they stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusTotals {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub pending: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub earned: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub approved: Money,
    /// Paid, including paid lines later clawed back (their clawbacks count where they stand).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub paid: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub disputed: Money,
    /// Everything but voided lines.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub net: Money,
}

/// One payout run as the rep saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepPayout {
    pub reference: String,
    pub paid_at: DateTime<Utc>,
    pub line_count: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub amount: Money,
}

/// `GET /commissions/rm/{rm_id}/summary`: this month, the year so far, the next payout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommissionSummary {
    pub rep_id: Uuid,
    pub rep_name: String,
    /// The rep's plan currency; lines in others are left out.
    pub currency: String,
    pub period: Period,
    pub this_month: StatusTotals,
    pub year_to_date: StatusTotals,
    pub next_payout_date: chrono::NaiveDate,
    /// This year's runs that paid the rep, newest first.
    pub payouts: Vec<RepPayout>,
}

/// Query of `GET /api/v1/commissions/team-earnings`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct TeamEarningsQuery {
    /// Default: this month in the organisation's time zone.
    pub period: Option<Period>,
    /// One team's members; default every member the caller sees.
    pub team_id: Option<Uuid>,
}

/// One member's month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberEarnings {
    pub rep_id: Uuid,
    pub rep_name: String,
    pub role: crate::Role,
    pub team_id: Option<Uuid>,
    /// The member's lines of the period by status (overrides included).
    pub totals: StatusTotals,
    /// Of which manager overrides on its team's lines (zero for reps).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub overrides: Money,
}

/// A team's earnings for a period, in the organisation's currency: each active rep and manager
/// the caller sees (a manager: its teams; finance and admins: everyone), by net, largest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamEarnings {
    pub period: Period,
    pub currency: String,
    pub members: Vec<MemberEarnings>,
    /// The members' totals summed.
    pub totals: StatusTotals,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_payout_is_the_coming_fifteenth() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        for (today, payout) in [
            ("2026-11-01", "2026-11-15"),
            ("2026-11-15", "2026-11-15"),
            ("2026-11-16", "2026-12-15"),
            ("2026-12-31", "2027-01-15"),
            ("2027-02-28", "2027-03-15"),
        ] {
            assert_eq!(next_payout_date(d(today)), d(payout), "{today}");
        }
    }
}

/// A rep's statement of a period in one currency: the lines and what they sum to, and the
/// statement the monthly close stored, if it has run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommissionStatement {
    pub rep_id: Uuid,
    pub rep_name: String,
    pub period: Period,
    pub currency: String,
    /// What the ledger sums to now.
    pub totals: crate::commissions::close::StatementTotals,
    /// The period's lines, oldest first (voided ones included, marked by their status).
    pub lines: Vec<CommissionLine>,
    /// When the monthly close stored this statement; absent before the close.
    pub closed_at: Option<DateTime<Utc>>,
    /// Whether the stored statement equals the ledger now (false when lines arrived after the
    /// close; a replay reports it). Absent before the close.
    pub matches_close: Option<bool>,
}

/// Query of a statement.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct StatementQuery {
    /// ISO 4217; default the rep's plan currency.
    #[cfg_attr(feature = "openapi", param(value_type = Option<crate::money::CurrencyCode>))]
    pub currency: Option<String>,
}

/// A stored statement that differs from the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementDifference {
    pub rep_id: Uuid,
    pub currency: String,
    /// As stored by the close; absent when the ledger has a statement the close never stored.
    pub stored: Option<crate::commissions::close::StatementTotals>,
    /// As the ledger sums now; absent when the ledger has no lines for a stored statement.
    pub rebuilt: Option<crate::commissions::close::StatementTotals>,
}

/// Which period to replay.
#[derive(Debug, Clone, Serialize, Deserialize, garde::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    #[garde(skip)]
    pub period: Period,
}

/// A period's statements rebuilt from the ledger and compared with the stored ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReplayReport {
    pub period: Period,
    pub statements_checked: u32,
    /// Empty when every stored statement is what the ledger rebuilds.
    pub differences: Vec<StatementDifference>,
}

crate::wire_enum! {
    /// What the residual book is sorted by.
    pub enum ResidualBookSort {
        Client = "client" => "Client",
        Locked = "locked" => "Locked amount",
        Months = "months" => "Months active",
        Earned = "earned" => "Earned to date",
    }
}

crate::wire_enum! {
    pub enum SortOrder {
        Asc = "asc" => "Ascending",
        Desc = "desc" => "Descending",
    }
}

/// Query of `GET /api/v1/residual-book`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ResidualBookQuery {
    /// `me` or a user id: one rep's clients (within what the caller may see).
    #[cfg_attr(
        feature = "openapi",
        param(
            pattern = "^(me|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
        )
    )]
    pub rep: Option<String>,
    /// Default `earned`.
    pub sort: Option<ResidualBookSort>,
    /// Default `desc`.
    pub order: Option<SortOrder>,
    /// Rows, 1–200 (default 100).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// Rows to skip (default 0).
    #[cfg_attr(feature = "openapi", param(maximum = 1000000))]
    pub offset: Option<u32>,
}

/// One client of the residual book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidualBookEntry {
    pub client_id: Uuid,
    pub client_name: String,
    pub rep_id: Uuid,
    pub rep_name: String,
    /// Locked when the deal was won; absent for a client from before (the plan's fallback).
    pub locked: Option<Money>,
    /// Paid invoices (one per service month).
    pub months_active: u32,
    /// The residual lines written for it, less their clawbacks (voided lines left out).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub earned_to_date: Money,
    pub status: ClientStatus,
}

crate::wire_enum! {
    pub enum ClientStatus {
        Active = "active" => "Active",
        Cancelled = "cancelled" => "Cancelled",
    }
}

/// The residual book: one page of clients and the totals of all of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResidualBook {
    pub entries: Vec<ResidualBookEntry>,
    /// Clients in the book (all pages).
    pub total_clients: u32,
    pub active_clients: u32,
    /// Per currency, over all pages.
    pub locked_monthly: Vec<Money>,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::money::SignedMoney>))]
    pub earned_to_date: Vec<Money>,
}

/// Query of `GET /api/v1/reports/profitability`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ProfitabilityQuery {
    pub period: Period,
}

/// Seed 000 CompanyProfitability for a period, in the organisation's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Profitability {
    pub period: Period,
    /// Paid invoices of the period less its refunds.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub revenue: Money,
    /// Deal values won in the period (booked, not yet billed).
    pub bookings: Money,
    /// New business, upsells, true-ups, team bonuses, clawbacks, adjustments and caps.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub commissions: Money,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub residuals: Money,
    /// Managers' overrides (the management fee).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub overrides: Money,
    /// Revenue less commissions, residuals and overrides.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::money::SignedMoney))]
    pub net: Money,
}
