//! Credential rows: refresh tokens, service tokens, sign-in attempts.

use chrono::NaiveDateTime;
use closebook_shared::service_tokens::ServiceToken;
use closebook_shared::{Page, Role};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptId};
use super::schema::{login_attempts, refresh_tokens, service_tokens};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

crate::db::insert_fn!(insert_refresh, RefreshTokenRow, refresh_tokens);

pub fn find_refresh(
    conn: &mut DbConn,
    token_hash: &str,
) -> Result<Option<RefreshTokenRow>, ApiError> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()?)
}

/// Marks a token spent. Only one of two racing refreshes can win: false for the loser.
pub fn spend_refresh(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> Result<bool, ApiError> {
    let n = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::id.eq(id))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(at))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn revoke_family(
    conn: &mut DbConn,
    family_id: &str,
    at: NaiveDateTime,
) -> Result<usize, ApiError> {
    Ok(diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::family_id.eq(family_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(at))
    .execute(conn)?)
}

pub fn revoke_all_for_user(
    conn: &mut DbConn,
    user_id: &str,
    at: NaiveDateTime,
) -> Result<usize, ApiError> {
    Ok(diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(at))
    .execute(conn)?)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = service_tokens)]
pub struct ServiceTokenRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub name: String,
    pub token_hash: String,
    pub prefix: String,
    pub role: Role,
    #[diesel(deserialize_as = StoredOptId)]
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    pub last_used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ServiceTokenRow {
    pub fn role(&self) -> Role {
        self.role
    }

    pub fn to_dto(&self) -> ServiceToken {
        ServiceToken {
            id: Uuid::parse_str(&self.id).unwrap_or_default(),
            name: self.name.clone(),
            role: self.role(),
            prefix: self.prefix.clone(),
            created_by: self
                .created_by
                .as_deref()
                .and_then(|c| Uuid::parse_str(c).ok()),
            created_at: self.created_at.and_utc(),
            expires_at: self.expires_at.map(|t| t.and_utc()),
            last_used_at: self.last_used_at.map(|t| t.and_utc()),
            revoked_at: self.revoked_at.map(|t| t.and_utc()),
        }
    }
}

crate::db::insert_fn!(insert_service_token, ServiceTokenRow, service_tokens);

pub fn find_service_token(
    conn: &mut DbConn,
    id: Uuid,
) -> Result<Option<ServiceTokenRow>, ApiError> {
    Ok(service_tokens::table
        .find(id.to_string())
        .select(ServiceTokenRow::as_select())
        .first(conn)
        .optional()?)
}

/// A live (unrevoked, unexpired) token by hash.
pub fn find_live_service_token(
    conn: &mut DbConn,
    token_hash: &str,
    now: NaiveDateTime,
) -> Result<Option<ServiceTokenRow>, ApiError> {
    Ok(service_tokens::table
        .filter(service_tokens::token_hash.eq(token_hash))
        .filter(service_tokens::revoked_at.is_null())
        .filter(
            service_tokens::expires_at
                .is_null()
                .or(service_tokens::expires_at.gt(now)),
        )
        .select(ServiceTokenRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn touch_service_token(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(service_tokens::table.find(id))
        .set(service_tokens::last_used_at.eq(at))
        .execute(conn)?;
    Ok(())
}

pub fn revoke_service_token(
    conn: &mut DbConn,
    id: &str,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(
        service_tokens::table
            .find(id)
            .filter(service_tokens::revoked_at.is_null()),
    )
    .set(service_tokens::revoked_at.eq(at))
    .execute(conn)?;
    Ok(())
}

/// Newest first.
pub fn list_service_tokens(
    conn: &mut DbConn,
    include_revoked: bool,
    page: &PageRequest,
) -> Result<Page<ServiceToken>, ApiError> {
    let mut q = service_tokens::table
        .select(ServiceTokenRow::as_select())
        .into_boxed();
    if !include_revoked {
        q = q.filter(service_tokens::revoked_at.is_null());
    }
    let rows = keyset!(q, page, service_tokens::id, desc)
        .limit(page.fetch())
        .load::<ServiceTokenRow>(conn)?;
    Ok(page.finish(rows, |r| vec![r.id.clone()], |r| r.to_dto()))
}

pub fn record_login_attempt(
    conn: &mut DbConn,
    email_key: &str,
    ip: &str,
    succeeded: bool,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(Uuid::now_v7().to_string()),
            login_attempts::email_key.eq(email_key),
            login_attempts::ip.eq(ip),
            login_attempts::succeeded.eq(succeeded),
            login_attempts::at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Failed attempts for an account since `since`, oldest first (their times drive Retry-After).
pub fn failures_for_email(
    conn: &mut DbConn,
    email_key: &str,
    since: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, ApiError> {
    // A success resets the account's count: only failures after the latest success count.
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::email_key.eq(email_key))
        .filter(login_attempts::succeeded.eq(true))
        .select(diesel::dsl::max(login_attempts::at))
        .first(conn)?;
    let since = last_success.map_or(since, |s| s.max(since));
    Ok(login_attempts::table
        .filter(login_attempts::email_key.eq(email_key))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::at.gt(since))
        .select(login_attempts::at)
        .order(login_attempts::at.asc())
        .load(conn)?)
}

pub fn failures_for_ip(
    conn: &mut DbConn,
    ip: &str,
    since: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, ApiError> {
    Ok(login_attempts::table
        .filter(login_attempts::ip.eq(ip))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::at.gt(since))
        .select(login_attempts::at)
        .order(login_attempts::at.asc())
        .load(conn)?)
}

/// Sign-in attempts older than the throttle window serve no purpose; prune them.
pub fn prune_login_attempts(conn: &mut DbConn, before: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(
        diesel::delete(login_attempts::table.filter(login_attempts::at.lt(before)))
            .execute(conn)?,
    )
}
