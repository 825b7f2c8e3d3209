//! The answer of a handler that writes, built inside its transaction.
//!
//! A POST with an `Idempotency-Key` must record its answer in the same transaction as its effect
//! (DESIGN.md §4): otherwise a crash between the two commits leaves an effect whose key does not
//! know it, and the retry runs the request a second time. So writing handlers go through
//! [`Ctx::commit`](crate::context::Ctx::commit): the closure does the work and returns a
//! [`Reply`]; when the request carries a key, the reply is serialised and stored with the key
//! before the transaction commits. Without a key, nothing extra is written or serialised.

use actix_web::body::BoxBody;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;

/// What a handler answers: a [`Reply`], or the problem that stopped it.
pub type Answer<T> = crate::error::ApiResult<Reply<T>>;

/// Status, the headers a client acts on, and a JSON body (or none).
pub struct Reply<T> {
    pub status: StatusCode,
    pub location: Option<String>,
    pub etag: Option<String>,
    body: Body<T>,
    /// The idempotency key was recorded with this reply in the handler's transaction.
    recorded: bool,
}

enum Body<T> {
    Empty,
    Value(T),
    /// Already serialised, because it was stored with the idempotency key.
    Stored(String),
}

/// A record that carries the version its `ETag` names (and an edit's `If-Match` must match).
pub trait Versioned {
    fn version(&self) -> i64;
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn version(&self) -> i64 {
                self.version
            }
        }
    )*};
}

versioned!(
    closebook_shared::allocation::Allocation,
    closebook_shared::allocation::RepIntake,
    closebook_shared::compensation_plans::CompensationPlan,
    closebook_shared::leads::Lead,
    closebook_shared::orders::Order,
    closebook_shared::partner_invoices::PartnerInvoice,
    closebook_shared::shipments::Shipment,
    closebook_shared::support::SupportTicket,
    closebook_shared::partners::Partner,
    closebook_shared::catalogue::Product,
    closebook_shared::pipelines::Pipeline,
    closebook_shared::scripts::Script,
    closebook_shared::targets::Target,
    closebook_shared::settings::Settings,
    closebook_shared::teams::Team,
    closebook_shared::territories::Territory,
    closebook_shared::users::User
);

/// A record with its own path (`{collection}/{id}`), named in the `Location` of its creation.
pub trait Identified {
    fn id(&self) -> uuid::Uuid;
}

macro_rules! identified {
    ($($t:ty),*) => {$(
        impl Identified for $t {
            fn id(&self) -> uuid::Uuid {
                self.id
            }
        }
    )*};
}

identified!(
    closebook_shared::activities::Activity,
    closebook_shared::allocation::Allocation,
    closebook_shared::activities::Note,
    closebook_shared::activities::Touch,
    closebook_shared::commission_lines::Payout,
    closebook_shared::compensation_plans::CompensationPlan,
    closebook_shared::invoices::Invoice,
    closebook_shared::invoices::Refund,
    closebook_shared::leads::Lead,
    closebook_shared::orders::Order,
    closebook_shared::partners::Partner,
    closebook_shared::catalogue::Product,
    closebook_shared::catalogue::ProductImage,
    closebook_shared::pipelines::Pipeline,
    closebook_shared::scripts::Script,
    closebook_shared::resources::MarketingAsset,
    closebook_shared::resources::VideoGuide,
    closebook_shared::shipments::Shipment,
    closebook_shared::support::SupportTicket,
    closebook_shared::partners::ShippingAddress,
    closebook_shared::targets::SatisfactionScore,
    closebook_shared::targets::Target,
    closebook_shared::teams::Team,
    closebook_shared::territories::Territory,
    closebook_shared::territories::TerritoryAssignment,
    closebook_shared::upsells::Upsell,
    closebook_shared::users::User
);

/// Marks a response whose idempotency key was recorded inside the handler's transaction.
#[derive(Clone, Copy)]
pub struct RecordedInTransaction;

impl<T: Serialize> Reply<T> {
    pub fn ok(body: T) -> Self {
        Self::with(StatusCode::OK, body)
    }

    /// 200 with the record's own version as `ETag`, for a later `If-Match`.
    pub fn versioned(body: T) -> Self
    where
        T: Versioned,
    {
        Self {
            etag: Some(crate::concurrency::etag(body.version())),
            ..Self::ok(body)
        }
    }

    /// 201 with `Location`: the new record `id` under `collection` (`"/leads"`).
    pub fn created_at(collection: &str, id: impl std::fmt::Display, body: T) -> Self {
        Self::created(format!("/api/v1{collection}/{id}"), body)
    }

    /// 201 with `Location`.
    pub fn created(location: String, body: T) -> Self {
        Self {
            location: Some(location),
            ..Self::with(StatusCode::CREATED, body)
        }
    }

    fn with(status: StatusCode, body: T) -> Self {
        Self {
            status,
            location: None,
            etag: None,
            body: Body::Value(body),
            recorded: false,
        }
    }

    /// The body as stored JSON text; serialises it once and keeps the text for the response.
    pub fn stored_body(&mut self) -> Result<String, serde_json::Error> {
        let text = match &self.body {
            Body::Empty => String::new(),
            Body::Stored(s) => s.clone(),
            Body::Value(v) => serde_json::to_string(v)?,
        };
        self.body = Body::Stored(text.clone());
        Ok(text)
    }

    pub(crate) fn mark_recorded(&mut self) {
        self.recorded = true;
    }

    /// The replayed headers, as the idempotency table stores them.
    pub fn headers(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(l) = &self.location {
            out.push((header::LOCATION.to_string(), l.clone()));
        }
        if let Some(e) = &self.etag {
            out.push((header::ETAG.to_string(), e.clone()));
        }
        out
    }
}

impl Reply<()> {
    pub fn no_content() -> Self {
        Self {
            status: StatusCode::NO_CONTENT,
            location: None,
            etag: None,
            body: Body::Empty,
            recorded: false,
        }
    }
}

impl<T: Serialize> Responder for Reply<T> {
    type Body = BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        if let Some(l) = self.location {
            res.insert_header((header::LOCATION, l));
        }
        if let Some(e) = self.etag {
            res.insert_header((header::ETAG, e));
        }
        let mut r = match self.body {
            Body::Empty => res.finish(),
            Body::Value(v) => res.json(v),
            Body::Stored(text) => res.content_type("application/json").body(text),
        };
        if self.recorded {
            r.extensions_mut().insert(RecordedInTransaction);
        }
        r
    }
}
