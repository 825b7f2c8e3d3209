//! A rep's commission summary (seed 003 §7.2): this month and the year so far by status, the
//! next payout date, and this year's payouts.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::commission_lines::{
    CommissionSummary, MemberEarnings, RepPayout, StatusTotals, TeamEarnings, TeamEarningsQuery,
    next_payout_date,
};
use closebook_shared::commissions::{LineStatus, LineType, Period};
use diesel::prelude::*;
use uuid::Uuid;

use super::{calendar, plans};
use crate::authz::{CommissionCaller, OwnerScope, within_scope};
use crate::db::DbConn;
use crate::db::columns::uuid_of;
use crate::db::commissions::lines;
use crate::db::schema::{commission_line_status, commission_lines, users};
use crate::db::users as user_rows;
use crate::error::ApiError;
use crate::time;

#[derive(Default, Clone, Copy)]
struct Sums {
    pending: i64,
    earned: i64,
    approved: i64,
    paid: i64,
    disputed: i64,
}

impl Sums {
    fn add(&mut self, status: LineStatus, minor: i64) {
        match status {
            LineStatus::Pending => self.pending += minor,
            LineStatus::Earned => self.earned += minor,
            LineStatus::Approved => self.approved += minor,
            LineStatus::Paid | LineStatus::ClawedBack => self.paid += minor,
            LineStatus::Disputed => self.disputed += minor,
            LineStatus::Voided => {}
        }
    }

    fn merge(&mut self, o: &Sums) {
        self.pending += o.pending;
        self.earned += o.earned;
        self.approved += o.approved;
        self.paid += o.paid;
        self.disputed += o.disputed;
    }

    fn net(&self) -> i64 {
        self.pending + self.earned + self.approved + self.paid + self.disputed
    }

    fn totals(&self, currency: &str) -> Result<StatusTotals, ApiError> {
        let m = |minor| super::money_of(minor, currency);
        Ok(StatusTotals {
            pending: m(self.pending)?,
            earned: m(self.earned)?,
            approved: m(self.approved)?,
            paid: m(self.paid)?,
            disputed: m(self.disputed)?,
            net: m(self.net())?,
        })
    }
}

