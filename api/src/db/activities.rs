//! Activity, private note and relationship-touch rows.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::activities::{
    Activity, ActivityKind, ActivityOutcome, Note, Touch, TouchKind,
};
use diesel::prelude::*;

use super::DbConn;
use super::columns::from_e6;
use super::columns::{StoredId, StoredOptId, uuid_of as uuid};
use super::schema::{activities, lead_notes, leads, touches};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, parse_ts_key, ts_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = activities)]
pub struct ActivityRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub user_id: Option<String>,
    pub kind: ActivityKind,
    pub subject: Option<String>,
    pub notes: Option<String>,
    pub outcome: Option<ActivityOutcome>,
    pub duration_minutes: Option<i32>,
    pub scheduled_at: Option<NaiveDateTime>,
    pub completed_at: Option<NaiveDateTime>,
    pub at: NaiveDateTime,
    pub follow_up_at: Option<NaiveDateTime>,
    pub follow_up_note: Option<String>,
    pub location: Option<String>,
    pub latitude_e6: Option<i64>,
    pub longitude_e6: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl ActivityRow {
    /// A generated activity (seed data): done by `user` on `lead` at `at`, nothing else set.
    pub fn generated(lead_id: &str, user_id: &str, kind: ActivityKind, at: NaiveDateTime) -> Self {
        Self {
            id: uuid::Uuid::now_v7().to_string(),
            lead_id: lead_id.to_owned(),
            user_id: Some(user_id.to_owned()),
            kind,
            subject: None,
            notes: None,
            outcome: None,
            duration_minutes: None,
            scheduled_at: None,
            completed_at: Some(at),
            at,
            follow_up_at: None,
            follow_up_note: None,
            location: None,
            latitude_e6: None,
            longitude_e6: None,
            created_at: at,
        }
    }

    pub fn to_dto(&self, company: &str, contact_name: Option<&str>) -> Activity {
        Activity {
            id: uuid(&self.id),
            lead_id: uuid(&self.lead_id),
            company: company.to_owned(),
            contact_name: contact_name.map(str::to_owned),
            user_id: self.user_id.as_deref().map(uuid),
            kind: self.kind,
            subject: self.subject.clone(),
            notes: self.notes.clone(),
            outcome: self.outcome,
            duration_minutes: self.duration_minutes,
            scheduled_at: self.scheduled_at.map(|t| t.and_utc()),
            completed_at: self.completed_at.map(|t| t.and_utc()),
            follow_up_at: self.follow_up_at.map(|t| t.and_utc()),
            follow_up_note: self.follow_up_note.clone(),
            location: self.location.clone(),
            latitude: self.latitude_e6.map(from_e6),
            longitude: self.longitude_e6.map(from_e6),
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::find_fn!(find, ActivityRow, activities);

crate::db::insert_fn!(insert, ActivityRow, activities);

/// Completed contact activities on a lead since `since` (engagement for the score).
pub fn recent_contacts(
    conn: &mut DbConn,
    lead_id: &str,
    since: NaiveDateTime,
) -> Result<i64, ApiError> {
    let contact_kinds: Vec<&str> = ActivityKind::ALL
        .iter()
        .filter(|k| k.is_contact())
        .map(|k| k.as_str())
        .collect();
    Ok(activities::table
        .filter(activities::lead_id.eq(lead_id))
        .filter(activities::kind.eq_any(contact_kinds))
        .filter(activities::completed_at.ge(since))
        .count()
        .get_result(conn)?)
}

/// Newest first, optionally only some kinds.
pub fn for_lead(
    conn: &mut DbConn,
    lead_id: &str,
    kinds: Option<&[String]>,
    page: &PageRequest,
) -> Result<Vec<ActivityRow>, ApiError> {
    let mut q = activities::table
        .filter(activities::lead_id.eq(lead_id))
        .select(ActivityRow::as_select())
        .into_boxed();
    if let Some(k) = kinds {
        q = q.filter(activities::kind.eq_any(k.to_vec()));
    }
    Ok(
        keyset!(q, page, activities::at, parse_ts_key, activities::id, desc)
            .limit(page.fetch())
            .load(conn)?,
    )
}

/// One user's activities with `at` in `[from, to)`, in time order.
pub fn schedule(
    conn: &mut DbConn,
    user_id: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
    page: &PageRequest,
) -> Result<Vec<ActivityRow>, ApiError> {
    let q = activities::table
        .filter(activities::user_id.eq(user_id))
        .filter(activities::at.ge(from))
        .filter(activities::at.lt(to))
        .select(ActivityRow::as_select())
        .into_boxed();
    Ok(
        keyset!(q, page, activities::at, parse_ts_key, activities::id, asc)
            .limit(page.fetch())
            .load(conn)?,
    )
}

/// Company and contact of each lead, for activity lists.
pub fn lead_labels(
    conn: &mut DbConn,
    ids: &[String],
) -> Result<Vec<(String, String, Option<String>)>, ApiError> {
    Ok(leads::table
        .filter(leads::id.eq_any(ids))
        .select((leads::id, leads::company, leads::contact_name))
        .load(conn)?)
}

/// Cuts the fetched rows to a page, naming each activity's lead (one query for the page).
pub fn page_of(
    conn: &mut DbConn,
    page: &PageRequest,
    rows: Vec<ActivityRow>,
) -> Result<Page<Activity>, ApiError> {
    let mut ids: Vec<String> = rows.iter().map(|r| r.lead_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let labels = lead_labels(conn, &ids)?;
    Ok(page.finish(
        rows,
        |r| vec![ts_key(r.at), r.id.clone()],
        |r| {
            let (company, contact) = labels
                .iter()
                .find(|(id, _, _)| *id == r.lead_id)
                .map_or(("", None), |(_, c, n)| (c.as_str(), n.as_deref()));
            r.to_dto(company, contact)
        },
    ))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lead_notes)]
pub struct NoteRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub author_id: Option<String>,
    pub body: String,
    pub created_at: NaiveDateTime,
}

impl NoteRow {
    pub fn to_dto(&self) -> Note {
        Note {
            id: uuid(&self.id),
            lead_id: uuid(&self.lead_id),
            author_id: self.author_id.as_deref().map(uuid),
            body: self.body.clone(),
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::find_fn!(find_note, NoteRow, lead_notes);

crate::db::insert_fn!(insert_note, NoteRow, lead_notes);

/// Newest first; `author` of `None` means every author's notes (admins).
pub fn notes(
    conn: &mut DbConn,
    lead_id: &str,
    author: Option<&str>,
    page: &PageRequest,
) -> Result<Page<Note>, ApiError> {
    let mut q = lead_notes::table
        .filter(lead_notes::lead_id.eq(lead_id))
        .select(NoteRow::as_select())
        .into_boxed();
    if let Some(a) = author {
        q = q.filter(lead_notes::author_id.eq(a.to_owned()));
    }
    let rows: Vec<NoteRow> = keyset!(q, page, lead_notes::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], |r| r.to_dto()))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = touches)]
pub struct TouchRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    #[diesel(deserialize_as = StoredOptId)]
    pub user_id: Option<String>,
    pub kind: TouchKind,
    pub notes: Option<String>,
    pub created_at: NaiveDateTime,
}

impl TouchRow {
    pub fn to_dto(&self) -> Touch {
        Touch {
            id: uuid(&self.id),
            lead_id: uuid(&self.lead_id),
            user_id: self.user_id.as_deref().map(uuid),
            kind: self.kind,
            notes: self.notes.clone(),
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::find_fn!(find_touch, TouchRow, touches);

crate::db::insert_fn!(insert_touch, TouchRow, touches);

/// Newest first.
pub fn touches(
    conn: &mut DbConn,
    lead_id: &str,
    page: &PageRequest,
) -> Result<Page<Touch>, ApiError> {
    let q = touches::table
        .filter(touches::lead_id.eq(lead_id))
        .select(TouchRow::as_select())
        .into_boxed();
    let rows: Vec<TouchRow> = keyset!(q, page, touches::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], |r| r.to_dto()))
}
