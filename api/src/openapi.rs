//! The OpenAPI document's frame: info, tags, security scheme, and the error responses every
//! operation shares (added here once instead of repeated on ~20 handlers).

use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

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
        closebook_shared::events::UserCreated,
        closebook_shared::events::UserChanged,
        closebook_shared::events::TeamChanged,
    ))
)]
pub struct ApiDoc;

fn problem(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                crate::error::PROBLEM_JSON,
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

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
    if let Some(components) = spec.components.as_mut() {
        components.schemas.values_mut().for_each(no_nul_in);
        components
            .schemas
            .values_mut()
            .for_each(variants_take_no_other_fields);
    }
    for (path, item) in spec.paths.paths.iter_mut() {
        let names_a_record = path.contains('{');
        if let Some(post) = item.post.as_mut() {
            post_takes_an_idempotency_key(post);
        }
        for op in operations_mut(item) {
            bearer_unless_declared(op);
            problems_are_problem_json(op);
            add_common_problems(op, names_a_record);
            parameters_hold_no_nul(op);
            constrain_shared_parameters(op);
        }
    }
    spec
}

/// Every shared enum with object variants (a plan's new-business rule, money, events) refuses
/// fields it does not know, like every shared struct; serde's `deny_unknown_fields` reaches
/// utoipa's structs but not enum variants, so the variants are closed here.
fn variants_take_no_other_fields(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::{AdditionalProperties, Schema};
    let RefOr::T(Schema::OneOf(one_of)) = schema else {
        return;
    };
    for variant in one_of.items.iter_mut() {
        if let RefOr::T(Schema::Object(obj)) = variant
            && !obj.properties.is_empty()
            && obj.additional_properties.is_none()
        {
            obj.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
        }
    }
}

/// The rules the server enforces on parameters many operations share, declared once here so
/// every operation's contract states them (and schemathesis checks both ways).
fn constrain_shared_parameters(op: &mut Operation) {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
    for p in op.parameters.iter_mut().flatten() {
        let RefOr::T(p) = p else { continue };
        let schema = match p.name.as_str() {
            "limit" => ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::Integer))
                .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
                    utoipa::openapi::KnownFormat::Int32,
                )))
                .minimum(Some(1))
                .maximum(Some(closebook_shared::page::MAX_LIMIT))
                .description(Some(format!(
                    "Page size, 1–{} (default {})",
                    closebook_shared::page::MAX_LIMIT,
                    closebook_shared::page::DEFAULT_LIMIT
                ))),
            "Idempotency-Key" => ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .min_length(Some(1))
                .max_length(Some(crate::middleware::idempotency::MAX_KEY_LENGTH))
                .pattern(Some("^[!-~]+$")),
            "owner" => ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .pattern(Some(crate::db::leads::OWNER_PATTERN))
                .description(Some("A user id, or `me`")),
            "kind" if p.schema.as_ref().is_some_and(is_plain_string) => ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .pattern(Some(crate::routes::leads::kinds_pattern()))
                .description(Some(
                    "Activity kinds separated by commas, e.g. `call,email`",
                )),
            "If-Match" => ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .pattern(Some(crate::concurrency::ETAG_PATTERN)),
            _ => continue,
        };
        p.schema = Some(RefOr::T(Schema::Object(schema.build())));
    }
}

