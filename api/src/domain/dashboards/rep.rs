//! `GET /dashboard/rep` (seed 004 "TAB 1: DASHBOARD", "ACTIVITY HEATMAP").

use chrono::{Datelike, Duration, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;
use closebook_shared::activities::{ActivityKind, ActivityOutcome};
use closebook_shared::commissions::Period;
use closebook_shared::dashboards::{
    Heatmap, KindCount, NextActions, QuotaProgress, RepDashboard, RepDashboardQuery, STALL_DAYS,
    ScheduledItem, Suggestion, SuggestionKind, TodaySnapshot, best_hour, busiest_and_quietest,
    connected, forecast, percent_1dp,
};
use closebook_shared::leads::Outcome;
use closebook_shared::targets::{
    LeaderboardQuery, TargetListQuery, TargetMetric, TargetPeriod, TargetType,
};
use closebook_shared::{Money, Role};
use diesel::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{count, lead_refs};
use crate::authz::InsightCaller;
use crate::db::columns::uuid_of;
use crate::db::metrics::{self, Who};
use crate::db::schema::{activities, commission_lines, leads, targets as target_rows};
use crate::db::{DbConn, users};
use crate::domain::analytics;
use crate::domain::targets::{self, Calendar};
use crate::error::ApiError;
use crate::pagination::PageRequest;

const HEATMAP_KINDS: [ActivityKind; 5] = [
    ActivityKind::Call,
    ActivityKind::Email,
    ActivityKind::Meeting,
    ActivityKind::Demo,
    ActivityKind::Proposal,
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn rep_dashboard(
    conn: &mut DbConn,
    caller: &InsightCaller,
    q: RepDashboardQuery,
) -> Result<RepDashboard, ApiError> {
    let sells = |r: Role| matches!(r, Role::SalesRep | Role::SalesManager);
    let rep = match (q.rep_id, &caller.scope.user_id) {
        (Some(r), _) => r.to_string(),
        (None, Some(me)) if sells(caller.principal.role) => me.clone(),
        // The caller has no pipeline of its own (finance, an admin, a service token).
        _ => return Err(ApiError::not_found("rep")),
    };
    let user = users::find(conn, uuid_of(&rep))?
        .filter(|u| caller.scope.people.covers(&rep) && sells(u.role()))
        .ok_or_else(|| ApiError::not_found("rep"))?;
    let cal = Calendar::load(conn)?;
    let rep_zone: Tz = user.time_zone.parse().unwrap_or(cal.zone);
    let me = std::slice::from_ref(&rep);
    let today = cal.span(cal.today, cal.today);
    let (month_first, month_last) = cal.period(TargetPeriod::Monthly, cal.today);
    let month = cal.span(month_first, month_last);

    let open = || {
        leads::table
            .filter(leads::owner_id.eq(rep.clone()))
            .filter(leads::outcome.eq(Outcome::Open.as_str()))
    };
    let active_leads = count(open().count().get_result(conn)?);
    let calls_today = count(
        activities::table
            .filter(activities::user_id.eq(&rep))
            .filter(activities::kind.eq(ActivityKind::Call.as_str()))
            .filter(activities::completed_at.is_not_null())
            .filter(activities::at.ge(today.start))
            .filter(activities::at.lt(today.end))
            .count()
            .get_result(conn)?,
    );
    let deals_closing = count(
        open()
            .filter(leads::expected_close_date.ge(cal.today))
            .filter(leads::expected_close_date.le(cal.today + Duration::days(7)))
            .count()
            .get_result(conn)?,
    );
    let overdue_ids: Vec<String> = open()
        .filter(leads::next_contact_at.lt(cal.now))
        .order(leads::next_contact_at.asc())
        .select(leads::id)
        .load(conn)?;
    let hot_ids: Vec<String> = open()
        .order((leads::score.desc(), leads::id.asc()))
        .limit(5)
        .select(leads::id)
        .load(conn)?;

    // Quota: the month's revenue target (the plan quota, else a target set) against revenue.
    let achieved_tally = metrics::total(
        conn,
        TargetMetric::Revenue,
        Who::People(Some(me)),
        month,
        &cal.currency,
    )?;
    let achieved =
        closebook_shared::targets::achieved(TargetMetric::Revenue, achieved_tally, cal.digits);
    let quota = match targets::quota(conn, &rep, month_last, &cal)? {
        Some(q) => Some(q),
        None => target_rows::table
            .filter(target_rows::target_type.eq(TargetType::Individual))
            .filter(target_rows::assignee_id.eq(&rep))
            .filter(target_rows::metric_type.eq(TargetMetric::Revenue))
            .filter(target_rows::period_type.eq(TargetPeriod::Monthly))
            .filter(target_rows::period_start.eq(month_first))
            .filter(target_rows::cancelled.eq(false))
            .select(target_rows::target_value)
            .first::<String>(conn)
            .optional()?
            .and_then(|v| v.parse::<Decimal>().ok()),
    };
    let ahead = forecast(achieved, cal.today.day(), month_last.day(), cal.digits);
    let forecast_percent = quota.and_then(|q| percent_1dp(ahead, q));
    let line = match forecast_percent {
        Some(p) => format!("On track to {ahead} {}, {p}% of quota", cal.currency),
        None => format!("On track to {ahead} {}", cal.currency),
    };
    let quota_progress = QuotaProgress {
        month_start: month_first,
        month_end: month_last,
        quota: quota.map(|q| cal.money(q)),
        achieved: cal.money(achieved),
        percent: quota.and_then(|q| percent_1dp(achieved, q)),
        forecast: cal.money(ahead),
        forecast_percent,
        line,
    };

    // Today's plan, this week's goals.
    let planned: Vec<(String, String, ActivityKind, NaiveDateTime, Option<String>)> =
        activities::table
            .filter(activities::user_id.eq(&rep))
            .filter(activities::scheduled_at.ge(today.start))
            .filter(activities::scheduled_at.lt(today.end))
            .filter(activities::completed_at.is_null())
            .order((activities::at.asc(), activities::id.asc()))
            .limit(20)
            .select((
                activities::id,
                activities::lead_id,
                activities::kind,
                activities::at,
                activities::subject,
            ))
            .load(conn)?;
    let mut today_items = Vec::with_capacity(planned.len());
    for (id, lead_id, kind, at, subject) in planned {
        let company: String = leads::table
            .find(&lead_id)
            .select(leads::company)
            .first(conn)?;
        today_items.push(ScheduledItem {
            activity_id: uuid_of(&id),
            lead_id: uuid_of(&lead_id),
            company,
            kind,
            at: at.and_utc(),
            subject,
        });
    }
    let goals = targets::list(
        conn,
        caller,
        TargetListQuery {
            target_type: Some(TargetType::Individual),
            period_type: Some(TargetPeriod::Weekly),
            assignee_id: Some(uuid_of(&rep)),
            on: Some(cal.today),
            ..TargetListQuery::default()
        },
        &PageRequest::parse(Some(50), None)?,
    )?
    .items;

    // The team's monthly revenue board.
    let board = targets::leaderboard(
        conn,
        caller,
        LeaderboardQuery {
            metric: TargetMetric::Revenue,
            period: TargetPeriod::Monthly,
            on: None,
            team_id: user.team_id.as_deref().map(uuid_of),
            top: Some(1),
        },
    );
    let (leaderboard, leaderboard_size) = match board {
        Ok(b) => {
            let line = b
                .entries
                .iter()
                .chain(b.me.iter())
                .find(|e| e.rep_id == uuid_of(&rep))
                .cloned();
            (line, b.ranked)
        }
        Err(_) => (None, 0),
    };

    // Earnings: this month's lines, in the organisation's currency.
    let period = Period::of(cal.today).to_string();
    let amounts: Vec<i64> = commission_lines::table
        .filter(commission_lines::rep_id.eq(&rep))
        .filter(commission_lines::period.eq(period))
        .filter(commission_lines::currency.eq(&cal.currency))
        .select(commission_lines::amount_minor)
        .load(conn)?;
    let earnings =
        Money::from_minor(amounts.iter().sum(), &cal.currency).map_err(ApiError::internal)?;

    let (suggestions, best) = suggestions(conn, &rep, rep_zone, &cal)?;
    let heatmap = heatmap(conn, &rep, rep_zone, month, month_first)?;
    let leak_line = analytics::leak_line(conn, &cal, &rep)?;
    Ok(RepDashboard {
        rep_id: uuid_of(&rep),
        rep_name: user.name,
        today: cal.today,
        snapshot: TodaySnapshot {
            active_leads,
            calls_today,
            deals_closing,
            overdue_follow_ups: count(overdue_ids.len() as i64),
        },
        quota: quota_progress,
        next_actions: NextActions {
            overdue: lead_refs(conn, &overdue_ids[..overdue_ids.len().min(10)])?,
            today: today_items,
            week_goals: goals,
        },
        leaderboard,
        leaderboard_size,
        hot_leads: lead_refs(conn, &hot_ids)?,
        earnings_this_month: earnings,
        suggestions,
        best_hour: best,
        heatmap,
        leak_line,
    })
}

/// Stalling deals, the best hour to call, leads without a next date.
fn suggestions(
    conn: &mut DbConn,
    rep: &str,
    zone: Tz,
    cal: &Calendar,
) -> Result<
    (
        Vec<Suggestion>,
        Option<closebook_shared::dashboards::BestHour>,
    ),
    ApiError,
> {
    let mut out = Vec::new();
    let quiet_since = cal.now - Duration::days(STALL_DAYS);
    let stalling: Vec<(String, String, Option<NaiveDateTime>, NaiveDateTime)> = leads::table
        .filter(leads::owner_id.eq(rep))
        .filter(leads::outcome.eq(Outcome::Open.as_str()))
        .filter(leads::deal_value_minor.is_not_null())
        .filter(
            leads::last_contact_at
                .lt(quiet_since)
                .or(leads::last_contact_at
                    .is_null()
                    .and(leads::created_at.lt(quiet_since))),
        )
        .order((leads::deal_value_minor.desc(), leads::id.asc()))
        .limit(3)
        .select((
            leads::id,
            leads::company,
            leads::last_contact_at,
            leads::created_at,
        ))
        .load(conn)?;
    for (id, company, last, created) in stalling {
        let days = (cal.now - last.unwrap_or(created)).num_days();
        out.push(Suggestion {
            kind: SuggestionKind::StallingDeal,
            lead_id: Some(uuid_of(&id)),
            text: format!("{company} is stalling: get back in touch"),
            reason: format!("No activity for {days} days on an open deal"),
        });
    }
    // Calls of the last 90 days, by local hour: (calls, connected).
    let calls: Vec<(NaiveDateTime, Option<ActivityOutcome>)> = activities::table
        .filter(activities::user_id.eq(rep))
        .filter(activities::kind.eq(ActivityKind::Call.as_str()))
        .filter(activities::completed_at.is_not_null())
        .filter(activities::at.ge(cal.now - Duration::days(90)))
        .select((activities::at, activities::outcome))
        .load(conn)?;
    let mut by_hour = [(0u32, 0u32); 24];
    for (at, outcome) in calls {
        if let Some(c) = connected(outcome) {
            let hour = zone.from_utc_datetime(&at).hour() as usize;
            by_hour[hour].0 += 1;
            by_hour[hour].1 += u32::from(c);
        }
    }
    let best = best_hour(&by_hour);
    if let Some(b) = &best {
        out.push(Suggestion {
            kind: SuggestionKind::BestCallHour,
            lead_id: None,
            text: format!(
                "Call between {:02}:00 and {:02}:00",
                b.hour,
                (b.hour + 1) % 24
            ),
            reason: format!(
                "{}% of your {} calls at that hour connected (last 90 days)",
                b.connect_rate, b.calls
            ),
        });
    }
    let missing: Vec<(String, String, String)> = leads::table
        .filter(leads::owner_id.eq(rep))
        .filter(leads::incomplete.eq(true))
        .order((leads::score.desc(), leads::id.asc()))
        .limit(3)
        .select((leads::id, leads::company, leads::display_sales_stage))
        .load(conn)?;
    for (id, company, stage) in missing {
        out.push(Suggestion {
            kind: SuggestionKind::MissingNextDate,
            lead_id: Some(uuid_of(&id)),
            text: format!("Set a next contact date for {company}"),
            reason: format!("In {stage} with no next date: a lead that leaks"),
        });
    }
    Ok((out, best))
}

/// This month's completed activities by kind (against the rep's monthly goals) and weekday.
fn heatmap(
    conn: &mut DbConn,
    rep: &str,
    zone: Tz,
    month: crate::db::metrics::Span,
    month_first: chrono::NaiveDate,
) -> Result<Heatmap, ApiError> {
    let done: Vec<(ActivityKind, NaiveDateTime)> = activities::table
        .filter(activities::user_id.eq(rep))
        .filter(activities::completed_at.is_not_null())
        .filter(activities::at.ge(month.start))
        .filter(activities::at.lt(month.end))
        .select((activities::kind, activities::at))
        .load(conn)?;
    let mut by_weekday = [0u32; 7];
    for (_, at) in &done {
        by_weekday[zone.from_utc_datetime(at).weekday().num_days_from_monday() as usize] += 1;
    }
    let goals: Vec<(TargetMetric, String)> = target_rows::table
        .filter(target_rows::target_type.eq(TargetType::Individual))
        .filter(target_rows::assignee_id.eq(rep))
        .filter(target_rows::period_type.eq(TargetPeriod::Monthly))
        .filter(target_rows::period_start.eq(month_first))
        .filter(target_rows::cancelled.eq(false))
        .select((target_rows::metric_type, target_rows::target_value))
        .load(conn)?;
    let goal_of = |metric: TargetMetric| {
        goals
            .iter()
            .find(|(m, _)| *m == metric)
            .and_then(|(_, v)| v.parse::<Decimal>().ok())
            .and_then(|v| v.trunc().to_u32())
    };
    let kinds = HEATMAP_KINDS
        .iter()
        .map(|k| KindCount {
            kind: *k,
            count: count(done.iter().filter(|(kind, _)| kind == k).count() as i64),
            goal: match k {
                ActivityKind::Call => goal_of(TargetMetric::LeadsContacted),
                ActivityKind::Meeting => goal_of(TargetMetric::VisitsScheduled),
                _ => None,
            },
        })
        .collect();
    let extremes = busiest_and_quietest(&by_weekday);
    Ok(Heatmap {
        kinds,
        by_weekday: by_weekday.to_vec(),
        busiest: extremes.map(|(b, _)| WEEKDAYS[b].to_owned()),
        quietest: extremes.map(|(_, q)| WEEKDAYS[q].to_owned()),
    })
}
