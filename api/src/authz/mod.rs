//! Authorisation: the one place that says who may see and do what (DESIGN.md §5).
//! Handlers ask here; they never compare roles themselves.
//!
//! | who           | users                                   | teams                  |
//! |---------------|-----------------------------------------|------------------------|
//! | admin         | all; create, edit, deactivate           | all; create, edit      |
//! | finance       | all (read: payroll and commission caps) | all (read)             |
//! | sales_manager | self, direct reports, its teams' members| teams it runs, its own |
//! | sales_rep     | self                                    | its own team           |
//! | partner       | self                                    | none                   |
//!
//! Pipeline (leads, their activities, notes, touches, history; clients): a rep sees and works
//! the leads it owns; a manager those owned by itself, its direct reports and its teams'
//! members; admin all; finance and partners none. Pipelines are read by every pipeline role and
//! finance, edited by admins; scripts are read by pipeline roles, edited by managers and admins.
//!
//! Commissions: a rep sees its own lines, a manager its teams' (as for the pipeline), finance and
//! admins all; only finance and admins approve, resolve, pay, close periods and edit plans.
//!
//! Every user may edit its own name, phone and time zone. Service tokens act with their role;
//! having no user record, a non-admin/finance token sees no people.

use closebook_shared::Role;
use diesel::prelude::*;
use uuid::Uuid;

use crate::auth::Principal;
use crate::db::DbConn;
use crate::db::schema::{teams, users};
use crate::error::ApiError;

/// Which rows of a people-scoped table the caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// The caller itself, its direct reports, and members of these teams.
    Managed {
        user_id: Uuid,
        team_ids: Vec<String>,
    },
    /// Only the caller itself.
    OnlySelf(Uuid),
    Nothing,
}

impl Scope {
    /// Whether a user with this id, team and manager is visible.
    pub fn covers_user(&self, id: Uuid, team_id: Option<&str>, manager_id: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Managed { user_id, team_ids } => {
                id == *user_id
                    || manager_id == Some(user_id.to_string().as_str())
                    || team_id.is_some_and(|t| team_ids.iter().any(|x| x == t))
            }
            Scope::OnlySelf(me) => id == *me,
            Scope::Nothing => false,
        }
    }
}

/// The users the caller may see.
pub fn user_scope(conn: &mut DbConn, p: &Principal) -> Result<Scope, ApiError> {
    Ok(match (p.role, p.user_id()) {
        (Role::Admin | Role::Finance, _) => Scope::All,
        (Role::SalesManager, Some(me)) => Scope::Managed {
            user_id: me,
            team_ids: managed_team_ids(conn, me)?,
        },
        (_, Some(me)) => Scope::OnlySelf(me),
        (_, None) => Scope::Nothing,
    })
}

/// Teams the caller may see: `None` means all.
pub fn team_scope(conn: &mut DbConn, p: &Principal) -> Result<Option<Vec<String>>, ApiError> {
    Ok(match (p.role, p.user_id()) {
        (Role::Admin | Role::Finance, _) => None,
        (Role::Partner, _) | (_, None) => Some(Vec::new()),
        (Role::SalesManager, Some(me)) => {
            let mut ids = managed_team_ids(conn, me)?;
            ids.extend(own_team_id(conn, me)?);
            ids.sort();
            ids.dedup();
            Some(ids)
        }
        (Role::SalesRep, Some(me)) => Some(own_team_id(conn, me)?.into_iter().collect()),
    })
}

fn managed_team_ids(conn: &mut DbConn, manager: Uuid) -> Result<Vec<String>, ApiError> {
    Ok(teams::table
        .filter(teams::manager_id.eq(manager.to_string()))
        .select(teams::id)
        .load(conn)?)
}

fn own_team_id(conn: &mut DbConn, user: Uuid) -> Result<Option<String>, ApiError> {
    Ok(users::table
        .find(user.to_string())
        .select(users::team_id)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten())
}

/// Which rows of an owner-scoped table (leads, clients; commissions, targets, allocations and
/// orders next) the caller may see and work: `Owners` lists the owner user ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerScope {
    All,
    Owners(Vec<String>),
    Nothing,
}

impl OwnerScope {
    pub fn covers(&self, owner_id: &str) -> bool {
        match self {
            OwnerScope::All => true,
            OwnerScope::Owners(ids) => ids.iter().any(|i| i == owner_id),
            OwnerScope::Nothing => false,
        }
    }

    /// The owners a query must be limited to; `None` for all.
    pub fn owners(&self) -> Option<&[String]> {
        match self {
            OwnerScope::All => None,
            OwnerScope::Owners(ids) => Some(ids),
            OwnerScope::Nothing => Some(&[]),
        }
    }

