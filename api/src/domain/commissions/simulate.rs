//! `POST /commissions/simulate`: a month of hypothetical events under the caller's plan (or the
//! one in the request), computed by the same shared code the browser's what-if runs.

use closebook_shared::commissions::month::{self, SimulateRequest, SimulateResult};

use super::{calendar, plans};
use crate::authz::CommissionCaller;
use crate::db::DbConn;
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
    month::simulate(req, &plan.rules).map_err(ApiError::validation)
}
