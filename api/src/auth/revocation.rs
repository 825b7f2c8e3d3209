//! Ending access before an access token expires (deactivation, role change, password change,
//! sign out everywhere) without a database read on every request.
//!
//! Access tokens carry the user's token generation at issue (`gen`). Ending a user's sessions
//! bumps the generation in the database (`db::users::end_sessions`). Each API process keeps the
//! generations of users whose sessions ended recently — within one access-token lifetime, since
//! older tokens have expired anyway — and reloads that small set every [`REFRESH_EVERY`]. A
//! token issued under an older generation is refused. So every process, however many there are,
//! stops honouring a token within about a second, and the process that made the change does so
//! at once (it reloads right after its write).

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

use uuid::Uuid;

use crate::db::{Db, users};
use crate::error::ApiError;
use crate::time;

/// How often each process reloads the set.
pub const REFRESH_EVERY: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Revocations {
    /// User → the lowest generation still honoured.
    current: RwLock<HashMap<Uuid, i64>>,
}

impl Revocations {
    /// True when a token of `user` issued under `generation` has been revoked.
    pub fn is_revoked(&self, user: Uuid, generation: i64) -> bool {
        self.current
            .read()
            .map(|m| m.get(&user).is_some_and(|g| generation < *g))
            // A poisoned lock means a panic mid-swap; refuse rather than let tokens through.
            .unwrap_or(true)
    }

    /// Reloads the users whose sessions ended within the last `token_ttl_seconds` (plus the
    /// allowed clock skew).
    pub async fn reload(&self, db: &Db, token_ttl_seconds: i64) -> Result<(), ApiError> {
        let since = time::now()
            - chrono::Duration::seconds(token_ttl_seconds)
            - chrono::Duration::seconds(super::jwt::LEEWAY_SECONDS as i64 + 60);
        let rows = db
            .read_blocking(move |c| users::recently_revoked(c, since))
            .await?;
        let map = rows
            .into_iter()
            .filter_map(|(id, generation)| Some((Uuid::parse_str(&id).ok()?, generation)))
            .collect();
        if let Ok(mut current) = self.current.write() {
            *current = map;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn older_generations_are_refused_newer_ones_honoured() {
        let r = Revocations::default();
        let (bumped, other) = (Uuid::now_v7(), Uuid::now_v7());
        r.current.write().unwrap().insert(bumped, 2);
        let table = [
            (bumped, 0, true),
            (bumped, 1, true),
            (bumped, 2, false),
            (bumped, 3, false),
            (other, 0, false),
        ];
        for (user, generation, revoked) in table {
            assert_eq!(r.is_revoked(user, generation), revoked, "{generation}");
        }
    }
}
