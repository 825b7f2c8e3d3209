//! Activities on leads (calls, meetings, …), private notes and relationship touches.

use chrono::{DateTime, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate;

crate::wire_enum! {
    pub enum ActivityKind {
        Call = "call" => "Call",
        Email = "email" => "Email",
        Meeting = "meeting" => "Meeting",
        Demo = "demo" => "Demo",
        Proposal = "proposal" => "Proposal",
        Note = "note" => "Note",
        Task = "task" => "Task",
        DoorKnock = "door_knock" => "Door knock",
        Sms = "sms" => "SMS",
    }
}

impl ActivityKind {
    /// Kinds that are a contact with the customer: completing one updates the lead's
    /// `last_contact_at` and follow-up count. Notes and tasks are not contacts.
    pub const fn is_contact(self) -> bool {
        !matches!(self, ActivityKind::Note | ActivityKind::Task)
    }
}

crate::wire_enum! {
    pub enum ActivityOutcome {
        NoAnswer = "no_answer" => "No answer",
        Voicemail = "voicemail" => "Left voicemail",
        Positive = "positive" => "Positive",
        Neutral = "neutral" => "Neutral",
        Negative = "negative" => "Negative",
        ScheduledCallback = "scheduled_callback" => "Callback scheduled",
        NotHome = "not_home" => "Not home",
        Interested = "interested" => "Interested",
        NotQualified = "not_qualified" => "Not qualified",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Activity {
    pub id: Uuid,
    pub lead_id: Uuid,
    /// The lead's company, for schedules.
    pub company: String,
    pub contact_name: Option<String>,
    pub user_id: Option<Uuid>,
    pub kind: ActivityKind,
    pub subject: Option<String>,
    pub notes: Option<String>,
    pub outcome: Option<ActivityOutcome>,
    pub duration_minutes: Option<i32>,
    /// When it is planned; a scheduled activity without `completed_at` is on the schedule.
    pub scheduled_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub follow_up_at: Option<DateTime<Utc>>,
    pub follow_up_note: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub created_at: DateTime<Utc>,
}

/// Log or schedule an activity. Give `completed_at` for something done (defaults to now when
/// neither time is given), `scheduled_at` for something planned. A completed contact activity
/// sets the lead's `last_contact_at` and counts as a follow-up; `follow_up_at` becomes the lead's
/// `next_contact_at`. A completed contact without a `follow_up_at` clears a `next_contact_at`
/// that it has satisfied, so the lead shows as needing a next date.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateActivityRequest {
    /// Required on the quick log (`POST /activities`); ignored on `/leads/{id}/activities`.
    #[serde(default)]
    #[garde(skip)]
    pub lead_id: Option<Uuid>,
    #[garde(skip)]
    pub kind: ActivityKind,
    #[serde(default)]
    #[garde(inner(length(chars, max = validate::NAME_MAX)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub subject: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 5000)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub notes: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub outcome: Option<ActivityOutcome>,
    #[serde(default)]
    #[garde(inner(range(min = 0, max = 1440)))]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 1440))]
    pub duration_minutes: Option<i32>,
    #[serde(default)]
    #[garde(skip)]
    pub scheduled_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[garde(skip)]
    pub completed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[garde(skip)]
    pub follow_up_at: Option<DateTime<Utc>>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub follow_up_note: Option<String>,
    #[serde(default)]
    #[garde(inner(length(chars, max = 500)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub location: Option<String>,
    #[serde(default)]
    #[garde(inner(range(min = -90.0, max = 90.0)))]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub latitude: Option<f64>,
    #[serde(default)]
    #[garde(inner(range(min = -180.0, max = 180.0)))]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct LeadActivityQuery {
    /// Only these kinds (comma-separated), e.g. `call,email`.
    pub kind: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The caller's schedule: activities scheduled or done in `[from, to)`, in time order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ScheduleQuery {
    /// Start (inclusive); default the start of today (UTC).
    pub from: Option<DateTime<Utc>>,
    /// End (exclusive); default one day after `from`; at most 31 days after it.
    pub to: Option<DateTime<Utc>>,
    /// Whose schedule (default the caller); a manager may name a member of its teams.
    pub user_id: Option<Uuid>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// A private note: visible only to its author and admins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: Uuid,
    pub lead_id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateNoteRequest {
    #[garde(length(chars, min = 1, max = 10_000), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 10000, pattern = r"\S")
    )]
    pub body: String,
}

crate::wire_enum! {
    /// Non-sales relationship touches (seed 001 §8).
    pub enum TouchKind {
        CheckIn = "check_in" => "Check-in",
        Congratulation = "congratulation" => "Congratulation",
        ShareArticle = "share_article" => "Shared an article",
        PersonalNote = "personal_note" => "Personal note",
        ThankYou = "thank_you" => "Thank you",
        Holiday = "holiday" => "Holiday greeting",
        Invite = "invite" => "Invite",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Touch {
    pub id: Uuid,
    pub lead_id: Uuid,
    pub user_id: Option<Uuid>,
    pub kind: TouchKind,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTouchRequest {
    #[garde(skip)]
    pub kind: TouchKind,
    #[serde(default)]
    #[garde(inner(length(chars, max = 5000)))]
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub notes: Option<String>,
}

/// Paging for the small per-lead lists (notes, touches, history).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Schema only: the quick log's body (`POST /activities`) — a [`CreateActivityRequest`] whose
/// `lead_id` is required (the per-lead route takes the lead from its path instead).
#[cfg(feature = "openapi")]
pub struct QuickLogRequest;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for QuickLogRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::Schema;
        let mut schema = <CreateActivityRequest as utoipa::PartialSchema>::schema();
        if let RefOr::T(Schema::Object(object)) = &mut schema {
            object.required.push("lead_id".to_owned());
            if let Some(RefOr::T(Schema::Object(lead))) = object.properties.get_mut("lead_id") {
                lead.schema_type = utoipa::openapi::schema::SchemaType::Type(
                    utoipa::openapi::schema::Type::String,
                );
            }
        }
        schema
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for QuickLogRequest {}
