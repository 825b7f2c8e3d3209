//! Client accounts (made when a lead is won): who may see one.

use closebook_shared::clients::Client;
use uuid::Uuid;

use crate::authz::OwnerScope;
use crate::db::{DbConn, clients as rows, users};
use crate::error::ApiError;

/// The client, when the caller's scope covers its owner; otherwise it is not found, so its
/// existence is not revealed.
pub fn load_for(conn: &mut DbConn, scope: &OwnerScope, id: Uuid) -> Result<Client, ApiError> {
    let row = rows::find(conn, &id.to_string())?
        .filter(|r| scope.covers(&r.owner_id))
        .ok_or_else(|| ApiError::not_found("client"))?;
    let owner_name = users::name_of(conn, &row.owner_id)?;
    Ok(row.to_dto(&owner_name))
}
