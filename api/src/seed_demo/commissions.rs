//! The demo's commissions: the reps' plan (seed 004: 5% base, 10% above quota), each rep on it
//! with a monthly quota, and the won deals' lines — written the way the product writes them, by
//! the ledger's consumer reading the pipeline's closed-deal events.

use chrono::NaiveDateTime;
use closebook_shared::commissions::plan::{Band, BandMode, NewBusinessRule, PlanRules};
use closebook_shared::compensation_plans::{AssignPlanRequest, CreatePlanRequest};
use closebook_shared::events::{Event, PipelineClosed};
use closebook_shared::leads::Outcome;
use closebook_shared::{Money, Role};
use diesel::prelude::*;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::audit::Actor;
use crate::db::DbConn;
use crate::db::columns::{money_of, uuid_of};
use crate::db::schema::leads;
use crate::domain::commissions::{plan_edits, sources};
use crate::error::ApiError;
use crate::outbox;

/// Returns how many commission lines the won deals wrote.
pub fn commissions(
    c: &mut DbConn,
    actor: &Actor,
    reps: &[Uuid],
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    let rules = PlanRules {
        new_business: NewBusinessRule::Tiered {
            mode: BandMode::Marginal,
            bands: vec![
                Band {
                    from_percent: Decimal::ZERO,
                    rate: Decimal::new(5, 2),
                },
                Band {
                    from_percent: Decimal::ONE_HUNDRED,
                    rate: Decimal::new(10, 2),
                },
            ],
        },
        ..PlanRules::default()
    };
    let year_ago = (now - chrono::Duration::days(365)).date();
    let plan = plan_edits::create(
        c,
        actor,
        CreatePlanRequest {
            name: "Field sales".into(),
            currency: "USD".into(),
            default_for_role: Some(Role::SalesRep),
            effective_from: year_ago,
            rules,
        },
    )?;
    for (i, rep) in reps.iter().enumerate() {
        // Quotas from 20,000 to 38,000 a month, so some reps pass theirs and some do not.
        let quota = Decimal::from(20_000 + 2_000 * (i as i64 % 10));
        plan_edits::assign(
            c,
            actor,
            *rep,
            AssignPlanRequest {
                plan_id: plan.id,
                effective_from: year_ago,
                monthly_quota: Some(Money::new(quota, "USD")),
            },
        )?;
    }

    // The demo's won deals were written as rows; announce them as the pipeline does.
    type Won = (
        String,
        String,
        Option<String>,
        Option<i64>,
        Option<String>,
        Option<NaiveDateTime>,
    );
    let won: Vec<Won> = leads::table
        .filter(leads::outcome.eq(Outcome::Won))
        .order((leads::closed_at, leads::id))
        .select((
            leads::id,
            leads::owner_id,
            leads::client_id,
            leads::deal_value_minor,
            leads::deal_currency,
            leads::closed_at,
        ))
        .load(c)?;
    for (id, owner, client, value, currency, closed_at) in won {
        let event = PipelineClosed {
            lead_id: uuid_of(&id),
            outcome: Outcome::Won,
            owner_id: uuid_of(&owner),
            client_id: client.as_deref().map(uuid_of),
            deal_value: money_of(value, currency.as_deref()),
            closed_at: closed_at.map(|t| t.and_utc()),
            lost_reason: None,
        };
        outbox::emit(c, &Event::PipelineClosed(event))?;
    }
    sources::consume_closed_deals(c)
}
