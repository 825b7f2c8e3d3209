//! Partner accounts: which a caller sees, and what it may change.
//!
//! | who           | sees                                          | changes                                      |
//! |---------------|-----------------------------------------------|----------------------------------------------|
//! | admin         | every account                                 | anything: approves, suspends, sets the terms, adds users |
//! | finance       | every account                                 | nothing                                      |
//! | sales_manager | the accounts its people (and it) look after   | applies; their business details              |
//! | sales_rep     | the accounts it looks after                   | applies; their business details              |
//! | partner       | its own account                               | its business details                         |
//!
//! An account outside the scope is a 404, as everywhere.

use closebook_shared::Role;
use diesel::prelude::*;

use super::{OwnerScope, owner_scope};
use crate::auth::Principal;
use crate::db::DbConn;
use crate::db::schema::users;
use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartnerScope {
    /// The back office: admins and finance.
    All,
    /// The accounts these reps look after.
    LookedAfterBy(Vec<String>),
    /// A partner user's own account.
    Own(String),
    Nothing,
}

impl PartnerScope {
    /// Whether the caller sees the account `id`, looked after by `rep`.
    pub fn covers(&self, id: &str, rep: Option<&str>) -> bool {
        match self {
            PartnerScope::Own(own) => own == id,
            _ => rep.is_some_and(|r| self.looks_after(r)),
        }
    }

    /// Whether the caller answers for what `rep` does: its accounts, its leads, the accounts
    /// it may be given (the back office for every rep, a manager for its people).
    pub fn looks_after(&self, rep: &str) -> bool {
        match self {
            PartnerScope::All => true,
            PartnerScope::LookedAfterBy(reps) => reps.iter().any(|r| r == rep),
            PartnerScope::Own(_) | PartnerScope::Nothing => false,
        }
    }
}

/// Filters a boxed query over `partners` (alone or joined, as the orders list joins it) to the
/// accounts `scope` covers: the one way a query applies a [`PartnerScope`].
macro_rules! within_partner_scope {
    ($query:expr, $scope:expr) => {{
        use $crate::db::schema::partners;
        match $scope {
            $crate::authz::PartnerScope::All => $query,
            $crate::authz::PartnerScope::LookedAfterBy(reps) => {
                $query.filter(partners::rep_id.eq_any(reps.clone()))
            }
            $crate::authz::PartnerScope::Own(id) => $query.filter(partners::id.eq(id.clone())),
            $crate::authz::PartnerScope::Nothing => {
                $query.filter(partners::id.eq_any(Vec::<String>::new()))
            }
        }
    }};
}
pub(crate) use within_partner_scope;

pub fn partner_scope(conn: &mut DbConn, p: &Principal) -> Result<PartnerScope, ApiError> {
    Ok(match (p.role, p.user_id()) {
        (Role::Admin | Role::Finance, _) => PartnerScope::All,
        (Role::SalesManager | Role::SalesRep, Some(_)) => match owner_scope(conn, p)? {
            OwnerScope::All => PartnerScope::All,
            OwnerScope::Owners(ids) => PartnerScope::LookedAfterBy(ids),
            OwnerScope::Nothing => PartnerScope::Nothing,
        },
        (Role::Partner, Some(me)) => {
            let own: Option<String> = users::table
                .find(me.to_string())
                .select(users::partner_id)
                .first::<Option<String>>(conn)
                .optional()?
                .flatten();
            own.map_or(PartnerScope::Nothing, PartnerScope::Own)
        }
        _ => PartnerScope::Nothing,
    })
}

/// Partner accounts: every role is admitted, each to its own part ([`PartnerScope`]).
pub struct PartnerAccounts;

impl crate::context::Capability for PartnerAccounts {
    type Scope = PartnerScope;
    fn admit(_: &Principal) -> Result<(), ApiError> {
        Ok(())
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<PartnerScope, ApiError> {
        partner_scope(conn, p)
    }
}

pub type PartnerCtx = crate::context::Scoped<PartnerAccounts>;
/// A partner-accounts caller inside its transaction.
pub type PartnerCaller = crate::context::Caller<PartnerScope>;

/// Who may do what on the wholesale desk beyond seeing an account (the role comparisons the
/// partner domain needs, kept here with the others).
impl PartnerCaller {
    /// Admins run the desk (book and track shipments, add resources): `Err` (403) naming what
    /// the back office does for anyone else.
    pub fn back_office_only(&self, does: &str) -> Result<(), ApiError> {
        if self.principal.role != Role::Admin {
            return Err(ApiError::forbidden(format!("the back office {does}")));
        }
        Ok(())
    }

    /// Finance and admins record payments.
    pub fn records_payments(&self) -> bool {
        matches!(self.principal.role, Role::Admin | Role::Finance)
    }

    /// An account's addresses are kept by whoever sees it and orders for it: not finance.
    pub fn keeps_addresses(&self) -> Result<(), ApiError> {
        if self.principal.role == Role::Finance {
            return Err(ApiError::forbidden(
                "finance reads an account's addresses; it does not change them",
            ));
        }
        Ok(())
    }

    /// Staff who see an account resolve its support tickets; its own users open them.
    pub fn answers_support(&self) -> Result<(), ApiError> {
        if self.principal.role == Role::Partner {
            return Err(ApiError::forbidden(
                "your account manager resolves support tickets",
            ));
        }
        Ok(())
    }

    /// A partner user: it sees its own account's side of things (or none without one).
    pub fn is_partner_user(&self) -> bool {
        self.principal.role == Role::Partner
    }
}
