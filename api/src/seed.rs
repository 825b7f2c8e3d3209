//! Data that is not typed in by users: the first admin on an empty database, and the explicit
//! `closebook seed demo` organisation. Demo data never appears without that command.

use std::str::FromStr;

use closebook_shared::teams::CreateTeamRequest;
use closebook_shared::users::{CreateUserRequest, UpdateUserRequest};
use closebook_shared::{Money, Role};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::audit::Actor;
use crate::auth::{password, tokens};
use crate::db::{Db, users};
use crate::domain;
use crate::error::ApiError;

/// Creates the first admin when there are no users. Prints a generated password once.
pub fn first_admin(db: &Db, email: &str, given_password: Option<&str>) -> Result<(), String> {
    let mut conn = db.write_conn().map_err(|e| e.to_string())?;
    if users::count(&mut conn).map_err(|e| e.to_string())? > 0 {
        return Ok(());
    }
    let (password, generated) = match given_password {
        Some(p) => (p.to_owned(), false),
        None => (tokens::generate("").chars().take(20).collect::<String>(), true),
    };
    closebook_shared::validate::password(&password, &())
        .map_err(|e| format!("CLOSEBOOK_ADMIN_PASSWORD {}", e.message()))?;
    let req = CreateUserRequest {
        email: email.to_owned(),
        name: "Administrator".into(),
        role: Role::Admin,
        password: password.clone(),
        must_change_password: Some(generated),
        phone: None,
        title: None,
        employee_id: None,
        manager_id: None,
        team_id: None,
        hire_date: None,
        base_salary: None,
        time_zone: None,
    };
    garde::Validate::validate(&req).map_err(|e| format!("CLOSEBOOK_ADMIN_EMAIL: {e}"))?;
    let hash = password::hash_blocking(&password).map_err(|e| e.to_string())?;
    diesel::Connection::transaction(&mut *conn, |c| domain::users::create(c, &Actor::system(), req, hash))
        .map_err(|e: ApiError| e.to_string())?;
    if generated {
        println!("Created the first admin: {email}");
        println!("Generated password (shown once; change it after signing in): {password}");
    } else {
        println!("Created the first admin: {email}");
    }
    Ok(())
}

/// Password of every demo user (printed by the command; demo data is for trying things out).
pub const DEMO_PASSWORD: &str = "closebook-demo";

struct Person {
    name: &'static str,
    title: &'static str,
    tz: &'static str,
    salary: &'static str,
}

const MANAGERS: [Person; 2] = [
    Person { name: "Maya Okafor", title: "Regional Sales Manager", tz: "America/Chicago", salary: "7800.00" },
    Person { name: "Daniel Reyes", title: "Regional Sales Manager", tz: "America/Denver", salary: "7650.00" },
];

const REPS: [Person; 10] = [
    Person { name: "Priya Natarajan", title: "Senior Account Executive", tz: "America/Chicago", salary: "5200.00" },
    Person { name: "Marcus Bell", title: "Account Executive", tz: "America/Chicago", salary: "4600.00" },
    Person { name: "Sofia Lindqvist", title: "Account Executive", tz: "America/Chicago", salary: "4600.00" },
    Person { name: "Jamal Carter", title: "Field Sales Representative", tz: "America/Chicago", salary: "4100.00" },
    Person { name: "Hannah Kowalski", title: "Relationship Manager", tz: "America/Chicago", salary: "4900.00" },
    Person { name: "Luis Ortega", title: "Senior Account Executive", tz: "America/Denver", salary: "5200.00" },
    Person { name: "Emily Tran", title: "Account Executive", tz: "America/Denver", salary: "4600.00" },
    Person { name: "Noah Fischer", title: "Field Sales Representative", tz: "America/Denver", salary: "4100.00" },
    Person { name: "Aisha Mensah", title: "Relationship Manager", tz: "America/Denver", salary: "4900.00" },
    Person { name: "Owen Gallagher", title: "Field Sales Representative", tz: "America/Denver", salary: "4100.00" },
];

fn email_of(name: &str) -> String {
    format!("{}@demo.closebook.local", name.to_lowercase().replace(' ', "."))
}

/// The demo organisation. Safe to run twice: a second run finds it and changes nothing.
pub fn demo(db: &Db) -> Result<String, String> {
    let mut conn = db.write_conn().map_err(|e| e.to_string())?;
    if users::find_by_email(&mut conn, &email_of(MANAGERS[0].name)).map_err(|e| e.to_string())?.is_some() {
        return Ok("The demo organisation is already there; nothing changed.".into());
    }
    let hash = password::hash_blocking(DEMO_PASSWORD).map_err(|e| e.to_string())?;
    let actor = Actor::system();
    let person = |p: &Person, role: Role, manager: Option<Uuid>, team: Option<Uuid>, i: usize| CreateUserRequest {
        email: email_of(p.name),
        name: p.name.into(),
        role,
        password: DEMO_PASSWORD.into(),
        must_change_password: Some(false),
        phone: Some(format!("+1 312 555 01{i:02}")),
        title: Some(p.title.into()),
        employee_id: Some(format!("E{:04}", 1000 + i)),
        manager_id: manager,
        team_id: team,
        hire_date: chrono::NaiveDate::from_ymd_opt(2022 + (i % 4) as i32, 1 + (i % 12) as u32, 1 + (i * 3 % 27) as u32),
        base_salary: Decimal::from_str(p.salary).ok().map(|a| Money::new(a, "USD")),
        time_zone: Some(p.tz.into()),
    };
    diesel::Connection::transaction(&mut *conn, |c| {
        let mut n = 0;
        let mut add = |c: &mut crate::db::DbConn, req: CreateUserRequest| {
            n += 1;
            domain::users::create(c, &actor, req, hash.clone())
        };
        add(c, person(&Person { name: "Grace Whitfield", title: "Finance Controller", tz: "America/New_York", salary: "6900.00" }, Role::Finance, None, None, 1))?;
        let cities = ["Chicago", "Denver"];
        let team_names = ["Great Lakes", "Front Range"];
        for (t, mgr) in MANAGERS.iter().enumerate() {
            let manager = add(c, person(mgr, Role::SalesManager, None, None, 2 + t))?;
            let team = domain::teams::create(
                c,
                &actor,
                CreateTeamRequest { name: team_names[t].into(), manager_id: Some(manager.id), city: Some(cities[t].into()) },
            )?;
            domain::users::update(c, &actor, manager.id, UpdateUserRequest { team_id: Some(Some(team.id)), ..Default::default() }, None)?;
            for (i, rep) in REPS.iter().enumerate().skip(t * 5).take(5) {
                add(c, person(rep, Role::SalesRep, Some(manager.id), Some(team.id), 10 + i))?;
            }
        }
        let mut partner = person(&Person { name: "Tom Becker", title: "Purchasing Manager, Becker Fine Foods", tz: "America/Chicago", salary: "0" }, Role::Partner, None, None, 30);
        partner.base_salary = None;
        add(c, partner)?;
        Ok::<_, ApiError>(n)
    })
    .map(|n| {
        format!(
            "Seeded the demo organisation: {n} users (finance, 2 managers, 10 reps in teams Great Lakes and Front Range, a partner).\n\
             Every demo user signs in with the password `{DEMO_PASSWORD}`, e.g. {} or {}.",
            email_of(MANAGERS[0].name),
            email_of(REPS[0].name)
        )
    })
    .map_err(|e| e.to_string())
}
