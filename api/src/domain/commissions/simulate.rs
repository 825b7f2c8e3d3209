//! `POST /commissions/simulate`: a month of hypothetical events under the caller's plan (or the
//! one in the request), computed by the same shared code the browser's what-if runs. A quota or
//! base salary the request leaves out is the caller's own: the quota of its plan assignment, the
//! salary on its user record (when in the request's currency).

use closebook_shared::commissions::month::{self, SimulateRequest, SimulateResult};

use super::{calendar, plans};
use crate::authz::CommissionCaller;
use crate::db::DbConn;
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::time;

pub fn simulate(
    conn: &mut DbConn,
    caller: &CommissionCaller,
    req: &SimulateRequest,
) -> Result<SimulateResult, ApiError> {
    let today = calendar::local_date(calendar::zone(conn)?, time::now());
    let me = caller.principal.user_id().map(|u| u.to_string());
    let plan = plans::in_force(conn, me.as_deref(), caller.principal.role, today)?;
    let mut req = req.clone();
    if req.quota.is_none() {
        req.quota = plan.quota;
    }
    if req.base_salary.is_none()
        && let Some(u) = caller.principal.user_id()
        && let Some(user) = user_rows::find(conn, u)?
    {
        req.base_salary = super::salary_in(
            user.base_salary_minor,
            user.base_salary_currency.as_deref(),
            &req.currency,
        )?;
    }
    month::simulate(&req, &plan.rules).map_err(ApiError::validation)
}
