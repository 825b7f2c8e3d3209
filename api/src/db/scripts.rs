//! Script library rows.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::leads::SalesStage;
use closebook_shared::scripts::{Script, ScriptKind, ScriptListQuery};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptId};
use super::schema::scripts;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = scripts, treat_none_as_null = true)]
pub struct ScriptRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub slug: String,
    pub sales_stage: SalesStage,
    pub kind: ScriptKind,
    pub title: String,
    pub subject: Option<String>,
    pub body: String,
    pub active: bool,
    #[diesel(deserialize_as = StoredOptId)]
    pub created_by: Option<String>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ScriptRow {
    pub fn to_dto(&self) -> Script {
        Script {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            slug: self.slug.clone(),
            sales_stage: self.sales_stage,
            kind: self.kind,
            title: self.title.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            active: self.active,
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<ScriptRow>, ApiError> {
    Ok(scripts::table
        .find(id)
        .select(ScriptRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn slug_taken(conn: &mut DbConn, slug: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        scripts::table.filter(scripts::slug.eq(slug)),
    ))
    .get_result(conn)?)
}

crate::db::insert_fn!(insert, ScriptRow, scripts);

super::versioned::versioned_row!(ScriptRow, scripts);

/// Sorted by sales stage, then title.
pub fn list(
    conn: &mut DbConn,
    q: &ScriptListQuery,
    page: &PageRequest,
) -> Result<Page<Script>, ApiError> {
    let mut query = scripts::table.select(ScriptRow::as_select()).into_boxed();
    if let Some(s) = q.sales_stage {
        query = query.filter(scripts::sales_stage.eq(s.as_str()));
    }
    if let Some(k) = q.kind {
        query = query.filter(scripts::kind.eq(k.as_str()));
    }
    if q.include_inactive != Some(true) {
        query = query.filter(scripts::active.eq(true));
    }
    let rows: Vec<ScriptRow> = keyset!(query, page, scripts::title, text_key, scripts::id, asc)
        .limit(page.fetch())
        .load(conn)?;
    Ok(page.finish(
        rows,
        |r| vec![r.title.clone(), r.id.clone()],
        |r| r.to_dto(),
    ))
}
