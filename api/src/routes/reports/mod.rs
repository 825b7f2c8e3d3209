mod activity_by_rep;
mod conversion;
mod pipeline;
mod profitability;
mod residual_book;

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(residual_book::get_residual_book)
        .service(profitability::get_profitability)
        .service(conversion::get_conversion_report)
        .service(activity_by_rep::get_activity_report)
        .service(pipeline::get_pipeline_report);
}

/// Whether the request asks for CSV (`Accept: text/csv`) rather than JSON.
fn wants_csv(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|m| {
            m.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("text/csv"))
        })
}

/// A report as JSON, or as a CSV download.
pub enum Report<T> {
    Json(T),
    Csv { name: &'static str, body: String },
}

impl<T> Report<T> {
    /// `report` as the request asks for it; `csv` renders it.
    fn of(
        req: &HttpRequest,
        name: &'static str,
        report: T,
        csv: impl FnOnce(&T) -> Result<String, ApiError>,
    ) -> Result<Self, ApiError> {
        Ok(if wants_csv(req) {
            Report::Csv {
                name,
                body: csv(&report)?,
            }
        } else {
            Report::Json(report)
        })
    }
}

impl<T: Serialize> Responder for Report<T> {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse {
        match self {
            Report::Json(v) => HttpResponse::Ok().json(v),
            Report::Csv { name, body } => HttpResponse::Ok()
                .content_type("text/csv; charset=utf-8")
                .insert_header((
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ))
                .body(body),
        }
    }
}
