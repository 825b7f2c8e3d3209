//! Service tokens for integrations: `cbk_…`, shown once, stored as a hash, revocable.

use crate::db::Db;
use crate::db::tokens as rows;
use crate::error::ApiError;
use crate::time;

use super::{Principal, PrincipalKind, tokens};

pub const PREFIX: &str = "cbk_";

/// How stale `last_used_at` may get before a request refreshes it: a write per request would
/// turn every integration read into a write.
const TOUCH_EVERY_SECONDS: i64 = 60;

pub fn looks_like(token: &str) -> bool {
    token.starts_with(PREFIX)
}

pub async fn authenticate(db: &Db, token: &str) -> Result<Principal, ApiError> {
    let hash = tokens::hash(token);
    let now = time::now();
    let row = db
        .read(move |c| rows::find_live_service_token(c, &hash, now))
        .await?
        .ok_or_else(|| {
            ApiError::unauthenticated("the service token is unknown, revoked or expired")
        })?;
    if row
        .last_used_at
        .is_none_or(|t| (now - t).num_seconds() >= TOUCH_EVERY_SECONDS)
    {
        let id = row.id.clone();
        db.write(move |c| rows::touch_service_token(c, &id, now))
            .await?;
    }
    let id = uuid::Uuid::parse_str(&row.id).map_err(ApiError::internal)?;
    Ok(Principal {
        kind: PrincipalKind::ServiceToken,
        id,
        role: row.role(),
        must_change_password: false,
    })
}
