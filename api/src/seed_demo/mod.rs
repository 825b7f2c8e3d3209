//! The demo organisation's working pipeline (`closebook seed demo`): every rep has leads in
//! every stage of the "Assisted sales" pipeline and in the B2B wholesale one, won clients and a
//! lost deal, eight weeks of calls, emails, meetings and visits, follow-ups due today and this
//! week, private notes, relationship touches, referral asks and received referrals; the script
//! library is stocked. Deterministic (a fixed random seed and a fixed time grid relative to
//! now), so a new user sees the same living organisation every time.
//!
//! Rows are written directly (as `seed scale` does) because they must carry past timestamps;
//! derived fields (sales lens, score, incomplete flag) go through the same `derive_with` as
//! every write.

use chrono::{Duration, NaiveDateTime, Timelike};
use closebook_shared::Role;
use closebook_shared::activities::{ActivityKind, ActivityOutcome, TouchKind};
use closebook_shared::leads::Outcome;
use closebook_shared::leads::{
    HistoryKind, ReferralAskStatus, SalesStage, SourceChannel, SourceType,
};
use closebook_shared::pipelines::StageKind;
use closebook_shared::pipelines::{
    ASSISTED_SALES_PIPELINE, B2B_WHOLESALE_PIPELINE as WHOLESALE_PIPELINE,
};
use closebook_shared::scoring::{Authority, Budget, Need, Timeline};
use diesel::prelude::*;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::db::activities::{ActivityRow, NoteRow, TouchRow};
use crate::db::clients::ClientRow;
use crate::db::history::HistoryRow;
use crate::db::leads::LeadRow;
use crate::db::pipelines::{self, StageSet};
use crate::db::schema::{activities, clients, lead_history, lead_notes, leads, touches};
use crate::db::{DbConn, batch_insert};
use crate::domain::leads::derive_with;
use crate::error::ApiError;

mod addresses;
mod allocations;
mod book;
mod commissions;
mod orders;
mod partners;
pub mod pictures;
mod resources;
mod scripts;
mod support;
mod targets;
mod territories;

pub use addresses::addresses;
pub use allocations::allocations;
use book::{BOOK, BUSINESSES, CITIES, NOTES, Plan, subject};
pub use commissions::commissions;
pub use orders::orders;
pub use partners::partners;
pub use resources::resources;
pub use scripts::scripts;
pub use support::support;
pub use targets::targets;
pub use territories::territories;

/// `user` acting in `role` through capability `C`, with the scope `C` gives it: the demo's
/// people make their records through the same domain functions as the API's callers.
fn caller<C: crate::context::Capability>(
    conn: &mut crate::db::DbConn,
    user: Uuid,
    role: Role,
) -> Result<crate::context::Caller<C::Scope>, ApiError> {
    let principal = crate::auth::Principal::user(user, role);
    Ok(crate::context::Caller {
        actor: crate::audit::Actor::new(&principal, "seed-demo"),
        scope: C::scope(conn, &principal)?,
        principal,
    })
}

/// Tom Becker (the demo's partner user) and his account, when the demo has them.
fn tom_and_account(conn: &mut DbConn) -> Result<Option<(Uuid, Uuid)>, ApiError> {
    use crate::db::schema::users;
    let found: Option<(String, Option<String>)> = users::table
        .filter(users::email.eq("tom.becker@demo.closebook.local"))
        .select((users::id, users::partner_id))
        .first(conn)
        .optional()?;
    let Some((tom, Some(account))) = found else {
        return Ok(None);
    };
    let id = |v: String| v.parse::<Uuid>().map_err(ApiError::internal);
    Ok(Some((id(tom)?, id(account)?)))
}

/// The first admin acting (the demo catalogue's pictures are its uploads).
pub fn admin_caller(
    conn: &mut DbConn,
    admin: Uuid,
) -> Result<crate::context::Caller<()>, ApiError> {
    caller::<crate::authz::Administration>(conn, admin, Role::Admin)
}

/// The first admin, who approves the demo's partner accounts and keeps its catalogue; `None`
/// when the demo is seeded before any admin exists.
pub fn first_admin(conn: &mut DbConn) -> Result<Option<Uuid>, ApiError> {
    use crate::db::schema::users;
    let admin: Option<String> = users::table
        .filter(users::role.eq(Role::Admin.as_str()))
        .order(users::created_at.asc())
        .select(users::id)
        .first(conn)
        .optional()?;
    Ok(admin.and_then(|a| a.parse().ok()))
}

