//! Command line and environment settings. Every setting can come from the environment (the usual
//! way to configure a service) and is mirrored by a flag. Defaults suit a laptop.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "closebook", version, about = "Closebook sales operations platform", long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Check the database after a crash or restore: SQLite's integrity and foreign-key checks
    /// (PostgreSQL: that it answers and is migrated). Exits non-zero on any problem.
    Check,
    /// Fill the database with data.
    #[command(subcommand)]
    Seed(SeedCommand),
    /// Commission periods: close one, or replay its statements against the ledger.
    #[command(subcommand)]
    Commissions(CommissionsCommand),
    /// Print the OpenAPI document (JSON) to stdout or a file.
    Openapi {
        /// Write here instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CommissionsCommand {
    /// Run the monthly close of a period that has ended (as `POST /commissions/close`).
    Close {
        /// `YYYY-MM`, in the organisation's time zone.
        #[arg(long)]
        period: closebook_shared::commissions::Period,
    },
    /// Rebuild a period's statements from the ledger and compare them with the stored ones;
    /// exits non-zero when any differs.
    Replay {
        /// `YYYY-MM`, in the organisation's time zone.
        #[arg(long)]
        period: closebook_shared::commissions::Period,
    },
}

#[derive(Debug, Subcommand)]
pub enum SeedCommand {
    /// A small demo organisation: admin, finance, 2 managers, 10 reps in 2 teams, a partner user.
    Demo,
    /// Scale data for benchmarks: many teams of reps under their managers.
    Scale {
        /// Number of reps (in teams of 10, each with its manager).
        #[arg(long, default_value_t = 1000)]
        reps: usize,
        /// Leads per rep (seed 003 §8.2: 1,000 reps × 250 = 250,000 pipelines), with their
        /// activities and history over the past year.
        #[arg(long, default_value_t = 250)]
        leads_per_rep: usize,
        /// Months of commission ledger up to last month (100 source transactions per rep and
        /// month: ~100,000 a month for 1,000 reps).
        #[arg(long, default_value_t = 12)]
        commission_months: u32,
        /// Wholesale partner accounts (issue 13: 2,000), looked after by the reps.
        #[arg(long, default_value_t = 2000)]
        partners: usize,
        /// Orders per partner account over the past year (issue 13: 200,000 in all).
        #[arg(long, default_value_t = 100)]
        orders_per_partner: usize,
    },
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Database: `sqlite://PATH`, a file path, or `postgres://…` [default: sqlite://<data dir>/closebook.db]
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Directory for the SQLite file and the generated signing key.
    #[arg(
        long,
        env = "CLOSEBOOK_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Address to listen on.
    #[arg(
        long,
        env = "CLOSEBOOK_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: SocketAddr,

    /// The built web app to serve at `/` [default: web/dist when it exists]
    #[arg(long, env = "CLOSEBOOK_WEB_DIR", global = true)]
    pub web_dir: Option<PathBuf>,

    /// Secret for signing access tokens, at least 32 bytes. Generated and kept in the data
    /// directory when not given (there is no built-in default secret).
    #[arg(
        long,
        env = "CLOSEBOOK_JWT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub jwt_secret: Option<String>,

    /// Log filter, e.g. `info`, `warn`, `closebook_api=debug,info`.
    #[arg(long, env = "CLOSEBOOK_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log format.
    #[arg(long, env = "CLOSEBOOK_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"], global = true)]
    pub log_format: String,

    /// Database connections per pool.
    #[arg(long, env = "CLOSEBOOK_DB_POOL_SIZE", default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=512), global = true)]
    pub db_pool_size: u32,

    /// HTTP worker threads [default: one per core]
    #[arg(long, env = "CLOSEBOOK_WORKERS", global = true)]
    pub workers: Option<usize>,

    /// Access token lifetime in seconds.
    #[arg(long, env = "CLOSEBOOK_ACCESS_TOKEN_TTL", default_value_t = 900, value_parser = clap::value_parser!(i64).range(60..=86_400), global = true)]
    pub access_token_ttl: i64,

    /// Refresh token lifetime in days.
    #[arg(long, env = "CLOSEBOOK_REFRESH_TOKEN_DAYS", default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=365), global = true)]
    pub refresh_token_days: i64,

    /// Requests per minute per caller before 429 (0 disables; per process).
    #[arg(
        long,
        env = "CLOSEBOOK_RATE_LIMIT_PER_MINUTE",
        default_value_t = 1200,
        global = true
    )]
    pub rate_limit_per_minute: u32,

    /// Failed sign-ins per account within the window before 429.
    #[arg(
        long,
        env = "CLOSEBOOK_LOGIN_MAX_FAILURES",
        default_value_t = 5,
        global = true
    )]
    pub login_max_failures: usize,

    /// Failed sign-ins per client address within the window before 429.
    #[arg(
        long,
        env = "CLOSEBOOK_LOGIN_MAX_FAILURES_PER_IP",
        default_value_t = 50,
        global = true
    )]
    pub login_max_failures_per_ip: usize,

    /// The failed sign-in window, minutes.
    #[arg(long, env = "CLOSEBOOK_LOGIN_WINDOW_MINUTES", default_value_t = 15, value_parser = clap::value_parser!(i64).range(1..=1440), global = true)]
    pub login_window_minutes: i64,

    /// Take the client address from `X-Forwarded-For`/`Forwarded` (only behind your own proxy).
    #[arg(
        long,
        env = "CLOSEBOOK_TRUST_PROXY",
        default_value_t = false,
        global = true
    )]
    pub trust_proxy: bool,

    /// Where uploaded files (product images) are kept: a directory, or `s3://BUCKET` for an
    /// S3-compatible bucket (with `--s3-endpoint`, `--s3-region` and the keys from
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`) [default: <data dir>/media]
    #[arg(long, env = "CLOSEBOOK_MEDIA_STORE", global = true)]
    pub media_store: Option<String>,

    /// The S3-compatible endpoint, e.g. `https://s3.eu-central-1.amazonaws.com` or MinIO's
    /// `http://127.0.0.1:9000`; buckets are addressed path-style.
    #[arg(
        long,
        env = "CLOSEBOOK_S3_ENDPOINT",
        default_value = "https://s3.amazonaws.com",
        global = true
    )]
    pub s3_endpoint: String,

    /// The bucket's region (SigV4 signs with it).
    #[arg(
        long,
        env = "CLOSEBOOK_S3_REGION",
        default_value = "us-east-1",
        global = true
    )]
    pub s3_region: String,

    /// Email of the first admin, created when the database has no users.
    #[arg(
        long,
        env = "CLOSEBOOK_ADMIN_EMAIL",
        default_value = "admin@closebook.local",
        global = true
    )]
    pub admin_email: String,

    /// Password of the first admin; generated and printed once when not given.
    #[arg(
        long,
        env = "CLOSEBOOK_ADMIN_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub admin_password: Option<String>,
}

