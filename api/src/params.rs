//! Parameters many operations share, each documenting itself (`params(Id<Lead>, IfMatch)`).
//!
//! Ids in paths (`/leads/{id}`): a handler takes `Id<Lead>`. An id that is not a UUID cannot
//! name anything, so it is answered like any other unknown record (404 naming the kind).
//! Model: crates.io `CratePath`. The headers' formats and rules are declared once, for every
//! operation, in `openapi::finish`; the types here only say which operations take them.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::{KnownFormat, ObjectBuilder, Required, SchemaFormat, Type};
use uuid::Uuid;

use crate::error::ApiError;

/// A kind of record that has its own path: the noun its 404 and its documentation use.
pub trait Record {
    const NAME: &'static str;
}

/// The `{id}` of a path, parsed, for records of kind `R`.
pub struct Id<R>(Uuid, PhantomData<fn() -> R>);

impl<R> Id<R> {
    pub fn uuid(&self) -> Uuid {
        self.0
    }
}

impl<R> Clone for Id<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for Id<R> {}

impl<R> std::fmt::Display for Id<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<R: Record> FromRequest for Id<R> {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, actix_web::Error>>;

    /// A segment that is not an id is a 404 — unless it is a literal route beside `{id}`
    /// (`/commissions/simulate`), which another method was sent to: then a 405 with `Allow`.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req
            .match_info()
            .get("id")
            .and_then(|raw| Uuid::parse_str(raw).ok())
            .map(|id| Id(id, PhantomData));
        std::future::ready(id.ok_or_else(|| {
            let literal = req
                .app_data::<actix_web::web::Data<crate::routes::known::KnownRoutes>>()
                .and_then(|known| known.literal(req.path()).map(<[String]>::to_vec));
            match literal {
                Some(methods) => actix_web::error::InternalError::from_response(
                    "method not allowed",
                    crate::routes::known::method_not_allowed(req.method(), &methods),
                )
                .into(),
                None => ApiError::not_found(R::NAME).into(),
            }
        }))
    }
}

impl<R: Record> utoipa::IntoParams for Id<R> {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let mut noun = R::NAME.to_owned();
        if let Some(first) = noun.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        vec![
            ParameterBuilder::new()
                .name("id")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some(format!("{noun} id")))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid))),
                ))
                .build(),
        ]
    }
}

fn header(name: &str, description: &str) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

/// `If-Match` on an edit of a versioned record (`concurrency::expected_version` reads it).
pub struct IfMatch;

impl utoipa::IntoParams for IfMatch {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![header(
            "If-Match",
            "ETag of the version being edited, e.g. \"3\"",
        )]
    }
}

/// `Idempotency-Key` on a POST that creates or changes something (`middleware::idempotency`).
pub struct IdempotencyKey;

impl utoipa::IntoParams for IdempotencyKey {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![header(
            "Idempotency-Key",
            "Retry-safe key; the same key and body replay the first response",
        )]
    }
}

macro_rules! records {
    ($($ty:path => $name:literal),* $(,)?) => {
        $(impl Record for $ty { const NAME: &'static str = $name; })*
    };
}

records! {
    closebook_shared::leads::Lead => "lead",
    closebook_shared::clients::Client => "client",
    closebook_shared::scripts::Script => "script",
    closebook_shared::pipelines::Pipeline => "pipeline",
    closebook_shared::users::User => "user",
    closebook_shared::teams::Team => "team",
    closebook_shared::service_tokens::ServiceToken => "service token",
    closebook_shared::activities::Activity => "activity",
    closebook_shared::activities::Note => "note",
    closebook_shared::activities::Touch => "touch",
    closebook_shared::compensation_plans::CompensationPlan => "compensation plan",
    closebook_shared::commission_lines::CommissionLine => "commission line",
    closebook_shared::invoices::Invoice => "invoice",
    closebook_shared::invoices::Refund => "refund",
    closebook_shared::upsells::Upsell => "upsell",
    closebook_shared::commission_lines::Payout => "payout",
    closebook_shared::territories::Territory => "territory",
    closebook_shared::territories::TerritoryAssignment => "territory assignment",
    closebook_shared::allocation::Allocation => "allocation",
    closebook_shared::notifications::Notification => "notification",
    closebook_shared::territories::PlacementRun => "placement run",
    closebook_shared::targets::Target => "target",
    closebook_shared::targets::SatisfactionScore => "satisfaction score",
    closebook_shared::partners::Partner => "partner",
    closebook_shared::catalogue::Product => "product",
    closebook_shared::catalogue::ProductImage => "image",
    closebook_shared::orders::Order => "order",
    closebook_shared::partner_invoices::PartnerInvoice => "partner invoice",
    closebook_shared::shipments::Shipment => "shipment",
    closebook_shared::resources::MarketingAsset => "marketing asset",
    closebook_shared::resources::VideoGuide => "video guide",
    closebook_shared::support::SupportTicket => "support ticket",
    closebook_shared::partners::ShippingAddress => "shipping address",
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use closebook_shared::leads::Lead;

    #[actix_web::test]
    async fn a_path_id_is_a_uuid_or_the_record_is_not_found() {
        let table = [
            ("01a21b3c-f61e-7795-a436-373f270638c2", true),
            ("01A21B3C-F61E-7795-A436-373F270638C2", true),
            ("01a21b3cf61e7795a436373f270638c2", true),
            ("0", false),
            ("null", false),
            ("01a21b3c-f61e-7795-a436-373f270638c", false),
        ];
        for (raw, ok) in table {
            let req = TestRequest::default().param("id", raw).to_http_request();
            match Id::<Lead>::extract(&req).await {
                Ok(id) => assert!(ok, "{raw} accepted as {id}"),
                Err(e) => {
                    assert!(!ok, "{raw} refused");
                    let e = e.as_error::<ApiError>().expect("a problem, not a 405");
                    assert_eq!(e.code, closebook_shared::ErrorCode::NotFound);
                    assert_eq!(e.detail, "lead not found");
                }
            }
        }
    }
}
