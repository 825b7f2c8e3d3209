//! The monthly close of a period (CMR-004, CMR-005, seed 000 management fee), in order, each
//! step seeing the lines of the steps before: true-ups, team bonuses, overrides, caps; then
//! each rep's statement. It runs in one transaction, so a run killed halfway leaves nothing and
//! the next run does the whole. Each step owes only what the lines written so far (earlier
//! closes included) leave owing, so running it again changes nothing, and running it after late
//! lines arrived writes just the difference.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use closebook_shared::Role;
use closebook_shared::commission_lines::{CloseReport, LineSource};
use closebook_shared::commissions::close::{self as steps, LedgerLine, StatementTotals};
use closebook_shared::commissions::{Explanation, LineStatus, LineType, Period, rules};
use diesel::prelude::*;
use rust_decimal::Decimal;

use super::ledger::{self, NewLine};
use super::{calendar, plans};
use crate::audit::{self, Actor};
use crate::db::DbConn;
use crate::db::columns::{StoredCurrency, StoredId, StoredOptCurrency, StoredOptId};
use crate::db::schema::{
    commission_line_status, commission_lines, commission_statements, team_quotas, teams, users,
};
use crate::error::ApiError;
use crate::time;

/// A line of the period as the close reads it.
#[derive(Debug, Clone, Queryable)]
struct Loaded {
    #[diesel(deserialize_as = StoredId)]
    rep_id: String,
    line_type: LineType,
    source_type: LineSource,
    source_id: String,
    base_minor: i64,
    amount_minor: i64,
    #[diesel(deserialize_as = StoredCurrency)]
    currency: String,
    status: LineStatus,
}

#[derive(Debug, Clone, Queryable)]
struct Person {
    #[diesel(deserialize_as = StoredId)]
    id: String,
    role: Role,
    #[diesel(deserialize_as = StoredOptId)]
    team_id: Option<String>,
    active: bool,
    hire_date: Option<NaiveDate>,
    created_at: NaiveDateTime,
    base_salary_minor: Option<i64>,
    #[diesel(deserialize_as = StoredOptCurrency)]
    base_salary_currency: Option<String>,
}

struct Month {
    period: Period,
    /// The last local day: the plan in force then applies.
    last_day: NaiveDate,
    /// The instant the period ends, in UTC: close lines' source time.
    ends_at: NaiveDateTime,
    lines: BTreeMap<String, Vec<Loaded>>,
    people: BTreeMap<String, Person>,
    plans: BTreeMap<String, Option<plans::InForce>>,
    report: CloseReport,
}

