//! Customer satisfaction scores (the CUSTOMER_SATISFACTION metric): entered for a client by
//! whoever works it; the score counts for the client's rep at that moment.

use closebook_shared::targets::{RecordSatisfactionRequest, SatisfactionScore};
use diesel::prelude::*;
use uuid::Uuid;

use crate::audit;
use crate::authz::PipelineCaller;
use crate::db::columns::uuid_of;
use crate::db::schema::satisfaction_scores as scores;
use crate::db::{DbConn, clients};
use crate::error::ApiError;
use crate::time;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = scores)]
struct ScoreRow {
    id: String,
    client_id: String,
    rep_id: String,
    score: i32,
    comment: Option<String>,
    recorded_by: Option<String>,
    recorded_at: chrono::NaiveDateTime,
}

impl ScoreRow {
    fn to_dto(&self) -> SatisfactionScore {
        SatisfactionScore {
            id: uuid_of(&self.id),
            client_id: uuid_of(&self.client_id),
            rep_id: uuid_of(&self.rep_id),
            score: u8::try_from(self.score).unwrap_or(0),
            comment: self.comment.clone(),
            recorded_by: self.recorded_by.as_deref().map(uuid_of),
            recorded_at: self.recorded_at.and_utc(),
        }
    }
}

/// The client, when the caller works its rep's pipeline.
fn client_of(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    client: &str,
) -> Result<clients::ClientRow, ApiError> {
    clients::find(conn, client)?
        .filter(|c| caller.scope.covers(&c.owner_id))
        .ok_or_else(|| ApiError::not_found("client"))
}

pub fn record_satisfaction(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    client_id: Uuid,
    req: RecordSatisfactionRequest,
) -> Result<SatisfactionScore, ApiError> {
    let client = client_of(conn, caller, &client_id.to_string())?;
    let row = ScoreRow {
        id: Uuid::now_v7().to_string(),
        client_id: client.id,
        rep_id: client.owner_id,
        score: i32::from(req.score),
        comment: req
            .comment
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty()),
        recorded_by: caller.principal.user_id().map(|u| u.to_string()),
        recorded_at: time::now(),
    };
    diesel::insert_into(scores::table)
        .values(&row)
        .execute(conn)?;
    let dto = row.to_dto();
    audit::record_after(
        conn,
        &caller.actor,
        "satisfaction.record",
        "satisfaction_score",
        &row.id,
        &dto,
    )?;
    Ok(dto)
}

/// One score, when the caller works its client's rep.
pub fn get_satisfaction(
    conn: &mut DbConn,
    caller: &PipelineCaller,
    id: Uuid,
) -> Result<SatisfactionScore, ApiError> {
    let row: ScoreRow = scores::table
        .find(id.to_string())
        .select(ScoreRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("satisfaction score"))?;
    client_of(conn, caller, &row.client_id)
        .map_err(|_| ApiError::not_found("satisfaction score"))?;
    Ok(row.to_dto())
}
