//! Support ticket rows, listed within the caller's partner scope.

use chrono::NaiveDateTime;
use closebook_shared::support::{TicketCategory, TicketListQuery, TicketStatus};
use diesel::prelude::*;

use super::DbConn;
use super::columns::StoredId;
use super::schema::{partners, support_tickets, users};
use crate::authz::PartnerScope;
use crate::error::ApiError;
use crate::pagination::{PageRequest, keyset};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = support_tickets, treat_none_as_null = true)]
pub struct TicketRow {
    #[diesel(deserialize_as = StoredId)]
    pub id: String,
    pub number: String,
    #[diesel(deserialize_as = StoredId)]
    pub partner_id: String,
    pub opened_by: String,
    pub category: TicketCategory,
    pub order_id: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: TicketStatus,
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::db::insert_fn!(insert, TicketRow, support_tickets);
super::versioned::versioned_row!(TicketRow, support_tickets);

/// A ticket with its account's name, and the account's rep (for the scope).
#[derive(Debug, Clone, Queryable, Selectable)]
pub struct NamedTicket {
    #[diesel(embed)]
    pub ticket: TicketRow,
    #[diesel(select_expression = partners::business_name)]
    #[diesel(select_expression_type = partners::business_name)]
    pub partner_name: String,
}

macro_rules! within {
    ($scope:expr) => {{
        let query = support_tickets::table
            .inner_join(partners::table)
            .select(NamedTicket::as_select())
            .into_boxed();
        crate::authz::within_partner_scope!(query, $scope)
    }};
}

/// The ticket `id`, when the scope reaches its account.
pub fn find(
    conn: &mut DbConn,
    scope: &PartnerScope,
    id: &str,
) -> Result<Option<NamedTicket>, ApiError> {
    Ok(within!(scope)
        .filter(support_tickets::id.eq(id))
        .first(conn)
        .optional()?)
}

/// A page of tickets, newest first.
pub fn list(
    conn: &mut DbConn,
    scope: &PartnerScope,
    q: &TicketListQuery,
    page: &PageRequest,
) -> Result<Vec<NamedTicket>, ApiError> {
    let mut query = within!(scope);
    if let Some(s) = q.status {
        query = query.filter(support_tickets::status.eq(s));
    }
    if let Some(p) = q.partner_id {
        query = query.filter(support_tickets::partner_id.eq(p.to_string()));
    }
    Ok(keyset!(query, page, support_tickets::id, desc)
        .limit(page.fetch())
        .load(conn)?)
}

/// The names of `ids` (users), by id.
pub fn names(
    conn: &mut DbConn,
    ids: &[String],
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}
