//! The `closebook` commands. Failures come back as one line for the operator, never a panic.

use std::io::Write;
use std::num::NonZeroU32;
use std::path::Path;

use actix_web::{HttpServer, web};
use chrono::Duration;

use crate::app::{AppState, build_app};
use crate::auth::jwt::JwtKeys;
use crate::auth::login_throttle::Throttle;
use crate::config::{Cli, Command, CommissionsCommand, SeedCommand, Settings};
use crate::db::{DatabaseUrl, Db};
use crate::middleware::rate_limit::Limiter;
use crate::{seed, telemetry};

pub fn run(cli: Cli) -> Result<(), String> {
    let s = cli.settings;
    let command = cli.command.unwrap_or(Command::Serve);
    // Every command logs like the server, so the cause behind a one-line failure (an internal
    // error's) is in the log.
    let _log_guard = telemetry::init(&s.log, &s.log_format)?;
    match command {
        Command::Serve => serve(&s),
        Command::Migrate => connect(&s).map(|_| println!("migrations applied")),
        Command::Check => {
            let url = DatabaseUrl::parse(&s.database_url())?;
            let report = crate::db::check(&url).map_err(|e| format!("check failed: {e}"))?;
            println!("{report}");
            Ok(())
        }
        Command::Seed(SeedCommand::Demo) => {
            let db = connect(&s)?;
            seed::first_admin(&db, &s.admin_email, s.admin_password.as_deref())?;
            let report = seed::demo(&db)?;
            println!("{report}");
            let pictures = seed::demo_pictures(&db, &s.media_store()?)?;
            if pictures > 0 {
                println!("The catalogue's {pictures} products have their pictures.");
            }
            Ok(())
        }
        Command::Seed(SeedCommand::Scale {
            reps,
            leads_per_rep,
            commission_months,
            partners,
            orders_per_partner,
        }) => {
            let db = connect(&s)?;
            seed::first_admin(&db, &s.admin_email, s.admin_password.as_deref())?;
            let started = std::time::Instant::now();
            let (report, rep_ids) = seed::scale(&db, reps)?;
            println!("{report} in {:.1} s", started.elapsed().as_secs_f64());
            let started = std::time::Instant::now();
            let report = crate::seed_pipeline::leads(&db, &rep_ids, leads_per_rep)?;
            println!("{report} in {:.1} s", started.elapsed().as_secs_f64());
            let started = std::time::Instant::now();
            let lines = crate::seed_commissions::ledger(&db, &rep_ids, commission_months)?;
            println!(
                "Seeded {lines} commission lines over {commission_months} months in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            println!("{}", crate::seed_territories::scale(&db, &rep_ids)?);
            println!("{}", crate::seed_targets::scale(&db, &rep_ids)?);
            println!(
                "{}",
                crate::seed_orders::scale(&db, &rep_ids, partners, orders_per_partner)?
            );
            Ok(())
        }
        Command::Commissions(CommissionsCommand::Close { period }) => {
            let db = connect(&s)?;
            let report = block_on_write(&db, move |c| {
                crate::domain::commissions::close::close_ended(
                    c,
                    &crate::audit::Actor::system(),
                    period,
                )
            })?;
            println!(
                "closed {}: {} true-ups, {} team bonuses, {} overrides, {} caps, {} statements",
                report.period,
                report.true_ups,
                report.team_bonuses,
                report.overrides,
                report.caps,
                report.statements
            );
            Ok(())
        }
        Command::Commissions(CommissionsCommand::Replay { period }) => {
            let db = connect(&s)?;
            let report = block_on_write(&db, move |c| {
                crate::domain::commissions::statements::replay(c, period)
            })?;
            println!(
                "replayed {}: {} stored statements, {} differences",
                report.period,
                report.statements_checked,
                report.differences.len()
            );
            for d in &report.differences {
                let net = |t: &Option<closebook_shared::commissions::close::StatementTotals>| {
                    t.as_ref().map_or("none".to_owned(), |t| t.net.to_string())
                };
                println!(
                    "  rep {} {}: stored net {}, ledger net {}",
                    d.rep_id,
                    d.currency,
                    net(&d.stored),
                    net(&d.rebuilt)
                );
            }
            if report.differences.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{} statements differ from the ledger",
                    report.differences.len()
                ))
            }
        }
        Command::Openapi { output } => {
            let json = openapi_json()?;
            match output {
                Some(path) => std::fs::write(&path, json)
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
                None => std::io::stdout()
                    .write_all(json.as_bytes())
                    .map_err(|e| e.to_string()),
            }
        }
    }
}