impl Month {
    /// The rep's lines in `currency`, as the pure steps take them.
    fn ledger(&self, rep: &str, currency: &str) -> Result<Vec<LedgerLine>, ApiError> {
        self.lines
            .get(rep)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|l| l.currency == currency)
            .map(|l| {
                ledger_line(
                    l.line_type,
                    l.base_minor,
                    l.amount_minor,
                    currency,
                    l.status,
                )
            })
            .collect()
    }

    /// The rep's close lines of this kind written under `key` (`key`, `key#2`, …).
    fn close_lines<'a>(
        &'a self,
        rep: &str,
        line_type: LineType,
        key: &'a str,
    ) -> impl Iterator<Item = &'a Loaded> {
        let repeat = format!("{key}#");
        self.lines.get(rep).into_iter().flatten().filter(move |l| {
            l.line_type == line_type
                && l.source_type == LineSource::Close
                && (l.source_id == key || l.source_id.starts_with(&repeat))
        })
    }

    /// The source id for another close line of this kind: `key` first, then `key#2`, … so a
    /// later close can add to an earlier one without colliding with it.
    fn next_source(&self, rep: &str, line_type: LineType, key: &str) -> String {
        let written = self.close_lines(rep, line_type, key).count();
        match written {
            0 => key.to_owned(),
            n => format!("{key}#{}", n + 1),
        }
    }

    /// Writes a close line and adds it to what the next steps see.
    fn write(
        &mut self,
        conn: &mut DbConn,
        rep: &str,
        key: &str,
        plan: &plans::InForce,
        e: &Explanation,
    ) -> Result<(), ApiError> {
        let source_id = self.next_source(rep, e.rule, key);
        let row = ledger::write(
            conn,
            NewLine {
                rep_id: rep,
                line_type: e.rule,
                source_type: LineSource::Close,
                source_id: &source_id,
                plan_version_id: plan.plan_version_id.as_deref(),
                base: e.parts.first().map_or(Decimal::ZERO, |p| p.base),
                rate: e.parts.first().and_then(|p| p.rate),
                explanation: e,
                currency: &plan.currency,
                period: self.period,
                source_at: self.ends_at,
                earns_at: None,
                related_line_id: None,
            },
            LineStatus::Earned,
            "monthly close",
        )?;
        self.lines.entry(rep.to_owned()).or_default().push(Loaded {
            rep_id: row.rep_id.clone(),
            line_type: row.line_type,
            source_type: row.source_type,
            source_id: row.source_id,
            base_minor: row.base_minor,
            amount_minor: row.amount_minor,
            currency: row.currency,
            status: LineStatus::Earned,
        });
        Ok(())
    }

    /// The plan in force for `rep` on the month's last day, read once per close (every step
    /// asks for it).
    fn plan_of(
        &mut self,
        conn: &mut DbConn,
        rep: &str,
    ) -> Result<Option<plans::InForce>, ApiError> {
        if let Some(known) = self.plans.get(rep) {
            return Ok(known.clone());
        }
        let plan = match self.people.get(rep) {
            Some(person) => Some(plans::in_force(
                conn,
                Some(rep),
                person.role,
                self.last_day,
            )?),
            None => None,
        };
        self.plans.insert(rep.to_owned(), plan.clone());
        Ok(plan)
    }

    /// The team's members active in the month: still active, and hired (or, without a hire
    /// date, added to Closebook) before it ended.
    fn members(&self, team: &str) -> Vec<String> {
        self.people
            .values()
            .filter(|p| {
                let joined = p.hire_date.unwrap_or(p.created_at.date());
                p.team_id.as_deref() == Some(team) && p.active && joined <= self.last_day
            })
            .map(|p| p.id.clone())
            .collect()
    }
}

/// A stored line as the pure close steps and statements take it.
pub fn ledger_line(
    line_type: LineType,
    base_minor: i64,
    amount_minor: i64,
    currency: &str,
    status: LineStatus,
) -> Result<LedgerLine, ApiError> {
    Ok(LedgerLine {
        line_type,
        base: super::amount_of(base_minor, currency)?,
        amount: super::amount_of(amount_minor, currency)?,
        status,
    })
}

/// Closes a period that has ended in the organisation's time zone (finance's close).
pub fn close_ended(
    conn: &mut DbConn,
    actor: &Actor,
    period: Period,
) -> Result<CloseReport, ApiError> {
    let today = calendar::local_date(calendar::zone(conn)?, time::now());
    if today < period.end() {
        return Err(ApiError::field(
            "period",
            format!(
                "{period} has not ended yet; it can be closed from {}",
                period.end()
            ),
        ));
    }
    close(conn, actor, period)
}

/// Closes `period`: writes what the steps owe and stores each rep's statement.
pub fn close(conn: &mut DbConn, actor: &Actor, period: Period) -> Result<CloseReport, ApiError> {
    let zone = calendar::zone(conn)?;
    let ends_at = calendar::utc_bounds(zone, period).1 - chrono::Duration::seconds(1);
    let mut month = Month {
        period,
        last_day: period.end().pred_opt().unwrap_or(period.first_day()),
        ends_at,
        lines: BTreeMap::new(),
        people: BTreeMap::new(),
        plans: BTreeMap::new(),
        report: CloseReport::new(period),
    };
    let loaded: Vec<Loaded> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::period.eq(period.to_string()))
        .select((
            commission_lines::rep_id,
            commission_lines::line_type,
            commission_lines::source_type,
            commission_lines::source_id,
            commission_lines::base_minor,
            commission_lines::amount_minor,
            commission_lines::currency,
            commission_line_status::status,
        ))
        .load(conn)?;
    for l in loaded {
        month.lines.entry(l.rep_id.clone()).or_default().push(l);
    }
    let people: Vec<Person> = users::table
        .select((
            users::id,
            users::role,
            users::team_id,
            users::active,
            users::hire_date,
            users::created_at,
            users::base_salary_minor,
            users::base_salary_currency,
        ))
        .load(conn)?;
    month.people = people.into_iter().map(|p| (p.id.clone(), p)).collect();

    true_ups(conn, &mut month)?;
    team_bonuses(conn, &mut month)?;
    overrides(conn, &mut month)?;
    caps(conn, &mut month)?;
    statements(conn, &mut month)?;
    let report = month.report;
    audit::record(
        conn,
        actor,
        "commission.close",
        "period",
        Some(&period.to_string()),
        None::<&()>,
        Some(&report),
    )?;
    Ok(report)
}

