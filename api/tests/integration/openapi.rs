//! The checked-in contract must match the code (DESIGN.md §8.3).

use std::path::PathBuf;

#[test]
fn checked_in_openapi_matches_the_code() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../openapi/openapi.json");
    let generated = closebook_api::cli::openapi_json().unwrap();
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        generated == checked_in,
        "openapi/openapi.json is out of date with the code. Regenerate it with:\n\n    cargo run -p closebook-api -- openapi --output openapi/openapi.json\n"
    );
}

#[test]
fn every_operation_is_documented() {
    let spec: serde_json::Value =
        serde_json::from_str(&closebook_api::cli::openapi_json().unwrap()).unwrap();
    let mut ids = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let at = format!("{method} {path}");
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{at}: operationId"));
            ids.push(id.to_owned());
            assert!(
                op["tags"].as_array().is_some_and(|t| !t.is_empty()),
                "{at}: tag"
            );
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{at}: summary"
            );
            assert!(
                op.get("security").is_some(),
                "{at}: security (empty for public endpoints)"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{at}: a success response"
            );
            assert!(responses.contains_key("500"), "{at}: error responses");
            for (status, r) in responses {
                assert!(
                    r["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{at} {status}: a description (generators require it)"
                );
            }
            let secured = op["security"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
            });
            if secured {
                assert!(responses.contains_key("401"), "{at}: 401 documented");
            }
        }
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "operationIds are unique");
}

/// Generators drop an operation whose parameter or body points at a schema the document does
/// not define (openapi-python-client silently skipped `GET /leads` over `LeadSort`).
#[test]
fn every_schema_reference_resolves() {
    fn walk(v: &serde_json::Value, at: &str, refs: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    if k == "$ref" {
                        refs.push((at.to_owned(), child.as_str().unwrap_or_default().to_owned()));
                    } else {
                        walk(child, &format!("{at}/{k}"), refs);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), refs);
                }
            }
            _ => {}
        }
    }
    let spec: serde_json::Value =
        serde_json::from_str(&closebook_api::cli::openapi_json().unwrap()).unwrap();
    let mut refs = Vec::new();
    walk(&spec, "", &mut refs);
    assert!(!refs.is_empty());
    let dangling: Vec<_> = refs
        .iter()
        .filter(|(_, r)| {
            let pointer = r.strip_prefix('#').unwrap_or(r);
            spec.pointer(pointer).is_none()
        })
        .collect();
    assert!(dangling.is_empty(), "dangling $ref: {dangling:?}");
}

/// Every operation on a record (`…/{id}…`) is reachable by a link from the create that makes
/// the record, pointing at an id the create's response really holds — except records no
/// operation creates (clients come from won leads).
#[test]
fn record_operations_are_linked_from_their_create() {
    let spec: serde_json::Value =
        serde_json::from_str(&closebook_api::cli::openapi_json().unwrap()).unwrap();
    let mut linked = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(links) = item["post"]["responses"]["201"]["links"].as_object() else {
            continue;
        };
        let schema_ref = item["post"]["responses"]["201"]["content"]["application/json"]["schema"]
            ["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: 201 schema"));
        let schema = spec.pointer(schema_ref.trim_start_matches('#')).unwrap();
        for (name, link) in links {
            let pointer = link["parameters"]["id"]
                .as_str()
                .and_then(|p| p.strip_prefix("$response.body#"))
                .unwrap_or_else(|| panic!("{path} → {name}: id from the body"));
            // The pointer names properties of the response schema, following one $ref.
            let mut at = schema.clone();
            for field in pointer.trim_start_matches('/').split('/') {
                at = at["properties"][field].clone();
                if let Some(r) = at["$ref"].as_str() {
                    at = spec.pointer(r.trim_start_matches('#')).unwrap().clone();
                }
                assert!(
                    !at.is_null(),
                    "{path} → {name}: {pointer} is not in the response"
                );
            }
            assert_eq!(at["format"], "uuid", "{path} → {name}: {pointer} is an id");
            linked.insert(link["operationId"].as_str().unwrap().to_owned());
        }
    }
    let mut unlinked = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if !path.contains("{id}") {
            continue;
        }
        for op in item.as_object().unwrap().values() {
            let id = op["operationId"].as_str().unwrap();
            // Clients open from won leads and commission lines come from the ledger's sources:
            // no operation creates either directly. A rep's summary is keyed by a user, made at
            // `/users` (whose links cover `/users/{id}…`), as is a rep's allocation queue.
            // Notifications and placement runs are made by the server, never through the API.
            // A rep's and a team's targets are keyed by the user and the team.
            let made_elsewhere = [
                "/api/v1/clients/{id}",
                "/api/v1/commissions/{id}",
                "/api/v1/commissions/rm/{id}",
                "/api/v1/commissions/statements/{id}",
                "/api/v1/allocations/rm/{id}",
                "/api/v1/targets/rm/{id}",
                "/api/v1/targets/team/{id}",
                "/api/v1/notifications/{id}",
                "/api/v1/territory-placements/{id}",
            ]
            .iter()
            .any(|p| path.starts_with(p));
            if !linked.contains(id) && !made_elsewhere {
                unlinked.push(id.to_owned());
            }
        }
    }
    assert!(unlinked.is_empty(), "no link reaches {unlinked:?}");
}