/// What the seeding wrote, for the command's report.
#[derive(Default)]
pub struct Counts {
    pub commission_lines: usize,
    pub territories: usize,
    pub allocations: usize,
    pub targets: usize,
    pub satisfaction_scores: usize,
    pub snapshots: usize,
    pub partners: usize,
    pub products: usize,
    pub orders: usize,
    pub assets: usize,
    pub videos: usize,
    pub tickets: usize,
    pub addresses: usize,
    pub leads: usize,
    pub activities: usize,
    pub notes: usize,
    pub touches: usize,
    pub clients: usize,
    pub scripts: usize,
}

#[derive(Default)]
struct Rows {
    leads: Vec<LeadRow>,
    activities: Vec<ActivityRow>,
    history: Vec<HistoryRow>,
    notes: Vec<NoteRow>,
    touches: Vec<TouchRow>,
    clients: Vec<ClientRow>,
}

/// Seeds the pipeline of `reps` (ids, in a stable order) inside the caller's transaction.
pub fn pipeline(c: &mut DbConn, reps: &[Uuid], now: NaiveDateTime) -> Result<Counts, ApiError> {
    let assisted = pipelines::stages(c, ASSISTED_SALES_PIPELINE)?;
    let wholesale = pipelines::stages(c, WHOLESALE_PIPELINE)?;
    // Activities happen in working hours: anchor the grid on today's 09:00.
    let today = now
        .with_hour(9)
        .and_then(|t| t.with_minute(0))
        .and_then(|t| t.with_second(0))
        .unwrap_or(now);
    let mut rng = SmallRng::seed_from_u64(0xdec0_0de5);
    let mut rows = Rows::default();
    for (r, rep) in reps.iter().enumerate() {
        for (i, plan) in BOOK.iter().enumerate() {
            let set = if plan.pipeline == WHOLESALE_PIPELINE {
                &wholesale
            } else {
                &assisted
            };
            let n = r * BOOK.len() + i;
            lead(&mut rows, &mut rng, set, plan, rep, n, today, now)?;
        }
    }
    let counts = Counts {
        leads: rows.leads.len(),
        activities: rows.activities.len(),
        notes: rows.notes.len(),
        touches: rows.touches.len(),
        clients: rows.clients.len(),
        scripts: 0,
        territories: 0,
        allocations: 0,
        commission_lines: 0,
        targets: 0,
        satisfaction_scores: 0,
        ..Counts::default()
    };
    for chunk in rows.leads.chunks(200) {
        batch_insert!(c, leads::table, chunk)?;
    }
    batch_insert!(c, clients::table, &rows.clients)?;
    for chunk in rows.activities.chunks(500) {
        batch_insert!(c, activities::table, chunk)?;
    }
    for chunk in rows.history.chunks(500) {
        batch_insert!(c, lead_history::table, chunk)?;
    }
    batch_insert!(c, lead_notes::table, &rows.notes)?;
    batch_insert!(c, touches::table, &rows.touches)?;
    Ok(counts)
}

