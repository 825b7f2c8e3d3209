//! Exact money (DESIGN.md §3): `Decimal` in code, integer minor units in the database, decimal
//! strings in JSON. Never floating point.
//!
//! Rounding rule used everywhere unless a plan says otherwise: round each ledger line to the
//! currency's minor unit, half away from zero ([`round_to_minor`]).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// An amount of money in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Decimal amount as a string, e.g. `"1234.50"`; at most as many decimals as the currency has.
    #[serde(with = "amount_text")]
    pub amount: Decimal,
    /// ISO 4217 currency code, e.g. `USD`.
    pub currency: String,
}

/// The contract states the rules exactly: a known ISO 4217 code, and an amount with at most
/// [`max_integer_digits`] digits before the point and at most the currency's minor-unit digits
/// after it — one `oneOf` branch per number of minor-unit digits. `Money` is never negative;
/// [`SignedMoney`] (ledger amounts: clawbacks, caps, adjustments, nets) may be.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        money_schema(false)
    }
}

/// Schema only: an amount of money that may be negative (`"-25.00"`), with the same currency
/// rules as [`Money`]; the Rust type is `Money` either way.
#[cfg(feature = "openapi")]
pub struct SignedMoney;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for SignedMoney {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        money_schema(true)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for SignedMoney {}

#[cfg(feature = "openapi")]
fn money_schema(signed: bool) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    {
        use iso_currency::IntoEnumIterator;
        use std::collections::BTreeMap;
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
        let mut by_digits: BTreeMap<u32, Vec<serde_json::Value>> = BTreeMap::new();
        for c in iso_currency::Currency::iter() {
            let digits = c.exponent().map(u32::from).unwrap_or(0);
            by_digits
                .entry(digits)
                .or_default()
                .push(serde_json::Value::from(c.code()));
        }
        let mut one_of = OneOfBuilder::new().description(Some(if signed {
            "An amount of money that may be negative: a decimal string in one currency, e.g. `{\"amount\": \"-25.00\", \"currency\": \"USD\"}`."
        } else {
            "An amount of money: a decimal string in one currency, e.g. `{\"amount\": \"1234.50\", \"currency\": \"USD\"}`."
        }));
        let sign = if signed { "-?" } else { "" };
        for (digits, codes) in by_digits {
            let fraction = if digits == 0 {
                String::new()
            } else {
                format!("(\\.[0-9]{{1,{digits}}})?")
            };
            let amount = ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .pattern(Some(format!(
                    "^{sign}[0-9]{{1,{}}}{fraction}$",
                    max_integer_digits(digits)
                )))
                .description(Some(format!(
                    "Decimal string with at most {digits} decimals, e.g. `\"1234.50\"`"
                )));
            let currency = ObjectBuilder::new()
                .schema_type(SchemaType::Type(Type::String))
                .enum_values(Some(codes))
                .description(Some("ISO 4217 currency code"));
            one_of = one_of.item(
                ObjectBuilder::new()
                    .schema_type(SchemaType::Type(Type::Object))
                    .property("amount", amount)
                    .property("currency", currency)
                    .required("amount")
                    .required("currency")
                    .additional_properties(Some(
                        utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
                    )),
            );
        }
        utoipa::openapi::RefOr::T(utoipa::openapi::schema::Schema::OneOf(one_of.build()))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Money {}

/// Schema only: an ISO 4217 code, as the contract lists them.
#[cfg(feature = "openapi")]
pub struct CurrencyCode;

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for CurrencyCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use iso_currency::IntoEnumIterator;
        use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(
                iso_currency::Currency::iter().map(|c| serde_json::Value::from(c.code())),
            ))
            .description(Some("ISO 4217 currency code"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for CurrencyCode {}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an ISO 4217 currency code")]
    UnknownCurrency(String),
    #[error("{currency} allows at most {allowed} decimal places")]
    TooPrecise { currency: String, allowed: u32 },
    #[error("amount is out of range")]
    OutOfRange,
}

/// Number of decimal places of the currency's minor unit (2 for USD, 0 for JPY, 3 for KWD).
pub fn minor_unit_digits(currency: &str) -> Result<u32, MoneyError> {
    let c = iso_currency::Currency::from_code(currency)
        .ok_or_else(|| MoneyError::UnknownCurrency(currency.to_owned()))?;
    // Currencies without a minor unit in ISO 4217 (e.g. XAU) are treated as whole units.
    Ok(c.exponent().map(u32::from).unwrap_or(0))
}

/// Rounds to the currency's minor unit, half away from zero.
pub fn round_to_minor(amount: Decimal, currency: &str) -> Result<Decimal, MoneyError> {
    let dp = minor_unit_digits(currency)?;
    Ok(amount.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero))
}

impl Money {
    pub fn new(amount: Decimal, currency: impl Into<String>) -> Self {
        Self {
            amount,
            currency: currency.into(),
        }
    }