    pub fn is_nothing(&self) -> bool {
        matches!(self, OwnerScope::Nothing)
    }
}

/// A list of owners a query is limited to, `None` meaning everyone: what [`within_scope!`]
/// reads — an [`OwnerScope`], or the people an analytics query counts.
pub trait OwnerList {
    fn owners(&self) -> Option<&[String]>;
}

impl OwnerList for Option<&[String]> {
    fn owners(&self) -> Option<&[String]> {
        *self
    }
}

/// `$query` (a boxed diesel query) limited to the rows whose `$owner` column `$scope` (an
/// [`OwnerScope`], or any [`OwnerList`]) covers. Every owner-scoped list filters through this.
macro_rules! within_scope {
    ($query:expr, $scope:expr, $owner:expr) => {
        match $scope.owners() {
            None => $query,
            // One owner (a rep): `=` keeps the statement cacheable; an `IN (…)` is re-prepared.
            Some([one]) => $query.filter($owner.eq(one.clone())),
            Some(ids) => $query.filter($owner.eq_any(ids.to_vec())),
        }
    };
}
pub(crate) use within_scope;

pub fn owner_scope(conn: &mut DbConn, p: &Principal) -> Result<OwnerScope, ApiError> {
    Ok(match (p.role, p.user_id()) {
        (Role::Admin, _) => OwnerScope::All,
        (Role::SalesRep, Some(me)) => OwnerScope::Owners(vec![me.to_string()]),
        (Role::SalesManager, Some(me)) => {
            let teams = managed_team_ids(conn, me)?;
            let me = me.to_string();
            let mut ids: Vec<String> = users::table
                .filter(users::manager_id.eq(&me).or(users::team_id.eq_any(&teams)))
                .select(users::id)
                .load(conn)?;
            ids.push(me);
            ids.sort();
            ids.dedup();
            OwnerScope::Owners(ids)
        }
        _ => OwnerScope::Nothing,
    })
}

/// The pipeline's scope: the owners whose leads the caller sees and works ([`OwnerScope`], which
/// this dereferences to), and the territories whose leads nobody holds it also sees — a rep the
/// territories it owns (to claim those leads), a manager those it is assigned to (to place
/// them), each with the territories within.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadScope {
    pub owners: OwnerScope,
    pub pool: Vec<String>,
    /// Whether the caller may work a lead nobody holds (place it, edit it), beyond claiming it.
    pub places_pool: bool,
}

impl std::ops::Deref for LeadScope {
    type Target = OwnerScope;
    fn deref(&self) -> &OwnerScope {
        &self.owners
    }
}

impl LeadScope {
    /// Whether the caller sees a lead held by `owner` (`None`: nobody) lying in `territory`.
    pub fn sees(&self, owner: Option<&str>, territory: Option<&str>) -> bool {
        match owner {
            Some(o) => self.owners.covers(o),
            None => self.in_pool(territory),
        }
    }

    /// Whether the caller may change a lead held by `owner` lying in `territory`: its owner's
    /// scope covers it, or nobody holds it and the caller places its territory's leads.
    pub fn works(&self, owner: Option<&str>, territory: Option<&str>) -> bool {
        match owner {
            Some(o) => self.owners.covers(o),
            None => self.places_pool && self.in_pool(territory),
        }
    }

    /// Whether an unheld lead in `territory` is one the caller sees.
    pub fn in_pool(&self, territory: Option<&str>) -> bool {
        matches!(self.owners, OwnerScope::All)
            || territory.is_some_and(|t| self.pool.iter().any(|p| p == t))
    }
}

/// The pipeline's scope of `p` (see [`LeadScope`]).
pub fn lead_scope(conn: &mut DbConn, p: &Principal) -> Result<LeadScope, ApiError> {
    use closebook_shared::territories::AssignmentRole;
    let owners = owner_scope(conn, p)?;
    let (roles, places_pool): (&[AssignmentRole], bool) = match p.role {
        Role::SalesRep => (&[AssignmentRole::Owner], false),
        Role::SalesManager => (AssignmentRole::ALL, true),
        _ => (&[], matches!(owners, OwnerScope::All)),
    };
    // A manager runs the territories it is assigned to and those its people serve.
    let people: Vec<String> = match (p.role, &owners, p.user_id()) {
        (Role::SalesManager, OwnerScope::Owners(ids), _) => ids.clone(),
        (_, _, Some(me)) => vec![me.to_string()],
        _ => Vec::new(),
    };
    let pool = if roles.is_empty() || people.is_empty() {
        Vec::new()
    } else {
        crate::db::territories::served_by(conn, &people, roles, crate::time::now().date())?
    };
    Ok(LeadScope {
        owners,
        pool,
        places_pool,
    })
}

