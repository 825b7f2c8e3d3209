//! Script and email-template library by sales stage, with merge fields. Templates only: a
//! human copies, edits and sends; nothing is ever sent automatically (seed 001 §12).

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::leads::SalesStage;
use crate::validate;

crate::wire_enum! {
    pub enum ScriptKind {
        Script = "script" => "Call script",
        Email = "email" => "Email template",
        Message = "message" => "Message",
    }
}

/// The merge fields a template may use, written `{{name}}`.
pub const MERGE_FIELDS: &[(&str, &str)] = &[
    ("contact_name", "The lead's contact name"),
    ("contact_first_name", "The first word of the contact name"),
    ("company", "The lead's company"),
    ("contact_title", "The contact's title"),
    ("next_action", "The lead's next action"),
    ("stage", "The lead's pipeline stage"),
    ("rep_name", "The rep's name"),
    ("rep_email", "The rep's email"),
    ("rep_phone", "The rep's phone"),
    (
        "rep_signature",
        "Name, title, phone and email on separate lines",
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Script {
    pub id: Uuid,
    /// Unique, e.g. `first_follow_up_email`.
    pub slug: String,
    pub sales_stage: SalesStage,
    pub kind: ScriptKind,
    pub title: String,
    /// Email subject (templates of kind `email`).
    pub subject: Option<String>,
    pub body: String,
    /// Inactive scripts stay for history but are not offered.
    pub active: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateScriptRequest {
    #[garde(length(chars, min = 1, max = 64), custom(validate::stage_key))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9_]+$")
    )]
    pub slug: String,
    #[garde(skip)]
    pub sales_stage: SalesStage,
    #[garde(skip)]
    pub kind: ScriptKind,
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub title: String,
    #[serde(default)]
    #[garde(inner(length(chars, max = 300), custom(merge_fields_known)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub subject: Option<String>,
    #[garde(
        length(chars, min = 1, max = 20_000),
        custom(validate::not_blank),
        custom(merge_fields_known)
    )]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 20000, pattern = r"\S")
    )]
    pub body: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateScriptRequest {
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(skip)]
    pub sales_stage: Option<SalesStage>,
    #[serde(default)]
    #[garde(skip)]
    pub kind: Option<ScriptKind>,
    #[serde(default)]
    #[garde(inner(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(inner(inner(length(chars, max = 300), custom(merge_fields_known))))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub subject: Option<Option<String>>,
    #[serde(default)]
    #[garde(inner(
        length(chars, min = 1, max = 20_000),
        custom(validate::not_blank),
        custom(merge_fields_known)
    ))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 20000, pattern = r"\S")
    )]
    pub body: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScriptListQuery {
    pub sales_stage: Option<SalesStage>,
    pub kind: Option<ScriptKind>,
    /// Include inactive scripts (default false).
    pub include_inactive: Option<bool>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct RenderScriptParams {
    /// The lead whose details fill the merge fields.
    pub lead_id: Uuid,
}

/// A filled-in template, ready to copy. Nothing has been sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RenderedScript {
    pub script_id: Uuid,
    pub lead_id: Uuid,
    pub subject: Option<String>,
    pub body: String,
    /// Merge fields that had no value for this lead (left empty in the text).
    pub missing: Vec<String>,
}

/// The `{{name}}` fields in a template, in order of appearance (trimmed, duplicates kept once).
pub fn merge_fields_in(template: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = after[..end].trim().to_owned();
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[end + 2..];
    }
    out
}

/// garde rule: every `{{field}}` must be a known merge field.
pub fn merge_fields_known<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    let unknown: Vec<String> = merge_fields_in(value.as_ref())
        .into_iter()
        .filter(|f| !MERGE_FIELDS.iter().any(|(k, _)| k == f))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(garde::Error::new(format!(
            "unknown merge field(s): {}",
            unknown.join(", ")
        )))
    }
}

/// Fills `{{field}}`s from `value_of`; a field with no value becomes empty text and is reported
/// in the second element. Text outside the braces is kept byte for byte.
pub fn render(template: &str, value_of: impl Fn(&str) -> Option<String>) -> (String, Vec<String>) {
    let mut out = String::with_capacity(template.len());
    let mut missing = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push_str(&rest[..start]);
        let name = after[..end].trim();
        match value_of(name).filter(|v| !v.is_empty()) {
            Some(v) => out.push_str(&v),
            None => {
                if !missing.iter().any(|m: &String| m == name) {
                    missing.push(name.to_owned());
                }
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    (out, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_table() {
        let values = |k: &str| match k {
            "contact_name" => Some("Jennifer Smith".to_owned()),
            "company" => Some("Whole Foods".to_owned()),
            "rep_name" => Some("Ada".to_owned()),
            "next_action" => Some(String::new()),
            _ => None,
        };
        let table: &[(&str, &str, &[&str])] = &[
            ("Hi {{contact_name}}", "Hi Jennifer Smith", &[]),
            ("{{ company }}/{{company}}", "Whole Foods/Whole Foods", &[]),
            (
                "Hi {{contact_first_name}}!",
                "Hi !",
                &["contact_first_name"],
            ),
            ("Next: {{next_action}}.", "Next: .", &["next_action"]),
            ("no fields", "no fields", &[]),
            ("broken {{company", "broken {{company", &[]),
            ("— {{rep_name}} ✓", "— Ada ✓", &[]),
        ];
        for (template, want, want_missing) in table {
            let (got, missing) = render(template, values);
            assert_eq!(got, *want, "{template}");
            assert_eq!(missing, *want_missing, "{template}");
        }
    }

    #[test]
    fn unknown_merge_fields_are_named() {
        assert!(merge_fields_known(&"Hi {{contact_name}}, {{rep_signature}}", &()).is_ok());
        let err = merge_fields_known(&"Hi {{first}} {{ company }} {{x}}", &()).unwrap_err();
        assert_eq!(err.message(), "unknown merge field(s): first, x");
    }
}
