//! OpenAPI links from each create to the operations on the record it made.

use utoipa::openapi::{RefOr, Response};

use super::operations;

/// OpenAPI links from a create (`201`, `$response.body#/id`) to every operation on the new
/// record: `{base}/{id}` and everything under it, where the base is the create's collection, or
/// any path whose `GET {base}/{id}` answers what the create answers (a note made at
/// `/leads/{id}/notes` lives at `/notes/{id}`). Generated clients and stateful testers
/// (schemathesis) follow them to reach real records instead of guessing ids. (List pages are
/// not linked: an empty page has no first item to follow.)
pub(super) fn link_records_to_their_operations(spec: &mut utoipa::openapi::OpenApi) {
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

/// Records a create makes beside the one it answers, named by a field of its answer: (the
/// create's path, the field's pointer, the records' collection).
const MADE_BESIDE: [(&str, &str, &str); 2] = [
    // Placing an order issues its invoice.
    ("/api/v1/orders", "/invoice_id", "/api/v1/partner-invoices"),
    // An uploaded image lives in its own collection, where `GET` answers the image itself
    // (not the JSON the upload answers, by which the records are otherwise matched).
    (
        "/api/v1/products/{id}/images",
        "/id",
        "/api/v1/product-images",
    ),
];

/// Links from each create of [`MADE_BESIDE`] to the operations on the record it made beside.
pub(super) fn link_records_made_beside(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::link::LinkBuilder;
    for (create, pointer, base) in MADE_BESIDE {
        let targets: Vec<String> = spec
            .paths
            .paths
            .iter()
            .filter(|(path, _)| {
                path.strip_prefix(base)
                    .is_some_and(|rest| rest == "/{id}" || rest.starts_with("/{id}/"))
            })
            .flat_map(|(_, item)| operations(item).filter_map(|op| op.operation_id.clone()))
            .collect();
        let Some(RefOr::T(created)) = spec
            .paths
            .paths
            .get_mut(create)
            .and_then(|item| item.post.as_mut())
            .and_then(|op| op.responses.responses.get_mut("201"))
        else {
            panic!("{create} answers no 201 to link from");
        };
        for target in targets {
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
