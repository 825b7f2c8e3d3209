//! The OpenAPI document's frame: info, tags, security scheme, and what `finish` adds to the
//! generated document: the defaults and problems every operation shares (`responses`), the rules
//! attributes cannot state (`constraints`), and links from creates to their records (`links`).

mod constraints;
mod links;
mod responses;

pub use constraints::NO_NUL;

use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use constraints::{
    constrain_list_items, constrain_shared_parameters, coordinates_come_in_pairs, no_nul_in,
    parameters_hold_no_nul, variants_take_no_other_fields,
};
use links::{link_records_made_beside, link_records_to_their_operations};
use responses::{
    add_common_problems, bearer_unless_declared, post_takes_an_idempotency_key,
    problems_are_problem_json,
};

/// Raw bytes in a body (an image): `type: string, format: binary`, as OpenAPI spells a file.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct Binary(#[allow(dead_code)] Vec<u8>);

pub const TAG_HEALTH: &str = "health";
pub const TAG_AUTH: &str = "auth";
pub const TAG_USERS: &str = "users";
pub const TAG_TEAMS: &str = "teams";
pub const TAG_AUDIT: &str = "audit";
pub const TAG_SERVICE_TOKENS: &str = "service-tokens";
pub const TAG_SETTINGS: &str = "settings";
pub const TAG_PIPELINES: &str = "pipelines";
pub const TAG_LEADS: &str = "leads";
pub const TAG_ACTIVITIES: &str = "activities";
pub const TAG_CLIENTS: &str = "clients";
pub const TAG_SCRIPTS: &str = "scripts";
pub const TAG_COMMISSIONS: &str = "commissions";
pub const TAG_TERRITORIES: &str = "territories";
pub const TAG_ALLOCATIONS: &str = "allocations";
pub const TAG_NOTIFICATIONS: &str = "notifications";
pub const TAG_TARGETS: &str = "targets";
pub const TAG_ANALYTICS: &str = "analytics";
pub const TAG_DASHBOARDS: &str = "dashboards";
pub const TAG_PARTNERS: &str = "partners";
pub const TAG_CATALOGUE: &str = "catalogue";
pub const TAG_ORDERS: &str = "orders";
pub const TAG_PARTNER_INVOICES: &str = "partner-invoices";
pub const TAG_SHIPMENTS: &str = "shipments";
pub const TAG_RESOURCES: &str = "resources";
pub const TAG_SUPPORT: &str = "support";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Closebook API",
        description = "Sales operations: pipeline, territories, allocation, targets, commissions and partners.\n\n\
            Errors are `application/problem+json` (RFC 9457) with a stable `code`. Lists use cursor pagination \
            (`limit` ≤ 200, `next_cursor`). POST honours `Idempotency-Key`; PATCH of shared records takes \
            `version` or `If-Match` and answers 412 when the record moved on.",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = TAG_HEALTH, description = "Liveness and readiness"),
        (name = TAG_AUTH, description = "Sign-in, token refresh, sign-out, the current user"),
        (name = TAG_USERS, description = "People who sign in"),
        (name = TAG_TEAMS, description = "Teams of reps and their managers"),
        (name = TAG_AUDIT, description = "Append-only record of every write"),
        (name = TAG_SERVICE_TOKENS, description = "Credentials for integrations"),
        (name = TAG_SETTINGS, description = "Organisation-wide settings and policy switches"),
        (name = TAG_PIPELINES, description = "Pipelines and their ordered stages"),
        (name = TAG_LEADS, description = "Leads: details, stage, outcome, owner, history, activities, notes, touches"),
        (name = TAG_ACTIVITIES, description = "The caller's schedule and the quick log"),
        (name = TAG_CLIENTS, description = "Client accounts opened by won leads"),
        (name = TAG_SCRIPTS, description = "Script and email-template library (templates only, never sent)"),
        (name = TAG_COMMISSIONS, description = "Commission plans, the ledger, approvals, payouts and statements"),
        (name = TAG_TERRITORIES, description = "Territories (region, area, micro-territory), their shapes and who works them"),
        (name = TAG_ALLOCATIONS, description = "Lead allocation (rules LAR-001..007): allocations, the rep's queue, intake and team workload"),
        (name = TAG_NOTIFICATIONS, description = "In-app notifications of the signed-in user"),
        (name = TAG_DASHBOARDS, description = "The rep's and the manager's dashboards"),
        (name = TAG_ANALYTICS, description = "The Sales Leak, follow-up discipline and the weekly scorecard"),
        (name = TAG_PARTNERS, description = "Wholesale partner accounts: applications, approval, tiers, credit, terms and their users"),
        (name = TAG_CATALOGUE, description = "The wholesale catalogue: products, tier prices off MSRP, packing, minimum orders and stock"),
        (name = TAG_ORDERS, description = "Partner orders: carts priced at the tier, credit checks, the fulfilment pipeline with stock reserved on confirmation"),
        (name = TAG_PARTNER_INVOICES, description = "Partner invoices: one per order, due after the account's terms, reminded, late fees, paid by finance (the rep's partner-order commission), PDF"),
        (name = TAG_SHIPMENTS, description = "Shipments of partner orders: carrier tracking, the status timeline, the temperature log with excursions flagged, proof of delivery"),
        (name = TAG_RESOURCES, description = "Partner resources: the marketing hub (assets by tier, downloads counted), the how-to video library (progress, ratings), an account's integrations"),
        (name = TAG_SUPPORT, description = "Partner support: tickets an account's users open and its staff resolve, and who the account can call"),
        (name = TAG_TARGETS, description = "Targets (individual, team, city) with achieved values from live data, and the leaderboard"),
    ),
    // Schemas used only by query parameters are not collected from the paths; list them here.
    components(schemas(
        closebook_shared::Problem,
        closebook_shared::FieldError,
        closebook_shared::ErrorCode,
        closebook_shared::leads::LeadSort,
        closebook_shared::commission_lines::ResidualBookSort,
        closebook_shared::commission_lines::SortOrder,
        // The events published through the outbox, so integrators see their payloads.
        closebook_shared::events::Event,
        closebook_shared::events::LeadCreated,
        closebook_shared::events::StageChanged,
        closebook_shared::events::PipelineClosed,
        closebook_shared::events::LeadReassigned,
        closebook_shared::events::LeadAllocated,
        closebook_shared::events::UserCreated,
        closebook_shared::events::UserChanged,
        closebook_shared::events::TeamChanged,
        closebook_shared::events::PartnerApproved,
        closebook_shared::events::OrderPlaced,
    ))
)]
pub struct ApiDoc;

