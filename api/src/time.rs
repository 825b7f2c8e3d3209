//! Time helpers. The database stores UTC as timestamps without zone, at microsecond precision
//! (PostgreSQL's), so values read back compare equal on both backends.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};

pub fn now() -> NaiveDateTime {
    Utc::now().naive_utc().trunc_subsecs(6)
}

pub fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}