#[allow(clippy::too_many_arguments)]
fn lead(
    rows: &mut Rows,
    rng: &mut SmallRng,
    set: &StageSet,
    plan: &Plan,
    rep: &Uuid,
    n: usize,
    today: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let stage = set
        .stages
        .iter()
        .find(|s| s.stage_key == plan.stage_key)
        .ok_or_else(|| ApiError::internal(format!("no stage {}", plan.stage_key)))?;
    let first_open = set
        .stages
        .iter()
        .find(|s| s.kind == StageKind::Open)
        .ok_or_else(|| ApiError::internal("a pipeline without open stages"))?;
    let outcome = match stage.kind {
        StageKind::Won => Outcome::Won,
        StageKind::Lost => Outcome::Lost,
        StageKind::Open => Outcome::Open,
    };
    let (business, contact, title) = BUSINESSES[n % BUSINESSES.len()];
    let company = if n < BUSINESSES.len() {
        business.to_owned()
    } else {
        format!("{business} #{}", n / BUSINESSES.len() + 1)
    };
    let (city, state, zip) = CITIES[(n / 3) % CITIES.len()];
    let rep_id = rep.to_string();
    let created = today - Duration::weeks(plan.weeks_ago) - Duration::days(rng.random_range(1..5));
    let id = Uuid::now_v7().to_string();
    let slug: String = company
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();

    // The story so far: a contact every few days from creation until recently.
    let mut at = created + Duration::hours(2);
    let mut last_contact = None;
    use ActivityKind::{Call, Demo, DoorKnock, Email, Meeting, Proposal};
    let kinds = [Call, Email, Meeting, Call, Demo, Proposal, Call];
    let outcomes = [
        ActivityOutcome::Positive,
        ActivityOutcome::Voicemail,
        ActivityOutcome::Interested,
        ActivityOutcome::Neutral,
        ActivityOutcome::Positive,
    ];
    let mut step = 0;
    while at < now - Duration::days(1) {
        let kind = if plan.pipeline == WHOLESALE_PIPELINE && step == 0 {
            DoorKnock
        } else {
            kinds[step % kinds.len()]
        };
        rows.activities.push(ActivityRow {
            subject: Some(subject(kind.as_str(), &company)),
            notes: Some(format!("{contact}: {}", NOTES[(n + step) % NOTES.len()])),
            outcome: Some(outcomes[(n + step) % outcomes.len()]),
            duration_minutes: Some([10, 5, 45, 15, 30, 20, 10][step % 7]),
            location: matches!(kind, Meeting | Demo | DoorKnock)
                .then(|| format!("{city}, {state}")),
            ..ActivityRow::generated(&id, &rep_id, kind, at)
        });
        last_contact = Some(at);
        step += 1;
        if outcome != Outcome::Open && step >= 6 {
            break;
        }
        at += Duration::days(rng.random_range(3..9)) + Duration::minutes(rng.random_range(0..240));
    }
    let closed_at =
        (outcome != Outcome::Open).then(|| last_contact.unwrap_or(created) + Duration::hours(3));

    // Open leads have their next step planned: some due today, some overdue, most this week;
    // the newest has none yet (the red "incomplete" flag has something to show).
    let next_contact = (outcome == Outcome::Open && plan.stage_key != "NEW").then(|| match n % 4 {
        0 => today + Duration::hours(1 + (n % 6) as i64),
        1 => today - Duration::days(1),
        _ => today + Duration::days(1 + (n % 6) as i64) + Duration::hours(2),
    });
    if let Some(due) = next_contact {
        // Planned, not done: on the schedule.
        let kind = if n.is_multiple_of(2) { Call } else { Meeting };
        rows.activities.push(ActivityRow {
            subject: Some(format!("Follow up with {contact}")),
            duration_minutes: Some(15),
            scheduled_at: Some(due),
            completed_at: None,
            created_at: last_contact.unwrap_or(created),
            ..ActivityRow::generated(&id, &rep_id, kind, due)
        });
    }

    let value = rng.random_range(24..400) * 25_000i64;
    let updated = closed_at.or(last_contact).unwrap_or(created);
    let won = outcome == Outcome::Won;
    let (ask_status, ask_at, referral_names) = match (won, n % 2) {
        (true, 0) => (
            ReferralAskStatus::Received,
            closed_at,
            format!("[\"{}\"]", BUSINESSES[(n + 7) % BUSINESSES.len()].1),
        ),
        (true, _) => (ReferralAskStatus::Asked, closed_at, "[]".to_owned()),
        _ => (ReferralAskStatus::NotAsked, None, "[]".to_owned()),
    };
    let first_name = contact.split(' ').next().unwrap_or("buyer").to_lowercase();
    let email = format!("{first_name}.{n}@{slug}.example");
    let mut row = LeadRow {
        id: id.clone(),
        company_key: company.to_lowercase(),
        contact_name: Some(contact.into()),
        contact_title: Some(title.into()),
        email: Some(email.clone()),
        email_key: Some(email),
        phone: Some(format!("+1 312 555 {:04}", 2000 + n)),
        phone_key: Some(format!("1312555{:04}", 2000 + n)),
        website: Some(format!("https://{slug}.example")),
        address: Some(format!(
            "{} {} Ave",
            100 + n * 7,
            ["Lake", "Main", "Oak", "Elm", "Market"][n % 5]
        )),
        city: Some(city.into()),
        state: Some(state.into()),
        zip: Some(zip.into()),
        dedupe_key: None,
        latitude_e6: None,
        territory_id: None,
        longitude_e6: None,
        source_type: Some(SOURCE_TYPES[n % 4]),
        source_channel: Some(CHANNELS[n % 6]),
        introduced_by: (n % 4 == 2).then(|| BUSINESSES[(n + 3) % BUSINESSES.len()].1.to_owned()),
        owner_id: Some(rep_id.clone()),
        pipeline_id: plan.pipeline.into(),
        stage_id: stage.id.clone(),
        outcome,
        lost_reason: (outcome == Outcome::Lost)
            .then(|| "Went with their existing supplier on price".into()),
        closed_at,
        client_id: None,
        deal_value_minor: Some(value),
        deal_currency: Some("USD".into()),
        estimated_units: Some(rng.random_range(20..800)),
        probability: stage.probability,
        expected_close_date: Some((created + Duration::weeks(plan.weeks_ago + 4)).date()),
        budget: Some(Budget::ALL[n % 3]),
        authority: Some(Authority::ALL[n % 3]),
        need: Some(Need::ALL[(n / 2) % 3]),
        timeline: Some(Timeline::ALL[n % 4]),
        competitors: "[]".into(),
        next_action: next_contact.map(|_| {
            [
                "Send revised quote",
                "Confirm delivery slot",
                "Book tasting visit",
                "Call about volumes",
            ][n % 4]
                .into()
        }),
        next_contact_at: next_contact,
        last_contact_at: last_contact,
        follow_up_count: step as i32,
        follow_up_cadence_days: Some(7),
        permission_to_follow_up: Some(true),
        personal_details: n
            .is_multiple_of(3)
            .then(|| "Coaches youth soccer on Saturdays".into()),
        referral_ask_status: ask_status,
        referral_ask_at: ask_at,
        referral_count: i32::from(ask_status == ReferralAskStatus::Received),
        referral_names,
        sales_stage: None,
        display_sales_stage: SalesStage::Prospecting,
        incomplete: false,
        score: 0,
        score_factors: String::new(),
        tags: if value > 5_000_000 {
            "[\"key account\"]"
        } else {
            "[]"
        }
        .into(),
        created_by: Some(rep_id.clone()),
        version: 1 + step as i64,
        created_at: created,
        updated_at: updated,
        company,
    };
    let recent = rows
        .activities
        .iter()
        .filter(|a| a.lead_id == id && a.completed_at.is_some_and(|t| now - t < Duration::days(14)))
        .count() as i64;
    derive_with(&mut row, set, recent, now);

    let mut h = HistoryRow::new(&id, HistoryKind::Created, Some(*rep), created);
    h.to_stage_id = Some(first_open.id.clone());
    h.to_owner_id = Some(rep_id.clone());
    rows.history.push(h);
    if stage.id != first_open.id {
        let mut h = HistoryRow::new(&id, HistoryKind::Stage, Some(*rep), updated);
        h.from_stage_id = Some(first_open.id.clone());
        h.to_stage_id = Some(stage.id.clone());
        h.note = Some("Moved after the last conversation".into());
        rows.history.push(h);
    }
    if (n % 3) != 1 {
        rows.notes.push(NoteRow {
            id: Uuid::now_v7().to_string(),
            lead_id: id.clone(),
            author_id: Some(rep_id.clone()),
            body: NOTES[n % NOTES.len()].into(),
            created_at: created + Duration::hours(3),
        });
    }
    if won {
        let signed = closed_at.unwrap_or(updated);
        let client = ClientRow {
            id: Uuid::now_v7().to_string(),
            lead_id: id.clone(),
            name: row.company.clone(),
            owner_id: rep_id.clone(),
            deal_value_minor: row.deal_value_minor,
            deal_currency: row.deal_currency.clone(),
            signed_at: signed,
            created_at: signed,
            residual_locked_minor: None,
            residual_currency: None,
            cancelled_at: None,
        };
        row.client_id = Some(client.id.clone());
        rows.clients.push(client);
        for (k, (kind, days)) in [
            (TouchKind::ThankYou, 1),
            (TouchKind::CheckIn, 15),
            (TouchKind::ShareArticle, 30),
        ]
        .into_iter()
        .enumerate()
        {
            let at = signed + Duration::days(days);
            if at < now {
                rows.touches.push(TouchRow {
                    id: Uuid::now_v7().to_string(),
                    lead_id: id.clone(),
                    user_id: Some(rep_id.clone()),
                    kind,
                    notes: Some(
                        [
                            "Handwritten card with the first delivery",
                            "Checked the first month's orders went well",
                            "Sent a piece on seasonal menu trends",
                        ][k]
                            .into(),
                    ),
                    created_at: at,
                });
            }
        }
    }
    rows.leads.push(row);
    Ok(())
}

const SOURCE_TYPES: [SourceType; 4] = [
    SourceType::Inbound,
    SourceType::Warm,
    SourceType::NetworkReferral,
    SourceType::Partner,
];

const CHANNELS: [SourceChannel; 6] = [
    SourceChannel::Website,
    SourceChannel::Referral,
    SourceChannel::Event,
    SourceChannel::Linkedin,
    SourceChannel::TradeShow,
    SourceChannel::ExistingClient,
];
