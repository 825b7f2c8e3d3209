use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get};
use closebook_shared::commission_lines::{CommissionStatement, StatementQuery};
use closebook_shared::commissions::Period;
use closebook_shared::users::User;

use crate::authz::CommissionCtx;
use crate::domain::commissions::{statement_pdf, statements};
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::openapi::TAG_COMMISSIONS;
use crate::params::Id;

/// A rep's statement of a period
///
/// The period's lines (in the rep's plan currency unless `currency` says another) and what they
/// sum to, with what the monthly close stored. `Accept: application/pdf` answers the statement
/// as a PDF. A rep sees its own, a manager its teams', finance and admins everyone's.
#[utoipa::path(tag = TAG_COMMISSIONS, operation_id = "get_commission_statement", params(
    Id<User>,
    ("period" = String, Path, description = "`YYYY-MM`", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"),
    StatementQuery,
), responses(
    (status = 200, description = "The statement", content(
        (CommissionStatement = "application/json"),
        (Vec<u8> = "application/pdf"),
    )),
))]
#[get("/commissions/statements/{id}/{period}")]
pub async fn get_commission_statement(
    ctx: CommissionCtx,
    rm: Id<User>,
    req: HttpRequest,
    q: Query<StatementQuery>,
) -> ApiResult<HttpResponse> {
    // A period that does not parse names no statement, as a bad id names no record.
    let period: Period = req
        .match_info()
        .get("period")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| ApiError::not_found("statement"))?;
    let wants_pdf = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/pdf"));
    let currency = q.0.currency;
    let statement = ctx
        .read(move |c, caller| statements::statement(c, &caller.scope, rm.uuid(), period, currency))
        .await?;
    if wants_pdf {
        let name = format!("statement-{}-{}.pdf", statement.period, statement.rep_id);
        return Ok(HttpResponse::Ok()
            .content_type("application/pdf")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ))
            .body(statement_pdf::render(&statement)));
    }
    Ok(HttpResponse::Ok().json(statement))
}
