//! The counts behind the Sales Leak, the discipline score and the scorecard, for a set of
//! people (`None`: everyone) over a span. What they mean is `closebook_shared::analytics`'s.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use closebook_shared::activities::ActivityKind;
use closebook_shared::analytics::{DisciplineCounts, StageFlow, WeekCounts};
use closebook_shared::leads::{HistoryKind, Outcome, SalesStage, SourceChannel, SourceType};
use closebook_shared::pipelines::StageKind;
use diesel::prelude::*;

use super::DbConn;
use super::metrics::Span;
use super::schema::{activities, clients, invoices, lead_history, lead_notes, leads, touches};
use crate::authz::{OwnerList, within_scope};
use crate::error::ApiError;

fn contact_kinds() -> Vec<&'static str> {
    ActivityKind::ALL
        .iter()
        .filter(|k| k.is_contact())
        .map(|k| k.as_str())
        .collect()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Leads the people created in the span (ids).
fn created(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<Vec<String>, ApiError> {
    let q = leads::table
        .filter(leads::created_at.ge(span.start))
        .filter(leads::created_at.lt(span.end))
        .select(leads::id)
        .into_boxed();
    Ok(within_scope!(q, people, leads::owner_id).load(conn)?)
}

/// Leads the people first contacted in the span: their completed contact then, and none on the
/// lead before.
fn first_contacted(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<Vec<String>, ApiError> {
    let q = activities::table
        .filter(activities::at.ge(span.start))
        .filter(activities::at.lt(span.end))
        .filter(activities::completed_at.is_not_null())
        .filter(activities::kind.eq_any(contact_kinds()))
        .select(activities::lead_id)
        .distinct()
        .into_boxed();
    let touched: Vec<String> = within_scope!(q, people, activities::user_id).load(conn)?;
    let mut earlier: HashSet<String> = HashSet::new();
    for chunk in touched.chunks(500) {
        let before: Vec<String> = activities::table
            .filter(activities::lead_id.eq_any(chunk))
            .filter(activities::at.lt(span.start))
            .filter(activities::completed_at.is_not_null())
            .filter(activities::kind.eq_any(contact_kinds()))
            .select(activities::lead_id)
            .distinct()
            .load(conn)?;
        earlier.extend(before);
    }
    Ok(touched
        .into_iter()
        .filter(|l| !earlier.contains(l))
        .collect())
}

/// Follow-ups promised for `[span.start, due_by)`: (due, done by `span.end`, done on time —
/// within a day of the date promised).
fn follow_ups(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
    due_by: NaiveDateTime,
) -> Result<(u32, u32, u32), ApiError> {
    let q = activities::table
        .filter(activities::follow_up_at.ge(span.start))
        .filter(activities::follow_up_at.lt(due_by))
        .select((
            activities::lead_id,
            activities::at,
            activities::follow_up_at.assume_not_null(),
        ))
        .into_boxed();
    let promises: Vec<(String, NaiveDateTime, NaiveDateTime)> =
        within_scope!(q, people, activities::user_id).load(conn)?;
    if promises.is_empty() {
        return Ok((0, 0, 0));
    }
    let earliest = promises.iter().map(|p| p.1).min().unwrap_or(span.start);
    let mut contacts: HashMap<String, Vec<NaiveDateTime>> = HashMap::new();
    let lead_ids: Vec<String> = promises
        .iter()
        .map(|p| p.0.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    for chunk in lead_ids.chunks(500) {
        let rows: Vec<(String, NaiveDateTime)> = activities::table
            .filter(activities::lead_id.eq_any(chunk))
            .filter(activities::at.gt(earliest))
            .filter(activities::at.lt(span.end))
            .filter(activities::completed_at.is_not_null())
            .filter(activities::kind.eq_any(contact_kinds()))
            .select((activities::lead_id, activities::at))
            .load(conn)?;
        for (lead, at) in rows {
            contacts.entry(lead).or_default().push(at);
        }
    }
    let (mut done, mut on_time) = (0, 0);
    for (lead, promised_at, due) in &promises {
        let after: Vec<&NaiveDateTime> = contacts
            .get(lead)
            .map(|v| v.iter().filter(|at| *at > promised_at).collect())
            .unwrap_or_default();
        if !after.is_empty() {
            done += 1;
        }
        if after.iter().any(|at| **at <= *due + Duration::days(1)) {
            on_time += 1;
        }
    }
    Ok((count(promises.len()), done, on_time))
}

fn count_of<Q>(conn: &mut DbConn, q: Q) -> Result<u32, ApiError>
where
    Q: diesel::query_dsl::LoadQuery<'static, DbConn, i64>,
{
    let n: i64 = q.get_result(conn)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Referral asks the people made in the span (by the lead's ask date).
pub fn referral_asks(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<u32, ApiError> {
    let q = leads::table
        .filter(leads::referral_ask_at.ge(span.start))
        .filter(leads::referral_ask_at.lt(span.end))
        .count()
        .into_boxed();
    count_of(conn, within_scope!(q, people, leads::owner_id))
}

/// Leads created or first contacted in the span.
pub fn new_contacts(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<(u32, u32, u32), ApiError> {
    let made = created(conn, people, span)?;
    let first = first_contacted(conn, people, span)?;
    let union: HashSet<&String> = made.iter().chain(first.iter()).collect();
    Ok((count(made.len()), count(first.len()), count(union.len())))
}

/// Completed meetings, demos and proposals the people held in the span.
pub fn presentations(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<u32, ApiError> {
    let q = activities::table
        .filter(activities::at.ge(span.start))
        .filter(activities::at.lt(span.end))
        .filter(activities::completed_at.is_not_null())
        .filter(activities::kind.eq_any([
            ActivityKind::Meeting.as_str(),
            ActivityKind::Demo.as_str(),
            ActivityKind::Proposal.as_str(),
        ]))
        .count()
        .into_boxed();
    count_of(conn, within_scope!(q, people, activities::user_id))
}

/// One week's leak counts; follow-ups count as due up to `now` when the week is current.
pub fn week(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
    now: NaiveDateTime,
) -> Result<WeekCounts, ApiError> {
    let (prospecting, first_contacts, new_contacts) = new_contacts(conn, people, span)?;
    let presentations = presentations(conn, people, span)?;
    let (due, done, _) = follow_ups(conn, people, span, now.min(span.end))?;
    let q = leads::table
        .filter(leads::created_at.ge(span.start))
        .filter(leads::created_at.lt(span.end))
        .filter(
            leads::source_type
                .eq(SourceType::NetworkReferral.as_str())
                .or(leads::source_channel.eq(SourceChannel::Referral.as_str())),
        )
        .count()
        .into_boxed();
    let referral_leads = count_of(conn, within_scope!(q, people, leads::owner_id))?;
    let q = touches::table
        .filter(touches::created_at.ge(span.start))
        .filter(touches::created_at.lt(span.end))
        .count()
        .into_boxed();
    let relationship_touches = count_of(conn, within_scope!(q, people, touches::user_id))?;
    Ok(WeekCounts {
        prospecting,
        new_contacts,
        first_contacts,
        presentations,
        follow_ups_due: due,
        follow_ups_done: done,
        referral_asks: referral_asks(conn, people, span)?,
        referral_leads,
        relationship_touches,
    })
}

/// The discipline counts as of `now`: follow-ups due in the 30 days before, and the open leads.
pub fn discipline(
    conn: &mut DbConn,
    people: Option<&[String]>,
    now: NaiveDateTime,
) -> Result<DisciplineCounts, ApiError> {
    let month = Span {
        start: now - Duration::days(30),
        end: now,
    };
    let (due, _, on_time) = follow_ups(conn, people, month, now)?;
    // Counted in the index `leads_discipline` (owner, outcome, lens stage, next and last
    // contact) without reading the leads themselves; only the few with personal details, a
    // recent contact or a recent note are read, to count each lead once.
    let open = || {
        let q = leads::table
            .filter(leads::outcome.eq(Outcome::Open.as_str()))
            .into_boxed();
        within_scope!(q, people, leads::owner_id)
    };
    let needs = [
        SalesStage::ApproachContact.as_str(),
        SalesStage::Presentation.as_str(),
        SalesStage::FollowUp.as_str(),
    ];
    let open_leads: i64 = open().count().get_result(conn)?;
    let needing: i64 = open()
        .filter(leads::display_sales_stage.eq_any(needs))
        .count()
        .get_result(conn)?;
    let with_next: i64 = open()
        .filter(leads::display_sales_stage.eq_any(needs))
        .filter(leads::next_contact_at.is_not_null())
        .count()
        .get_result(conn)?;
    let week_ago = now - Duration::days(7);
    let mut noted: HashSet<String> = open()
        .filter(leads::last_contact_at.ge(week_ago))
        .select(leads::id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let detailed: Vec<(String, Option<String>)> = open()
        .filter(leads::personal_details.is_not_null())
        .select((leads::id, leads::personal_details))
        .load(conn)?;
    noted.extend(
        detailed
            .into_iter()
            .filter(|(_, d)| d.as_deref().is_some_and(|d| !d.trim().is_empty()))
            .map(|(id, _)| id),
    );
    // Notes the people wrote in the last 7 days, on leads of theirs still open.
    let q = lead_notes::table
        .filter(lead_notes::created_at.ge(week_ago))
        .select(lead_notes::lead_id)
        .into_boxed();
    let written: Vec<String> = within_scope!(q, people, lead_notes::author_id).load(conn)?;
    let written: Vec<String> = written.into_iter().filter(|l| !noted.contains(l)).collect();
    for chunk in written.chunks(500) {
        let still_open: Vec<String> = open()
            .filter(leads::id.eq_any(chunk))
            .select(leads::id)
            .load(conn)?;
        noted.extend(still_open);
    }
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(DisciplineCounts {
        due,
        on_time,
        needing_next_date: n(needing),
        with_next_date: n(with_next),
        open_leads: n(open_leads),
        with_recent_notes: count(noted.len()),
    })
}

/// Each lens stage's leads now, and the stage changes into and out of it in the span.
pub fn stage_flow(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
    lens_of: &HashMap<String, SalesStage>,
) -> Result<Vec<StageFlow>, ApiError> {
    let q = leads::table
        .group_by(leads::display_sales_stage)
        .select((leads::display_sales_stage, diesel::dsl::count_star()))
        .into_boxed();
    let now: Vec<(String, i64)> = within_scope!(q, people, leads::owner_id).load(conn)?;
    let q = lead_history::table
        .filter(lead_history::at.ge(span.start))
        .filter(lead_history::at.lt(span.end))
        .filter(
            lead_history::kind.eq_any([HistoryKind::Stage.as_str(), HistoryKind::Outcome.as_str()]),
        )
        .select((lead_history::from_stage_id, lead_history::to_stage_id))
        .into_boxed();
    // The changes the people made (a rep moves its own leads): `lead_history_actor` finds a
    // week of them directly, where following every lead the people hold costs a seek per lead.
    let moves: Vec<(Option<String>, Option<String>)> =
        within_scope!(q, people, lead_history::actor_id).load(conn)?;
    let mut flows: Vec<StageFlow> = SalesStage::ALL
        .iter()
        .map(|s| StageFlow {
            stage: *s,
            now: now
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |(_, n)| u32::try_from(*n).unwrap_or(u32::MAX)),
            entered: 0,
            left: 0,
        })
        .collect();
    for (from, to) in moves {
        let from = from.and_then(|f| lens_of.get(&f).copied());
        let to = to.and_then(|t| lens_of.get(&t).copied());
        if from == to {
            continue;
        }
        for f in flows.iter_mut() {
            if Some(f.stage) == from {
                f.left += 1;
            }
            if Some(f.stage) == to {
                f.entered += 1;
            }
        }
    }
    Ok(flows)
}

/// The lens stage of every pipeline stage: an open stage's by its place, a won stage REFERRAL,
/// a lost one RELATIONSHIP_MAINTENANCE.
pub fn lenses(conn: &mut DbConn) -> Result<HashMap<String, SalesStage>, ApiError> {
    let mut out = HashMap::new();
    for p in super::pipelines::all(conn)? {
        let set = super::pipelines::stages(conn, &p.id)?;
        for s in &set.stages {
            let lens = match s.kind() {
                StageKind::Open => set.lens(&s.id),
                StageKind::Won => SalesStage::Referral,
                StageKind::Lost => SalesStage::RelationshipMaintenance,
            };
            out.insert(s.id.clone(), lens);
        }
    }
    Ok(out)
}

/// Cash collected in the span: invoices paid then, net of what was refunded, in `currency`
/// (minor units), on the people's clients.
pub fn cash_collected(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
    currency: &str,
) -> Result<i64, ApiError> {
    let q = invoices::table
        .filter(invoices::paid_at.ge(span.start))
        .filter(invoices::paid_at.lt(span.end))
        .filter(invoices::currency.eq(currency.to_owned()))
        .select((invoices::amount_minor, invoices::refunded_minor))
        .into_boxed();
    let rows: Vec<(i64, i64)> = match people {
        None => q.load(conn)?,
        Some(ids) => q
            .filter(
                invoices::client_id.eq_any(
                    clients::table
                        .filter(clients::owner_id.eq_any(ids.to_vec()))
                        .select(clients::id),
                ),
            )
            .load(conn)?,
    };
    Ok(rows.iter().map(|(a, r)| a - r).sum())
}

/// Open deals weighted by their probability: Σ value × probability (minor units × percent).
pub fn pipeline_weighted(
    conn: &mut DbConn,
    people: Option<&[String]>,
    currency: &str,
) -> Result<i64, ApiError> {
    let q = leads::table
        .filter(leads::outcome.eq(Outcome::Open.as_str()))
        .filter(leads::deal_currency.eq(currency.to_owned()))
        .select((
            leads::deal_value_minor.assume_not_null(),
            leads::probability,
        ))
        .filter(leads::deal_value_minor.is_not_null())
        .into_boxed();
    let rows: Vec<(i64, i32)> = within_scope!(q, people, leads::owner_id).load(conn)?;
    Ok(rows.iter().map(|(v, p)| v * i64::from(*p)).sum())
}

/// Leads won in the span.
pub fn won(conn: &mut DbConn, people: Option<&[String]>, span: Span) -> Result<u32, ApiError> {
    let q = leads::table
        .filter(leads::outcome.eq(Outcome::Won.as_str()))
        .filter(leads::closed_at.ge(span.start))
        .filter(leads::closed_at.lt(span.end))
        .count()
        .into_boxed();
    count_of(conn, within_scope!(q, people, leads::owner_id))
}

/// Follow-ups due in the span and those done on time.
pub fn follow_ups_on_time(
    conn: &mut DbConn,
    people: Option<&[String]>,
    span: Span,
) -> Result<(u32, u32), ApiError> {
    let (due, _, on_time) = follow_ups(conn, people, span, span.end)?;
    Ok((due, on_time))
}
