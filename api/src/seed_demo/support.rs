//! The demo's support desk: Tom Becker's tickets for Becker Fine Foods — one its rep resolved,
//! one still open — so the partner's Support page and the back office's desk are alive.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::support::{CreateTicketRequest, ResolveTicketRequest, TicketCategory};
use diesel::prelude::*;
use uuid::Uuid;

use super::caller;
use crate::authz::PartnerAccounts;
use crate::db::DbConn;
use crate::db::schema::{partners, support_tickets};
use crate::domain::support;
use crate::error::ApiError;

/// The tickets written (0 without Tom Becker or his account's rep).
pub fn support(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize, ApiError> {
    let Some((tom, account)) = super::tom_and_account(conn)? else {
        return Ok(0);
    };
    let account = account.to_string();
    let rep: Option<String> = partners::table
        .find(&account)
        .select(partners::rep_id)
        .first(conn)?;
    let Some(rep) = rep.and_then(|r| r.parse::<Uuid>().ok()) else {
        return Ok(0);
    };
    let by_tom = caller::<PartnerAccounts>(conn, tom, Role::Partner)?;
    let by_rep = caller::<PartnerAccounts>(conn, rep, Role::SalesRep)?;
    let tickets = [
        (
            TicketCategory::Delivery,
            "Two cases arrived soft",
            "The last delivery's smoothies in two cases had thawed at the edges. We kept them apart.",
            Some(
                "Sorry about that: the carrier's log shows a warm spell at the dock. Two cases are credited on your next invoice and the driver now calls ahead.",
            ),
            12,
        ),
        (
            TicketCategory::Product,
            "Nutrition sheet for the protein bars",
            "Our deli counter needs the printed nutrition sheet for the peanut butter bars.",
            None,
            2,
        ),
    ];
    for (category, subject, body, resolution, days_ago) in tickets {
        let opened = support::open(
            conn,
            &by_tom,
            CreateTicketRequest {
                partner_id: None,
                category,
                order_id: None,
                subject: subject.into(),
                body: body.into(),
            },
        )?;
        if let Some(resolution) = resolution {
            support::resolve(
                conn,
                &by_rep,
                opened.id,
                ResolveTicketRequest {
                    resolution: resolution.into(),
                    version: None,
                },
                None,
            )?;
        }
        // Dated back: opened `days_ago`, resolved the day after.
        let at = now - Duration::days(days_ago);
        diesel::update(support_tickets::table.find(opened.id.to_string()))
            .set((
                support_tickets::created_at.eq(at),
                support_tickets::updated_at.eq(at + Duration::days(1)),
            ))
            .execute(conn)?;
        if resolution.is_some() {
            diesel::update(support_tickets::table.find(opened.id.to_string()))
                .set(support_tickets::resolved_at.eq(at + Duration::days(1)))
                .execute(conn)?;
        }
    }
    Ok(tickets.len())
}