fn reps(month: &Month) -> Vec<String> {
    month.lines.keys().cloned().collect()
}

fn true_ups(conn: &mut DbConn, month: &mut Month) -> Result<(), ApiError> {
    for rep in reps(month) {
        let Some(plan) = month.plan_of(conn, &rep)? else {
            continue;
        };
        let lines = month.ledger(&rep, &plan.currency)?;
        if let Some(e) = steps::true_up(
            &plan.rules,
            plan.quota,
            &lines,
            super::digits(&plan.currency)?,
        ) {
            month.write(conn, &rep, &month.period.to_string(), &plan, &e)?;
            month.report.true_ups += 1;
        }
    }
    Ok(())
}

/// Teams whose monthly quota (in force on the period's last day) the members' won revenue
/// reached: each member active that month gets its plan's team bonus, once per period.
fn team_bonuses(conn: &mut DbConn, month: &mut Month) -> Result<(), ApiError> {
    let quotas: Vec<(String, NaiveDate, i64, StoredCurrency)> = team_quotas::table
        .filter(team_quotas::effective_from.le(month.last_day))
        .order((team_quotas::team_id, team_quotas::effective_from.desc()))
        .select((
            team_quotas::team_id,
            team_quotas::effective_from,
            team_quotas::monthly_quota_minor,
            team_quotas::currency,
        ))
        .load(conn)?;
    let mut in_force: BTreeMap<String, (i64, String)> = BTreeMap::new();
    for (team, _, quota, currency) in quotas {
        // Newest first per team: the first seen is in force.
        in_force.entry(team).or_insert((quota, currency.into()));
    }
    for (team, (quota_minor, currency)) in in_force {
        let members = month.members(&team);
        let mut revenue = Decimal::ZERO;
        for m in &members {
            revenue += month
                .ledger(m, &currency)?
                .iter()
                .filter(|l| l.status.pays() && l.line_type == LineType::NewBusiness)
                .map(|l| l.base)
                .sum::<Decimal>();
        }
        let quota = super::amount_of(quota_minor, &currency)?;
        let key = month.period.to_string();
        for m in members {
            let already = month
                .close_lines(&m, LineType::TeamBonus, &key)
                .next()
                .is_some();
            let Some(plan) = month.plan_of(conn, &m)? else {
                continue;
            };
            if already || plan.currency != currency {
                continue;
            }
            if let Some(e) =
                rules::team_bonus(&plan.rules, revenue, Some(quota), super::digits(&currency)?)
            {
                month.write(conn, &m, &key, &plan, &e)?;
                month.report.team_bonuses += 1;
            }
        }
    }
    Ok(())
}

/// Each team's manager earns its plan's override rate of the members' lines.
fn overrides(conn: &mut DbConn, month: &mut Month) -> Result<(), ApiError> {
    let managed: Vec<(String, Option<String>)> = teams::table
        .filter(teams::manager_id.is_not_null())
        .select((teams::id, teams::manager_id))
        .load(conn)?;
    for (team, manager) in managed {
        let Some(manager) = manager else { continue };
        let Some(plan) = month.plan_of(conn, &manager)? else {
            continue;
        };
        let mut member_lines = Vec::new();
        for m in month.members(&team).iter().filter(|m| **m != manager) {
            member_lines.extend(month.ledger(m, &plan.currency)?);
        }
        let key = format!("{}:{team}", month.period);
        let already_minor: i64 = month
            .close_lines(&manager, LineType::Override, &key)
            .map(|l| l.amount_minor)
            .sum();
        let already = super::amount_of(already_minor, &plan.currency)?;
        if let Some(e) = steps::manager_override(
            &plan.rules,
            &member_lines,
            already,
            super::digits(&plan.currency)?,
        ) {
            month.write(conn, &manager, &key, &plan, &e)?;
            month.report.overrides += 1;
        }
    }
    Ok(())
}

