//! What every operation can answer, and the defaults a handler would otherwise repeat (and
//! could forget): the bearer requirement, `Idempotency-Key` on a secured POST, the media type of
//! problems.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

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

/// Secure by default: an operation that declares no security needs the bearer token; the few
/// open ones (health, sign-in, the signed billing webhook) say `security(())`.
pub(super) fn bearer_unless_declared(op: &mut Operation) {
    if op.security.is_none() {
        op.security = Some(vec![SecurityRequirement::new::<_, _, &str>("bearer", [])]);
    }
}

/// `middleware::idempotency` honours the key on every POST by a signed-in caller, so every
/// secured POST declares it, last among its parameters.
pub(super) fn post_takes_an_idempotency_key(op: &mut Operation) {
    if needs_a_role(op) && !has_param(op, "Idempotency-Key") {
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
pub(super) fn problems_are_problem_json(op: &mut Operation) {
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

pub(super) fn add_common_problems(op: &mut Operation, names_a_record: bool) {
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let needs_a_role = needs_a_role(op);
    let has_body = op.request_body.is_some();
    let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
    let preconditioned = has_param(op, "If-Match");
    let keyed = has_param(op, "Idempotency-Key");
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

/// Whether the operation needs a caller with a role: `[{}]` (healthz, login) lets anyone in.
fn needs_a_role(op: &Operation) -> bool {
    op.security
        .iter()
        .flatten()
        .any(|r| *r != SecurityRequirement::default())
}

fn has_param(op: &Operation, name: &str) -> bool {
    op.parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.name == name))
}
