//! Client accounts created when a lead is won.

use chrono::NaiveDateTime;
use closebook_shared::Page;
use closebook_shared::clients::{Client, ClientListQuery};
use diesel::prelude::*;
use uuid::Uuid;

use super::DbConn;
use super::columns::{StoredId, StoredOptCurrency, like_pattern, lower, money_of, uuid_of as uuid};
use super::leads::parse_owner;
use super::schema::clients;
use crate::authz::{OwnerScope, within_scope};
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = clients)]
pub struct ClientRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    #[diesel(deserialize_as = StoredId)]
    pub lead_id: String,
    pub name: String,
    #[diesel(deserialize_as = StoredId)]
    pub owner_id: String,
    pub deal_value_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    pub deal_currency: Option<String>,
    pub signed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// The residual each paid invoice earns, locked when the won deal was booked (commissions).
    pub residual_locked_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    pub residual_currency: Option<String>,
    pub cancelled_at: Option<NaiveDateTime>,
}

impl ClientRow {
    pub fn to_dto(&self, owner_name: &str) -> Client {
        Client {
            id: uuid(&self.id),
            name: self.name.clone(),
            lead_id: uuid(&self.lead_id),
            owner_id: uuid(&self.owner_id),
            owner_name: owner_name.to_owned(),
            deal_value: money_of(self.deal_value_minor, self.deal_currency.as_deref()),
            signed_at: self.signed_at.and_utc(),
            residual: money_of(
                self.residual_locked_minor,
                self.residual_currency.as_deref(),
            ),
            cancelled_at: self.cancelled_at.map(|t| t.and_utc()),
            created_at: self.created_at.and_utc(),
        }
    }
}

crate::db::insert_fn!(insert, ClientRow, clients);

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<ClientRow>, ApiError> {
    Ok(clients::table
        .find(id)
        .select(ClientRow::as_select())
        .first(conn)
        .optional()?)
}

/// Newest signing first.
pub fn list(
    conn: &mut DbConn,
    scope: &OwnerScope,
    me: Option<Uuid>,
    q: &ClientListQuery,
    page: &PageRequest,
) -> Result<Page<Client>, ApiError> {
    let mut query = clients::table.select(ClientRow::as_select()).into_boxed();
    if scope.is_nothing() {
        return Ok(Page::empty());
    }
    query = within_scope!(query, scope, clients::owner_id);
    if let Some(owner) = q.owner.as_deref() {
        query = match parse_owner(owner, me)? {
            Some(owner) => query.filter(clients::owner_id.eq(owner)),
            // Every client has an owner.
            None => query.filter(clients::owner_id.is_null()),
        };
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        query = query.filter(lower(clients::name).like(like_pattern(text)).escape('\\'));
    }
    let rows: Vec<ClientRow> = keyset!(query, page, clients::id, desc)
        .limit(page.fetch())
        .load(conn)?;
    let owners: Vec<String> = rows.iter().map(|r| r.owner_id.clone()).collect();
    let names = super::users::names(conn, &owners)?;
    Ok(page.finish(
        rows,
        |r| vec![r.id.clone()],
        |r| {
            let n = names
                .iter()
                .find(|(id, _)| *id == r.owner_id)
                .map_or("", |(_, n)| n.as_str());
            r.to_dto(n)
        },
    ))
}
