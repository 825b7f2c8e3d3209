//! How values are stored in columns, in one place: ids as UUID text, money as minor units
//! plus a currency code, closed sets as their wire text (`wire_enum!` types read and write
//! themselves), lists as JSON text, case-insensitive search as `lower(…) LIKE`.
//!
//! Ids and currency codes are checked when a row is read (`#[diesel(deserialize_as = …)]` with
//! the `Stored…` types below): one that is not what Closebook writes (a corrupt or hand-edited
//! row) fails the load, so the request is a 500 and the log says which column, never a nil UUID
//! or a missing amount.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::sql_types::{Nullable, Text};

use crate::error::ApiError;

/// An id column's text, checked to be a UUID when read.
#[derive(Debug, FromSqlRow)]
pub struct StoredId(String);

/// A nullable id column's text, checked to be a UUID when read.
#[derive(Debug, FromSqlRow)]
pub struct StoredOptId(Option<String>);

/// A currency column's code, checked to be a currency Closebook knows when read.
#[derive(Debug, FromSqlRow)]
pub struct StoredCurrency(String);

/// A nullable currency column's code, checked when read.
#[derive(Debug, FromSqlRow)]
pub struct StoredOptCurrency(Option<String>);

fn text<DB: Backend>(bytes: DB::RawValue<'_>) -> deserialize::Result<String>
where
    String: FromSql<Text, DB>,
{
    <String as FromSql<Text, DB>>::from_sql(bytes)
}

fn checked_id(s: String) -> deserialize::Result<String> {
    match uuid::Uuid::parse_str(&s) {
        Ok(_) => Ok(s),
        Err(_) => Err(format!("stored id {s:?} is not a UUID").into()),
    }
}

fn checked_currency(s: String) -> deserialize::Result<String> {
    match closebook_shared::money::minor_unit_digits(&s) {
        Ok(_) => Ok(s),
        Err(_) => Err(format!("stored currency {s:?} is not one Closebook knows").into()),
    }
}

/// `FromSql` for a checked text column and its nullable twin, and the conversions the row
/// derives use (`deserialize_as` converts with `TryInto`).
macro_rules! checked_text {
    ($one:ident, $opt:ident, $check:ident) => {
        impl<DB: Backend> FromSql<Text, DB> for $one
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                $check(text::<DB>(bytes)?).map($one)
            }
        }

        impl<DB: Backend> FromSql<Nullable<Text>, DB> for $opt
        where
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                $check(text::<DB>(bytes)?).map(|s| $opt(Some(s)))
            }
            fn from_nullable_sql(bytes: Option<DB::RawValue<'_>>) -> deserialize::Result<Self> {
                bytes.map_or(Ok($opt(None)), Self::from_sql)
            }
        }

        impl From<$one> for String {
            fn from(v: $one) -> String {
                v.0
            }
        }

        impl From<$opt> for Option<String> {
            fn from(v: $opt) -> Option<String> {
                v.0
            }
        }
    };
}

checked_text!(StoredId, StoredOptId, checked_id);
checked_text!(StoredCurrency, StoredOptCurrency, checked_currency);

/// A loaded id column as a UUID. Rows check their ids as they load (`StoredId`), so the nil
/// UUID here is unreachable for them.
pub fn uuid_of(s: &str) -> uuid::Uuid {
    uuid::Uuid::parse_str(s).unwrap_or_default()
}

/// Degrees ↔ integer micro-degrees (about 11 cm; exact in the database): positions of leads and
/// activities, territories' bounding boxes.
pub fn to_e6(deg: f64) -> i64 {
    #[allow(clippy::cast_possible_truncation)]
    let v = (deg * 1_000_000.0).round() as i64;
    v
}

pub fn from_e6(v: i64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let d = v as f64 / 1_000_000.0;
    d
}

/// A money pair of columns (minor units + currency) as `Money`; `None` when either is missing.
pub fn money_of(minor: Option<i64>, currency: Option<&str>) -> Option<closebook_shared::Money> {
    match (minor, currency) {
        (Some(m), Some(c)) => closebook_shared::Money::from_minor(m, c).ok(),
        _ => None,
    }
}

/// Stored minor units of `currency` as money; a pair that is not money (a corrupt row) is a
/// 500, never shown as zero.
pub fn stored_money(minor: i64, currency: &str) -> Result<closebook_shared::Money, ApiError> {
    closebook_shared::Money::from_minor(minor, currency)
        .map_err(|e| ApiError::internal(format!("stored amount: {e}")))
}

/// A stored count (units, a case pack, a percentage) as the API's unsigned number; one out of
/// range (a corrupt row: the columns' CHECKs keep them in range) is a 500 naming `what`.
pub fn stored_count<T, N>(v: N, what: &str) -> Result<T, ApiError>
where
    T: TryFrom<N>,
    N: Copy + std::fmt::Display,
{
    T::try_from(v).map_err(|_| ApiError::internal(format!("stored {what}: {v}")))
}

/// The inverse: a money value as its pair of columns; a value that does not fit is a 422 on
/// `field`.
pub fn money_columns(
    field: &str,
    m: Option<&closebook_shared::Money>,
) -> Result<(Option<i64>, Option<String>), ApiError> {
    let Some(m) = m else {
        return Ok((None, None));
    };
    let minor = m
        .to_minor()
        .map_err(|e| ApiError::field(field, e.to_string()))?;
    Ok((Some(minor), Some(m.currency.clone())))
}

/// A money value that must be in `currency` (the organisation's) as minor units; another
/// currency, or an amount that does not fit, is a 422 on `field`.
pub fn minor_in(field: &str, m: &closebook_shared::Money, currency: &str) -> Result<i64, ApiError> {
    if m.currency != currency {
        return Err(ApiError::field(
            field,
            format!("must be in the organisation's currency, {currency}"),
        ));
    }
    Ok(money_columns(field, Some(m))?.0.unwrap_or_default())
}

pub fn json_list(v: &str) -> Vec<String> {
    serde_json::from_str(v).unwrap_or_default()
}

pub fn to_json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// `%text%` for LIKE, lower-cased, with LIKE's wildcards escaped so they match literally.
pub fn like_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        let table = [
            ("Ada", "%ada%"),
            ("50%", "%50\\%%"),
            ("a_b", "%a\\_b%"),
            ("c:\\x", "%c:\\\\x%"),
        ];
        for (input, want) in table {
            assert_eq!(super::like_pattern(input), want);
        }
    }
}
