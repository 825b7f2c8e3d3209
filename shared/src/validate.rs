//! Field rules shared by the browser (inline form messages) and the server (422 responses).
//! Used through garde's `custom(...)`.

use crate::Money;

pub const NAME_MAX: usize = 200;

/// Text that must have something other than white space in it. "White space" is what the
/// OpenAPI document's `pattern: \S` means (ECMAScript's `\s`), so the contract and this rule
/// agree on every character: Unicode spaces and line ends plus U+FEFF, but not U+0085.
pub fn not_blank<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    let ecma_space = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
    if value.as_ref().chars().all(ecma_space) {
        return Err(garde::Error::new("must not be blank"));
    }
    Ok(())
}

/// An `https://` address: what the contract's `^https://[^\s\u0000]+$` says (no white space
/// in it, as [`not_blank`] reads white space, and no NUL).
pub fn https_url<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    let refused = |c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}' || c == '\0';
    match value.as_ref().strip_prefix("https://") {
        Some(rest) if !rest.is_empty() && !rest.chars().any(refused) => Ok(()),
        _ => Err(garde::Error::new(
            "must be an https:// address without spaces",
        )),
    }
}

/// A phone number as people type it: digits with optional `+`, spaces, dots, dashes, parentheses;
/// 5 to 20 digits.
pub fn phone(value: &str) -> Result<(), garde::Error> {
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(5..=20).contains(&digits) || value.rfind('+').is_some_and(|i| i > 0) {
        return Err(garde::Error::new(
            "must be a phone number (digits, optional leading +)",
        ));
    }
    Ok(())
}

pub fn opt_phone(value: &Option<String>, _ctx: &()) -> garde::Result {
    value.as_deref().map_or(Ok(()), phone)
}

pub fn patch_phone(value: &Option<Option<String>>, _ctx: &()) -> garde::Result {
    value
        .as_ref()
        .and_then(Option::as_deref)
        .map_or(Ok(()), phone)
}

pub fn money(value: &Money) -> Result<(), garde::Error> {
    if value.amount.is_sign_negative() && !value.amount.is_zero() {
        return Err(garde::Error::new("must not be negative"));
    }
    let minor_digits = crate::money::minor_unit_digits(&value.currency)
        .map_err(|e| garde::Error::new(e.to_string()))?;
    let digits = crate::money::max_integer_digits(minor_digits);
    if value.amount.abs() >= rust_decimal::Decimal::from(10_i64.pow(digits)) {
        return Err(garde::Error::new(format!(
            "may have at most {digits} digits before the decimal point in {}",
            value.currency
        )));
    }
    value.check().map_err(|e| garde::Error::new(e.to_string()))
}

pub fn opt_money(value: &Option<Money>, _ctx: &()) -> garde::Result {
    value.as_ref().map_or(Ok(()), money)
}

pub fn patch_money(value: &Option<Option<Money>>, _ctx: &()) -> garde::Result {
    value
        .as_ref()
        .and_then(Option::as_ref)
        .map_or(Ok(()), money)
}

/// A machine key: ASCII letters, digits and `_`.
pub fn stage_key<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    if !value
        .as_ref()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(garde::Error::new("may only hold letters, digits and _"));
    }
    Ok(())
}

/// Passwords: long enough to resist guessing, short enough not to be a hashing DoS.
pub fn password<T: AsRef<str>>(value: &T, _ctx: &()) -> garde::Result {
    let n = value.as_ref().chars().count();
    if n < 12 {
        return Err(garde::Error::new("must be at least 12 characters"));
    }
    if n > 256 {
        return Err(garde::Error::new("must be at most 256 characters"));
    }
    Ok(())
}

/// Turns a garde report into the API's field errors (`base_salary.amount`, `email`, …).
pub fn field_errors(report: &garde::Report) -> Vec<crate::FieldError> {
    report
        .iter()
        .map(|(path, err)| crate::FieldError::new(path.to_string(), err.message()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blank means what the OpenAPI `pattern: \S` (ECMAScript) says it means.
    #[test]
    fn blank_is_ecmascript_white_space() {
        let table = [
            ("a", true),
            (" a ", true),
            ("", false),
            (" \t\n\r", false),
            ("\u{a0}\u{2003}\u{3000}", false),
            ("\u{feff}", false),
            // ECMAScript's \s does not include NEL, so a NEL is text there and here.
            ("\u{85}", true),
        ];
        for (text, ok) in table {
            assert_eq!(not_blank(&text, &()).is_ok(), ok, "{text:?}");
        }
    }

    /// Lengths count characters, as JSON Schema's `maxLength` does, not UTF-8 bytes.
    #[test]
    fn lengths_count_characters() {
        #[derive(garde::Validate)]
        struct T {
            #[garde(length(chars, max = 3))]
            s: String,
        }
        for (s, ok) in [
            ("abc", true),
            ("äöü", true),
            ("日本語", true),
            ("abcd", false),
        ] {
            let t = T { s: s.to_owned() };
            assert_eq!(garde::Validate::validate(&t).is_ok(), ok, "{s}");
        }
    }

    #[test]
    fn phone_rules() {
        let table = [
            ("+1 (415) 555-0100", true),
            ("020 7946 0958", true),
            ("12345", true),
            ("1234", false),
            ("555-CALL-NOW", false),
            ("1+5555555", false),
            ("+123456789012345678901", false),
        ];
        for (p, ok) in table {
            assert_eq!(phone(p).is_ok(), ok, "{p}");
        }
    }

    #[test]
    fn password_length_rules() {
        let table = [
            ("short", false),
            ("exactly12chr", true),
            (&"x".repeat(257), false),
        ];
        for (p, ok) in table {
            assert_eq!(password(&p, &()).is_ok(), ok, "{p}");
        }
    }

    #[test]
    fn money_rules() {
        use std::str::FromStr;
        let table = [
            ("10.00", "USD", true),
            ("-1", "USD", false),
            ("1.001", "USD", false),
            ("1", "XYZ", false),
            ("999999999999999.99", "USD", true),
            ("1000000000000000", "USD", false),
            ("999999999999999.999", "KWD", true),
            ("99999999999999.9999", "UYW", true),
            // 15 integer digits and four decimals would not fit the i64 minor units.
            ("928740888425285.009", "UYW", false),
        ];
        for (a, c, ok) in table {
            let m = Money::new(rust_decimal::Decimal::from_str(a).unwrap(), c);
            assert_eq!(money(&m).is_ok(), ok, "{a} {c}");
        }
    }
}
