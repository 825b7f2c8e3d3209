//! Follow-up discipline (seed 001 §2.3): what logging an activity does to a lead's last contact,
//! follow-up count, next contact and next action. Pure, so the browser and the server agree.

use chrono::{Duration, NaiveDateTime};

use crate::FieldError;

/// How far in the future a "completed" time may lie (clock skew between phone and server).
pub const COMPLETED_SKEW_MINUTES: i64 = 5;

/// A lead's follow-up fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Discipline {
    pub last_contact_at: Option<NaiveDateTime>,
    pub follow_up_count: i32,
    pub next_contact_at: Option<NaiveDateTime>,
    pub next_action: Option<String>,
}

/// The times of an activity being logged, checked against `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub scheduled: Option<NaiveDateTime>,
    /// Done at; an activity with neither time given is done now.
    pub completed: Option<NaiveDateTime>,
    pub follow_up: Option<NaiveDateTime>,
}

impl When {
    /// Refuses a completion in the future (beyond the skew) and a follow-up not in the future.
    pub fn check(
        now: NaiveDateTime,
        scheduled: Option<NaiveDateTime>,
        completed: Option<NaiveDateTime>,
        follow_up: Option<NaiveDateTime>,
    ) -> Result<When, FieldError> {
        let completed = match (scheduled, completed) {
            (None, None) => Some(now),
            (_, c) => c,
        };
        if completed.is_some_and(|c| c > now + skew()) {
            return Err(FieldError::new("completed_at", "cannot be in the future"));
        }
        if follow_up.is_some_and(|f| f <= now) {
            return Err(FieldError::new("follow_up_at", "must be in the future"));
        }
        Ok(When {
            scheduled,
            completed,
            follow_up,
        })
    }

    /// When the activity sits on the timeline: planned time, else done time.
    pub fn at(&self, now: NaiveDateTime) -> NaiveDateTime {
        self.scheduled.or(self.completed).unwrap_or(now)
    }
}

fn skew() -> Duration {
    Duration::minutes(COMPLETED_SKEW_MINUTES)
}

/// The lead's follow-up fields after an activity: a completed contact is a touch (last contact,
/// count) and satisfies a due follow-up; a planned contact becomes the next contact when it is
/// sooner; an explicit follow-up date (and its note) always wins.
pub fn after_activity(
    mut d: Discipline,
    is_contact: bool,
    when: &When,
    follow_up_note: Option<&str>,
    now: NaiveDateTime,
) -> Discipline {
    if is_contact {
        if let Some(done) = when.completed {
            d.last_contact_at = Some(d.last_contact_at.map_or(done, |l| l.max(done)));
            d.follow_up_count += 1;
            // The contact satisfied a due follow-up; without a new date the lead needs one.
            if when.follow_up.is_none() && d.next_contact_at.is_some_and(|n| n <= done + skew()) {
                d.next_contact_at = None;
            }
        } else if let Some(s) = when.scheduled
            && d.next_contact_at.is_none_or(|n| n <= now || s < n)
        {
            d.next_contact_at = Some(s);
        }
    }
    if let Some(f) = when.follow_up {
        d.next_contact_at = Some(f);
        if let Some(note) = follow_up_note {
            d.next_action = Some(note.to_owned());
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn times_are_checked_against_now() {
        let now = t(12, 0);
        let table: [(
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
            Option<NaiveDateTime>,
            Result<Option<NaiveDateTime>, &str>,
        ); 7] = [
            // (scheduled, completed, follow_up) → completed, or the refused field
            (None, None, None, Ok(Some(now))),
            (Some(t(15, 0)), None, None, Ok(None)),
            (None, Some(t(11, 0)), None, Ok(Some(t(11, 0)))),
            (None, Some(t(12, 5)), None, Ok(Some(t(12, 5)))),
            (None, Some(t(12, 6)), None, Err("completed_at")),
            (None, None, Some(t(12, 0)), Err("follow_up_at")),
            (None, None, Some(t(12, 1)), Ok(Some(now))),
        ];
        for (scheduled, completed, follow_up, want) in table {
            let got = When::check(now, scheduled, completed, follow_up)
                .map(|w| w.completed)
                .map_err(|e| e.field);
            assert_eq!(
                got,
                want.map_err(str::to_owned),
                "{scheduled:?} {completed:?} {follow_up:?}"
            );
        }
    }

    #[test]
    fn activities_move_the_follow_up_fields() {
        let now = t(12, 0);
        let due = Discipline {
            last_contact_at: Some(t(9, 0)),
            follow_up_count: 2,
            next_contact_at: Some(t(11, 0)),
            next_action: Some("Call back".into()),
        };
        let when = |scheduled, completed, follow_up| When {
            scheduled,
            completed,
            follow_up,
        };
        let table = [
            // A call done now: touched, counted, the due follow-up satisfied.
            (
                true,
                when(None, Some(now), None),
                None,
                Discipline {
                    last_contact_at: Some(now),
                    follow_up_count: 3,
                    next_contact_at: None,
                    ..due.clone()
                },
            ),
            // Done with a new follow-up date and note: that date and note are next.
            (
                true,
                when(None, Some(now), Some(t(16, 0))),
                Some("Send quote"),
                Discipline {
                    last_contact_at: Some(now),
                    follow_up_count: 3,
                    next_contact_at: Some(t(16, 0)),
                    next_action: Some("Send quote".into()),
                },
            ),
            // An older contact logged late: the last contact stays the later one.
            (
                true,
                when(None, Some(t(8, 0)), None),
                None,
                Discipline {
                    follow_up_count: 3,
                    ..due.clone()
                },
            ),
            // A planned call replaces a next contact that is already past.
            (
                true,
                when(Some(t(15, 0)), None, None),
                None,
                Discipline {
                    next_contact_at: Some(t(15, 0)),
                    ..due.clone()
                },
            ),
            // A note is no contact: nothing moves but an explicit follow-up.
            (false, when(None, Some(now), None), None, due.clone()),
            (
                false,
                when(None, Some(now), Some(t(14, 0))),
                None,
                Discipline {
                    next_contact_at: Some(t(14, 0)),
                    ..due.clone()
                },
            ),
        ];
        for (is_contact, w, note, want) in table {
            assert_eq!(
                after_activity(due.clone(), is_contact, &w, note, now),
                want,
                "{is_contact} {w:?} {note:?}"
            );
        }
    }
}
