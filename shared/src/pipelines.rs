//! Pipelines: ordered stages a lead moves through, each with a default win probability and a kind.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate;

crate::wire_enum! {
    /// Whether a stage is still in play or ends the pipeline. Every pipeline has exactly one
    /// `won` and one `lost` stage; `POST /leads/{id}/outcome` moves a lead into them.
    pub enum StageKind {
        Open = "open" => "Open",
        Won = "won" => "Won",
        Lost = "lost" => "Lost",
    }
}

/// The id of the built-in "Assisted sales" pipeline (seed 003), the default for new leads.
pub const ASSISTED_SALES_PIPELINE: &str = "00000000-0000-7000-8000-000000000001";
/// The id of the built-in "B2B wholesale" pipeline (seed 004).
pub const B2B_WHOLESALE_PIPELINE: &str = "00000000-0000-7000-8000-000000000002";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stage {
    pub id: Uuid,
    /// Stable machine key within the pipeline, e.g. `VISIT_SCHEDULED` or `demo_scheduled`.
    pub key: String,
    pub name: String,
    /// 0-based order within the pipeline.
    pub position: i32,
    /// Default win probability (0–100) a lead takes on entering the stage.
    pub probability: i32,
    pub kind: StageKind,
    /// The sales-lens stage an open lead here displays (see `sales_lens`).
    pub sales_stage: crate::leads::SalesStage,
    /// Leads currently in this stage.
    pub lead_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pipeline {
    pub id: Uuid,
    pub name: String,
    /// New leads without a `pipeline_id` go to the default pipeline.
    pub is_default: bool,
    /// Built-in pipelines can be renamed and their stages edited, but are always there.
    pub built_in: bool,
    /// Stages in order.
    pub stages: Vec<Stage>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One stage in an update request. With `id` it is an existing stage (renamed, moved,
/// re-weighted); without, a new one. Existing stages left out are deleted, which is refused
/// while leads are in them.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StageInput {
    #[serde(default)]
    #[garde(skip)]
    pub id: Option<Uuid>,
    /// Machine key: letters, digits and `_`; unique in the pipeline. Defaults from the name.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64), custom(validate::stage_key)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_]+$")
    )]
    pub key: Option<String>,
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[garde(range(min = 0, max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub probability: i32,
    #[garde(skip)]
    pub kind: StageKind,
}

/// One stage of a new pipeline (no ids yet).
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStage {
    /// Machine key: letters, digits and `_`; unique in the pipeline. Defaults from the name.
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = 64), custom(validate::stage_key)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_]+$")
    )]
    pub key: Option<String>,
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[garde(range(min = 0, max = 100))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100))]
    pub probability: i32,
    #[garde(skip)]
    pub kind: StageKind,
}

impl From<NewStage> for StageInput {
    fn from(s: NewStage) -> Self {
        StageInput {
            id: None,
            key: s.key,
            name: s.name,
            probability: s.probability,
            kind: s.kind,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreatePipelineRequest {
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    /// Make this the default pipeline for new leads.
    #[serde(default)]
    #[garde(skip)]
    pub is_default: bool,
    /// In order: at least one `open` stage, exactly one `won` and one `lost`, keys unique.
    #[garde(length(min = 3, max = 30), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 3, max_items = 30))]
    pub stages: Vec<NewStage>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePipelineRequest {
    /// The version being edited; a stale one is refused with 412 (or send `If-Match`).
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: Option<String>,
    /// `true` makes this the default; the previous default stops being it.
    #[serde(default)]
    #[garde(skip)]
    pub is_default: Option<bool>,
    /// The complete new stage list, in order (see `StageInput`): at least one `open` stage,
    /// exactly one `won` and one `lost`, keys unique.
    #[serde(default)]
    #[garde(length(min = 3, max = 30), dive)]
    #[cfg_attr(feature = "openapi", schema(min_items = 3, max_items = 30))]
    pub stages: Option<Vec<StageInput>>,
}

/// Checks the shape of a stage list: one `won`, one `lost`, at least one `open`, unique keys.
/// Returns field errors keyed `stages` / `stages[i].key`.
pub fn check_stage_list(stages: &[StageInput]) -> Vec<crate::FieldError> {
    let mut errors = Vec::new();
    if !(3..=30).contains(&stages.len()) {
        errors.push(crate::FieldError::new(
            "stages",
            "needs between 3 and 30 stages",
        ));
    }
    let count = |k: StageKind| stages.iter().filter(|s| s.kind == k).count();
    if count(StageKind::Open) == 0 {
        errors.push(crate::FieldError::new(
            "stages",
            "needs at least one open stage",
        ));
    }
    for kind in [StageKind::Won, StageKind::Lost] {
        if count(kind) != 1 {
            errors.push(crate::FieldError::new(
                "stages",
                format!("needs exactly one `{kind}` stage"),
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, s) in stages.iter().enumerate() {
        if !seen.insert(stage_key_of(s, i)) {
            errors.push(crate::FieldError::new(
                format!("stages[{i}].key"),
                "is used by another stage of this pipeline",
            ));
        }
    }
    errors
}

/// The key a stage input at `position` (0-based) will be stored under: its `key`, or one made
/// from its name; a name with no ASCII letter or digit (e.g. "—" or "Ω") gives `stage_<n>`, so a
/// stage never has an empty key.
pub fn stage_key_of(s: &StageInput, position: usize) -> String {
    if let Some(key) = &s.key {
        return key.clone();
    }
    let from_name = s
        .name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if from_name.is_empty() {
        format!("stage_{}", position + 1)
    } else {
        from_name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stage(name: &str, kind: StageKind) -> StageInput {
        StageInput {
            id: None,
            key: None,
            name: name.into(),
            probability: 10,
            kind,
        }
    }

    #[test]
    fn stage_lists_need_open_won_lost_and_unique_keys() {
        use StageKind::*;
        let table: &[(&[(&str, StageKind)], &[&str])] = &[
            (&[("New", Open), ("Won", Won), ("Lost", Lost)], &[]),
            (
                &[("Won", Won), ("Lost", Lost), ("X", Won)],
                &["stages", "stages"],
            ),
            (
                &[("New", Open), ("Won", Won), ("Won ", Lost)],
                &["stages[2].key"],
            ),
            (&[("New", Open), ("B", Open), ("Lost", Lost)], &["stages"]),
        ];
        for (stages, want) in table {
            let input: Vec<_> = stages.iter().map(|(n, k)| stage(n, *k)).collect();
            let got: Vec<_> = check_stage_list(&input)
                .into_iter()
                .map(|e| e.field)
                .collect();
            assert_eq!(got, *want, "{stages:?}");
        }
    }

    #[test]
    fn keys_are_made_from_names() {
        let table = [
            ("Demo scheduled", "demo_scheduled"),
            ("  Visit -- done!", "visit_done"),
            ("Négociation", "n_gociation"),
            ("Ω", "stage_3"),
            (" — ", "stage_3"),
        ];
        for (name, want) in table {
            assert_eq!(stage_key_of(&stage(name, StageKind::Open), 2), want);
        }
    }
}