    /// Converts to integer minor units for storage. Input with more precision than the currency
    /// allows is rejected rather than silently rounded: a user typed it, so we ask them.
    pub fn to_minor(&self) -> Result<i64, MoneyError> {
        let dp = minor_unit_digits(&self.currency)?;
        // The precision as written: `1.100` USD has three decimals (the contract's pattern says
        // at most two), even though it equals 1.1.
        if self.amount.scale() > dp {
            return Err(MoneyError::TooPrecise {
                currency: self.currency.clone(),
                allowed: dp,
            });
        }
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10_i64.pow(dp)))
            .ok_or(MoneyError::OutOfRange)?;
        i64::try_from(scaled.trunc()).map_err(|_| MoneyError::OutOfRange)
    }

    /// Builds from stored minor units; the amount carries exactly the currency's scale
    /// (`12345` USD → `"123.45"`, `100` USD → `"1.00"`).
    pub fn from_minor(minor: i64, currency: &str) -> Result<Self, MoneyError> {
        let dp = minor_unit_digits(currency)?;
        Ok(Self {
            amount: Decimal::new(minor, dp),
            currency: currency.to_owned(),
        })
    }

    /// Checks the code and precision, for request validation.
    pub fn check(&self) -> Result<(), MoneyError> {
        self.to_minor().map(|_| ())
    }
}

/// Integer digits an amount may have (the OpenAPI pattern says the same), for currencies with
/// up to three minor-unit digits.
pub const MAX_INTEGER_DIGITS: u32 = 15;

/// Integer digits an amount in a currency with `minor_digits` may have: at most
/// [`MAX_INTEGER_DIGITS`], and few enough that all its digits (18 at most) fit the `i64` minor
/// units stored — so 14 for the four-decimal currencies (CLF, UYW).
pub const fn max_integer_digits(minor_digits: u32) -> u32 {
    let fits_i64 = 18u32.saturating_sub(minor_digits);
    if fits_i64 < MAX_INTEGER_DIGITS {
        fits_i64
    } else {
        MAX_INTEGER_DIGITS
    }
}

/// Amounts travel as decimal strings in one plain grammar: an optional `-`, digits, and
/// optionally `.` and digits (`"1234.50"`). `rust_decimal` alone would also take `"+5"`, `".5"`
/// or `"5."`, which the contract does not allow; a refused text is a field error, not a guess.
mod amount_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};
    use std::str::FromStr;

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::str::serialize(d, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        if !super::plain_decimal(&text) {
            return Err(D::Error::custom(format!(
                "`{text}` is not a decimal amount like \"1234.50\""
            )));
        }
        Decimal::from_str(&text).map_err(|_| D::Error::custom(format!("`{text}` is out of range")))
    }
}