/// The checked-in form of the OpenAPI document: pretty JSON with a final newline.
pub fn openapi_json() -> Result<String, String> {
    crate::openapi_document()
        .to_pretty_json()
        .map(|j| j + "\n")
        .map_err(|e| e.to_string())
}

/// Runs one write transaction from a command (no server running).
fn block_on_write<T, F>(db: &Db, f: F) -> Result<T, String>
where
    F: FnOnce(&mut crate::db::DbConn) -> Result<T, crate::error::ApiError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::rt::System::new()
        .block_on(db.write(f))
        .map_err(|e| e.to_string())
}

fn connect(s: &Settings) -> Result<Db, String> {
    let url = DatabaseUrl::parse(&s.database_url())?;
    Db::connect(&url, s.db_pool_size)
}

fn serve(s: &Settings) -> Result<(), String> {
    let db = connect(s)?;
    let secret = jwt_secret(s)?;
    seed::first_admin(&db, &s.admin_email, s.admin_password.as_deref())?;

    let state = web::Data::new(AppState {
        db: db.clone(),
        jwt: JwtKeys::new(&secret, s.access_token_ttl),
        refresh_ttl: Duration::days(s.refresh_token_days),
        throttle: Throttle {
            max_per_account: s.login_max_failures,
            max_per_ip: s.login_max_failures_per_ip,
            window: Duration::minutes(s.login_window_minutes),
        },
        limiter: NonZeroU32::new(s.rate_limit_per_minute).map(Limiter::new),
        trust_proxy: s.trust_proxy,
        revocations: Default::default(),
        media: s.media_store()?,
    });
    let web_dir = s.web_dir();
    match &web_dir {
        Some(d) => tracing::info!(web_dir = %d.display(), "serving the web app"),
        None => tracing::warn!("no built web app found (web/dist); serving the API only"),
    }
    tracing::info!(database = %db.url().redacted(), "database ready");
    tracing::info!(media = %state.media.describe(), "uploaded files");

    actix_web::rt::System::new().block_on(async move {
        crate::jobs::spawn_housekeeping(state.clone());
        crate::jobs::spawn_revocation_reload(state.clone());
        crate::jobs::spawn_commission_sources(state.clone());
        crate::jobs::spawn_commission_eligibility(state.clone());
        crate::jobs::spawn_partner_invoice_reminders(state.clone());
        crate::jobs::spawn_allocation_sla(state.clone());
        crate::jobs::spawn_placement_runs(state.clone());
        crate::jobs::spawn_commission_calendar(state.clone());
        crate::jobs::spawn_scorecard_snapshots(state.clone());
        let app_state = state.clone();
        let mut server = HttpServer::new(move || build_app(app_state.clone(), web_dir.clone()))
            .bind(s.addr)
            .map_err(|e| format!("cannot listen on {}: {e}", s.addr))?;
        if let Some(n) = s.workers {
            server = server.workers(n.max(1));
        }
        // Printed, not only logged: with port 0 this is how a supervisor or test learns the port.
        for addr in server.addrs() {
            println!("Closebook listening on http://{addr}");
            tracing::info!(%addr, "listening");
        }
        server.run().await.map_err(|e| format!("server error: {e}"))
    })
}

/// The access-token signing secret: given, or generated once and kept in the data directory so
/// tokens survive restarts. Never a built-in default.
fn jwt_secret(s: &Settings) -> Result<Vec<u8>, String> {
    if let Some(given) = &s.jwt_secret {
        if given.len() < 32 {
            return Err("CLOSEBOOK_JWT_SECRET must be at least 32 bytes".into());
        }
        return Ok(given.as_bytes().to_vec());
    }
    let path = s.data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let bytes = hex::decode(existing.trim()).map_err(|_| {
            format!(
                "{} is corrupt; delete it to generate a new one",
                path.display()
            )
        })?;
        if bytes.len() < 32 {
            return Err(format!(
                "{} holds fewer than 32 bytes; delete it to generate a new one",
                path.display()
            ));
        }
        return Ok(bytes);
    }
    let mut bytes = vec![0u8; 64];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    write_private(&path, &hex::encode(&bytes))?;
    Ok(bytes)
}

fn write_private(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    f.write_all(contents.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
