//! Pipeline and stage rows.

use chrono::NaiveDateTime;
use closebook_shared::leads::SalesStage;
use closebook_shared::pipelines::{Pipeline, Stage, StageKind};
use closebook_shared::sales_lens;
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::StoredId;
use super::schema::{leads, pipeline_stages, pipelines};
use crate::error::ApiError;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = pipelines, treat_none_as_null = true)]
pub struct PipelineRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub name: String,
    pub name_key: String,
    pub is_default: bool,
    pub built_in: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = pipeline_stages, treat_none_as_null = true)]
pub struct StageRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub pipeline_id: String,
    pub stage_key: String,
    pub name: String,
    pub position: i32,
    pub probability: i32,
    pub kind: StageKind,
    pub created_at: NaiveDateTime,
}

impl StageRow {
    pub fn kind(&self) -> StageKind {
        self.kind
    }
}

/// A pipeline's stages in order, with what a lead in each needs to know.
#[derive(Debug, Clone)]
pub struct StageSet {
    pub stages: Vec<StageRow>,
}

impl StageSet {
    pub fn get(&self, id: &str) -> Option<&StageRow> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn of_kind(&self, kind: StageKind) -> Option<&StageRow> {
        self.stages.iter().find(|s| s.kind() == kind)
    }

    pub fn first_open(&self) -> Option<&StageRow> {
        self.of_kind(StageKind::Open)
    }

    /// The sales-lens stage of an open stage, from its place among the open stages.
    pub fn lens(&self, stage_id: &str) -> SalesStage {
        let open: Vec<&StageRow> = self
            .stages
            .iter()
            .filter(|s| s.kind() == StageKind::Open)
            .collect();
        let index = open.iter().position(|s| s.id == stage_id).unwrap_or(0);
        sales_lens::lens_for_position(index, open.len())
    }
}

pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl PipelineRow {
    pub fn to_dto(&self, set: &StageSet, counts: &[(String, i64)]) -> Pipeline {
        Pipeline {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            name: self.name.clone(),
            is_default: self.is_default,
            built_in: self.built_in,
            stages: set
                .stages
                .iter()
                .map(|s| Stage {
                    id: Uuid::parse_str(&s.id).unwrap_or_default(),
                    key: s.stage_key.clone(),
                    name: s.name.clone(),
                    position: s.position,
                    probability: s.probability,
                    kind: s.kind(),
                    sales_stage: set.lens(&s.id),
                    lead_count: counts
                        .iter()
                        .find(|(id, _)| *id == s.id)
                        .map_or(0, |(_, n)| *n),
                })
                .collect(),
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<PipelineRow>, ApiError> {
    Ok(super::native!(conn, |c| pipelines::table
        .find(id)
        .select(PipelineRow::as_select())
        .first(c)
        .optional())?)
}

pub fn default_pipeline(conn: &mut DbConn) -> Result<Option<PipelineRow>, ApiError> {
    Ok(super::native!(conn, |c| pipelines::table
        .filter(pipelines::is_default.eq(true))
        .select(PipelineRow::as_select())
        .first(c)
        .optional())?)
}

pub fn all(conn: &mut DbConn) -> Result<Vec<PipelineRow>, ApiError> {
    Ok(pipelines::table
        .select(PipelineRow::as_select())
        .order((pipelines::name.asc(), pipelines::id.asc()))
        .load(conn)?)
}

pub fn stages(conn: &mut DbConn, pipeline_id: &str) -> Result<StageSet, ApiError> {
    Ok(StageSet {
        stages: super::native!(conn, |c| pipeline_stages::table
            .filter(pipeline_stages::pipeline_id.eq(pipeline_id))
            .select(StageRow::as_select())
            .order(pipeline_stages::position.asc())
            .load(c))?,
    })
}

/// Leads per stage of one pipeline.
pub fn lead_counts(conn: &mut DbConn, pipeline_id: &str) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(leads::table
        .filter(leads::pipeline_id.eq(pipeline_id))
        .group_by(leads::stage_id)
        .select((leads::stage_id, diesel::dsl::count_star()))
        .load(conn)?)
}

pub fn name_taken(conn: &mut DbConn, name: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let holders: Vec<String> = pipelines::table
        .filter(pipelines::name_key.eq(name_key(name)))
        .select(pipelines::id)
        .load(conn)?;
    Ok(holders.iter().any(|id| Some(id.as_str()) != except))
}

crate::db::insert_fn!(insert, PipelineRow, pipelines);

super::versioned::versioned_row!(PipelineRow, pipelines);

/// Only one pipeline is the default.
pub fn clear_default_except(conn: &mut DbConn, id: &str) -> Result<(), ApiError> {
    diesel::update(pipelines::table.filter(pipelines::id.ne(id)))
        .set(pipelines::is_default.eq(false))
        .execute(conn)?;
    Ok(())
}

crate::db::insert_fn!(insert_stage, StageRow, pipeline_stages);

pub fn update_stage(conn: &mut DbConn, row: &StageRow) -> Result<(), ApiError> {
    diesel::update(pipeline_stages::table.find(&row.id))
        .set(row)
        .execute(conn)?;
    Ok(())
}

pub fn delete_stage(conn: &mut DbConn, id: &str) -> Result<(), ApiError> {
    diesel::delete(pipeline_stages::table.find(id)).execute(conn)?;
    Ok(())
}

pub fn stage_has_leads(conn: &mut DbConn, id: &str) -> Result<bool, ApiError> {
    Ok(diesel::select(diesel::dsl::exists(
        leads::table.filter(leads::stage_id.eq(id)),
    ))
    .get_result(conn)?)
}
