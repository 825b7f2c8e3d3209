//! Periodic work inside the server process. Each task is idempotent and safe to run on every
//! instance at once (deletes of expired rows; ledger sources unique by source id).

use std::time::Duration;

use actix_web::web;

use crate::app::AppState;
use crate::db::{idempotency, tokens};
use crate::middleware::idempotency::RETENTION_HOURS;
use crate::time;

/// Keeps this process's revocation set current (see `auth::revocation`).
pub fn spawn_revocation_reload(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(crate::auth::revocation::REFRESH_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = state.reload_revocations().await {
                tracing::warn!(error = %e, "revocation reload failed");
            }
        }
    });
}

pub fn spawn_housekeeping(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let now = time::now();
            // Responses are promised for 24 h; keep them twice that before compacting.
            let keys_before = now - chrono::Duration::hours(RETENTION_HOURS * 2);
            let attempts_before = now - state.throttle.window * 4;
            let result = state
                .db
                .write(move |c| {
                    Ok((
                        idempotency::compact(c, keys_before)?,
                        tokens::prune_login_attempts(c, attempts_before)?,
                    ))
                })
                .await;
            match result {
                Ok(((compacted, deleted), attempts)) => {
                    tracing::debug!(compacted, deleted, attempts, "housekeeping pruned");
                }
                Err(e) => tracing::warn!(error = %e, "housekeeping failed"),
            }
            if let Some(limiter) = &state.limiter {
                limiter.prune();
            }
        }
    });
}

/// Turns won deals into commission lines (`domain::commissions::sources`) every few seconds.
/// Safe on every instance at once: each run is one transaction, and lines are unique by source.
pub fn spawn_commission_sources(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            let result = state
                .db
                .write(crate::domain::commissions::sources::consume_events)
                .await;
            match result {
                Ok(0) => {}
                Ok(written) => tracing::info!(written, "commission lines from won deals"),
                Err(e) => tracing::warn!(error = %e, "commission sources failed"),
            }
        }
    });
}

/// Places leads again after territories changed (`domain::territories::replace`): every two
/// seconds, batches of 2,000 leads, each its own transaction, until the run is done.
pub fn spawn_placement_runs(state: web::Data<AppState>) {
    let worker = format!("pid-{}", std::process::id());
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            loop {
                let worker = worker.clone();
                let result = state
                    .db
                    .write(move |c| {
                        crate::domain::territories::replace::step(c, &worker, time::now(), 2_000)
                    })
                    .await;
                match result {
                    Ok(Some(run))
                        if run.status != closebook_shared::territories::PlacementStatus::Done => {}
                    Ok(Some(run)) => {
                        tracing::info!(processed = run.processed, moved = run.moved, reason = %run.reason, "leads placed again");
                        break;
                    }
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "placement run failed");
                        break;
                    }
                }
            }
        }
    });
}

/// LAR-006 every minute: pending allocations past their deadline expire and their leads go to
/// the next rep (`domain::allocations::expire_lapsed`). Safe on every instance at once: each
/// run locks the allocation sequence before it reads what has lapsed.
pub fn spawn_allocation_sla(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            let result = state
                .db
                .write(|c| crate::domain::allocations::expire_lapsed(c, time::now(), 100))
                .await;
            match result {
                Ok(0) => {}
                Ok(expired) => tracing::info!(expired, "allocations past their SLA moved on"),
                Err(e) => tracing::warn!(error = %e, "allocation SLA monitor failed"),
            }
        }
    });
}

/// Earns (or voids) pending commission lines whose window has passed, every ten minutes.
pub fn spawn_commission_eligibility(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let result = state
                .db
                .write(|c| crate::domain::commissions::eligibility::promote(c, time::now()))
                .await;
            match result {
                Ok(done) if done.earned + done.voided > 0 => {
                    tracing::info!(
                        earned = done.earned,
                        voided = done.voided,
                        "commission eligibility"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "commission eligibility failed"),
            }
        }
    });
}

/// The ledger's calendar every ten minutes: closes the month just ended and, from the 5th,
/// reconciles its paid invoices (claimed in the database, so once across processes).
pub fn spawn_commission_calendar(state: web::Data<AppState>) {
    let worker = format!("pid-{}", std::process::id());
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let worker = worker.clone();
            let result = state
                .db
                .write(move |c| {
                    crate::domain::commissions::calendar_jobs::tick(c, time::now(), &worker)
                })
                .await;
            match result {
                Ok(done) => {
                    if let Some(r) = done.closed {
                        tracing::info!(period = %r.period, true_ups = r.true_ups, team_bonuses = r.team_bonuses, overrides = r.overrides, caps = r.caps, statements = r.statements, "monthly close");
                    }
                    if let Some(r) = done.reconciled {
                        tracing::info!(period = %r.period, checked = r.invoices_checked, created = r.residuals_created.len(), "residual reconciliation");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "commission calendar failed"),
            }
        }
    });
}

/// Every hour: once a week has ended, stores each rep's scorecard of it (claimed in the
/// database, so once across processes).
pub fn spawn_scorecard_snapshots(state: web::Data<AppState>) {
    let worker = format!("pid-{}", std::process::id());
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let worker = worker.clone();
            let result = state
                .db
                .write(move |c| crate::domain::analytics::snapshot_week(c, &worker))
                .await;
            match result {
                Ok(Some(reps)) => tracing::info!(reps, "weekly scorecard snapshots"),
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "scorecard snapshots failed"),
            }
        }
    });
}

/// Partner invoice reminders every ten minutes (`domain::partner_invoices::remind`): due in 3
/// days, overdue with its late fee. Safe on every instance at once: each reminder is claimed by
/// a guarded update before it is sent.
pub fn spawn_partner_invoice_reminders(state: web::Data<AppState>) {
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            let result = state
                .db
                .write(|c| crate::domain::partner_invoices::remind(c, time::now()))
                .await;
            match result {
                Ok(sent) if sent.due_soon + sent.overdue > 0 => {
                    tracing::info!(
                        due_soon = sent.due_soon,
                        overdue = sent.overdue,
                        "partner invoice reminders"
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "partner invoice reminders failed"),
            }
        }
    });
}
