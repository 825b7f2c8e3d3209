//! `Ts`: a timestamp column decoded without diesel's SQLite parser on the hot path.
//!
//! SQLite stores timestamps as text. Diesel decodes each one by trying up to 18 `strftime`
//! formats, which was about a tenth of the lead list's CPU. Closebook writes them in one format
//! (`YYYY-MM-DD HH:MM:SS[.ffffff]`, diesel's encoding), so list rows read that format by
//! position and fall back to chrono's parser for anything else. PostgreSQL sends binary
//! timestamps and keeps diesel's decoder.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::Pg;
use diesel::sql_types::{Text, Timestamp};
use diesel::sqlite::Sqlite;

#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct Ts(pub NaiveDateTime);

impl Ts {
    /// Stored timestamps are UTC.
    pub fn utc(self) -> chrono::DateTime<chrono::Utc> {
        self.0.and_utc()
    }
}

impl FromSql<Timestamp, Sqlite> for Ts {
    fn from_sql(value: diesel::sqlite::SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, Sqlite>>::from_sql(value)?;
        parse(&text)
            .or_else(|| NaiveDateTime::parse_from_str(&text, "%F %T%.f").ok())
            .or_else(|| text.parse::<NaiveDateTime>().ok())
            .map(Ts)
            .ok_or_else(|| format!("invalid timestamp {text:?}").into())
    }
}

impl FromSql<Timestamp, Pg> for Ts {
    fn from_sql(value: diesel::pg::PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Ts)
    }
}

/// `YYYY-MM-DD HH:MM:SS` with an optional `.` and 1–9 fraction digits; `None` for anything else.
fn parse(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b' '
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let nanos = match &b[19..] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            num(20, b.len())? * 10u32.pow(9 - u32::try_from(digits.len()).ok()?)
        }
        _ => return None,
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)?;
    let time = NaiveTime::from_hms_nano_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?, nanos)?;
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_diesel_writes_and_refuses_the_rest() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "2026-11-20 20:16:39.314187",
                Some("2026-11-20T20:16:39.314187"),
            ),
            ("2026-11-20 20:16:39", Some("2026-11-20T20:16:39")),
            ("2026-11-20 20:16:39.5", Some("2026-11-20T20:16:39.500")),
            (
                "2026-11-20 20:16:39.123456789",
                Some("2026-11-20T20:16:39.123456789"),
            ),
            ("2024-02-29 00:00:00", Some("2024-02-29T00:00:00")),
            ("2026-02-29 00:00:00", None),
            ("2026-11-20 24:00:00", None),
            ("2026-11-20T20:16:39", None),
            ("2026-11-20 20:16:39.", None),
            ("2026-11-20 20:16:39.1234567890", None),
            ("2026-11-20 20:16:3x", None),
            ("2026-11-20", None),
            ("", None),
        ];
        for (text, want) in cases {
            let want = want.map(|w| w.parse::<NaiveDateTime>().unwrap());
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn agrees_with_chrono_on_diesels_encoding() {
        let base = "2026-01-01T00:00:00".parse::<NaiveDateTime>().unwrap();
        for step in [0i64, 1, 999, 1_000_001, 86_399_999_999, 31_622_400_123_456] {
            let t = base + chrono::Duration::microseconds(step * 7);
            let text = t.format("%F %T%.f").to_string();
            assert_eq!(parse(&text), Some(t), "{text}");
        }
    }
}
