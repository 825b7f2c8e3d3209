//! Decimal fields of plans and simulations as the contract writes them: unsigned, in one plain
//! grammar, with bounded digits (the OpenAPI patterns below say the same). `rust_decimal` alone
//! would also take `"+5"`, `".5"` or `"1_000"`; a text outside the grammar is refused.

/// Whether `text` is `[0-9]{1,int}(\.[0-9]{1,frac})?`.
pub fn bounded(text: &str, int: usize, frac: usize) -> bool {
    let (i, f) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(i, int) && f.is_none_or(|f| digits(f, frac))
}

macro_rules! decimal_text {
    ($(#[$doc:meta])* $name:ident, $int:expr, $frac:expr, $max:expr, $pattern:literal, $what:literal) => {
        $(#[$doc])*
        pub mod $name {
            use rust_decimal::Decimal;
            use serde::{Deserialize, Deserializer, Serializer, de::Error};

            pub const PATTERN: &str = $pattern;

            pub fn parse(text: &str) -> Result<Decimal, String> {
                let max: Option<Decimal> = $max;
                let value = super::bounded(text, $int, $frac)
                    .then(|| text.parse::<Decimal>().ok())
                    .flatten()
                    .filter(|v| max.is_none_or(|m| *v <= m));
                value.ok_or_else(|| format!("`{text}` is not {}", $what))
            }

            pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
                rust_decimal::serde::str::serialize(d, s)
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
                parse(&String::deserialize(d)?).map_err(D::Error::custom)
            }

            /// The same for an optional field.
            pub mod option {
                use rust_decimal::Decimal;
                use serde::{Deserialize, Deserializer, Serializer, de::Error};

                pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
                    rust_decimal::serde::str_option::serialize(d, s)
                }

                pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
                    Option::<String>::deserialize(d)?
                        .map(|t| super::parse(&t).map_err(D::Error::custom))
                        .transpose()
                }
            }
        }
    };
}

decimal_text!(
    /// A rate as a fraction from 0 to 1, at most 6 decimals: `"0.05"` is 5%.
    rate, 1, 6, Some(Decimal::ONE), "^(0(\\.[0-9]{1,6})?|1(\\.0{1,6})?)$",
    "a rate from 0 to 1 with at most 6 decimals, e.g. \"0.05\""
);
decimal_text!(
    /// An amount of money: up to 13 integer digits and 4 decimals (lines round to the currency).
    amount, 13, 4, None::<Decimal>, "^[0-9]{1,13}(\\.[0-9]{1,4})?$",
    "an amount with at most 13 digits and 4 decimals, e.g. \"1250.00\""
);
decimal_text!(
    /// A percentage of quota: up to 5 integer digits and 2 decimals.
    percent, 5, 2, None::<Decimal>, "^[0-9]{1,5}(\\.[0-9]{1,2})?$",
    "a percentage with at most 5 digits and 2 decimals, e.g. \"100\""
);
decimal_text!(
    /// A multiple (of the base salary): up to 3 integer digits and 2 decimals.
    multiple, 3, 2, None::<Decimal>, "^[0-9]{1,3}(\\.[0-9]{1,2})?$",
    "a multiple with at most 3 digits and 2 decimals, e.g. \"3\""
);

decimal_text!(
    /// A target's value: up to 12 integer digits and 2 decimals (its metric judges the rest).
    target, 12, 2, None::<Decimal>, "^[0-9]{1,12}(\\.[0-9]{1,2})?$",
    "a number with at most 12 digits and 2 decimals, e.g. \"50000\""
);

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn each_kind_takes_its_grammar() {
        let table: &[(fn(&str) -> Result<Decimal, String>, &str, bool)] = &[
            (rate::parse, "0.05", true),
            (rate::parse, "1", true),
            (rate::parse, "1.000000", true),
            (rate::parse, "0.1234567", false),
            (rate::parse, "1.01", false),
            (rate::parse, "2", false),
            (rate::parse, ".5", false),
            (rate::parse, "+0.5", false),
            (rate::parse, "-0", false),
            (amount::parse, "1250.00", true),
            (amount::parse, "9999999999999.9999", true),
            (amount::parse, "10000000000000", false),
            (amount::parse, "1.23456", false),
            (amount::parse, "1_000", false),
            (amount::parse, "1e3", false),
            (amount::parse, "", false),
            (percent::parse, "100", true),
            (percent::parse, "99999.99", true),
            (percent::parse, "100000", false),
            (multiple::parse, "3", true),
            (multiple::parse, "1000", false),
        ];
        for (parse, text, ok) in table {
            assert_eq!(parse(text).is_ok(), *ok, "{text}");
        }
    }
}