/// Item rules of text lists, which utoipa's field attributes cannot state: each item holds
/// 1..=max characters (the garde rules beside the fields say the same).
fn constrain_list_items(spec: &mut utoipa::openapi::OpenApi) {
    use closebook_shared::leads::{COMPETITOR_MAX_CHARS, TAG_MAX_CHARS};
    use closebook_shared::territories::ZIP_MAX_CHARS;
    use closebook_shared::validate::NAME_MAX;
    use utoipa::openapi::schema::{ArrayItems, Schema};
    let rules: [(&str, &str, usize); 11] = [
        ("CreateTerritoryRequest", "zip_codes", ZIP_MAX_CHARS),
        ("UpdateTerritoryRequest", "zip_codes", ZIP_MAX_CHARS),
        ("CreateTerritoryRequest", "cities", NAME_MAX),
        ("UpdateTerritoryRequest", "cities", NAME_MAX),
        ("CreateTerritoryRequest", "states", NAME_MAX),
        ("UpdateTerritoryRequest", "states", NAME_MAX),
        ("CreateLeadRequest", "tags", TAG_MAX_CHARS),
        ("UpdateLeadRequest", "tags", TAG_MAX_CHARS),
        ("CreateLeadRequest", "competitors", COMPETITOR_MAX_CHARS),
        ("UpdateLeadRequest", "competitors", COMPETITOR_MAX_CHARS),
        ("ReferralAskRequest", "names", NAME_MAX),
    ];
    let Some(components) = spec.components.as_mut() else {
        return;
    };
    for (schema, field, max) in rules {
        let Some(RefOr::T(Schema::Object(object))) = components.schemas.get_mut(schema) else {
            continue;
        };
        let Some(RefOr::T(Schema::Array(list))) = object.properties.get_mut(field) else {
            continue;
        };
        if let ArrayItems::RefOrSchema(item) = &mut list.items
            && let RefOr::T(Schema::Object(text)) = item.as_mut()
        {
            text.min_length = Some(1);
            text.max_length = Some(max);
        }
    }
}

/// An activity's position is both coordinates or neither (`domain::activities` refuses one
/// alone). The object is kept as it is and the pairing added beside it (`allOf` with an
/// `anyOf`), since a field attribute cannot say it.
fn coordinates_come_in_pairs(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::schema::{
        AllOfBuilder, AnyOfBuilder, ObjectBuilder, Schema, SchemaType, Type,
    };
    let Some(components) = spec.components.as_mut() else {
        return;
    };
    let both_or_neither = || {
        let null = || ObjectBuilder::new().schema_type(SchemaType::Type(Type::Null));
        let number = || ObjectBuilder::new().schema_type(SchemaType::Type(Type::Number));
        AnyOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .property("latitude", null())
                    .property("longitude", null()),
            )
            .item(
                ObjectBuilder::new()
                    .property("latitude", number())
                    .property("longitude", number())
                    .required("latitude")
                    .required("longitude"),
            )
            .description(Some("`latitude` and `longitude` together, or neither"))
    };
    for name in ["CreateActivityRequest", "QuickLogRequest"] {
        let Some(schema) = components.schemas.get_mut(name) else {
            continue;
        };
        if !matches!(schema, RefOr::T(Schema::Object(_))) {
            continue;
        }
        let object = std::mem::replace(schema, RefOr::T(Schema::default()));
        *schema = RefOr::T(Schema::AllOf(
            AllOfBuilder::new()
                .item(object)
                .item(both_or_neither())
                .build(),
        ));
    }
}

/// OpenAPI links from a create (`201`, `$response.body#/id`) to every operation on the new
/// record: `{base}/{id}` and everything under it, where the base is the create's collection, or
/// any path whose `GET {base}/{id}` answers what the create answers (a note made at
/// `/leads/{id}/notes` lives at `/notes/{id}`). Generated clients and stateful testers
/// (schemathesis) follow them to reach real records instead of guessing ids. (List pages are
/// not linked: an empty page has no first item to follow.)
fn link_records_to_their_operations(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::link::LinkBuilder;
    let record_ops: Vec<(String, String)> = spec
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            operations(item)
                .filter_map(|op| op.operation_id.clone())
                .map(move |id| (path.clone(), id))
        })
        .collect();
    // (base, schema): `GET {base}/{id}` answers `schema`.
    let record_bases: Vec<(String, String)> = spec
        .paths
        .paths
        .iter()
        .filter_map(|(path, item)| {
            let base = path.strip_suffix("/{id}")?;
            let schema = json_ref(item.get.as_ref()?.responses.responses.get("200")?)?;
            Some((base.to_owned(), schema))
        })
        .collect();
    let schemas = spec
        .components
        .as_ref()
        .map(|c| c.schemas.clone())
        .unwrap_or_default();
    for (collection, item) in spec.paths.paths.iter_mut() {
        let Some(RefOr::T(created)) = item
            .post
            .as_mut()
            .and_then(|op| op.responses.responses.get_mut("201"))
        else {
            continue;
        };
        let Some(schema) = json_schema(created) else {
            continue;
        };
        let Some(pointer) = id_pointer(schema, &schemas) else {
            continue;
        };
        let made = match schema {
            RefOr::Ref(r) => Some(r.ref_location.clone()),
            RefOr::T(_) => None,
        };
        let bases: Vec<&str> = std::iter::once(collection.as_str())
            .chain(
                record_bases
                    .iter()
                    .filter(|(_, s)| made.as_ref() == Some(s))
                    .map(|(base, _)| base.as_str()),
            )
            .collect();
        let on_record = record_ops.iter().filter(|(path, _)| {
            bases.iter().any(|base| {
                path.strip_prefix(base)
                    .is_some_and(|rest| rest == "/{id}" || rest.starts_with("/{id}/"))
            })
        });
        for (_, target) in on_record {
            created.links.insert(
                target.clone(),
                RefOr::T(
                    LinkBuilder::new()
                        .operation_id(target)
                        .parameter("id", format!("$response.body#{pointer}"))
                        .build(),
                ),
            );
        }
    }
}