/// A pattern the contract declares and the rule the server applies must agree on every input,
/// or a generated client refuses what the server takes (or the reverse).
#[test]
fn declared_patterns_agree_with_the_rules() {
    let spec: serde_json::Value =
        serde_json::from_str(&closebook_api::cli::openapi_json().unwrap()).unwrap();
    let schemas = &spec["components"]["schemas"];
    let pattern = |v: &serde_json::Value| regex::Regex::new(v.as_str().unwrap()).unwrap();

    let phone = pattern(&schemas["CreateLeadRequest"]["properties"]["phone"]["pattern"]);
    for text in [
        "+1 (415) 555-0100",
        "020 7946 0958",
        "12345",
        "1234",
        "555-CALL-NOW",
        "1+5555555",
        "+123456789012345678901",
        "+12345678901234567890",
        "",
        " ",
        "+",
        "(12) 345",
        "12.34.5",
    ] {
        assert_eq!(
            phone.is_match(text),
            closebook_shared::validate::phone(text).is_ok(),
            "phone {text:?}"
        );
    }

    // The pattern a GET operation declares for one of its parameters.
    let param_pattern = |path: &str, name: &str| {
        let params = spec["paths"][path]["get"]["parameters"].as_array().unwrap();
        let param = params.iter().find(|p| p["name"] == name).unwrap();
        pattern(&param["schema"]["pattern"])
    };
    let owner = param_pattern("/api/v1/leads", "owner");
    let me = uuid::Uuid::now_v7();
    for text in [
        "me",
        "ME",
        "",
        "01a21b3c-f61e-7795-a436-373f270638c2",
        "01A21B3C-F61E-7795-A436-373F270638C2",
        "01a21b3cf61e7795a436373f270638c2",
        "{01a21b3c-f61e-7795-a436-373f270638c2}",
        "urn:uuid:01a21b3c-f61e-7795-a436-373f270638c2",
    ] {
        assert_eq!(
            owner.is_match(text),
            closebook_api::db::leads::parse_owner(text, Some(me)).is_ok(),
            "owner {text:?}"
        );
    }

    let kind = param_pattern("/api/v1/leads/{id}/activities", "kind");
    for text in [
        "call",
        "call,email",
        "call,",
        ",call",
        "call, email",
        "calls",
        "",
        "sms,door_knock",
    ] {
        assert_eq!(
            kind.is_match(text),
            closebook_api::routes::leads::parse_kinds(text).is_ok(),
            "kind {text:?}"
        );
    }

    // Free text: a required name (not blank, no NUL) and an optional note-like field (no NUL).
    let team = &schemas["CreateTeamRequest"]["properties"];
    let name = pattern(&team["name"]["pattern"]);
    let city = pattern(&team["city"]["pattern"]);
    // (U+FEFF is white space to ECMAScript, whose `\s` the contract means, but not to the regex
    // crate; `validate::not_blank`'s own table covers it.)
    for text in ["Team", " x ", "", " ", "\t\n", "a\0", "\0", "\u{3000}", "é"] {
        let accepts = |field: &str| {
            let body = if field == "name" {
                serde_json::json!({ "name": text })
            } else {
                serde_json::json!({ "name": "Team", field: text })
            };
            closebook_api::extract::parse_json::<closebook_shared::teams::CreateTeamRequest>(
                body.to_string().as_bytes(),
            )
            .is_ok_and(|r| garde::Validate::validate(&r).is_ok())
        };
        assert_eq!(name.is_match(text), accepts("name"), "team name {text:?}");
        assert_eq!(city.is_match(text), accepts("city"), "team city {text:?}");
    }
}
