//! Rules the server enforces that utoipa's attributes cannot state, declared on the generated
//! document so the contract says them (and schemathesis checks both ways).

use utoipa::openapi::RefOr;
use utoipa::openapi::path::Operation;

/// Every shared enum with object variants (a plan's new-business rule, money, events) refuses
/// fields it does not know, like every shared struct; serde's `deny_unknown_fields` reaches
/// utoipa's structs but not enum variants, so the variants are closed here.
pub(super) fn variants_take_no_other_fields(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
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
pub(super) fn constrain_shared_parameters(op: &mut Operation) {
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
pub(super) fn constrain_list_items(spec: &mut utoipa::openapi::OpenApi) {
    use closebook_shared::allocation::SKILL_MAX_CHARS;
    use closebook_shared::catalogue::LABEL_MAX_CHARS;
    use closebook_shared::leads::{COMPETITOR_MAX_CHARS, TAG_MAX_CHARS};
    use closebook_shared::territories::ZIP_MAX_CHARS;
    use closebook_shared::validate::NAME_MAX;
    use utoipa::openapi::schema::{ArrayItems, Schema};
    let rules: [(&str, &str, usize); 19] = [
        ("CreateProductRequest", "allergens", LABEL_MAX_CHARS),
        ("UpdateProductRequest", "allergens", LABEL_MAX_CHARS),
        ("CreateProductRequest", "certifications", LABEL_MAX_CHARS),
        ("UpdateProductRequest", "certifications", LABEL_MAX_CHARS),
        ("UpdateRepIntakeRequest", "skills", SKILL_MAX_CHARS),
        ("ImportProperties", "zip_codes", ZIP_MAX_CHARS),
        ("ImportProperties", "cities", NAME_MAX),
        ("ImportProperties", "states", NAME_MAX),
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
pub(super) fn coordinates_come_in_pairs(spec: &mut utoipa::openapi::OpenApi) {
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

/// The server refuses U+0000 in any text it is sent (`extract`: PostgreSQL cannot store it, and
/// one rule for both databases). Declared on every free-text string: one with no pattern gets
/// `^[^\u0000]*$`; the not-blank pattern `\S` becomes "no NUL, and a character that is neither
/// white space nor NUL". Other patterns are whitelists that already exclude it.
pub const NO_NUL: &str = r"^[^\u0000]*$";

const NOT_BLANK_NO_NUL: &str = r"^[^\u0000]*[^\s\u0000][^\u0000]*$";

pub(super) fn no_nul_in(schema: &mut RefOr<utoipa::openapi::schema::Schema>) {
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

pub(super) fn parameters_hold_no_nul(op: &mut Operation) {
    for p in op.parameters.iter_mut().flatten() {
        if let RefOr::T(p) = p
            && let Some(schema) = p.schema.as_mut()
        {
            no_nul_in(schema);
        }
    }
}

fn is_plain_string(schema: &RefOr<utoipa::openapi::schema::Schema>) -> bool {
    use utoipa::openapi::schema::{Schema, SchemaType, Type};
    matches!(schema, RefOr::T(Schema::Object(o))
        if o.schema_type == SchemaType::Type(Type::String) && o.enum_values.is_none())
}