/// The schema of a response's JSON body.
fn json_schema(response: &Response) -> Option<&RefOr<utoipa::openapi::schema::Schema>> {
    match response.content.get("application/json")? {
        RefOr::T(c) => c.schema.as_ref(),
        RefOr::Ref(_) => None,
    }
}

/// The `$ref` of a response's JSON body, when it names a component.
fn json_ref(response: &RefOr<Response>) -> Option<String> {
    let RefOr::T(response) = response else {
        return None;
    };
    match json_schema(response)? {
        RefOr::Ref(r) => Some(r.ref_location.clone()),
        RefOr::T(_) => None,
    }
}

/// Where a created record's id is in a response body: `/id`, or `/<field>/id` when the record
/// comes wrapped (a new service token beside its one-time secret).
fn id_pointer(
    schema: &RefOr<utoipa::openapi::schema::Schema>,
    schemas: &std::collections::BTreeMap<String, RefOr<utoipa::openapi::schema::Schema>>,
) -> Option<String> {
    use utoipa::openapi::schema::Schema;
    let object = |schema: &RefOr<Schema>| match schema {
        RefOr::Ref(r) => match schemas.get(r.ref_location.rsplit('/').next()?)? {
            RefOr::T(Schema::Object(o)) => Some(o.clone()),
            _ => None,
        },
        RefOr::T(Schema::Object(o)) => Some(o.clone()),
        RefOr::T(_) => None,
    };
    let top = object(schema)?;
    if top.properties.contains_key("id") {
        return Some("/id".to_owned());
    }
    top.properties.iter().find_map(|(field, inner)| {
        object(inner)
            .filter(|o| o.properties.contains_key("id"))
            .map(|_| format!("/{field}/id"))
    })
}

/// The server refuses U+0000 in any text it is sent (`extract`: PostgreSQL cannot store it, and
/// one rule for both databases). Declared on every free-text string: one with no pattern gets
/// `^[^\u0000]*$`; the not-blank pattern `\S` becomes "no NUL, and a character that is neither
/// white space nor NUL". Other patterns are whitelists that already exclude it.
pub const NO_NUL: &str = r"^[^\u0000]*$";
const NOT_BLANK_NO_NUL: &str = r"^[^\u0000]*[^\s\u0000][^\u0000]*$";

fn no_nul_in(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
    use utoipa::openapi::schema::{ArrayItems, Schema, SchemaType, Type};
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(o) => {
            let text = match &o.schema_type {
                SchemaType::Type(t) => *t == Type::String,
                SchemaType::Array(ts) => ts.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            if text && o.enum_values.is_none() && o.format.is_none() {
                match o.pattern.as_deref() {
                    None => o.pattern = Some(NO_NUL.to_owned()),
                    Some(r"\S") => o.pattern = Some(NOT_BLANK_NO_NUL.to_owned()),
                    Some(_) => {}
                }
            }
            o.properties.values_mut().for_each(no_nul_in);
        }
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(item) = &mut a.items {
                no_nul_in(item);
            }
        }
        Schema::OneOf(c) => c.items.iter_mut().for_each(no_nul_in),
        Schema::AllOf(c) => c.items.iter_mut().for_each(no_nul_in),
        Schema::AnyOf(c) => c.items.iter_mut().for_each(no_nul_in),
        _ => {}
    }
}

