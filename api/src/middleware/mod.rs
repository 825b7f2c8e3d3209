//! Cross-cutting request handling, outermost first: request context (id, logging, problem
//! decoration) → authentication → per-caller rate limit → idempotency keys.

pub mod authenticate;
pub mod idempotency;
pub mod rate_limit;
pub mod request_context;

pub use request_context::RequestId;

use actix_web::ResponseError;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};

use crate::error::ApiError;

/// Answers a request from a middleware with a problem response. (Returning `Err` instead would
/// leave the outer layers no response to decorate with the request id.)
pub fn reject<B: MessageBody>(req: ServiceRequest, e: ApiError) -> ServiceResponse<EitherBody<B>> {
    req.into_response(e.error_response()).map_into_right_body()
}