/// A month's net above the cap comes off in one line; a rep without a base salary (or with one
/// in another currency than its plan's) has no cap.
fn caps(conn: &mut DbConn, month: &mut Month) -> Result<(), ApiError> {
    for rep in reps(month) {
        let Some(plan) = month.plan_of(conn, &rep)? else {
            continue;
        };
        let salary = match month.people.get(&rep) {
            Some(p) => super::salary_in(
                p.base_salary_minor,
                p.base_salary_currency.as_deref(),
                &plan.currency,
            )?,
            None => None,
        };
        let lines = month.ledger(&rep, &plan.currency)?;
        if let Some(e) = steps::cap(&plan.rules, &lines, salary, super::digits(&plan.currency)?) {
            month.write(conn, &rep, &month.period.to_string(), &plan, &e)?;
            month.report.caps += 1;
        }
    }
    Ok(())
}

/// Each rep's statement per currency, as the ledger now sums.
pub fn statements_of(
    conn: &mut DbConn,
    period: Period,
) -> Result<BTreeMap<(String, String), StatementTotals>, ApiError> {
    let loaded: Vec<(StoredId, LineType, i64, i64, StoredCurrency, LineStatus)> =
        commission_lines::table
            .inner_join(commission_line_status::table)
            .filter(commission_lines::period.eq(period.to_string()))
            .select((
                commission_lines::rep_id,
                commission_lines::line_type,
                commission_lines::base_minor,
                commission_lines::amount_minor,
                commission_lines::currency,
                commission_line_status::status,
            ))
            .load(conn)?;
    let mut grouped: BTreeMap<(String, String), Vec<LedgerLine>> = BTreeMap::new();
    for (rep, line_type, base, amount, currency, status) in loaded {
        let currency = String::from(currency);
        let line = ledger_line(line_type, base, amount, &currency, status)?;
        grouped
            .entry((rep.into(), currency))
            .or_default()
            .push(line);
    }
    Ok(grouped
        .into_iter()
        .map(|(k, lines)| (k, steps::statement(&lines)))
        .collect())
}

fn statements(conn: &mut DbConn, month: &mut Month) -> Result<(), ApiError> {
    let now = time::now();
    for ((rep, currency), totals) in statements_of(conn, month.period)? {
        let json = serde_json::to_string(&totals)
            .map_err(|e| ApiError::internal(format!("statement: {e}")))?;
        let net_minor = super::minor_units(totals.net, &currency)?;
        let key = (
            commission_statements::rep_id.eq(&rep),
            commission_statements::period.eq(month.period.to_string()),
            commission_statements::currency.eq(&currency),
        );
        let updated = diesel::update(
            commission_statements::table
                .filter(key.0)
                .filter(key.1.clone())
                .filter(key.2),
        )
        .set((
            commission_statements::line_count.eq(i64::from(totals.line_count)),
            commission_statements::net_minor.eq(net_minor),
            commission_statements::totals_json.eq(&json),
            commission_statements::created_at.eq(now),
        ))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(commission_statements::table)
                .values((
                    commission_statements::rep_id.eq(&rep),
                    commission_statements::period.eq(month.period.to_string()),
                    commission_statements::currency.eq(&currency),
                    commission_statements::line_count.eq(i64::from(totals.line_count)),
                    commission_statements::net_minor.eq(net_minor),
                    commission_statements::totals_json.eq(&json),
                    commission_statements::created_at.eq(now),
                ))
                .execute(conn)?;
        }
        month.report.statements += 1;
    }
    Ok(())
}