fn parameters_hold_no_nul(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = p
            && let Some(schema) = p.schema.as_mut()
        {
            no_nul_in(schema);
        }
    }
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

fn is_plain_string(schema: &RefOr<utoipa::openapi::schema::Schema>) -> bool {
    use utoipa::openapi::schema::{Schema, SchemaType, Type};
    matches!(schema, RefOr::T(Schema::Object(o))
        if o.schema_type == SchemaType::Type(Type::String) && o.enum_values.is_none())
}

/// Secure by default: an operation that declares no security needs the bearer token; the few
/// open ones (health, sign-in, the signed billing webhook) say `security(())`.
fn bearer_unless_declared(op: &mut Operation) {
    if op.security.is_none() {
        op.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new::<
            _,
            _,
            &str,
        >("bearer", [])]);
    }
}

/// `middleware::idempotency` honours the key on every POST by a signed-in caller, so every
/// secured POST declares it, last among its parameters.
fn post_takes_an_idempotency_key(op: &mut Operation) {
    let secured = op.security.as_ref().is_none_or(|s| {
        s.iter()
            .any(|r| *r != utoipa::openapi::security::SecurityRequirement::default())
    });
    let declared = op
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.name == "Idempotency-Key"));
    if secured && !declared {
        use utoipa::IntoParams;
        op.parameters.get_or_insert_with(Vec::new).extend(
            crate::params::IdempotencyKey::into_params(|| None)
                .into_iter()
                .map(RefOr::T),
        );
    }
}

/// A response whose body is the `Problem` schema is `application/problem+json` (RFC 9457), as
/// `error::ApiError` sends it; handlers name the schema and the type follows.
fn problems_are_problem_json(op: &mut Operation) {
    for response in op.responses.responses.values_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        let is_problem = matches!(
            response.content.get("application/json"),
            Some(RefOr::T(c)) if matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem"))
        );
        if is_problem && let Some(content) = response.content.shift_remove("application/json") {
            response
                .content
                .insert(crate::error::PROBLEM_JSON.to_owned(), content);
        }
    }
}

fn add_common_problems(op: &mut Operation, names_a_record: bool) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    // `[{}]` (healthz, login) lets anyone in: no role to refuse.
    let needs_a_role = op
        .security
        .iter()
        .flatten()
        .any(|r| *r != utoipa::openapi::security::SecurityRequirement::default());
    let has_body = op.request_body.is_some();
    let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let preconditioned = op
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.name == "If-Match"));
    let keyed = op
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.name == "Idempotency-Key"));
    let responses = &mut op.responses.responses;
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_owned())
            .or_insert_with(|| problem(description));
    };
    if has_body || has_params {
        add(
            "400",
            "Malformed request: invalid JSON or query parameter (`malformed_body`, `bad_request`)",
        );
    }
    if keyed && !has_body {
        add(
            "409",
            "This `Idempotency-Key` was used with another request (`idempotency_key_reused`)",
        );
    }
    if has_body && secured {
        add(
            "409",
            "Conflicts with the current state: a field names a record that does not exist or \
             cannot be used (`invalid_reference`), or the record exists already (`conflict`)",
        );
    }
    if has_body {
        add("413", "Body larger than 1 MiB (`payload_too_large`)");
        add("415", "Body is not JSON (`unsupported_media_type`)");
        add(
            "422",
            "A field is missing, of the wrong type or breaks a rule; `errors` names it (`validation_failed`)",
        );
    }
    if secured {
        add(
            "401",
            "Missing, invalid or expired token (`unauthenticated`)",
        );
    }
    if needs_a_role {
        add(
            "403",
            "The caller's role may not do this, or it must change its password first (`forbidden`)",
        );
    }
    if names_a_record {
        add(
            "404",
            "No such record, or not visible to the caller (`not_found`)",
        );
    }
    if preconditioned {
        add(
            "412",
            "Changed since the version in `If-Match` or `version` (`version_mismatch`)",
        );
    }
    add("429", "Rate limited; see `Retry-After` (`rate_limited`)");
    add("500", "Unexpected error; quote the request id (`internal`)");
}
