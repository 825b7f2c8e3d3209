//! `wire_enum!`: a closed set of snake_case values with one source for the wire name, the label
//! people read, the list of all values and parsing. Used for every enum stored as text.

#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:tt => $label:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "db", derive(::diesel::expression::AsExpression, ::diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "db", diesel(sql_type = ::diesel::sql_types::Text))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire (and database) value.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Human label for the UI.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::text_column!($name);

        impl ::std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($wire => Ok($name::$variant),)+
                    other => Err(format!(
                        "`{other}` is not one of: {}",
                        [$($wire),+].join(", ")
                    )),
                }
            }
        }
    };
}

/// Database reading and writing for a type stored as its wire text (`as_str` / `FromStr`): the
/// type also derives `AsExpression` and `FromSqlRow` with `sql_type = Text` under feature `db`.
#[macro_export]
macro_rules! text_column {
    ($name:ident) => {
        // Stored as its wire value. A stored value that is not one (a corrupt or hand-edited
        // row) is a load error, so a 500 and a log line, never a silent default.
        #[cfg(feature = "db")]
        impl<DB> ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            String: ::diesel::deserialize::FromSql<::diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> ::diesel::deserialize::Result<Self> {
                let text = <String as ::diesel::deserialize::FromSql<
                    ::diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                text.parse()
                    .map_err(|e: String| format!("stored {}: {e}", stringify!($name)).into())
            }
        }

        #[cfg(feature = "db")]
        impl<DB> ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB> for $name
        where
            DB: ::diesel::backend::Backend,
            str: ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut ::diesel::serialize::Output<'b, '_, DB>,
            ) -> ::diesel::serialize::Result {
                <str as ::diesel::serialize::ToSql<::diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }
    };
}

/// `deserialize_with` for a nested object whose fields are all optional: serde's derived
/// structs also read an array of their fields in order (`[null, null]`), which the contract
/// does not allow, so the value is read as a JSON object first.
pub(crate) fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize;
    let map = serde_json::Map::<String, serde_json::Value>::deserialize(d)?;
    serde_json::from_value(serde_json::Value::Object(map)).map_err(serde::de::Error::custom)
}

/// [`object`] for an optional field (absent or `null` is `None`).
pub(crate) fn opt_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    use serde::Deserialize;
    Option::<serde_json::Map<String, serde_json::Value>>::deserialize(d)?
        .map(|map| serde_json::from_value(serde_json::Value::Object(map)))
        .transpose()
        .map_err(serde::de::Error::custom)
}
