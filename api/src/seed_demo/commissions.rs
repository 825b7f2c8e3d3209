//! The demo's commissions: the reps' plan (seed 004: 5% base, 10% above quota), each rep on it
//! with a monthly quota, and the won deals' lines — written the way the product writes them, by
//! the ledger's consumer reading the pipeline's closed-deal events.

use chrono::NaiveDateTime;
use closebook_shared::commissions::plan::{BandMode, NewBusinessRule, PlanRules};
use closebook_shared::compensation_plans::{AssignPlanRequest, CreatePlanRequest};
use closebook_shared::events::{Event, PipelineClosed};
use closebook_shared::leads::Outcome;
use closebook_shared::settings::UpdateSettingsRequest;
use closebook_shared::{ErrorCode, Money, Role};
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

/// Returns how many commission lines the demo holds.
pub fn commissions(
    c: &mut DbConn,
    actor: &Actor,
    reps: &[Uuid],
    now: NaiveDateTime,
) -> Result<usize, ApiError> {
    let rules = PlanRules {
        new_business: NewBusinessRule::five_then_ten(BandMode::Marginal),
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
        .filter(leads::owner_id.is_not_null())
        .select((
            leads::id,
            leads::owner_id.assume_not_null(),
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
    sources::consume_events(c)?;
    // Finance looks twice at lines of 1,000.00 or more (the approval queue flags them).
    crate::domain::settings::update(
        c,
        actor,
        UpdateSettingsRequest {
            approval_threshold: Some(Money::new(Decimal::from(1_000), "USD")),
            ..Default::default()
        },
        Ok(None),
    )?;
    money_flow(c, actor, now)?;
    Ok(crate::db::schema::commission_lines::table
        .count()
        .get_result::<i64>(c)? as usize)
}

/// Weeks of money after the wins, written by the product's own functions: monthly invoices paid
/// (residuals), a refund (a clawback), upsells, the managers' plan (overrides) and team quotas,
/// eligibility, every ended month closed, the month before last approved and paid out, and a
/// dispute waiting for finance.
fn money_flow(c: &mut DbConn, actor: &Actor, now: NaiveDateTime) -> Result<(), ApiError> {
    use crate::db::schema::{clients, teams};
    use crate::domain::commissions::{approval, close, eligibility, invoices, refunds, upsells};
    use closebook_shared::commissions::{LineStatus, Period};
    use closebook_shared::invoices::CreateInvoiceRequest;

    let year_ago = (now - chrono::Duration::days(365)).date();
    // Managers earn 3% of their teams' lines; a team that reaches 60,000 a month earns each
    // member 150.00.
    plan_edits::create(
        c,
        actor,
        CreatePlanRequest {
            name: "Sales managers".into(),
            currency: "USD".into(),
            default_for_role: Some(Role::SalesManager),
            effective_from: year_ago,
            rules: PlanRules {
                override_rate: Decimal::new(3, 2),
                ..PlanRules::default()
            },
        },
    )?;
    let team_ids: Vec<String> = teams::table.select(teams::id).load(c)?;
    for team in &team_ids {
        crate::db::commissions::plans::insert_team_quota(c, team, year_ago, 6_000_000, "USD", now)?;
    }

    // Each client pays 499.00 on the 3rd of every month after it signed.
    type Opened = (String, NaiveDateTime, Option<i64>);
    let opened: Vec<Opened> = clients::table
        .order(clients::signed_at)
        .select((
            clients::id,
            clients::signed_at,
            clients::residual_locked_minor,
        ))
        .load(c)?;
    for (client, signed, _) in &opened {
        let mut month = Period::of(signed.date()).next();
        while month.first_day() < now.date() {
            let paid_at = month.first_day().and_hms_opt(15, 0, 0).unwrap_or_default()
                + chrono::Duration::days(2);
            if paid_at >= now {
                break;
            }
            invoices::create(
                c,
                actor,
                CreateInvoiceRequest {
                    client_id: uuid_of(client),
                    amount: Money::new(Decimal::new(49_900, 2), "USD"),
                    service_month: month,
                    paid_at: Some(paid_at.and_utc()),
                },
            )?;
            month = month.next();
        }
    }
    // The newest client's deal is refunded in part: a clawback of its new-business line.
    if let Some((client, signed, _)) = opened.last() {
        let at = (*signed + chrono::Duration::days(3)).min(now);
        let refunded = refunds::record(
            c,
            actor,
            refunds::NewRefund {
                target: refunds::Target::Deal(client.clone()),
                external_id: None,
                amount: Money::new(Decimal::new(50_000, 2), "USD"),
                refunded_at: at,
            },
        );
        match refunded {
            // A deal without a value, or smaller than the refund: the demo has no refund.
            Err(e) if e.code == ErrorCode::Conflict => {}
            other => {
                other?;
            }
        }
    }
    // Upsells on the three oldest clients: two sold, one still offered.
    for (i, (client, signed, _)) in opened.iter().take(3).enumerate() {
        let offered = upsells::create(
            c,
            actor,
            &crate::authz::OwnerScope::All,
            uuid_of(client),
            closebook_shared::upsells::CreateUpsellRequest {
                product: ["Premium support", "Extra seats (10)", "Analytics add-on"][i].into(),
                price: Money::new(Decimal::from(900 + 300 * i as i64), "USD"),
            },
        )?;
        if i < 2 {
            let sold_at = (*signed + chrono::Duration::days(10)).min(now);
            upsells::mark_sold(
                c,
                actor,
                &crate::authz::OwnerScope::All,
                offered.id,
                closebook_shared::upsells::MarkUpsellSoldRequest {
                    sold_at: Some(sold_at.and_utc()),
                },
            )?;
        }
    }

    eligibility::promote(c, now)?;
    // Every month that has ended is closed, oldest first.
    let this_month = Period::of(now.date());
    if let Some((_, first, _)) = opened.first() {
        let mut p = Period::of(first.date());
        while p < this_month {
            close::close(c, actor, p)?;
            p = p.next();
        }
    }
    // Last month's earned lines are approved and paid; this month's wait in the approval queue.
    let paid_month = this_month.previous();
    let earned: Vec<String> = crate::db::schema::commission_lines::table
        .inner_join(crate::db::schema::commission_line_status::table)
        .filter(crate::db::schema::commission_lines::period.le(paid_month.to_string()))
        .filter(crate::db::schema::commission_line_status::status.eq(LineStatus::Earned))
        .select(crate::db::schema::commission_lines::id)
        .load(c)?;
    let ids: Vec<Uuid> = earned.iter().map(|i| uuid_of(i)).collect();
    for chunk in ids.chunks(500) {
        approval::batch(c, actor, chunk)?;
    }
    let mut p = opened
        .first()
        .map_or(paid_month, |(_, f, _)| Period::of(f.date()));
    while p <= paid_month {
        let run = crate::domain::commissions::payouts::run(
            c,
            actor,
            closebook_shared::commission_lines::CreatePayoutRequest {
                period: p,
                currency: None,
                reference: None,
            },
        );
        match run {
            // A month with nothing approved has no run.
            Err(e) if e.code == ErrorCode::Conflict => {}
            other => {
                other?;
            }
        }
        p = p.next();
    }
    dispute_one(c, now)
}

/// A rep disputes its newest new-business line (written at seed time, so within the window):
/// finance finds it flagged in the approval queue.
fn dispute_one(c: &mut DbConn, now: NaiveDateTime) -> Result<(), ApiError> {
    use crate::authz::{CommissionCaller, OwnerScope};
    use crate::db::schema::{commission_line_status, commission_lines};
    use closebook_shared::commission_lines::DisputeRequest;
    use closebook_shared::commissions::{LineStatus, LineType, Period};

    let line: Option<(String, String)> = commission_lines::table
        .inner_join(commission_line_status::table)
        .filter(commission_lines::line_type.eq(LineType::NewBusiness))
        .filter(commission_lines::period.eq(Period::of(now.date()).to_string()))
        .filter(commission_line_status::status.eq_any([LineStatus::Pending, LineStatus::Earned]))
        .order(commission_lines::id.desc())
        .select((commission_lines::id, commission_lines::rep_id))
        .first(c)
        .optional()?;
    let Some((line, rep)) = line else {
        return Ok(());
    };
    let principal = crate::auth::Principal::user(uuid_of(&rep), Role::SalesRep);
    let caller = CommissionCaller {
        actor: Actor::new(&principal, "seed-demo"),
        scope: OwnerScope::Owners(vec![rep]),
        principal,
    };
    crate::domain::commissions::disputes::dispute(
        c,
        &caller,
        uuid_of(&line),
        DisputeRequest {
            reason: "The customer signed for 2,000.00 more than this line counts.".into(),
        },
    )?;
    Ok(())
}