/// `-?[0-9]+(\.[0-9]+)?`
pub fn plain_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_use_one_plain_grammar() {
        let table = [
            ("1234.50", true),
            ("0", true),
            ("-3.1", true),
            ("007", true),
            ("+5", false),
            (".5", false),
            ("5.", false),
            ("1e5", false),
            ("", false),
            ("-", false),
            ("1.2.3", false),
            (" 1", false),
        ];
        for (text, ok) in table {
            assert_eq!(plain_decimal(text), ok, "{text:?}");
            let json = format!(r#"{{"amount":"{text}","currency":"USD"}}"#);
            assert_eq!(serde_json::from_str::<Money>(&json).is_ok(), ok, "{text:?}");
        }
    }

    #[test]
    fn precision_is_counted_as_written() {
        let table = [
            ("1.10", "USD", true),
            ("1.100", "USD", false),
            ("5", "JPY", true),
            ("5.0", "JPY", false),
        ];
        for (a, c, ok) in table {
            assert_eq!(Money::new(d(a), c).check().is_ok(), ok, "{a} {c}");
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn minor_units_round_trip() {
        let table: &[(&str, &str, i64, &str)] = &[
            ("1234.50", "USD", 123_450, "1234.50"),
            ("1234.5", "USD", 123_450, "1234.50"),
            ("0", "EUR", 0, "0.00"),
            ("-0.01", "USD", -1, "-0.01"),
            ("1500", "JPY", 1500, "1500"),
            ("1.234", "KWD", 1234, "1.234"),
            (
                "92233720368547758.07",
                "USD",
                i64::MAX,
                "92233720368547758.07",
            ),
        ];
        for (amount, cur, minor, back) in table {
            let m = Money::new(d(amount), *cur);
            assert_eq!(m.to_minor().unwrap(), *minor, "{amount} {cur}");
            let r = Money::from_minor(*minor, cur).unwrap();
            assert_eq!(r.amount.to_string(), *back, "{amount} {cur}");
        }
    }

    #[test]
    fn rejects_what_cannot_be_stored_exactly() {
        let table: &[(&str, &str, MoneyError)] = &[
            (
                "1.005",
                "USD",
                MoneyError::TooPrecise {
                    currency: "USD".into(),
                    allowed: 2,
                },
            ),
            (
                "1.5",
                "JPY",
                MoneyError::TooPrecise {
                    currency: "JPY".into(),
                    allowed: 0,
                },
            ),
            ("1", "ZZZ", MoneyError::UnknownCurrency("ZZZ".into())),
            ("92233720368547758.08", "USD", MoneyError::OutOfRange),
        ];
        for (amount, cur, err) in table {
            assert_eq!(
                Money::new(d(amount), *cur).to_minor().unwrap_err(),
                *err,
                "{amount} {cur}"
            );
        }
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let table = [
            ("0.005", "USD", "0.01"),
            ("0.004", "USD", "0.00"),
            ("-0.005", "USD", "-0.01"),
            ("2.5", "JPY", "3"),
            ("-2.5", "JPY", "-3"),
            ("1.0005", "KWD", "1.001"),
        ];
        for (amount, cur, want) in table {
            assert_eq!(
                round_to_minor(d(amount), cur).unwrap(),
                d(want),
                "{amount} {cur}"
            );
        }
    }

    #[test]
    fn serialises_amount_as_string() {
        let m = Money::from_minor(123_450, "USD").unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"amount":"1234.50","currency":"USD"}"#
        );
        let back: Money = serde_json::from_str(r#"{"amount":"99.99","currency":"USD"}"#).unwrap();
        assert_eq!(back.to_minor().unwrap(), 9999);
        // JSON numbers are refused: a float like 0.1 has already lost exactness when it arrives.
        assert!(serde_json::from_str::<Money>(r#"{"amount":99.99,"currency":"USD"}"#).is_err());
        assert!(serde_json::from_str::<Money>(r#"{"amount":5,"currency":"USD"}"#).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_minor_amount_round_trips(minor in proptest::num::i64::ANY) {
            for cur in ["USD", "JPY", "KWD"] {
                let m = Money::from_minor(minor, cur).unwrap();
                proptest::prop_assert_eq!(m.to_minor().unwrap(), minor);
            }
        }
    }
}
