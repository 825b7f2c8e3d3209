//! In-app notification rows.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::notifications::{Notification, NotificationKind};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, uuid_of as uuid};
use super::schema::notifications;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications)]
pub struct NotificationRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub user_id: String,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub created_at: NaiveDateTime,
    pub read_at: Option<NaiveDateTime>,
}

impl NotificationRow {
    pub fn new(
        user_id: &str,
        kind: NotificationKind,
        title: String,
        body: String,
        link: Option<String>,
        now: NaiveDateTime,
    ) -> Self {
        NotificationRow {
            id: Uuid::now_v7().to_string(),
            user_id: user_id.to_owned(),
            kind,
            title,
            body,
            link,
            created_at: now,
            read_at: None,
        }
    }

    pub fn to_dto(&self) -> Notification {
        Notification {
            id: uuid(&self.id),
            kind: self.kind,
            title: self.title.clone(),
            body: self.body.clone(),
            link: self.link.clone(),
            created_at: self.created_at.and_utc(),
            read_at: self.read_at.map(|t| t.and_utc()),
        }
    }
}

crate::db::insert_fn!(insert, NotificationRow, notifications);

/// The user's notification `id`, if it is theirs.
pub fn find_own(
    conn: &mut DbConn,
    user: &str,
    id: Uuid,
) -> Result<Option<NotificationRow>, ApiError> {
    Ok(notifications::table
        .filter(notifications::id.eq(id.to_string()))
        .filter(notifications::user_id.eq(user))
        .select(NotificationRow::as_select())
        .first(conn)
        .optional()?)
}

/// A page of the user's notifications, newest first.
pub fn list(
    conn: &mut DbConn,
    user: &str,
    unread_only: bool,
    page: &PageRequest,
) -> Result<Page<Notification>, ApiError> {
    let mut query = notifications::table
        .filter(notifications::user_id.eq(user.to_owned()))
        .select(NotificationRow::as_select())
        .into_boxed();
    if unread_only {
        query = query.filter(notifications::read_at.is_null());
    }
    let rows: Vec<NotificationRow> = keyset!(query, page, notifications::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], |r| r.to_dto()))
}

pub fn unread_count(conn: &mut DbConn, user: &str) -> Result<u32, ApiError> {
    let n: i64 = notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Marks the user's unread notifications read (one, or all when `id` is `None`); how many.
pub fn mark_read(
    conn: &mut DbConn,
    user: &str,
    id: Option<Uuid>,
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    let mut target = diesel::update(notifications::table)
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    if let Some(id) = id {
        target = target.filter(notifications::id.eq(id.to_string()));
    }
    Ok(target.set(notifications::read_at.eq(now)).execute(conn)?)
}
