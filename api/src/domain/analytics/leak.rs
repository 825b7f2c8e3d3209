//! `GET /analytics/sales-leak`.

use chrono::{Duration, NaiveDate};
use closebook_shared::analytics::{
    AnalyticsQuery, DisciplineScore, Leak, LeakTargets, MonthToDate, SalesLeakReport, WeekCounts,
    find_leak, leak_line as line_of, overfocus_warning,
};

use super::{Audience, audience, month_to, week_of};
use crate::authz::InsightCaller;
use crate::db::analytics as counts;
use crate::db::{DbConn, metrics::Span};
use crate::domain::targets::Calendar;
use crate::error::ApiError;

/// The week holding `day`: its days and instants, its counts, and the leak against `targets`
/// (the month's referral asks counted to the week's last day, or to today in the current week).
struct WeekLeak {
    first: NaiveDate,
    last: NaiveDate,
    span: Span,
    counts: WeekCounts,
    leak: Option<Leak>,
}

fn week_leak(
    conn: &mut DbConn,
    cal: &Calendar,
    people: Option<&[String]>,
    day: NaiveDate,
    targets: &LeakTargets,
) -> Result<WeekLeak, ApiError> {
    let (first, last, span) = week_of(cal, day);
    let counts = counts::week(conn, people, span, cal.now)?;
    let (month, days_gone, days_in_month) = month_to(cal, last.min(cal.today));
    let month = MonthToDate {
        referral_asks: counts::referral_asks(conn, people, month)?,
        days_gone,
        days_in_month,
    };
    let leak = find_leak(&counts, &month, targets);
    Ok(WeekLeak {
        first,
        last,
        span,
        counts,
        leak,
    })
}

/// Only this week's leak line of one rep (the rep's dashboard shows it; the card has the rest).
pub fn leak_line(conn: &mut DbConn, cal: &Calendar, rep: &str) -> Result<String, ApiError> {
    let me = [rep.to_owned()];
    let w = week_leak(conn, cal, Some(&me[..]), cal.today, &cal.leak)?;
    Ok(line_of(w.leak.as_ref()))
}

/// This week's leak line and the discipline score of an audience: all the manager dashboard
/// shows of the Sales Leak, without the stage flow and the over-focus look.
pub fn leak_and_discipline(
    conn: &mut DbConn,
    cal: &Calendar,
    who: &Audience,
) -> Result<(String, DisciplineScore), ApiError> {
    let people = who.people();
    let w = week_leak(conn, cal, people, cal.today, &cal.leak.times(who.reps))?;
    let discipline = DisciplineScore::of(counts::discipline(conn, people, cal.now)?);
    Ok((line_of(w.leak.as_ref()), discipline))
}

pub fn sales_leak(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: AnalyticsQuery,
) -> Result<SalesLeakReport, ApiError> {
    let cal = Calendar::load(conn)?;
    let who = audience(conn, caller, q.rep_id, q.team_id)?;
    let people = who.people();
    let targets = cal.leak.times(who.reps);
    let w = week_leak(conn, &cal, people, q.week.unwrap_or(cal.today), &targets)?;
    let lenses = counts::lenses(conn)?;
    let stages = counts::stage_flow(conn, people, w.span, &lenses)?;
    // Over-focus looks at the 7 days to now: presentations and new contacts only.
    let seven = Span {
        start: cal.now - Duration::days(7),
        end: cal.now,
    };
    let presentations = counts::presentations(conn, people, seven)?;
    let (_, _, new_contacts) = counts::new_contacts(conn, people, seven)?;
    Ok(SalesLeakReport {
        week_start: w.first,
        week_end: w.last,
        reps: who.reps,
        counts: w.counts,
        stages,
        targets,
        leak_line: line_of(w.leak.as_ref()),
        leak: w.leak,
        discipline: DisciplineScore::of(counts::discipline(conn, people, cal.now)?),
        overfocus_warning: overfocus_warning(presentations, new_contacts, &targets),
    })
}
