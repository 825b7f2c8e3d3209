//! Lead history: stage, owner and outcome changes with actor and time.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::leads::{HistoryKind, LeadHistoryEntry, Outcome};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptId};
use super::pipelines;
use super::schema::lead_history;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = lead_history)]
pub struct HistoryRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    pub kind: HistoryKind,
    #[diesel(deserialize_as = StoredOptId)]
    pub from_stage_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub to_stage_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub from_owner_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub to_owner_id: Option<String>,
    pub outcome: Option<Outcome>,
    pub note: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub actor_id: Option<String>,
    pub at: NaiveDateTime,
}

impl HistoryRow {
    pub fn new(lead_id: &str, kind: HistoryKind, actor: Option<Uuid>, at: NaiveDateTime) -> Self {
        Self {
            id: Uuid::now_v7().to_string(),
            lead_id: lead_id.to_owned(),
            kind,
            from_stage_id: None,
            to_stage_id: None,
            from_owner_id: None,
            to_owner_id: None,
            outcome: None,
            note: None,
            actor_id: actor.map(|a| a.to_string()),
            at,
        }
    }
}

crate::db::insert_fn!(insert, HistoryRow, lead_history);

/// Oldest first.
pub fn list(
    conn: &mut DbConn,
    lead_id: &str,
    pipeline_id: &str,
    page: &PageRequest,
) -> Result<Page<LeadHistoryEntry>, ApiError> {
    let q = lead_history::table
        .filter(lead_history::lead_id.eq(lead_id))
        .select(HistoryRow::as_select())
        .into_boxed();
    let rows: Vec<HistoryRow> = keyset!(q, page, lead_history::id, asc)
        .limit(page.fetch())
        .load(conn)?;
    let stages = pipelines::stages(conn, pipeline_id)?;
    let actors: Vec<String> = rows.iter().filter_map(|r| r.actor_id.clone()).collect();
    let names = super::users::names(conn, &actors)?;
    let stage_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| stages.get(i))
            .map(|s| s.name.clone())
    };
    let uuid = |s: &Option<String>| s.as_deref().and_then(|s| Uuid::parse_str(s).ok());
    Ok(page.finish(
        rows,
        |r| vec![r.id.clone()],
        |r| LeadHistoryEntry {
            id: Uuid::parse_str(&r.id).unwrap_or_default(),
            kind: r.kind,
            from_stage_name: stage_name(&r.from_stage_id),
            to_stage_name: stage_name(&r.to_stage_id),
            from_stage_id: uuid(&r.from_stage_id),
            to_stage_id: uuid(&r.to_stage_id),
            from_owner_id: uuid(&r.from_owner_id),
            to_owner_id: uuid(&r.to_owner_id),
            outcome: r.outcome,
            note: r.note.clone(),
            actor_name: r
                .actor_id
                .as_deref()
                .and_then(|a| names.iter().find(|(id, _)| id == a))
                .map(|(_, n)| n.clone()),
            actor_id: uuid(&r.actor_id),
            at: r.at.and_utc(),
        },
    ))
}
