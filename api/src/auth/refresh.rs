//! Refresh tokens: single use, rotated on every refresh, grouped in families (one per sign-in).
//! Presenting a spent token means it was stolen or replayed: the whole family is revoked, so the
//! thief's copy and the user's current one both stop working and the user signs in again.

use chrono::{Duration, NaiveDateTime};
use uuid::Uuid;

use super::tokens;
use crate::db::DbConn;
use crate::db::tokens::{self as rows, RefreshTokenRow};
use crate::error::ApiError;

pub const PREFIX: &str = "cbr_";

/// Issues a token in `family` (a new family for a fresh sign-in). Returns the plain token.
pub fn issue(
    conn: &mut DbConn,
    user_id: &str,
    family: Option<&str>,
    ttl: Duration,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let token = tokens::generate(PREFIX);
    rows::insert_refresh(
        conn,
        &RefreshTokenRow {
            id: Uuid::now_v7().to_string(),
            user_id: user_id.to_owned(),
            family_id: family.map_or_else(|| Uuid::now_v7().to_string(), str::to_owned),
            token_hash: tokens::hash(&token),
            issued_at: now,
            expires_at: now + ttl,
            used_at: None,
            revoked_at: None,
        },
    )?;
    Ok(token)
}

/// What presenting a refresh token led to. Reuse is an `Ok` outcome on purpose: the revocation
/// it triggers must commit even though the caller gets a 401.
#[derive(Debug)]
pub enum Redeemed {
    /// Valid: spent now; mint the next token in this family for this user.
    Valid { user_id: String, family_id: String },
    /// Unknown, expired or revoked.
    Invalid,
    /// Already spent: the family was revoked.
    Reused { user_id: String },
}

pub fn redeem(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<Redeemed, ApiError> {
    let Some(row) = rows::find_refresh(conn, &tokens::hash(token))? else {
        return Ok(Redeemed::Invalid);
    };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Ok(Redeemed::Invalid);
    }
    if row.used_at.is_some() || !rows::spend_refresh(conn, &row.id, now)? {
        rows::revoke_family(conn, &row.family_id, now)?;
        return Ok(Redeemed::Reused {
            user_id: row.user_id,
        });
    }
    Ok(Redeemed::Valid {
        user_id: row.user_id,
        family_id: row.family_id,
    })
}

/// Revokes the family of `token` if `token` belongs to `user_id`. Returns whether it did.
pub fn revoke_family_of(
    conn: &mut DbConn,
    token: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<bool, ApiError> {
    match rows::find_refresh(conn, &tokens::hash(token))? {
        Some(row) if row.user_id == user_id => {
            Ok(rows::revoke_family(conn, &row.family_id, now)? > 0)
        }
        _ => Ok(false),
    }
}
