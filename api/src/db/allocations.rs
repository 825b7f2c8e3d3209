//! Allocation rows, reps' intake, the round-robin sequence, and the queries the engine and the
//! workload report read.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::allocation::{
    Allocation, AllocationListQuery, AllocationStatus, AllocationType, Availability, RepIntake,
    RuleStep,
};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptId, json_list, uuid_of as uuid};
use super::schema::{allocation_sequence, allocations, leads, rep_intake, users};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = allocations, treat_none_as_null = true)]
pub struct AllocationRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub rm_id: Option<String>,
    pub allocation_type: AllocationType,
    pub allocation_reason: String,
    pub priority: i32,
    pub status: AllocationStatus,
    pub allocated_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub first_action_at: Option<NaiveDateTime>,
    pub sla_deadline: NaiveDateTime,
    pub is_reassignment: bool,
    #[diesel(deserialize_as = StoredOptId)]
    pub previous_rm_id: Option<String>,
    pub reassignment_reason: Option<String>,
    pub rejection_reason: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub superseded_by: Option<String>,
    pub sequence: i64,
    pub trace: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub allocated_by: Option<String>,
    pub ended_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl AllocationRow {
    /// The stored trace. Closebook writes only traces it made, so one that does not read back
    /// is a corrupt row: a 500 naming it.
    pub fn trace(&self) -> Result<Vec<RuleStep>, ApiError> {
        serde_json::from_str(&self.trace).map_err(|e| {
            ApiError::internal(format!(
                "allocation {}: stored trace unreadable: {e}",
                self.id
            ))
        })
    }

    pub fn to_dto(
        &self,
        lead_company: String,
        rm_name: Option<String>,
    ) -> Result<Allocation, ApiError> {
        Ok(Allocation {
            id: uuid(&self.id),
            lead_id: uuid(&self.lead_id),
            lead_company,
            rm_id: self.rm_id.as_deref().map(uuid),
            rm_name,
            allocation_type: self.allocation_type,
            allocation_reason: self.allocation_reason.clone(),
            priority: self.priority.clamp(1, 5) as u8,
            status: self.status,
            allocated_at: self.allocated_at.and_utc(),
            accepted_at: self.accepted_at.map(|t| t.and_utc()),
            first_action_at: self.first_action_at.map(|t| t.and_utc()),
            sla_deadline: self.sla_deadline.and_utc(),
            is_reassignment: self.is_reassignment,
            previous_rm_id: self.previous_rm_id.as_deref().map(uuid),
            reassignment_reason: self.reassignment_reason.clone(),
            rejection_reason: self.rejection_reason.clone(),
            superseded_by: self.superseded_by.as_deref().map(uuid),
            allocated_by: self.allocated_by.as_deref().map(uuid),
            trace: self.trace()?,
            ended_at: self.ended_at.map(|t| t.and_utc()),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

crate::db::find_fn!(find, AllocationRow, allocations);
crate::db::insert_fn!(insert, AllocationRow, allocations);
super::versioned::versioned_row!(AllocationRow, allocations);

/// An allocation with its lead's company, its lead's territory and its rep's name.
pub type Joined = (AllocationRow, String, Option<String>, Option<String>);

/// The allocations joined to their lead's company and territory and their rep's name, boxed.
macro_rules! joined {
    () => {
        allocations::table
            .inner_join(leads::table.on(leads::id.eq(allocations::lead_id)))
            .left_join(users::table.on(allocations::rm_id.eq(users::id.nullable())))
            .select((
                AllocationRow::as_select(),
                leads::company,
                leads::territory_id,
                users::name.nullable(),
            ))
            .into_boxed()
    };
}

/// One allocation, joined.
pub fn find_joined(conn: &mut DbConn, id: Uuid) -> Result<Option<Joined>, ApiError> {
    Ok(joined!()
        .filter(allocations::id.eq(id.to_string()))
        .first(conn)
        .optional()?)
}

/// Whose allocations a list shows: every one, or those of these reps plus the overflow
/// allocations of leads lying in these territories.
pub enum Visible<'a> {
    All,
    Of {
        reps: &'a [String],
        pool: &'a [String],
    },
}

/// A page of allocations, newest first.
pub fn list(
    conn: &mut DbConn,
    visible: Visible<'_>,
    q: &AllocationListQuery,
    page: &PageRequest,
    now: NaiveDateTime,
) -> Result<Page<Joined>, ApiError> {
    let mut query = joined!();
    if let Visible::Of { reps, pool } = visible {
        query = query.filter(
            allocations::rm_id
                .eq_any(reps.to_vec())
                .or(allocations::rm_id
                    .is_null()
                    .and(leads::territory_id.eq_any(pool.to_vec()))),
        );
    }
    if let Some(s) = q.status {
        query = query.filter(allocations::status.eq(s));
    }
    if let Some(rm) = q.rm_id {
        query = query.filter(allocations::rm_id.eq(rm.to_string()));
    }
    if let Some(lead) = q.lead_id {
        query = query.filter(allocations::lead_id.eq(lead.to_string()));
    }
    if let Some(t) = q.allocation_type {
        query = query.filter(allocations::allocation_type.eq(t));
    }
    match q.overdue {
        Some(true) => {
            query = query
                .filter(allocations::status.eq(AllocationStatus::Pending))
                .filter(allocations::sla_deadline.lt(now));
        }
        Some(false) => {
            query = query.filter(
                allocations::status
                    .ne(AllocationStatus::Pending)
                    .or(allocations::sla_deadline.ge(now)),
            );
        }
        None => {}
    }
    let rows: Vec<Joined> = keyset!(query, page, allocations::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(rows, |r| vec![r.0.id.clone()], |r| r))
}

/// A rep's queue (pending, accepted, active), the nearest deadline first.
pub fn queue(conn: &mut DbConn, rm_id: &str) -> Result<Vec<Joined>, ApiError> {
    Ok(joined!()
        .filter(allocations::rm_id.eq(rm_id))
        .filter(allocations::status.eq_any(AllocationStatus::QUEUED))
        .order((allocations::sla_deadline.asc(), allocations::id.asc()))
        .load(conn)?)
}

/// The lead's live allocation, if any.
pub fn live_of(conn: &mut DbConn, lead_id: &str) -> Result<Option<AllocationRow>, ApiError> {
    Ok(allocations::table
        .filter(allocations::lead_id.eq(lead_id))
        .filter(allocations::status.eq_any(AllocationStatus::LIVE))
        .select(AllocationRow::as_select())
        .first(conn)
        .optional()?)
}

/// Reps that turned the lead down or let it lapse: the engine does not ask them again.
pub fn declined_by(conn: &mut DbConn, lead_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(allocations::table
        .filter(allocations::lead_id.eq(lead_id))
        .filter(allocations::status.eq_any([AllocationStatus::Rejected, AllocationStatus::Expired]))
        .filter(allocations::rm_id.is_not_null())
        .select(allocations::rm_id.assume_not_null())
        .load(conn)?)
}

/// Takes the next allocation sequence number. On PostgreSQL the row lock this takes holds
/// every other allocation until the transaction ends, so the queue counts and round-robin
/// positions read after it are current; SQLite has one writer anyway.
pub fn next_sequence(conn: &mut DbConn) -> Result<i64, ApiError> {
    Ok(diesel::update(allocation_sequence::table.find(1))
        .set(allocation_sequence::last.eq(allocation_sequence::last + 1))
        .returning(allocation_sequence::last)
        .get_result(conn)?)
}

/// How many pending, accepted and active allocations each of `reps` holds.
pub fn queue_depths(conn: &mut DbConn, reps: &[String]) -> Result<HashMap<String, u32>, ApiError> {
    let rows: Vec<(Option<String>, i64)> = allocations::table
        .filter(allocations::rm_id.eq_any(reps.to_vec()))
        .filter(allocations::status.eq_any(AllocationStatus::QUEUED))
        .group_by(allocations::rm_id)
        .select((allocations::rm_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(rep, n)| rep.map(|r| (r, u32::try_from(n).unwrap_or(u32::MAX))))
        .collect())
}

/// (rep, pending, overdue) for `reps`.
pub fn pending_counts(
    conn: &mut DbConn,
    reps: &[String],
    now: NaiveDateTime,
) -> Result<HashMap<String, (u32, u32)>, ApiError> {
    let rows: Vec<(Option<String>, NaiveDateTime)> = allocations::table
        .filter(allocations::rm_id.eq_any(reps.to_vec()))
        .filter(allocations::status.eq(AllocationStatus::Pending))
        .select((allocations::rm_id, allocations::sla_deadline))
        .load(conn)?;
    let mut out: HashMap<String, (u32, u32)> = HashMap::new();
    for (rep, deadline) in rows {
        if let Some(rep) = rep {
            let e = out.entry(rep).or_default();
            e.0 += 1;
            if deadline < now {
                e.1 += 1;
            }
        }
    }
    Ok(out)
}

/// Overflow allocations (no rep) of leads lying in `pool` (`None`: anywhere).
pub fn overflow_count(conn: &mut DbConn, pool: Option<&[String]>) -> Result<u32, ApiError> {
    let mut query = allocations::table
        .inner_join(leads::table.on(leads::id.eq(allocations::lead_id)))
        .filter(allocations::status.eq(AllocationStatus::Escalated))
        .into_boxed();
    if let Some(pool) = pool {
        query = query.filter(leads::territory_id.eq_any(pool.to_vec()));
    }
    let n: i64 = query.count().get_result(conn)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Pending allocations past their deadline with no action, oldest deadline first.
pub fn lapsed(
    conn: &mut DbConn,
    now: NaiveDateTime,
    limit: i64,
) -> Result<Vec<AllocationRow>, ApiError> {
    Ok(allocations::table
        .filter(allocations::status.eq(AllocationStatus::Pending))
        .filter(allocations::sla_deadline.lt(now))
        .filter(allocations::first_action_at.is_null())
        .order((allocations::sla_deadline.asc(), allocations::id.asc()))
        .limit(limit)
        .select(AllocationRow::as_select())
        .load(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = rep_intake, primary_key(user_id), treat_none_as_null = true)]
pub struct IntakeRow {
    #[diesel(deserialize_as = StoredId)]
    pub user_id: String,
    pub availability: Availability,
    pub intake_paused: bool,
    pub capacity: Option<i32>,
    pub skills: String,
    pub last_allocated: Option<i64>,
    pub version: i64,
    pub updated_at: NaiveDateTime,
}

impl IntakeRow {
    /// A rep's intake before anyone set it: available, no skills, never allocated.
    pub fn default_for(user_id: &str, now: NaiveDateTime) -> Self {
        IntakeRow {
            user_id: user_id.to_owned(),
            availability: Availability::Available,
            intake_paused: false,
            capacity: None,
            skills: "[]".into(),
            last_allocated: None,
            version: 0,
            updated_at: now,
        }
    }

    pub fn skills(&self) -> Vec<String> {
        json_list(&self.skills)
    }

    pub fn to_dto(&self, user_name: String) -> RepIntake {
        RepIntake {
            user_id: uuid(&self.user_id),
            user_name,
            availability: self.availability,
            intake_paused: self.intake_paused,
            capacity: self.capacity.map(|c| c.max(0) as u32),
            skills: self.skills(),
            version: self.version,
            updated_at: self.updated_at.and_utc(),
        }
    }
}

/// The stored intake of `reps` (reps without a row are absent).
pub fn intakes(conn: &mut DbConn, reps: &[String]) -> Result<HashMap<String, IntakeRow>, ApiError> {
    let rows: Vec<IntakeRow> = rep_intake::table
        .filter(rep_intake::user_id.eq_any(reps.to_vec()))
        .select(IntakeRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.user_id.clone(), r)).collect())
}

/// Writes a rep's intake: inserted at version 1 the first time, else saved over `read_at`
/// (a concurrent change is a 412).
pub fn save_intake(
    conn: &mut DbConn,
    row: &mut IntakeRow,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let read_at = row.version;
    row.version = read_at + 1;
    row.updated_at = now;
    if read_at == 0 {
        diesel::insert_into(rep_intake::table)
            .values(&*row)
            .execute(conn)?;
        return Ok(());
    }
    let target = rep_intake::table
        .filter(rep_intake::user_id.eq(&row.user_id))
        .filter(rep_intake::version.eq(read_at));
    if diesel::update(target).set(&*row).execute(conn)? == 1 {
        Ok(())
    } else {
        Err(crate::concurrency::lost_race())
    }
}

/// Moves a rep's round-robin position to `sequence` (creating its intake row if needed).
pub fn mark_allocated(
    conn: &mut DbConn,
    rep: &str,
    sequence: i64,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let moved = diesel::update(rep_intake::table.find(rep))
        .set(rep_intake::last_allocated.eq(sequence))
        .execute(conn)?;
    if moved == 0 {
        let mut row = IntakeRow::default_for(rep, now);
        row.last_allocated = Some(sequence);
        row.version = 1;
        diesel::insert_into(rep_intake::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}