/// The pipeline capability: leads and everything on them, clients. Handlers take
/// [`PipelineCtx`]; its scope is the caller's [`LeadScope`].
pub struct PipelineWork;

impl crate::context::Capability for PipelineWork {
    type Scope = LeadScope;
    fn admit(p: &Principal) -> Result<(), ApiError> {
        require_pipeline_role(p)
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<LeadScope, ApiError> {
        lead_scope(conn, p)
    }
}

pub type PipelineCtx = crate::context::Scoped<PipelineWork>;
/// A pipeline caller inside its transaction, as domain functions take it.
pub type PipelineCaller = crate::context::Caller<LeadScope>;

/// A capability whose callers all see the same records: admitting them is the whole rule.
macro_rules! role_capability {
    ($(#[$doc:meta])* $name:ident, $ctx:ident, $admit:path) => {
        $(#[$doc])*
        pub struct $name;

        impl crate::context::Capability for $name {
            type Scope = ();
            fn admit(p: &Principal) -> Result<(), ApiError> {
                $admit(p)
            }
            fn scope(_: &mut DbConn, _: &Principal) -> Result<(), ApiError> {
                Ok(())
            }
        }

        pub type $ctx = crate::context::Scoped<$name>;
    };
}

role_capability!(
    /// Administration: users, teams, pipelines, settings, the audit log.
    Administration,
    AdminCtx,
    require_admin
);
role_capability!(
    /// Service tokens: a signed-in admin only ([`require_human_admin`]).
    TokenAdministration,
    TokenAdminCtx,
    require_human_admin
);
role_capability!(
    /// The script library's edits, and reassigning leads: managers and admins.
    Managing,
    ManagerCtx,
    require_manager
);
role_capability!(
    /// Reading pipeline definitions: pipeline roles and finance.
    PipelineReading,
    PipelineReaderCtx,
    require_pipeline_reader
);

role_capability!(
    /// Commission administration: plans, approvals, disputes resolved, payouts, the monthly
    /// close — finance and admins.
    FinanceWork,
    FinanceCtx,
    require_finance
);

/// Commissions: reps see their own lines, managers their teams', finance and admins all.
/// Handlers take [`CommissionCtx`]; its scope is the [`OwnerScope`] of the lines' reps.
pub struct CommissionWork;

impl crate::context::Capability for CommissionWork {
    type Scope = OwnerScope;
    fn admit(p: &Principal) -> Result<(), ApiError> {
        require_commission_role(p)
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<OwnerScope, ApiError> {
        commission_scope(conn, p)
    }
}

pub type CommissionCtx = crate::context::Scoped<CommissionWork>;
/// A commission caller inside its transaction.
pub type CommissionCaller = crate::context::Caller<OwnerScope>;

/// Whose commission lines the caller sees: the pipeline's owners, and every rep for finance.
pub fn commission_scope(conn: &mut DbConn, p: &Principal) -> Result<OwnerScope, ApiError> {
    match p.role {
        Role::Finance => Ok(OwnerScope::All),
        _ => owner_scope(conn, p),
    }
}

/// The people directory: every signed-in caller, seeing the users of its [`Scope`].
pub struct People;

impl crate::context::Capability for People {
    type Scope = Scope;
    fn admit(_: &Principal) -> Result<(), ApiError> {
        Ok(())
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<Scope, ApiError> {
        user_scope(conn, p)
    }
}

pub type PeopleCtx = crate::context::Scoped<People>;

/// A person's own things (notifications): every signed-in user; the scope is its user id.
/// Service tokens, being no person, are refused.
pub struct OwnThings;

impl crate::context::Capability for OwnThings {
    type Scope = String;
    fn admit(p: &Principal) -> Result<(), ApiError> {
        p.user_id()
            .map(|_| ())
            .ok_or_else(|| ApiError::forbidden("only a signed-in person has notifications"))
    }
    fn scope(_: &mut DbConn, p: &Principal) -> Result<String, ApiError> {
        p.user_id()
            .map(|u| u.to_string())
            .ok_or_else(|| ApiError::forbidden("only a signed-in person has notifications"))
    }
}

pub type SignedInCtx = crate::context::Scoped<OwnThings>;

/// Teams: every signed-in caller, seeing the teams [`team_scope`] lists (`None`: all).
pub struct Teams;

impl crate::context::Capability for Teams {
    type Scope = Option<Vec<String>>;
    fn admit(_: &Principal) -> Result<(), ApiError> {
        Ok(())
    }
    fn scope(conn: &mut DbConn, p: &Principal) -> Result<Self::Scope, ApiError> {
        team_scope(conn, p)
    }
}

pub type TeamsCtx = crate::context::Scoped<Teams>;

/// Notes are private: whose notes the caller sees (`None`: everyone's, for admins).
pub fn notes_visible_to(p: &Principal) -> Option<String> {
    (!p.is_admin()).then(|| p.id.to_string())
}

/// Working the pipeline at all: admins, managers and reps.
pub fn require_pipeline_role(p: &Principal) -> Result<(), ApiError> {
    if matches!(p.role, Role::Admin | Role::SalesManager | Role::SalesRep) {
        Ok(())
    } else {
        Err(ApiError::forbidden("only sales roles work the pipeline"))
    }
}

/// Reading pipeline definitions: pipeline roles and finance.
pub fn require_pipeline_reader(p: &Principal) -> Result<(), ApiError> {
    if matches!(p.role, Role::Finance) {
        return Ok(());
    }
    require_pipeline_role(p)
}

/// Reassigning leads and editing the script library: managers and admins.
pub fn require_manager(p: &Principal) -> Result<(), ApiError> {
    if matches!(p.role, Role::Admin | Role::SalesManager) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only a manager or an admin may do this",
        ))
    }
}

/// Being paid commissions or overseeing them: sales roles, finance and admins.
pub fn require_commission_role(p: &Principal) -> Result<(), ApiError> {
    if matches!(p.role, Role::Finance) {
        return Ok(());
    }
    require_pipeline_role(p)
        .map_err(|_| ApiError::forbidden("only sales roles and finance see commissions"))
}

/// Approving, paying, closing periods and editing plans: finance and admins.
pub fn require_finance(p: &Principal) -> Result<(), ApiError> {
    if matches!(p.role, Role::Admin | Role::Finance) {
        Ok(())
    } else {
        Err(ApiError::forbidden("only finance or an admin may do this"))
    }
}

/// Admin-only actions: user and team administration, the audit log.
pub fn require_admin(p: &Principal) -> Result<(), ApiError> {
    if p.is_admin() {
        Ok(())
    } else {
        Err(ApiError::forbidden("only an admin may do this"))
    }
}

/// Service tokens may only be managed by a signed-in admin, never by another token: a leaked
/// token must not be able to mint more.
pub fn require_human_admin(p: &Principal) -> Result<(), ApiError> {
    require_admin(p)?;
    if p.user_id().is_none() {
        return Err(ApiError::forbidden(
            "service tokens cannot manage service tokens",
        ));
    }
    Ok(())
}

/// Which fields of a user record the caller may change.
pub fn check_user_patch(
    p: &Principal,
    target: Uuid,
    fields: &[&'static str],
) -> Result<(), ApiError> {
    if p.is_admin() {
        return Ok(());
    }
    if p.user_id() != Some(target) {
        return Err(ApiError::forbidden("you may only edit your own profile"));
    }
    let refused = fields
        .iter()
        .filter(|f| !closebook_shared::users::SELF_EDITABLE_FIELDS.contains(f))
        .fold(
            ApiError::forbidden("you may only change your name, phone and time zone"),
            |e, f| e.on_field(*f, "only an admin may change this"),
        );
    if refused.errors.is_empty() {
        Ok(())
    } else {
        Err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_membership() {
        let me = Uuid::now_v7();
        let other = Uuid::now_v7();
        let managed = Scope::Managed {
            user_id: me,
            team_ids: vec!["t1".into()],
        };
        let me_s = me.to_string();
        let table: &[(&Scope, Uuid, Option<&str>, Option<&str>, bool)] = &[
            (&Scope::All, other, None, None, true),
            (&managed, me, None, None, true),
            (&managed, other, Some("t1"), None, true),
            (&managed, other, Some("t2"), None, false),
            (&managed, other, None, Some(&me_s), true),
            (&Scope::OnlySelf(me), me, None, None, true),
            (&Scope::OnlySelf(me), other, Some("t1"), None, false),
            (&Scope::Nothing, me, None, None, false),
        ];
        for (scope, id, team, mgr, want) in table {
            assert_eq!(
                scope.covers_user(*id, *team, *mgr),
                *want,
                "{scope:?} {team:?} {mgr:?}"
            );
        }
    }

    #[test]
    fn self_edit_is_limited_to_profile_fields() {
        let me = Uuid::now_v7();
        let rep = Principal::user(me, Role::SalesRep);
        assert!(check_user_patch(&rep, me, &["name", "phone", "time_zone"]).is_ok());
        let err = check_user_patch(&rep, me, &["name", "role"]).unwrap_err();
        assert_eq!(err.errors[0].field, "role");
        assert!(check_user_patch(&rep, Uuid::now_v7(), &["name"]).is_err());
        assert!(
            check_user_patch(&Principal::user(me, Role::Admin), Uuid::now_v7(), &["role"]).is_ok()
        );
    }
}

mod insight;
mod partners;
pub use insight::*;
pub use partners::*;
