//! Per-caller request rate limit (token bucket keyed by principal, or by address when anonymous),
//! answered with 429 and `Retry-After`.
//!
//! This limit protects each process from a runaway client and is kept in memory: with N instances
//! behind a balancer a client gets up to N× the configured rate. Limits that must hold globally —
//! failed sign-ins — are kept in the database instead (`auth::login_throttle`).

use std::num::NonZeroU32;
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};
use closebook_shared::ErrorCode;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::app::AppState;
use crate::auth::Principal;
use crate::error::ApiError;

#[derive(Clone)]
pub struct Limiter(Arc<DefaultKeyedRateLimiter<String>>);

impl Limiter {
    /// `per_minute` requests a minute, with bursts of up to a tenth of that (at least 10).
    pub fn new(per_minute: NonZeroU32) -> Self {
        let burst = NonZeroU32::new((per_minute.get() / 10).max(10)).unwrap_or(NonZeroU32::MIN);
        Self(Arc::new(RateLimiter::keyed(
            Quota::per_minute(per_minute).allow_burst(burst),
        )))
    }

    /// Seconds to wait, when over the limit.
    pub fn check(&self, key: &str) -> Option<u64> {
        self.0.check_key(&key.to_owned()).err().map(|not_until| {
            not_until
                .wait_time_from(DefaultClock::default().now())
                .as_secs()
                .max(1)
        })
    }

    /// Forgets idle callers, so the key map does not grow without bound.
    pub fn prune(&self) {
        self.0.retain_recent();
        self.0.shrink_to_fit();
    }
}

pub async fn rate_limit<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if let Some(state) = req.app_data::<web::Data<AppState>>()
        && let Some(limiter) = &state.limiter
    {
        // Copy the principal out first: `client_ip` borrows the same extensions mutably.
        let principal = req.extensions().get::<Principal>().copied();
        let key = match principal {
            Some(p) => p.key(),
            None => format!("ip:{}", state.client_ip(req.request())),
        };
        if let Some(wait) = limiter.check(&key) {
            let e = ApiError::new(ErrorCode::RateLimited, "too many requests; slow down")
                .retry_after(wait);
            return Ok(super::reject(req, e));
        }
    }
    Ok(next.call(req).await?.map_into_left_body())
}