/// Adds the bearer scheme and, to every operation, the problems it can answer: 400/413/415/422
/// for input, 401/403 when it needs a token, 404 on a record's path, 409 on a secured body, 412
/// where `If-Match` is taken, 429 and 500 everywhere. An operation needs the bearer token unless
/// it says `security(())`, and a secured POST takes `Idempotency-Key`: the defaults a handler
/// would otherwise repeat, and could forget.
pub fn finish(mut spec: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let components = spec.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("JWT access token, or a cbk_ service token")
                .build(),
        ),
    );
    constrain_list_items(&mut spec);
    coordinates_come_in_pairs(&mut spec);
    link_records_to_their_operations(&mut spec);
    link_records_made_beside(&mut spec);
    if let Some(components) = spec.components.as_mut() {
        components.schemas.values_mut().for_each(no_nul_in);
        components
            .schemas
            .values_mut()
            .for_each(variants_take_no_other_fields);
    }
    for (path, item) in spec.paths.paths.iter_mut() {
        let names_a_record = path.contains('{');
        operations_mut(item).for_each(bearer_unless_declared);
        if let Some(post) = item.post.as_mut() {
            post_takes_an_idempotency_key(post);
        }
        for op in operations_mut(item) {
            problems_are_problem_json(op);
            add_common_problems(op, names_a_record);
            parameters_hold_no_nul(op);
            constrain_shared_parameters(op);
        }
    }
    spec
}

/// The operations of a path, in a fixed order (the methods this API serves).
fn operations(item: &PathItem) -> impl Iterator<Item = &Operation> {
    [&item.get, &item.post, &item.patch, &item.put, &item.delete]
        .into_iter()
        .flatten()
}

fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.patch,
        &mut item.put,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}
