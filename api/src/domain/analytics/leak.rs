//! `GET /analytics/sales-leak`.

use chrono::Duration;
use closebook_shared::analytics::{
    AnalyticsQuery, DisciplineScore, Leak, MonthToDate, SalesLeakReport, find_leak,
    overfocus_warning,
};

use super::{audience, month_to, week_of};
use crate::authz::InsightCaller;
use crate::db::analytics as counts;
use crate::db::{DbConn, metrics::Span, settings};
use crate::domain::targets::Calendar;
use crate::error::ApiError;

/// Only the week's leak line of one rep (the rep's dashboard shows it; the card has the rest).
pub fn leak_line(conn: &mut DbConn, cal: &Calendar, rep: &str) -> Result<String, ApiError> {
    let me = [rep.to_owned()];
    let people = Some(&me[..]);
    let (_, last, span) = week_of(cal, cal.today);
    let week = counts::week(conn, people, span, cal.now)?;
    let (month, days_gone, days_in_month) = month_to(cal, last.min(cal.today));
    let targets = settings::get(conn)?.leak_targets();
    let leak = find_leak(
        &week,
        &MonthToDate {
            referral_asks: counts::referral_asks(conn, people, month)?,
            days_gone,
            days_in_month,
        },
        &targets,
    );
    Ok(leak.map_or_else(|| "No leak this week".to_owned(), |l| l.line()))
}

pub fn sales_leak(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: AnalyticsQuery,
) -> Result<SalesLeakReport, ApiError> {
    let cal = Calendar::load(conn)?;
    let who = audience(conn, caller, q.rep_id, q.team_id)?;
    let people = who.people();
    let (first, last, span) = week_of(&cal, q.week.unwrap_or(cal.today));
    let week = counts::week(conn, people, span, cal.now)?;
    let lenses = counts::lenses(conn)?;
    let stages = counts::stage_flow(conn, people, span, &lenses)?;
    // The month to the week's last day, or to today in the current week.
    let upto = last.min(cal.today);
    let (month, days_gone, days_in_month) = month_to(&cal, upto);
    let targets = settings::get(conn)?.leak_targets().times(who.reps);
    let leak = find_leak(
        &week,
        &MonthToDate {
            referral_asks: counts::referral_asks(conn, people, month)?,
            days_gone,
            days_in_month,
        },
        &targets,
    );
    // Over-focus looks at the 7 days to now.
    let seven = Span {
        start: cal.now - Duration::days(7),
        end: cal.now,
    };
    let recent = counts::week(conn, people, seven, cal.now)?;
    Ok(SalesLeakReport {
        week_start: first,
        week_end: last,
        reps: who.reps,
        counts: week,
        stages,
        targets,
        leak_line: leak
            .as_ref()
            .map_or_else(|| "No leak this week".to_owned(), Leak::line),
        leak,
        discipline: DisciplineScore::of(counts::discipline(conn, people, cal.now)?),
        overfocus_warning: overfocus_warning(recent.presentations, recent.new_contacts, &targets),
    })
}
