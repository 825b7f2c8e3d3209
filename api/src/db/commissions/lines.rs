//! The ledger: commission lines (append-only), their status history (append-only) and the index
//! of each line's latest status.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDateTime;
use closebook_shared::commission_lines::{
    CommissionLine, CommissionLineDetail, CommissionListQuery, LineFlag, LineSource, StatusChange,
};
use closebook_shared::commissions::{Explanation, LineStatus, LineType, Period};
use closebook_shared::{Money, Page};
use diesel::prelude::*;
use uuid::Uuid;

use crate::authz::{OwnerScope, within_scope};
use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, StoredOptId, uuid_of as uuid};
use crate::db::leads::parse_user_param;
use crate::db::schema::{
    commission_line_status, commission_lines, commission_status_history, users,
};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = commission_lines)]
pub struct LineRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub rep_id: String,
    pub line_type: LineType,
    pub source_type: LineSource,
    pub source_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub plan_version_id: Option<String>,
    pub base_minor: i64,
    pub rate: Option<String>,
    pub amount_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    pub currency: String,
    pub period: String,
    pub source_at: NaiveDateTime,
    pub earns_at: Option<NaiveDateTime>,
    #[diesel(deserialize_as = StoredOptId)]
    pub related_line_id: Option<String>,
    pub explanation_json: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = commission_status_history)]
pub struct StatusRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub line_id: String,
    pub status: LineStatus,
    #[diesel(deserialize_as = StoredOptId)]
    pub actor_id: Option<String>,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub at: NaiveDateTime,
}

impl StatusRow {
    fn to_dto(&self) -> StatusChange {
        StatusChange {
            status: self.status,
            actor_id: self.actor_id.as_deref().map(uuid),
            reason: self.reason.clone(),
            reference: self.reference.clone(),
            at: self.at.and_utc(),
        }
    }
}

fn money(minor: i64, currency: &str) -> Result<Money, ApiError> {
    Money::from_minor(minor, currency)
        .map_err(|e| ApiError::internal(format!("stored commission amount: {e}")))
}

impl LineRow {
    pub fn to_dto(&self, status: LineStatus, rep_name: &str) -> Result<CommissionLine, ApiError> {
        let explanation: Explanation =
            serde_json::from_str(&self.explanation_json).map_err(|e| {
                ApiError::internal(format!(
                    "line {} has an unreadable explanation: {e}",
                    self.id
                ))
            })?;
        let period: Period = self
            .period
            .parse()
            .map_err(|e| ApiError::internal(format!("line {}: stored period: {e}", self.id)))?;
        Ok(CommissionLine {
            id: uuid(&self.id),
            rep_id: uuid(&self.rep_id),
            rep_name: rep_name.to_owned(),
            line_type: self.line_type,
            status,
            source_type: self.source_type,
            source_id: self.source_id.clone(),
            plan_version_id: self.plan_version_id.as_deref().map(uuid),
            base: money(self.base_minor, &self.currency)?,
            rate: self.rate.clone(),
            amount: money(self.amount_minor, &self.currency)?,
            period,
            source_at: self.source_at.and_utc(),
            earns_at: self.earns_at.map(|t| t.and_utc()),
            related_line_id: self.related_line_id.as_deref().map(uuid),
            explanation,
            created_at: self.created_at.and_utc(),
            // Set by `flag`, which needs the rep's month and the settings.
            flags: Vec::new(),
        })
    }
}

/// The line of this rule a source wrote — for `rep` when given (sources are idempotent by
/// rule, source and rep), else for whoever it was written (a refund finds the line it claws
/// back from).
pub fn find_source_line(
    conn: &mut DbConn,
    line_type: LineType,
    source_type: LineSource,
    source_id: &str,
    rep: Option<&str>,
) -> Result<Option<LineRow>, ApiError> {
    let mut query = commission_lines::table
        .filter(commission_lines::line_type.eq(line_type))
        .filter(commission_lines::source_type.eq(source_type))
        .filter(commission_lines::source_id.eq(source_id))
        .into_boxed();
    if let Some(rep) = rep {
        query = query.filter(commission_lines::rep_id.eq(rep));
    }
    Ok(query
        .order(commission_lines::id)
        .select(LineRow::as_select())
        .first(conn)
        .optional()?)
}

/// How a line's explanation is stored.
pub fn explanation_json(e: &Explanation) -> Result<String, ApiError> {
    serde_json::to_string(e).map_err(|err| ApiError::internal(format!("explanation: {err}")))
}

/// A status change, as the line's history records it.
pub struct Change<'a> {
    pub status: LineStatus,
    pub actor: Option<&'a str>,
    pub reason: Option<&'a str>,
    /// The payout reference, for `paid`.
    pub reference: Option<&'a str>,
    pub at: NaiveDateTime,
}

