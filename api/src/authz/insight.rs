//! Targets, leaderboards, the analytics, dashboards and reports: whose numbers a caller sees,
//! and whose targets it sets.
//!
//! | who           | sees the numbers of                       | sets targets for                      |
//! |---------------|-------------------------------------------|---------------------------------------|
//! | admin         | everyone                                  | anyone, any team, any city            |
//! | finance       | everyone                                  | nobody                                |
//! | sales_manager | itself, its reports, its teams' members   | those people (not itself), the teams it runs, their cities |
//! | sales_rep     | itself (targets: its own, its team's, cities') | nobody                           |
//!
//! City targets are the organisation's: every admitted caller sees them.

use closebook_shared::Role;
use closebook_shared::targets::TargetType;
use diesel::prelude::*;

use super::{OwnerScope, managed_team_ids, owner_scope, team_scope};
use crate::auth::Principal;
use crate::db::DbConn;
use crate::db::schema::teams;
use crate::db::targets::{Visible, city_key};
use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InsightScope {
    pub role: Role,
    pub user_id: Option<String>,
    /// Whose numbers the caller sees.
    pub people: OwnerScope,
    /// Which teams' targets and numbers it sees (`None`: all).
    pub teams: Option<Vec<String>>,
    /// The teams it runs, and their cities (lower-cased): whose targets a manager sets.
    pub runs: Vec<String>,
    pub run_cities: Vec<String>,
}

impl InsightScope {
    /// The targets the caller sees.
    pub fn visible_targets(&self) -> Visible {
        Visible {
            people: self.people.owners().map(<[String]>::to_vec),
            teams: self.teams.clone(),
        }
    }

    /// Whether the caller may set (create, change, cancel) a target of this kind for this
    /// assignee (a user or team id) or city.
    pub fn may_set(&self, kind: TargetType, assignee: Option<&str>, city: Option<&str>) -> bool {
        match self.role {
            Role::Admin => true,
            Role::SalesManager => match kind {
                TargetType::Individual => assignee
                    .is_some_and(|a| self.people.covers(a) && self.user_id.as_deref() != Some(a)),
                TargetType::Team => assignee.is_some_and(|a| self.runs.iter().any(|t| t == a)),
                TargetType::City => {
                    city.is_some_and(|c| self.run_cities.iter().any(|r| *r == city_key(c)))
                }
            },
            _ => false,
        }
    }

    /// Whether the caller sees team `id`'s numbers.
    pub fn sees_team(&self, id: &str) -> bool {
        self.teams
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|t| t == id))
    }
}

pub fn insight_scope(conn: &mut DbConn, p: &Principal) -> Result<InsightScope, ApiError> {
    let people = match p.role {
        Role::Finance => OwnerScope::All,
        _ => owner_scope(conn, p)?,
    };
    let runs = match (p.role, p.user_id()) {
        (Role::SalesManager, Some(me)) => managed_team_ids(conn, me)?,
        _ => Vec::new(),
    };
    let run_cities: Vec<Option<String>> = teams::table
        .filter(teams::id.eq_any(&runs))
        .select(teams::city)
        .load(conn)?;
    Ok(InsightScope {
        role: p.role,
        user_id: p.user_id().map(|u| u.to_string()),
        people,
        teams: team_scope(conn, p)?,
        runs,
        run_cities: run_cities.iter().flatten().map(|c| city_key(c)).collect(),
    })
}

/// Targets, leaderboards, analytics, dashboards, reports: sales roles and finance.
pub struct Insight;

impl crate::context::Capability for Insight {
    type Scope = InsightScope;
    fn admit(p: &Principal) -> Result<(), ApiError> {
        super::require_commission_role(p)
            .map_err(|_| ApiError::forbidden("only sales roles and finance see sales numbers"))
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<InsightScope, ApiError> {
        insight_scope(conn, p)
    }
}

pub type InsightCtx = crate::context::Scoped<Insight>;
/// An insight caller inside its transaction.
pub type InsightCaller = crate::context::Caller<InsightScope>;
