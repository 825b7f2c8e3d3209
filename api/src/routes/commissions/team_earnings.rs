use actix_web::get;
use closebook_shared::commission_lines::{TeamEarnings, TeamEarningsQuery};

use crate::authz::CommissionCtx;
use crate::domain::commissions::summary;
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::reply::{Answer, Reply};

/// A team's earnings for a month
///
/// Each active rep and manager the caller sees (a manager: its teams' members and itself;
/// finance and admins: everyone, or one team with `team_id`), with the period's lines by status
/// and the manager overrides among them, in the organisation's currency; largest net first.
/// Reps have no team view.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_team_earnings", params(TeamEarningsQuery), responses(
    (status = 200, description = "The members' month", body = TeamEarnings),
))]
#[get("/commissions/team-earnings")]
pub async fn get_team_earnings(
    ctx: CommissionCtx,
    q: Query<TeamEarningsQuery>,
) -> Answer<TeamEarnings> {
    ctx.read(move |c, caller| summary::team_earnings(c, caller, &q.0))
        .await
        .map(Reply::ok)
}
