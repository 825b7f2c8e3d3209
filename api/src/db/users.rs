//! User rows and queries.

use chrono::NaiveDateTime;
use closebook_shared::users::{User, UserListQuery};
use closebook_shared::{Page, Role};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptCurrency, StoredOptId, like_pattern, lower, money_of};
use super::schema::users;
use crate::authz::Scope;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset, text_key};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub email: String,
    pub email_key: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub phone: Option<String>,
    pub title: Option<String>,
    pub employee_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub manager_id: Option<String>,
    #[diesel(deserialize_as = StoredOptId)]
    pub team_id: Option<String>,
    pub hire_date: Option<chrono::NaiveDate>,
    pub base_salary_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    pub base_salary_currency: Option<String>,
    pub time_zone: String,
    pub active: bool,
    pub must_change_password: bool,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Emails compare without case or surrounding space.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

impl UserRow {
    pub fn uuid(&self) -> Uuid {
        Uuid::parse_str(&self.id).unwrap_or_default()
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn to_dto(&self) -> User {
        let parse = |s: &Option<String>| s.as_deref().and_then(|v| Uuid::parse_str(v).ok());
        User {
            id: self.uuid(),
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role(),
            phone: self.phone.clone(),
            title: self.title.clone(),
            employee_id: self.employee_id.clone(),
            manager_id: parse(&self.manager_id),
            team_id: parse(&self.team_id),
            hire_date: self.hire_date,
            base_salary: money_of(self.base_salary_minor, self.base_salary_currency.as_deref()),
            time_zone: self.time_zone.clone(),
            active: self.active,
            must_change_password: self.must_change_password,
            version: self.version,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        }
    }
}

pub fn find(conn: &mut DbConn, id: Uuid) -> Result<Option<UserRow>, ApiError> {
    let id = id.to_string();
    Ok(super::native!(conn, |c| users::table
        .find(&id)
        .select(UserRow::as_select())
        .first(c)
        .optional())?)
}

/// A user's display name ("" for an id that names nobody). Keyed, so the statement stays prepared.
pub fn name_of(conn: &mut DbConn, id: &str) -> Result<String, ApiError> {
    Ok(super::native!(conn, |c| users::table
        .find(id)
        .select(users::name)
        .first(c)
        .optional())?
    .unwrap_or_default())
}

/// Display names of many users, for a page that shows several.
pub fn names(conn: &mut DbConn, ids: &[String]) -> Result<Vec<(String, String)>, ApiError> {
    Ok(super::native!(conn, |c| users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(c))?)
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> Result<Option<UserRow>, ApiError> {
    Ok(users::table
        .filter(users::email_key.eq(email_key(email)))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn email_taken(conn: &mut DbConn, email: &str, except: Option<&str>) -> Result<bool, ApiError> {
    let holders: Vec<String> = users::table
        .filter(users::email_key.eq(email_key(email)))
        .select(users::id)
        .load(conn)?;
    Ok(holders.iter().any(|id| Some(id.as_str()) != except))
}

crate::db::insert_fn!(insert, UserRow, users);

super::versioned::versioned_row!(UserRow, users);

/// Replaces the password hash; bumps the version (the record changed).
pub fn set_password(
    conn: &mut DbConn,
    id: &str,
    hash: &str,
    must_change: bool,
    at: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::must_change_password.eq(must_change),
            users::version.eq(users::version + 1),
            users::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Ends every session of a user: refresh tokens are revoked and the token generation bumped, so
/// access tokens issued before now are refused too (see `auth::revocation`). Returns how many
/// refresh tokens were revoked.
pub fn end_sessions(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> Result<usize, ApiError> {
    let revoked = super::tokens::revoke_all_for_user(conn, id, at)?;
    diesel::update(users::table.find(id))
        .set((
            users::token_generation.eq(users::token_generation + 1),
            users::tokens_revoked_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(revoked)
}

/// The generation new access tokens of this user are issued under.
pub fn token_generation(conn: &mut DbConn, id: &str) -> Result<i64, ApiError> {
    Ok(users::table
        .find(id)
        .select(users::token_generation)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Users whose sessions were ended at or after `since`, with their current generation.
pub fn recently_revoked(
    conn: &mut DbConn,
    since: NaiveDateTime,
) -> Result<Vec<(String, i64)>, ApiError> {
    Ok(super::native!(conn, |c| users::table
        .filter(users::tokens_revoked_at.ge(since))
        .select((users::id, users::token_generation))
        .load(c))?)
}

pub fn count(conn: &mut DbConn) -> Result<i64, ApiError> {
    Ok(users::table.count().get_result(conn)?)
}

/// Users sorted by name (then id), within the caller's scope.
pub fn list(
    conn: &mut DbConn,
    scope: &Scope,
    q: &UserListQuery,
    page: &PageRequest,
) -> Result<Page<User>, ApiError> {
    let mut query = users::table.select(UserRow::as_select()).into_boxed();
    match scope {
        Scope::All => {}
        Scope::Managed { user_id, team_ids } => {
            let me = user_id.to_string();
            query = query.filter(
                users::id
                    .eq(me.clone())
                    .or(users::manager_id.eq(me))
                    .or(users::team_id.eq_any(team_ids.clone())),
            );
        }
        Scope::OnlySelf(me) => query = query.filter(users::id.eq(me.to_string())),
        Scope::Nothing => {
            return Ok(Page::empty());
        }
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = like_pattern(text);
        query = query.filter(
            lower(users::name)
                .like(pattern.clone())
                .escape('\\')
                .or(users::email_key.like(pattern).escape('\\')),
        );
    }
    if let Some(role) = q.role {
        query = query.filter(users::role.eq(role.as_str()));
    }
    if let Some(team) = q.team_id {
        query = query.filter(users::team_id.eq(team.to_string()));
    }
    if let Some(active) = q.active {
        query = query.filter(users::active.eq(active));
    }
    let rows = keyset!(query, page, users::name, text_key, users::id, asc)
        .limit(page.fetch())
        .load::<UserRow>(conn)?;
    Ok(page.finish(rows, |r| vec![r.name.clone(), r.id.clone()], |r| r.to_dto()))
}

/// The ids of a team's members (active or not: what they did while in it still counts).
pub fn team_members(conn: &mut DbConn, team_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(users::table
        .filter(users::team_id.eq(team_id))
        .select(users::id)
        .load(conn)?)
}

/// The ids of a partner account's active users.
pub fn of_partner(conn: &mut DbConn, partner_id: &str) -> Result<Vec<String>, ApiError> {
    Ok(users::table
        .filter(users::partner_id.eq(partner_id))
        .filter(users::active.eq(true))
        .order(users::id)
        .select(users::id)
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_keys_ignore_case_and_space() {
        assert_eq!(super::email_key("  Ada@Example.COM "), "ada@example.com");
    }
}
