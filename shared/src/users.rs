//! Users: the people who sign in, whatever their role.

use chrono::{DateTime, NaiveDate, Utc};
use garde::Validate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Money, Role, validate};

/// A user as the API shows it. Password hashes never leave the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct User {
    pub id: Uuid,
    /// Sign-in email, unique regardless of case.
    pub email: String,
    pub name: String,
    pub role: Role,
    pub phone: Option<String>,
    /// Job title, e.g. "Senior Account Executive".
    pub title: Option<String>,
    /// The organisation's own employee number.
    pub employee_id: Option<String>,
    /// The user's line manager.
    pub manager_id: Option<Uuid>,
    /// The team the user belongs to.
    pub team_id: Option<Uuid>,
    pub hire_date: Option<NaiveDate>,
    /// Monthly base salary (commission caps are expressed against it).
    pub base_salary: Option<Money>,
    /// IANA time zone, e.g. `America/Chicago`.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::tz::TimeZoneName))]
    pub time_zone: String,
    /// Deactivated users cannot sign in or refresh tokens.
    pub active: bool,
    /// Set when an admin assigned a temporary password.
    pub must_change_password: bool,
    /// Optimistic-concurrency version; send it back (or as `If-Match`) when patching.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/users`.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateUserRequest {
    #[garde(email, length(chars, max = 254))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: String,
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), custom(validate::not_blank))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: String,
    #[garde(skip)]
    pub role: Role,
    /// Initial password, at least 12 characters.
    #[garde(custom(validate::password))]
    #[cfg_attr(feature = "openapi", schema(min_length = 12, max_length = 256))]
    pub password: String,
    /// Require a new password at first sign-in (default true: the admin chose this one).
    #[serde(default)]
    #[garde(skip)]
    pub must_change_password: Option<bool>,
    #[serde(default)]
    #[garde(custom(validate::opt_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: Option<String>,
    #[serde(default)]
    #[garde(length(chars, max = validate::NAME_MAX))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: Option<String>,
    #[serde(default)]
    #[garde(length(chars, max = 64))]
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub employee_id: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub manager_id: Option<Uuid>,
    #[serde(default)]
    #[garde(skip)]
    pub team_id: Option<Uuid>,
    #[serde(default)]
    #[garde(skip)]
    pub hire_date: Option<NaiveDate>,
    #[serde(default)]
    #[garde(custom(validate::opt_money))]
    pub base_salary: Option<Money>,
    /// IANA time zone; defaults to `UTC`.
    #[serde(default)]
    #[garde(length(chars, max = 64))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::tz::TimeZoneName>))]
    pub time_zone: Option<String>,
}

/// Body of `PATCH /api/v1/users/{id}`: only the fields present change; `null` clears.
/// A user may patch its own `name`, `phone` and `time_zone`; everything else is admin-only.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// The version being edited; a stale one is refused with 412 (or send `If-Match`).
    #[serde(default)]
    #[garde(skip)]
    pub version: Option<i64>,
    #[serde(default)]
    #[garde(email, length(chars, max = 254))]
    #[cfg_attr(feature = "openapi", schema(max_length = 254, format = Email))]
    pub email: Option<String>,
    #[serde(default)]
    #[garde(length(chars, min = 1, max = validate::NAME_MAX), inner(custom(validate::not_blank)))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 200, pattern = r"\S")
    )]
    pub name: Option<String>,
    #[serde(default)]
    #[garde(skip)]
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(custom(validate::patch_phone))]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\+?[ ().-]*([0-9][ ().-]*){5,20}$")
    )]
    pub phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(length(chars, max = validate::NAME_MAX))]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub title: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[garde(length(chars, max = 64))]
    #[cfg_attr(feature = "openapi", schema(max_length = 64))]
    pub employee_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>))]
    #[garde(skip)]
    pub manager_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Uuid>))]
    #[garde(skip)]
    pub team_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<NaiveDate>))]
    #[garde(skip)]
    pub hire_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::patch::nullable")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Money>))]
    #[garde(custom(validate::patch_money))]
    pub base_salary: Option<Option<Money>>,
    #[serde(default)]
    #[garde(length(chars, max = 64))]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::tz::TimeZoneName>))]
    pub time_zone: Option<String>,
    /// `false` deactivates (users are never deleted); `true` reactivates.
    #[serde(default)]
    #[garde(skip)]
    pub active: Option<bool>,
}

impl UpdateUserRequest {
    /// Names of the fields this patch touches, for authorisation by field.
    pub fn touched_fields(&self) -> Vec<&'static str> {
        let mut f = Vec::new();
        macro_rules! touched {
            ($($name:ident),*) => { $( if self.$name.is_some() { f.push(stringify!($name)); } )* };
        }
        touched!(
            email,
            name,
            role,
            phone,
            title,
            employee_id,
            manager_id,
            team_id,
            hire_date,
            base_salary,
            time_zone,
            active
        );
        f
    }
}

/// Fields a user may change on its own record.
pub const SELF_EDITABLE_FIELDS: [&str; 3] = ["name", "phone", "time_zone"];

/// Query of `GET /api/v1/users`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct UserListQuery {
    /// Case-insensitive search over name and email.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub team_id: Option<Uuid>,
    pub active: Option<bool>,
    /// Page size, 1–200 (default 50).
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}
