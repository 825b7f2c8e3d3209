//! "My Territory" (seed 000 F3, F6): the caller's territories, what lies in them, and its
//! production against the organisation's threshold.

use chrono::Duration;
use closebook_shared::leads::Outcome;
use closebook_shared::territories::{
    AssignmentRole, MyTerritory, Production, TerritorySummary, penetration_percent,
};
use diesel::prelude::*;

use crate::authz::PipelineCaller;
use crate::db::schema::leads;
use crate::db::territories as rows;
use crate::db::{DbConn, settings};
use crate::domain::allocations::closes_since;
use crate::error::ApiError;
use crate::time;

pub fn mine(conn: &mut DbConn, caller: &PipelineCaller) -> Result<MyTerritory, ApiError> {
    let now = time::now();
    let thresholds = settings::get(conn)?.production();
    let Some(me) = caller.principal.user_id() else {
        return Ok(empty(Production::of(0, thresholds)));
    };
    let serving = [AssignmentRole::Owner, AssignmentRole::Contributor];
    let assignments = rows::assignments_of(conn, me, &serving, now.date())?;
    let mut territories: Vec<TerritorySummary> = Vec::with_capacity(assignments.len());
    for a in &assignments {
        if territories
            .iter()
            .any(|t| t.id.to_string() == a.territory_id)
        {
            continue;
        }
        if let Some(t) = rows::find(conn, crate::db::columns::uuid_of(&a.territory_id))? {
            territories.push(t.to_summary());
        }
    }
    let closes = closes_since(conn, &[me.to_string()], now - Duration::days(90))?
        .first()
        .map_or(0, |(_, n)| *n);
    let production = Production::of(closes, thresholds);
    if territories.is_empty() {
        return Ok(empty(production));
    }
    let within = rows::all_within(conn, territories.iter().map(|t| t.id.to_string()).collect())?;
    #[derive(Clone, Copy)]
    enum Which {
        All,
        Held,
        Available,
        Won,
    }
    let mut count = |which: Which| -> Result<u32, ApiError> {
        let mut q = leads::table
            .filter(leads::territory_id.eq_any(within.clone()))
            .into_boxed();
        q = match which {
            Which::All => q,
            Which::Held => q.filter(leads::owner_id.is_not_null()),
            Which::Available => q
                .filter(leads::owner_id.is_null())
                .filter(leads::outcome.eq(Outcome::Open)),
            Which::Won => q.filter(leads::outcome.eq(Outcome::Won)),
        };
        let n: i64 = q.count().get_result(conn)?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    };
    let addressable = count(Which::All)?;
    let claimed = count(Which::Held)?;
    let available = count(Which::Available)?;
    let won_clients = count(Which::Won)?;
    Ok(MyTerritory {
        territories,
        addressable,
        claimed,
        available,
        won_clients,
        penetration_percent: penetration_percent(won_clients, addressable),
        production,
    })
}

fn empty(production: Production) -> MyTerritory {
    MyTerritory {
        territories: Vec::new(),
        addressable: 0,
        claimed: 0,
        available: 0,
        won_clients: 0,
        penetration_percent: penetration_percent(0, 0),
        production,
    }
}
