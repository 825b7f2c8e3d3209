//! Scale data for the pipeline (`closebook seed scale`): leads spread over the built-in
//! "Assisted sales" stages, with activities and stage history over the past year. The numbers
//! are shaped like a working sales floor, not uniform noise: most leads open, about one in
//! seven won, one in ten lost; recent leads have recent contacts.

use chrono::{Duration, NaiveDateTime};
use closebook_shared::activities::ActivityKind;
use closebook_shared::leads::Outcome;
use closebook_shared::leads::{ReferralAskStatus, SalesStage, SourceChannel, SourceType};
use closebook_shared::pipelines::ASSISTED_SALES_PIPELINE;
use closebook_shared::scoring::{Authority, Budget, Need, Timeline};
use diesel::prelude::*;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use crate::db::columns::to_e6;
use crate::seed_territories::AREA;

use crate::db::activities::ActivityRow;
use crate::db::clients::ClientRow;
use crate::db::history::HistoryRow;
use crate::db::leads::LeadRow;
use crate::db::schema::{activities, clients, lead_history, leads};
use crate::db::{Db, pipelines};
use crate::domain::leads::derive_with;

const COMPANIES: [&str; 16] = [
    "Market",
    "Foods",
    "Grocers",
    "Co-op",
    "Pantry",
    "Provisions",
    "Wholesale",
    "Deli",
    "Kitchen",
    "Harvest",
    "Organics",
    "Fresh",
    "Larder",
    "Supply",
    "Traders",
    "Bakery",
];
const PLACES: [&str; 12] = [
    "Oakland", "Austin", "Denver", "Tampa", "Boise", "Fresno", "Tulsa", "Omaha", "Reno", "Akron",
    "Provo", "Salem",
];

/// Rows per INSERT: SQLite allows 32,766 bound values; leads have 58 columns.
const BATCH: usize = 400;

