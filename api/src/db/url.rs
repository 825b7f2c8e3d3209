//! Which database a URL names, and the URL as it may be logged.

use std::path::{Path, PathBuf};

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path (the `sqlite://` prefix stripped).
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// `postgres://…`/`postgresql://…` → PostgreSQL; `sqlite://path`, `sqlite:path` or a bare
    /// path → SQLite.
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.is_empty() {
            return Err("DATABASE_URL is empty".into());
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        if let Some((scheme, _)) = url.split_once("://")
            && scheme != "sqlite"
        {
            return Err(format!(
                "DATABASE_URL scheme `{scheme}` is not supported (use sqlite://PATH or postgres://…)"
            ));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if path.is_empty() {
            return Err("DATABASE_URL names no SQLite file".into());
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    /// The URL with any password hidden, for logs.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(p) => format!("sqlite://{}", p.display()),
            Self::Postgres(u) => redact_password(u),
        }
    }
}

fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The default database: an SQLite file in `./data/`.
pub fn default_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("closebook.db").display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_backend_from_the_url() {
        let table: &[(&str, Result<DatabaseUrl, ()>)] = &[
            (
                "postgres://u:p@h/db",
                Ok(DatabaseUrl::Postgres("postgres://u:p@h/db".into())),
            ),
            (
                "postgresql://h/db",
                Ok(DatabaseUrl::Postgres("postgresql://h/db".into())),
            ),
            (
                "sqlite://data/x.db",
                Ok(DatabaseUrl::Sqlite("data/x.db".into())),
            ),
            ("sqlite:x.db", Ok(DatabaseUrl::Sqlite("x.db".into()))),
            ("./data/x.db", Ok(DatabaseUrl::Sqlite("./data/x.db".into()))),
            ("mysql://h/db", Err(())),
            ("", Err(())),
            ("sqlite://", Err(())),
        ];
        for (url, want) in table {
            assert_eq!(DatabaseUrl::parse(url).map_err(|_| ()), *want, "{url}");
        }
    }

    #[test]
    fn hides_passwords_in_logs() {
        let u = DatabaseUrl::parse("postgres://app:s3cret@db:5432/cb").unwrap();
        assert_eq!(u.redacted(), "postgres://app:***@db:5432/cb");
    }
}