pub fn summary(
    conn: &mut DbConn,
    scope: &OwnerScope,
    rep: Uuid,
) -> Result<CommissionSummary, ApiError> {
    let key = rep.to_string();
    let user = user_rows::find(conn, rep)?
        .filter(|_| scope.covers(&key))
        .ok_or_else(|| ApiError::not_found("user"))?;
    let zone = calendar::zone(conn)?;
    let today = calendar::local_date(zone, time::now());
    let period = Period::of(today);
    let plan = plans::in_force(conn, Some(&key), user.role(), today)?;
    let january = format!("{:04}-01", today.year());
    let lines: Vec<(String, String, i64, LineStatus)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::rep_id.eq(&key))
        .filter(commission_lines::currency.eq(&plan.currency))
        .filter(commission_lines::period.ge(&january))
        .filter(commission_lines::period.le(period.to_string()))
        .select((
            commission_lines::id,
            commission_lines::period,
            commission_lines::amount_minor,
            commission_line_status::status,
        ))
        .load(conn)?;
    let (mut month, mut year) = (Sums::default(), Sums::default());
    for (_, p, minor, status) in &lines {
        year.add(*status, *minor);
        if *p == period.to_string() {
            month.add(*status, *minor);
        }
    }
    // Payouts: each paid entry of the rep's lines this year, by reference.
    let amounts: BTreeMap<&str, i64> = lines
        .iter()
        .map(|(id, _, m, _)| (id.as_str(), *m))
        .collect();
    let ids: Vec<&str> = amounts.keys().copied().collect();
    let mut runs: BTreeMap<String, (NaiveDateTime, u32, i64)> = BTreeMap::new();
    for (line, reference, at) in lines::paid_entries(conn, &ids)? {
        let run = runs
            .entry(reference.unwrap_or_default())
            .or_insert((at, 0, 0));
        run.0 = run.0.max(at);
        run.1 += 1;
        run.2 += amounts.get(line.as_str()).copied().unwrap_or(0);
    }
    let mut payouts = runs
        .into_iter()
        .map(|(reference, (at, count, minor))| {
            Ok(RepPayout {
                reference,
                paid_at: at.and_utc(),
                line_count: count,
                amount: super::money_of(minor, &plan.currency)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    payouts.sort_by_key(|p| std::cmp::Reverse(p.paid_at));
    Ok(CommissionSummary {
        rep_id: rep,
        rep_name: user.name.clone(),
        currency: plan.currency.clone(),
        period,
        this_month: month.totals(&plan.currency)?,
        year_to_date: year.totals(&plan.currency)?,
        next_payout_date: next_payout_date(today),
        payouts,
    })
}

/// Most members one read sums: an organisation's whole field force.
const MEMBER_CHUNK: usize = 500;

/// A team's month (seed 003 §7.2, the manager's view): each active rep and manager the caller
/// sees, with its lines of the period by status and the overrides among them. Reps have no team
/// view (403).
pub fn team_earnings(
    conn: &mut DbConn,
    caller: &CommissionCaller,
    q: &TeamEarningsQuery,
) -> Result<TeamEarnings, ApiError> {
    if caller.principal.role == Role::SalesRep {
        return Err(ApiError::forbidden(
            "team earnings are for managers, finance and admins",
        ));
    }
    let currency = crate::db::settings::get(conn)?.currency;
    let period = match q.period {
        Some(p) => p,
        None => Period::of(calendar::local_date(calendar::zone(conn)?, time::now())),
    };
    let mut members = users::table
        .filter(users::active.eq(true))
        .filter(users::role.eq_any([Role::SalesRep, Role::SalesManager]))
        .into_boxed();
    members = within_scope!(members, caller.scope, users::id);
    if let Some(team) = q.team_id {
        members = members.filter(users::team_id.eq(team.to_string()));
    }
    let members: Vec<(String, String, Role, Option<String>)> = members
        .order((users::name, users::id))
        .select((users::id, users::name, users::role, users::team_id))
        .load(conn)?;
    let mut sums: BTreeMap<String, (Sums, i64)> = BTreeMap::new();
    let ids: Vec<&str> = members.iter().map(|m| m.0.as_str()).collect();
    for chunk in ids.chunks(MEMBER_CHUNK) {
        let lines: Vec<(String, LineType, i64, LineStatus)> = commission_lines::table
            .inner_join(commission_line_status::table)
            .filter(commission_lines::rep_id.eq_any(chunk))
            .filter(commission_lines::period.eq(period.to_string()))
            .filter(commission_lines::currency.eq(&currency))
            .select((
                commission_lines::rep_id,
                commission_lines::line_type,
                commission_lines::amount_minor,
                commission_line_status::status,
            ))
            .load(conn)?;
        for (rep, line_type, minor, status) in lines {
            let entry = sums.entry(rep).or_default();
            entry.0.add(status, minor);
            if line_type == LineType::Override && status != LineStatus::Voided {
                entry.1 += minor;
            }
        }
    }
    let mut team = Sums::default();
    let mut out = Vec::with_capacity(members.len());
    for (id, name, role, team_id) in &members {
        let (s, overrides) = sums.get(id.as_str()).copied().unwrap_or_default();
        team.merge(&s);
        out.push((
            s.net(),
            MemberEarnings {
                rep_id: uuid_of(id),
                rep_name: name.clone(),
                role: *role,
                team_id: team_id.as_deref().map(uuid_of),
                totals: s.totals(&currency)?,
                overrides: super::money_of(overrides, &currency)?,
            },
        ));
    }
    // Largest net first; the name order of the read breaks ties.
    out.sort_by_key(|(net, _)| std::cmp::Reverse(*net));
    Ok(TeamEarnings {
        period,
        totals: team.totals(&currency)?,
        currency,
        members: out.into_iter().map(|(_, m)| m).collect(),
    })
}