pub fn leads(db: &Db, rep_ids: &[String], per_rep: usize) -> Result<String, String> {
    let mut conn = db.write_conn().map_err(|e| e.to_string())?;
    let set = pipelines::stages(&mut conn, ASSISTED_SALES_PIPELINE).map_err(|e| e.to_string())?;
    let open: Vec<_> = set
        .stages
        .iter()
        .filter(|s| s.kind == closebook_shared::pipelines::StageKind::Open)
        .cloned()
        .collect();
    let won = set
        .of_kind(closebook_shared::pipelines::StageKind::Won)
        .cloned()
        .ok_or("no won stage")?;
    let lost = set
        .of_kind(closebook_shared::pipelines::StageKind::Lost)
        .cloned()
        .ok_or("no lost stage")?;
    let now = crate::time::now();
    let mut rng = SmallRng::seed_from_u64(0x00c1_05eb_00c5);
    let (mut n_leads, mut n_acts, mut n_hist, mut n_clients) = (0usize, 0usize, 0usize, 0usize);
    for reps in rep_ids.chunks(20) {
        let mut lead_rows = Vec::with_capacity(reps.len() * per_rep);
        let mut acts = Vec::new();
        let mut hist = Vec::new();
        let mut wins = Vec::new();
        for rep in reps {
            for _ in 0..per_rep {
                let n = n_leads + lead_rows.len();
                let created = now - Duration::minutes(rng.random_range(0..365 * 24 * 60));
                let roll: u32 = rng.random_range(0..100);
                let (stage, outcome) = match roll {
                    0..14 => (&won, Outcome::Won),
                    14..24 => (&lost, Outcome::Lost),
                    _ => (&open[rng.random_range(0..open.len())], Outcome::Open),
                };
                let age_min = (now - created).num_minutes().max(2);
                let last_contact = created + Duration::minutes(rng.random_range(1..age_min));
                let updated = last_contact;
                let next_contact = (outcome == Outcome::Open && rng.random_bool(0.8))
                    .then(|| now + Duration::hours(rng.random_range(-72..24 * 21)));
                let company = format!(
                    "{} {} {n}",
                    PLACES[n % PLACES.len()],
                    COMPANIES[(n / PLACES.len()) % COMPANIES.len()]
                );
                let value = rng.random_range(5..500) * 10_000i64;
                let mut row = LeadRow {
                    id: Uuid::now_v7().to_string(),
                    company_key: company.to_lowercase(),
                    contact_name: Some(format!("Contact {n}")),
                    contact_title: Some("Buyer".into()),
                    email: Some(format!("buyer{n}@scale.example")),
                    email_key: Some(format!("buyer{n}@scale.example")),
                    phone: Some(format!("+1 555 {:07}", n % 10_000_000)),
                    phone_key: Some(format!("1555{:07}", n % 10_000_000)),
                    website: None,
                    address: Some(format!("{} Main St", n % 9999 + 1)),
                    city: Some(PLACES[n % PLACES.len()].into()),
                    state: None,
                    zip: None,
                    dedupe_key: None,
                    // Spread over the scale territories' box (`seed_territories::AREA`).
                    latitude_e6: Some(to_e6(rng.random_range(AREA[1]..AREA[3]))),
                    territory_id: None,
                    longitude_e6: Some(to_e6(rng.random_range(AREA[0]..AREA[2]))),
                    source_type: Some(SourceType::Inbound),
                    source_channel: Some(CHANNELS[n % CHANNELS.len()]),
                    introduced_by: None,
                    owner_id: Some(rep.clone()),
                    pipeline_id: ASSISTED_SALES_PIPELINE.into(),
                    stage_id: stage.id.clone(),
                    outcome,
                    lost_reason: (outcome == Outcome::Lost).then(|| "Chose a competitor".into()),
                    closed_at: (outcome != Outcome::Open).then_some(updated),
                    client_id: None,
                    deal_value_minor: Some(value),
                    deal_currency: Some("USD".into()),
                    estimated_units: Some(rng.random_range(10..2000)),
                    probability: stage.probability,
                    expected_close_date: Some(
                        (created + Duration::days(rng.random_range(14..120))).date(),
                    ),
                    budget: pick(&mut rng, Budget::ALL),
                    authority: pick(&mut rng, Authority::ALL),
                    need: pick(&mut rng, Need::ALL),
                    timeline: pick(&mut rng, Timeline::ALL),
                    competitors: "[]".into(),
                    next_action: next_contact.map(|_| "Follow up".into()),
                    next_contact_at: next_contact,
                    last_contact_at: Some(last_contact),
                    follow_up_count: 2,
                    follow_up_cadence_days: Some(7),
                    permission_to_follow_up: Some(true),
                    personal_details: None,
                    referral_ask_status: ReferralAskStatus::NotAsked,
                    referral_ask_at: None,
                    referral_count: 0,
                    referral_names: "[]".into(),
                    sales_stage: None,
                    display_sales_stage: SalesStage::Prospecting,
                    incomplete: false,
                    score: 0,
                    score_factors: String::new(),
                    tags: "[]".into(),
                    created_by: Some(rep.clone()),
                    version: 3,
                    created_at: created,
                    updated_at: updated,
                    company,
                };
                let recent = i64::from(now - last_contact < Duration::days(14)) * 2;
                derive_with(&mut row, &set, recent, now);
                for (i, at) in [created + Duration::minutes(1), last_contact]
                    .into_iter()
                    .enumerate()
                {
                    acts.push(activity(
                        &row,
                        at,
                        if i == 0 {
                            ActivityKind::Email
                        } else {
                            ActivityKind::Call
                        },
                    ));
                }
                let mut h = HistoryRow::new(
                    &row.id,
                    closebook_shared::leads::HistoryKind::Created,
                    None,
                    created,
                );
                h.to_stage_id = Some(open[0].id.clone());
                h.to_owner_id = Some(rep.clone());
                hist.push(h);
                let mut h = HistoryRow::new(
                    &row.id,
                    closebook_shared::leads::HistoryKind::Stage,
                    None,
                    updated,
                );
                h.from_stage_id = Some(open[0].id.clone());
                h.to_stage_id = Some(row.stage_id.clone());
                hist.push(h);
                if outcome == Outcome::Won {
                    let client = ClientRow {
                        id: Uuid::now_v7().to_string(),
                        lead_id: row.id.clone(),
                        name: row.company.clone(),
                        owner_id: rep.clone(),
                        deal_value_minor: row.deal_value_minor,
                        deal_currency: row.deal_currency.clone(),
                        signed_at: updated,
                        created_at: updated,
                        residual_locked_minor: None,
                        residual_currency: None,
                        cancelled_at: None,
                    };
                    row.client_id = Some(client.id.clone());
                    wins.push(client);
                }
                lead_rows.push(row);
            }
        }
        diesel::Connection::transaction(&mut *conn, |c| {
            for chunk in lead_rows.chunks(BATCH) {
                crate::db::batch_insert!(c, leads::table, chunk)?;
            }
            for chunk in acts.chunks(BATCH * 2) {
                crate::db::batch_insert!(c, activities::table, chunk)?;
            }
            for chunk in hist.chunks(BATCH * 2) {
                crate::db::batch_insert!(c, lead_history::table, chunk)?;
            }
            for chunk in wins.chunks(BATCH * 2) {
                crate::db::batch_insert!(c, clients::table, chunk)?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .map_err(|e| e.to_string())?;
        n_leads += lead_rows.len();
        n_acts += acts.len();
        n_hist += hist.len();
        n_clients += wins.len();
    }
    Ok(format!(
        "Seeded {n_leads} leads, {n_acts} activities, {n_hist} history entries and {n_clients} clients"
    ))
}

fn activity(lead: &LeadRow, at: NaiveDateTime, kind: ActivityKind) -> ActivityRow {
    ActivityRow {
        notes: Some("Spoke about volumes".into()),
        outcome: Some(closebook_shared::activities::ActivityOutcome::Positive),
        duration_minutes: Some(10),
        ..ActivityRow::generated(
            &lead.id,
            lead.owner_id.as_deref().unwrap_or_default(),
            kind,
            at,
        )
    }
}

/// A value from `opts` seven times in ten, else none (a lead not yet qualified on it).
fn pick<T: Copy>(r: &mut SmallRng, opts: &[T]) -> Option<T> {
    r.random_bool(0.7)
        .then(|| opts[r.random_range(0..opts.len())])
}

const CHANNELS: [SourceChannel; 5] = [
    SourceChannel::Website,
    SourceChannel::Referral,
    SourceChannel::Event,
    SourceChannel::Linkedin,
    SourceChannel::TradeShow,
];