fn record(conn: &mut DbConn, line_id: &str, c: &Change<'_>) -> Result<(), ApiError> {
    let row = StatusRow {
        id: Uuid::now_v7().to_string(),
        line_id: line_id.to_owned(),
        status: c.status,
        actor_id: c.actor.map(str::to_owned),
        reason: c.reason.map(str::to_owned),
        reference: c.reference.map(str::to_owned),
        at: c.at,
    };
    diesel::insert_into(commission_status_history::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// Appends a line with its first status (and its entry in the status index).
pub fn append(conn: &mut DbConn, row: &LineRow, first: &Change<'_>) -> Result<(), ApiError> {
    diesel::insert_into(commission_lines::table)
        .values(row)
        .execute(conn)?;
    record(conn, &row.id, first)?;
    diesel::insert_into(commission_line_status::table)
        .values((
            commission_line_status::line_id.eq(&row.id),
            commission_line_status::status.eq(first.status),
            commission_line_status::updated_at.eq(first.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Appends a status change to an existing line and moves its status index to it.
pub fn set_status(conn: &mut DbConn, line_id: &str, change: &Change<'_>) -> Result<(), ApiError> {
    record(conn, line_id, change)?;
    diesel::update(commission_line_status::table.find(line_id))
        .set((
            commission_line_status::status.eq(change.status),
            commission_line_status::updated_at.eq(change.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Puts a line under dispute, remembering the status it returns to.
pub fn dispute(
    conn: &mut DbConn,
    line_id: &str,
    before: LineStatus,
    change: &Change<'_>,
) -> Result<(), ApiError> {
    record(conn, line_id, change)?;
    diesel::update(commission_line_status::table.find(line_id))
        .set((
            commission_line_status::status.eq(change.status),
            commission_line_status::before_dispute.eq(Some(before.as_str())),
            commission_line_status::updated_at.eq(change.at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The status a disputed line returns to.
pub fn before_dispute(conn: &mut DbConn, line_id: &str) -> Result<Option<LineStatus>, ApiError> {
    let text: Option<Option<String>> = commission_line_status::table
        .find(line_id)
        .select(commission_line_status::before_dispute)
        .first(conn)
        .optional()?;
    text.flatten()
        .map(|t| {
            t.parse()
                .map_err(|_| ApiError::internal(format!("line {line_id}: stored status {t:?}")))
        })
        .transpose()
}

/// One line, if it exists.
pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<LineRow>, ApiError> {
    Ok(commission_lines::table
        .find(id)
        .select(LineRow::as_select())
        .first(conn)
        .optional()?)
}

/// New-business revenue the rep had won in `period` before a deal won at `at` (lead `lead_id`),
/// deals ordered by won time then lead id; and how many closes that was.
pub fn won_before(
    conn: &mut DbConn,
    rep_id: &str,
    period: &str,
    at: NaiveDateTime,
    lead_id: &str,
) -> Result<(i64, i64), ApiError> {
    let earlier: Vec<i64> = commission_lines::table
        .filter(commission_lines::rep_id.eq(rep_id))
        .filter(commission_lines::period.eq(period))
        .filter(commission_lines::line_type.eq(LineType::NewBusiness))
        .filter(commission_lines::source_type.eq(LineSource::Lead))
        .filter(
            commission_lines::source_at
                .lt(at)
                .or(commission_lines::source_at
                    .eq(at)
                    .and(commission_lines::source_id.lt(lead_id))),
        )
        .select(commission_lines::base_minor)
        .load(conn)?;
    Ok((earlier.iter().sum(), earlier.len() as i64))
}

type ListRow = (LineRow, LineStatus, String);

/// Newest first, within the caller's scope.
pub fn list(
    conn: &mut DbConn,
    scope: &OwnerScope,
    me: Option<Uuid>,
    q: &CommissionListQuery,
    page: &PageRequest,
) -> Result<Page<CommissionLine>, ApiError> {
    if scope.is_nothing() {
        return Ok(Page::empty());
    }
    let mut query = commission_lines::table
        .inner_join(commission_line_status::table)
        .inner_join(users::table)
        .select((
            LineRow::as_select(),
            commission_line_status::status,
            users::name,
        ))
        .into_boxed();
    query = within_scope!(query, scope, commission_lines::rep_id);
    if let Some(rep) = q.rep.as_deref() {
        query = query.filter(commission_lines::rep_id.eq(parse_user_param("rep", rep, me)?));
    }
    if let Some(team) = q.team_id {
        query = query.filter(users::team_id.eq(team.to_string()));
    }
    if let Some(s) = q.status {
        query = query.filter(commission_line_status::status.eq(s));
    }
    if let Some(t) = q.line_type {
        query = query.filter(commission_lines::line_type.eq(t));
    }
    if let Some(p) = q.period {
        query = query.filter(commission_lines::period.eq(p.to_string()));
    }
    if let Some(s) = q.source_type {
        query = query.filter(commission_lines::source_type.eq(s));
    }
    let rows: Vec<ListRow> = keyset!(query, page, commission_lines::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    let mut pairs = Vec::with_capacity(rows.len());
    for (row, status, name) in rows {
        let dto = row.to_dto(status, &name)?;
        pairs.push((row, dto));
    }
    let mut page = page.finish(pairs, |(r, _)| vec![r.id.clone()], |(_, d)| d.clone());
    // The flags serve finance's approval queue; a rep's or a manager's list (the busiest read,
    // a phone's Commission tab) skips the two reads they cost.
    if matches!(scope, OwnerScope::All) {
        flag(conn, &mut page.items)?;
    }
    Ok(page)
}

/// Sets each line's `flags`, the exceptions the approval queue shows: a disputed line, a line of
/// a month the close capped, an amount (either sign) at or above the approval threshold. One
/// query for the page's capped months, by the (rep, period) index.
pub fn flag(conn: &mut DbConn, lines: &mut [CommissionLine]) -> Result<(), ApiError> {
    if lines.is_empty() {
        return Ok(());
    }
    let settings = crate::db::settings::get(conn)?;
    let threshold =
        crate::db::columns::money_of(settings.approval_threshold_minor, Some(&settings.currency));
    let reps: BTreeSet<String> = lines.iter().map(|l| l.rep_id.to_string()).collect();
    let periods: BTreeSet<String> = lines.iter().map(|l| l.period.to_string()).collect();
    let capped: HashSet<(String, String)> = commission_lines::table
        .filter(commission_lines::rep_id.eq_any(&reps))
        .filter(commission_lines::period.eq_any(&periods))
        .filter(commission_lines::line_type.eq(LineType::Cap))
        .select((commission_lines::rep_id, commission_lines::period))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    for line in lines {
        let month = (line.rep_id.to_string(), line.period.to_string());
        line.flags = LineFlag::ALL
            .iter()
            .copied()
            .filter(|f| match f {
                LineFlag::Disputed => line.status == LineStatus::Disputed,
                LineFlag::Capped => capped.contains(&month),
                LineFlag::AboveThreshold => threshold.as_ref().is_some_and(|t| {
                    t.currency == line.amount.currency && line.amount.amount.abs() >= t.amount
                }),
            })
            .collect();
    }
    Ok(())
}

/// One line with its history, if the caller's scope covers its rep.
pub fn detail(
    conn: &mut DbConn,
    scope: &OwnerScope,
    id: Uuid,
) -> Result<Option<CommissionLineDetail>, ApiError> {
    let found: Option<ListRow> = commission_lines::table
        .inner_join(commission_line_status::table)
        .inner_join(users::table)
        .filter(commission_lines::id.eq(id.to_string()))
        .select((
            LineRow::as_select(),
            commission_line_status::status,
            users::name,
        ))
        .first(conn)
        .optional()?;
    let Some((row, status, name)) = found.filter(|(r, _, _)| scope.covers(&r.rep_id)) else {
        return Ok(None);
    };
    let history: Vec<StatusRow> = commission_status_history::table
        .filter(commission_status_history::line_id.eq(&row.id))
        .order((commission_status_history::at, commission_status_history::id))
        .select(StatusRow::as_select())
        .load(conn)?;
    let mut line = [row.to_dto(status, &name)?];
    flag(conn, &mut line)?;
    let [line] = line;
    Ok(Some(CommissionLineDetail {
        line,
        history: history.iter().map(StatusRow::to_dto).collect(),
    }))
}

/// A paid entry of a line's history: (line id, payout reference, when).
pub type Paid = (String, Option<String>, NaiveDateTime);

/// When, and under which payout reference, each of `line_ids` was paid (lines never paid have
/// no entry). Read in chunks, so a rep's year of lines stays within every backend's limit on
/// bound parameters.
pub fn paid_entries(conn: &mut DbConn, line_ids: &[&str]) -> Result<Vec<Paid>, ApiError> {
    let mut out = Vec::new();
    for chunk in line_ids.chunks(500) {
        out.extend(
            commission_status_history::table
                .filter(commission_status_history::line_id.eq_any(chunk))
                .filter(commission_status_history::status.eq(LineStatus::Paid))
                .select((
                    commission_status_history::line_id,
                    commission_status_history::reference,
                    commission_status_history::at,
                ))
                .load::<Paid>(conn)?,
        );
    }
    Ok(out)
}

/// A line's current status, if the line exists.
pub fn status_of(conn: &mut DbConn, id: &str) -> Result<Option<LineStatus>, ApiError> {
    Ok(commission_line_status::table
        .find(id)
        .select(commission_line_status::status)
        .first(conn)
        .optional()?)
}
