//! Support (issue 13 §7): a partner's user opens a ticket for its account (staff may open one on
//! its behalf); whoever looks after the account resolves it, saying how. Every change audited.
//! And who a partner can call: its rep and its account manager.

use closebook_shared::Page;
use closebook_shared::support::{
    CreateTicketRequest, PartnerContact, ResolveTicketRequest, SupportTicket, TicketListQuery,
    TicketStatus,
};
use diesel::prelude::*;
use uuid::Uuid;

use crate::audit;
use crate::authz::{PartnerCaller, PartnerScope};
use crate::concurrency;
use crate::db::columns::uuid_of;
use crate::db::schema::{orders, users};
use crate::db::support::{self as rows, NamedTicket, TicketRow};
use crate::db::{DbConn, counters, versioned};
use crate::domain::partners;
use crate::error::ApiError;
use crate::pagination::PageRequest;
use crate::time;

fn to_dto(conn: &mut DbConn, named: &NamedTicket) -> Result<SupportTicket, ApiError> {
    let t = &named.ticket;
    let people: Vec<String> = std::iter::once(t.opened_by.clone())
        .chain(t.resolved_by.clone())
        .collect();
    let names = rows::names(conn, &people)?;
    Ok(SupportTicket {
        id: uuid_of(&t.id),
        number: t.number.clone(),
        partner_id: uuid_of(&t.partner_id),
        partner_name: named.partner_name.clone(),
        opened_by: uuid_of(&t.opened_by),
        opened_by_name: names.get(&t.opened_by).cloned().unwrap_or_default(),
        category: t.category,
        order_id: t.order_id.as_deref().map(uuid_of),
        subject: t.subject.clone(),
        body: t.body.clone(),
        status: t.status,
        resolution: t.resolution.clone(),
        resolved_by_name: t.resolved_by.as_ref().and_then(|r| names.get(r).cloned()),
        resolved_at: t.resolved_at.map(|at| at.and_utc()),
        version: t.version,
        created_at: t.created_at.and_utc(),
        updated_at: t.updated_at.and_utc(),
    })
}

/// The ticket `id`, when the caller sees its account (404 otherwise).
fn load(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<NamedTicket, ApiError> {
    rows::find(conn, &caller.scope, &id.to_string())?
        .ok_or_else(|| ApiError::not_found("support ticket"))
}

pub fn get(conn: &mut DbConn, caller: &PartnerCaller, id: Uuid) -> Result<SupportTicket, ApiError> {
    let named = load(conn, caller, id)?;
    to_dto(conn, &named)
}

pub fn list(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    q: TicketListQuery,
    page: &PageRequest,
) -> Result<Page<SupportTicket>, ApiError> {
    let found = rows::list(conn, &caller.scope, &q, page)?;
    let pairs = found
        .iter()
        .map(|n| Ok((vec![n.ticket.id.clone()], to_dto(conn, n)?)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(page.finish(pairs, |(key, _)| key.clone(), |(_, d)| d))
}

/// The account a new ticket is for: a partner's user's own (it names no other), or the one
/// staff name.
fn account_of(caller: &PartnerCaller, asked: Option<Uuid>) -> Result<Uuid, ApiError> {
    if caller.is_partner_user() {
        let PartnerScope::Own(own) = &caller.scope else {
            return Err(ApiError::forbidden(
                "your sign-in is not linked to a partner account",
            ));
        };
        let own = uuid_of(own);
        return match asked {
            Some(other) if other != own => Err(ApiError::not_found("partner")),
            _ => Ok(own),
        };
    }
    asked.ok_or_else(|| ApiError::field("partner_id", "name the account the ticket is for"))
}

pub fn open(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    req: CreateTicketRequest,
) -> Result<SupportTicket, ApiError> {
    let account = partners::load(conn, caller, account_of(caller, req.partner_id)?)?;
    if let Some(order) = req.order_id {
        let ours: bool = diesel::select(diesel::dsl::exists(
            orders::table
                .filter(orders::id.eq(order.to_string()))
                .filter(orders::partner_id.eq(&account.id)),
        ))
        .get_result(conn)?;
        if !ours {
            return Err(ApiError::not_found("order"));
        }
    }
    let opened_by = caller
        .principal
        .user_id()
        .ok_or_else(|| ApiError::forbidden("a person opens a ticket, not a service token"))?;
    let now = time::now();
    let row = TicketRow {
        id: Uuid::now_v7().to_string(),
        number: format!("SUP-{}", counters::next(conn, "support")?),
        partner_id: account.id.clone(),
        opened_by: opened_by.to_string(),
        category: req.category,
        order_id: req.order_id.map(|o| o.to_string()),
        subject: req.subject.trim().to_owned(),
        body: req.body.trim().to_owned(),
        status: TicketStatus::Open,
        resolution: None,
        resolved_by: None,
        resolved_at: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    rows::insert(conn, &row)?;
    let dto = get(conn, caller, uuid_of(&row.id))?;
    audit::record_after(
        conn,
        &caller.actor,
        "support_ticket.open",
        "support_ticket",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

pub fn resolve(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    id: Uuid,
    req: ResolveTicketRequest,
    expected: Option<i64>,
) -> Result<SupportTicket, ApiError> {
    let named = load(conn, caller, id)?;
    caller.answers_support()?;
    let before = named.ticket.clone();
    concurrency::check(expected, before.version)?;
    if before.status == TicketStatus::Resolved {
        return Err(ApiError::conflict(format!(
            "ticket {} is already resolved",
            before.number
        )));
    }
    let now = time::now();
    let mut row = before.clone();
    row.status = TicketStatus::Resolved;
    row.resolution = Some(req.resolution.trim().to_owned());
    row.resolved_by = caller.principal.user_id().map(|u| u.to_string());
    row.resolved_at = Some(now);
    versioned::save(conn, &mut row, before.version, now)?;
    let was = to_dto(conn, &named)?;
    let after = get(conn, caller, id)?;
    audit::record(
        conn,
        &caller.actor,
        "support_ticket.resolve",
        "support_ticket",
        Some(&row.id),
        Some(&was),
        Some(&after),
    )?;
    Ok(after)
}

/// Who the account can call: its rep and its account manager (when it has them).
pub fn contacts(
    conn: &mut DbConn,
    caller: &PartnerCaller,
    partner: Uuid,
) -> Result<Vec<PartnerContact>, ApiError> {
    let account = partners::load(conn, caller, partner)?;
    let mut out = Vec::new();
    for (role, user) in [
        ("Sales rep", account.rep_id.as_ref()),
        ("Account manager", account.account_manager_id.as_ref()),
    ] {
        let Some(user) = user else { continue };
        let found: Option<(String, Option<String>, String, Option<String>)> = users::table
            .find(user)
            .select((users::name, users::title, users::email, users::phone))
            .first(conn)
            .optional()?;
        if let Some((name, title, email, phone)) = found {
            out.push(PartnerContact {
                role: role.to_owned(),
                name,
                title,
                email,
                phone,
            });
        }
    }
    Ok(out)
}
