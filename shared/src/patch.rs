//! PATCH bodies must tell "leave it" (field absent) from "clear it" (field `null`).

use serde::{Deserialize, Deserializer};

/// Use as `#[serde(default, deserialize_with = "patch::nullable")]` on an `Option<Option<T>>`:
/// absent → `None`, `null` → `Some(None)`, a value → `Some(Some(v))`.
pub fn nullable<'de, T, D>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct P {
        #[serde(default, deserialize_with = "super::nullable")]
        phone: Option<Option<String>>,
    }

    #[test]
    fn absent_null_and_value_differ() {
        let table = [
            ("{}", None),
            (r#"{"phone":null}"#, Some(None)),
            (r#"{"phone":"+1"}"#, Some(Some("+1".to_owned()))),
        ];
        for (json, want) in table {
            assert_eq!(
                serde_json::from_str::<P>(json).unwrap().phone,
                want,
                "{json}"
            );
        }
    }
}