impl Settings {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| crate::db::default_url(&self.data_dir))
    }

    /// The media store these settings name.
    pub fn media_store(&self) -> Result<crate::media::MediaStore, String> {
        use crate::media::{LocalStore, MediaStore, S3Config, S3Store};
        let given = self.media_store.as_deref();
        let Some(bucket) = given.and_then(|g| g.strip_prefix("s3://")) else {
            let dir = given.map_or_else(|| self.data_dir.join("media"), PathBuf::from);
            return Ok(MediaStore::Local(LocalStore::new(dir)));
        };
        let key = |name: &str| {
            std::env::var(name).map_err(|_| format!("an s3:// media store needs {name}"))
        };
        let config = S3Config {
            bucket: bucket.trim_end_matches('/').to_owned(),
            endpoint: self.s3_endpoint.clone(),
            region: self.s3_region.clone(),
            access_key_id: key("AWS_ACCESS_KEY_ID")?,
            secret_access_key: key("AWS_SECRET_ACCESS_KEY")?,
        };
        S3Store::new(&config)
            .map(MediaStore::S3)
            .map_err(|e| e.to_string())
    }

    pub fn web_dir(&self) -> Option<PathBuf> {
        self.web_dir.clone().or_else(|| {
            let default = PathBuf::from("web/dist");
            default.join("index.html").is_file().then_some(default)
        })
    }
}
