//! Throttling of failed sign-ins, per account and per address. Kept in the database, not in
//! memory, so the limit holds across every API instance behind a load balancer.

use chrono::{Duration, NaiveDateTime};

/// Limits on failed sign-ins (deployment settings; defaults documented in `config`).
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// Failures per account within the window before further attempts are refused.
    pub max_per_account: usize,
    /// Failures per client address within the window (catches one address spraying many emails).
    pub max_per_ip: usize,
    pub window: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            max_per_account: 5,
            max_per_ip: 50,
            window: Duration::minutes(15),
        }
    }
}

/// Seconds until another attempt is allowed, or `None` when one is allowed now.
/// `failures` are the failure times within the window, oldest first.
pub fn retry_after(
    failures: &[NaiveDateTime],
    max: usize,
    window: Duration,
    now: NaiveDateTime,
) -> Option<u64> {
    if max == 0 || failures.len() < max {
        return None;
    }
    // Attempts reopen when enough failures age out that fewer than `max` remain.
    let frees_at = failures[failures.len() - max] + window;
    let wait = (frees_at - now).num_seconds();
    Some(u64::try_from(wait).unwrap_or(0).max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_table() {
        let t0 = chrono::DateTime::from_timestamp(1_700_000_000, 0)
            .unwrap()
            .naive_utc();
        let m = |mins: i64| t0 + Duration::minutes(mins);
        let w = Duration::minutes(15);
        let table: &[(&[NaiveDateTime], usize, NaiveDateTime, Option<u64>)] = &[
            (&[], 5, m(0), None),
            (&[m(0), m(1), m(2), m(3)], 5, m(4), None),
            (&[m(0), m(1), m(2), m(3), m(4)], 5, m(5), Some(10 * 60)),
            (
                &[m(0), m(1), m(2), m(3), m(4), m(5)],
                5,
                m(6),
                Some(10 * 60),
            ),
            (&[m(0), m(1), m(2), m(3), m(4)], 5, m(15), Some(1)),
            (&[m(0)], 0, m(1), None),
        ];
        for (failures, max, now, want) in table {
            assert_eq!(
                retry_after(failures, *max, w, *now),
                *want,
                "{} failures, max {max}",
                failures.len()
            );
        }
    }
}
