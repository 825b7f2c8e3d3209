//! Both migration sets must build the same tables and columns (names, order, nullability and
//! type family), so one diesel schema serves both backends.

use closebook_api::db::{DatabaseUrl, Db};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};

#[derive(QueryableByName, Debug)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    #[diesel(column_name = type_)]
    type_: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
}

#[derive(QueryableByName, Debug)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName, Debug)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Text)]
    is_nullable: String,
}

/// (table, column, type family, nullable), sorted.
type Shape = Vec<(String, String, &'static str, bool)>;

fn family(sql_type: &str) -> &'static str {
    let t = sql_type.to_ascii_lowercase();
    if t.contains("int") {
        "integer"
    } else if t.contains("char") || t == "text" {
        "text"
    } else if t.contains("bool") {
        "boolean"
    } else if t.starts_with("timestamp") {
        "timestamp"
    } else if t == "date" {
        "date"
    } else if t == "bytea" || t == "blob" {
        "binary"
    } else {
        "other"
    }
}

fn sqlite_shape(path: &std::path::Path) -> Shape {
    let mut c = diesel::SqliteConnection::establish(&path.to_string_lossy()).unwrap();
    let tables: Vec<TableName> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '__diesel_schema_migrations'",
    )
    .load(&mut c)
    .unwrap();
    let mut shape = Shape::new();
    for t in tables {
        let cols: Vec<SqliteColumn> = diesel::sql_query(format!(
            "SELECT name, type AS type_, \"notnull\" FROM pragma_table_info('{}')",
            t.name
        ))
        .load(&mut c)
        .unwrap();
        for col in cols {
            // SQLite reports a PRIMARY KEY column as nullable unless declared NOT NULL; ours all are.
            shape.push((
                t.name.clone(),
                col.name,
                family(&col.type_),
                col.notnull == 0,
            ));
        }
    }
    shape.sort();
    shape
}

fn pg_shape(url: &str) -> Shape {
    let mut c = diesel::PgConnection::establish(url).unwrap();
    let cols: Vec<PgColumn> = diesel::sql_query(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name != '__diesel_schema_migrations'",
    )
    .load(&mut c)
    .unwrap();
    let mut shape: Shape = cols
        .into_iter()
        .map(|c| {
            (
                c.table_name,
                c.column_name,
                family(&c.data_type),
                c.is_nullable == "YES",
            )
        })
        .collect();
    shape.sort();
    shape
}

#[test]
fn both_migration_sets_build_the_same_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schema.db");
    Db::connect(&DatabaseUrl::Sqlite(path.clone()), 1).unwrap();
    let sqlite = sqlite_shape(&path);
    assert!(
        sqlite
            .iter()
            .any(|(t, c, _, _)| t == "users" && c == "email_key"),
        "the SQLite schema was read"
    );
    assert!(
        sqlite.iter().all(|(_, _, f, _)| *f != "other"),
        "only the common column types: {sqlite:?}"
    );

    let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true requires TEST_DATABASE_URL"
        );
        return;
    };
    let name = format!("cb_schema_{}", uuid::Uuid::now_v7().simple());
    let mut admin = diesel::PgConnection::establish(&admin_url).unwrap();
    diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
        .execute(&mut admin)
        .unwrap();
    let server = admin_url
        .split('?')
        .next()
        .unwrap()
        .rsplit_once('/')
        .unwrap()
        .0
        .to_owned();
    let url = format!("{server}/{name}");
    let result = std::panic::catch_unwind(|| {
        Db::connect(&DatabaseUrl::Postgres(url.clone()), 1).unwrap();
        pg_shape(&url)
    });
    diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .execute(&mut admin)
        .unwrap();
    let pg = result.expect("PostgreSQL migrations apply");
    let only_sqlite: Vec<_> = sqlite.iter().filter(|c| !pg.contains(c)).collect();
    let only_pg: Vec<_> = pg.iter().filter(|c| !sqlite.contains(c)).collect();
    assert!(
        only_sqlite.is_empty() && only_pg.is_empty(),
        "schemas differ\nonly in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_pg:?}"
    );
}
