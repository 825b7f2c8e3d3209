//! An account's integrations: every system it may connect, with its status (connecting one is
//! a later step; what is connected was connected by the back office's onboarding).

use closebook_shared::resources::{Integration, IntegrationStatus, Provider};
use uuid::Uuid;

use crate::authz::PartnerCaller;
use crate::db::resources as rows;
use crate::db::{DbConn, partners};
use crate::error::ApiError;

pub fn integrations(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    partner: Uuid,
) -> Result<Vec<Integration>, ApiError> {
    let account = partners::find(conn, partner)?
        .filter(|p| caller.scope.covers(&p.id, p.rep_id.as_deref()))
        .ok_or_else(|| ApiError::not_found("partner"))?;
    let connected = rows::integrations_of(conn, &account.id)?;
    Ok(Provider::ALL
        .iter()
        .map(|provider| {
            let row = connected.iter().find(|r| r.provider == *provider);
            Integration {
                provider: *provider,
                kind: provider.kind().to_owned(),
                status: row.map_or(IntegrationStatus::NotConnected, |r| r.status),
                connected_at: row.map(|r| r.connected_at.and_utc()),
                last_sync_at: row.and_then(|r| r.last_sync_at.map(|t| t.and_utc())),
            }
        })
        .collect())
}
