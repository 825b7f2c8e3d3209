//! Creating pipelines and editing their stages.

use closebook_shared::ErrorCode;
use closebook_shared::pipelines::{
    CreatePipelineRequest, Pipeline, StageInput, UpdatePipelineRequest, check_stage_list,
    stage_key_of,
};
use uuid::Uuid;

use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::pipelines::{self as rows, PipelineRow, StageRow};
use crate::db::versioned;
use crate::error::ApiError;
use crate::{concurrency, time};

fn name_conflict() -> ApiError {
    ApiError::new(
        ErrorCode::Conflict,
        "a pipeline with this name already exists",
    )
    .on_field("name", "is already used by another pipeline")
}

pub fn load(conn: &mut DbConn, id: &str) -> Result<Option<Pipeline>, ApiError> {
    rows::find(conn, id)?
        .map(|row| with_stages(conn, &row))
        .transpose()
}

/// The pipeline with its stages and their lead counts.
pub fn with_stages(conn: &mut DbConn, row: &PipelineRow) -> Result<Pipeline, ApiError> {
    let set = rows::stages(conn, &row.id)?;
    let counts = rows::lead_counts(conn, &row.id)?;
    Ok(row.to_dto(&set, &counts))
}

fn check_stages(stages: &[StageInput]) -> Result<(), ApiError> {
    let errors = check_stage_list(stages);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

pub fn create(
    conn: &mut DbConn,
    actor: &Actor,
    req: CreatePipelineRequest,
) -> Result<Pipeline, ApiError> {
    let stages: Vec<StageInput> = req.stages.into_iter().map(StageInput::from).collect();
    check_stages(&stages)?;
    if rows::name_taken(conn, &req.name, None)? {
        return Err(name_conflict());
    }
    let now = time::now();
    let row = PipelineRow {
        id: Uuid::now_v7().to_string(),
        name: req.name.trim().to_owned(),
        name_key: rows::name_key(&req.name),
        is_default: req.is_default,
        built_in: false,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    if row.is_default {
        rows::clear_default_except(conn, &row.id)?;
    }
    for (i, s) in stages.iter().enumerate() {
        rows::insert_stage(conn, &new_stage(&row.id, i, s, now))?;
    }
    let dto = load(conn, &row.id)?.ok_or_else(|| ApiError::internal("pipeline vanished"))?;
    audit::record_after(conn, actor, "pipeline.create", "pipeline", &row.id, &dto)?;
    Ok(dto)
}

fn new_stage(pipeline_id: &str, i: usize, s: &StageInput, now: chrono::NaiveDateTime) -> StageRow {
    StageRow {
        id: Uuid::now_v7().to_string(),
        pipeline_id: pipeline_id.to_owned(),
        stage_key: stage_key_of(s, i),
        name: s.name.trim().to_owned(),
        position: i32::try_from(i).unwrap_or(i32::MAX),
        probability: s.probability,
        kind: s.kind,
        created_at: now,
    }
}

pub fn update(
    conn: &mut DbConn,
    actor: &Actor,
    id: &str,
    patch: UpdatePipelineRequest,
    expected: Option<i64>,
) -> Result<Pipeline, ApiError> {
    let before_row = rows::find(conn, id)?.ok_or_else(|| ApiError::not_found("pipeline"))?;
    concurrency::check(expected, before_row.version)?;
    let before = load(conn, id)?.ok_or_else(|| ApiError::not_found("pipeline"))?;
    let mut row = before_row.clone();
    if let Some(name) = &patch.name {
        if rows::name_taken(conn, name, Some(id))? {
            return Err(name_conflict());
        }
        row.name = name.trim().to_owned();
        row.name_key = rows::name_key(name);
    }
    match patch.is_default {
        Some(true) => row.is_default = true,
        Some(false) if before_row.is_default => {
            // The value is fine; this pipeline's state is what refuses it.
            return Err(ApiError::conflict(
                "the default pipeline stays the default until another is made the default",
            )
            .on_field("is_default", "make another pipeline the default instead"));
        }
        _ => {}
    }
    let now = time::now();
    versioned::save(conn, &mut row, before_row.version, now)?;
    if row.is_default {
        rows::clear_default_except(conn, id)?;
    }
    if let Some(stages) = &patch.stages {
        replace_stages(conn, id, stages, now)?;
    }
    let after = load(conn, id)?.ok_or_else(|| ApiError::not_found("pipeline"))?;
    audit::record(
        conn,
        actor,
        "pipeline.update",
        "pipeline",
        Some(id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// Applies a complete stage list: existing stages (by id) are renamed, re-keyed, moved and
/// re-weighted; new ones added; left-out ones deleted unless leads are in them. A stage cannot
/// change kind while leads are in it (their outcome would no longer match).
fn replace_stages(
    conn: &mut DbConn,
    pipeline_id: &str,
    stages: &[StageInput],
    now: chrono::NaiveDateTime,
) -> Result<(), ApiError> {
    check_stages(stages)?;
    let current = rows::stages(conn, pipeline_id)?;
    // A stage id names a record (409 `invalid_reference` when it is not one of this pipeline's);
    // a kind change refused because of the leads in a stage is a conflict with that state.
    for (i, s) in stages.iter().enumerate() {
        let Some(sid) = s.id else { continue };
        match current.get(&sid.to_string()) {
            None => {
                return Err(ApiError::reference(
                    format!("stages[{i}].id"),
                    "is not a stage of this pipeline",
                ));
            }
            Some(old) if old.kind() != s.kind && rows::stage_has_leads(conn, &old.id)? => {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    format!(
                        "stage `{}` has leads in it; its kind cannot change",
                        old.name
                    ),
                )
                .on_field(
                    format!("stages[{i}].kind"),
                    "cannot change while leads are in this stage",
                ));
            }
            Some(_) => {}
        }
    }
    let (kept, dropped): (Vec<&StageRow>, Vec<&StageRow>) =
        current.stages.iter().partition(|old| {
            stages
                .iter()
                .any(|s| s.id.is_some_and(|u| u.to_string() == old.id))
        });
    for old in &dropped {
        if rows::stage_has_leads(conn, &old.id)? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("stage `{}` has leads in it and cannot be deleted", old.name),
            )
            .on_field(
                "stages",
                format!("must keep `{}`: leads are in it", old.stage_key),
            ));
        }
    }
    for old in &dropped {
        rows::delete_stage(conn, &old.id)?;
    }
    // Keys are unique per pipeline: park the kept stages on temporary keys first so that
    // swapping two keys does not collide half-way.
    for old in &kept {
        let mut parked = (*old).clone();
        parked.stage_key = format!("~{}", old.id);
        rows::update_stage(conn, &parked)?;
    }
    for (i, s) in stages.iter().enumerate() {
        let mut row = new_stage(pipeline_id, i, s, now);
        match s.id.and_then(|u| current.get(&u.to_string())) {
            Some(old) => {
                row.id.clone_from(&old.id);
                row.created_at = old.created_at;
                rows::update_stage(conn, &row)?;
            }
            None => rows::insert_stage(conn, &row)?,
        }
    }
    Ok(())
}
