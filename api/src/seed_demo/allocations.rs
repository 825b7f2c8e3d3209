//! The demo's allocation desk: reps' intake (one on leave, one with intake paused, a key-account
//! specialist, a capped queue), and inbound leads arriving without an owner, allocated by the
//! engine through the domain like any lead a manager enters: some accepted, one turned down and
//! moved on, one in the overflow pool for its manager to place, the rest waiting in queues.

use closebook_shared::Role;
use closebook_shared::allocation::{Availability, RejectAllocationRequest};
use closebook_shared::leads::CreateLeadRequest;
use uuid::Uuid;

use super::caller;
use crate::authz::PipelineWork;
use crate::db::DbConn;
use crate::db::allocations::{self as rows, IntakeRow};
use crate::db::columns::to_json_list;
use crate::domain::{allocations, leads};
use crate::error::ApiError;
use crate::time;

/// (company, latitude, longitude, tags, team): inbound leads, placed by where they are.
const INBOUND: [(&str, f64, f64, &[&str], usize); 12] = [
    ("Wicker Park Bakery", 41.875, -87.65, &[], 0),
    ("Loop Office Supply", 41.88, -87.63, &["key account"], 0),
    ("Evanston Dental Group", 42.05, -87.70, &[], 0),
    ("Hyde Park Books", 41.79, -87.60, &[], 0),
    ("Brew City Outfitters", 43.045, -87.91, &[], 0),
    ("Third Ward Lofts", 43.03, -87.91, &[], 0),
    ("Madison Co-op", 43.07, -89.40, &[], 0),
    ("Union Station Cafe", 39.75, -104.99, &[], 1),
    ("RiNo Art Supply", 39.765, -104.975, &["key account"], 1),
    ("Cherry Creek Florist", 39.715, -104.94, &[], 1),
    ("Pearl Street Cycles", 40.02, -105.27, &[], 1),
    ("Old Town Roasters", 40.58, -105.08, &[], 1),
];

fn set_intake(
    conn: &mut DbConn,
    rep: Uuid,
    change: impl FnOnce(&mut IntakeRow),
) -> Result<(), ApiError> {
    let now = time::now();
    let mut row = IntakeRow::default_for(&rep.to_string(), now);
    change(&mut row);
    rows::save_intake(conn, &mut row, now)
}

/// Sets the teams' intake and brings in the inbound leads; how many allocations it made.
pub fn allocations(conn: &mut DbConn, teams: &[(Uuid, Vec<Uuid>)]) -> Result<usize, ApiError> {
    let (great_lakes, front_range) = (&teams[0].1, &teams[1].1);
    set_intake(conn, great_lakes[3], |r| {
        r.availability = Availability::OnLeave
    })?;
    set_intake(conn, great_lakes[4], |r| r.intake_paused = true)?;
    set_intake(conn, front_range[1], |r| r.capacity = Some(3))?;
    set_intake(conn, front_range[2], |r| {
        r.skills = to_json_list(&["key account".to_owned()]);
    })?;
    let mut made = Vec::new();
    for (company, latitude, longitude, tags, team) in INBOUND {
        let manager = caller::<PipelineWork>(conn, teams[team].0, Role::SalesManager)?;
        let req = CreateLeadRequest {
            company: company.to_owned(),
            latitude: Some(latitude),
            longitude: Some(longitude),
            tags: Some(tags.iter().map(|t| (*t).to_owned()).collect()),
            ..CreateLeadRequest::default()
        };
        let lead = leads::create(conn, &manager, req, true)?;
        if let Some(a) = rows::live_of(conn, &lead.id.to_string())? {
            made.push(a);
        }
    }
    // The first few are answered: accepted, and one turned down (it moves on to the next rep).
    for (n, a) in made
        .iter()
        .enumerate()
        .filter(|(_, a)| a.rm_id.is_some())
        .take(5)
    {
        let Some(rep) = a.rm_id.as_deref().map(crate::db::columns::uuid_of) else {
            continue;
        };
        let rep = caller::<PipelineWork>(conn, rep, Role::SalesRep)?;
        let id = crate::db::columns::uuid_of(&a.id);
        if n == 2 {
            let why = RejectAllocationRequest {
                reason: "Already talking to their sister store through a partner".to_owned(),
            };
            allocations::reject(conn, &rep, id, why)?;
        } else {
            allocations::accept(conn, &rep, id)?;
        }
    }
    Ok(made.len())
}
