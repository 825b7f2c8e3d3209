//! Time zone names in the contract.

/// Schema only: an IANA time zone name, as the tz database (chrono-tz, which the server checks
/// with) knows them. One shared enum, with `x-enum-varnames` so generated clients get distinct
/// identifiers (`GMT+0`, `GMT-0` and `GMT0` would otherwise collide).
#[cfg(feature = "openapi")]
pub struct TimeZoneName;

/// The identifier a generated client uses for a zone: upper snake case, `+`/`-` before a digit
/// spelled out (`Etc/GMT+1` → `ETC_GMT_PLUS_1`, `America/Port-au-Prince` →
/// `AMERICA_PORT_AU_PRINCE`).
pub fn var_name(zone: &str) -> String {
    let mut out = String::new();
    let mut chars = zone.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        match c {
            '+' if next_is_digit => out.push_str("_PLUS_"),
            '-' if next_is_digit => out.push_str("_MINUS_"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_uppercase()),
            _ => out.push('_'),
        }
    }
    let collapsed: Vec<&str> = out.split('_').filter(|p| !p.is_empty()).collect();
    collapsed.join("_")
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for TimeZoneName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::extensions::ExtensionsBuilder;
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
        let var_names: Vec<String> = names.iter().map(|n| var_name(n)).collect();
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(names))
            .description(Some("IANA time zone name, e.g. `America/Chicago`"))
            .extensions(Some(
                ExtensionsBuilder::new()
                    .add("x-enum-varnames", var_names)
                    .build(),
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for TimeZoneName {}

#[cfg(all(test, feature = "openapi"))]
mod tests {
    #[test]
    fn every_zone_has_its_own_identifier() {
        let mut seen = std::collections::HashMap::new();
        for z in chrono_tz::TZ_VARIANTS {
            let v = super::var_name(z.name());
            assert!(
                v.chars().next().is_some_and(|c| c.is_ascii_alphabetic()),
                "{v}"
            );
            if let Some(other) = seen.insert(v.clone(), z.name()) {
                panic!("{} and {other} both become {v}", z.name());
            }
        }
    }
}
