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
        None => (
            tokens::generate("").chars().take(20).collect::<String>(),
            true,
        ),
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
    diesel::Connection::transaction(&mut *conn, |c| {
        domain::users::create(c, &Actor::system(), req, hash)
    })
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
    Person {
        name: "Maya Okafor",
        title: "Regional Sales Manager",
        tz: "America/Chicago",
        salary: "7800.00",
    },
    Person {
        name: "Daniel Reyes",
        title: "Regional Sales Manager",
        tz: "America/Denver",
        salary: "7650.00",
    },
];

const REPS: [Person; 10] = [
    Person {
        name: "Priya Natarajan",
        title: "Senior Account Executive",
        tz: "America/Chicago",
        salary: "5200.00",
    },
    Person {
        name: "Marcus Bell",
        title: "Account Executive",
        tz: "America/Chicago",
        salary: "4600.00",
    },
    Person {
        name: "Sofia Lindqvist",
        title: "Account Executive",
        tz: "America/Chicago",
        salary: "4600.00",
    },
    Person {
        name: "Jamal Carter",
        title: "Field Sales Representative",
        tz: "America/Chicago",
        salary: "4100.00",
    },
    Person {
        name: "Hannah Kowalski",
        title: "Relationship Manager",
        tz: "America/Chicago",
        salary: "4900.00",
    },
    Person {
        name: "Luis Ortega",
        title: "Senior Account Executive",
        tz: "America/Denver",
        salary: "5200.00",
    },
    Person {
        name: "Emily Tran",
        title: "Account Executive",
        tz: "America/Denver",
        salary: "4600.00",
    },
    Person {
        name: "Noah Fischer",
        title: "Field Sales Representative",
        tz: "America/Denver",
        salary: "4100.00",
    },
    Person {
        name: "Aisha Mensah",
        title: "Relationship Manager",
        tz: "America/Denver",
        salary: "4900.00",
    },
    Person {
        name: "Owen Gallagher",
        title: "Field Sales Representative",
        tz: "America/Denver",
        salary: "4100.00",
    },
];

fn email_of(name: &str) -> String {
    format!(
        "{}@demo.closebook.local",
        name.to_lowercase().replace(' ', ".")
    )
}

/// Runs `f` in a transaction through the database's writer, as requests write. A seed writing
/// on a pooled connection instead, in a transaction that reads before it writes, can deadlock
/// on SQLite with the checkpoint thread truncating a large WAL ("database is locked" at once);
/// the writer's transactions take the write lock first.
pub fn write<T, F>(db: &Db, f: F) -> Result<T, String>
where
    F: FnOnce(&mut crate::db::DbConn) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    actix_web::rt::System::new()
        .block_on(db.write(f))
        .map_err(|e| e.to_string())
}

/// The demo organisation. Safe to run twice: a second run finds it and changes nothing.
pub fn demo(db: &Db) -> Result<String, String> {
    let mut conn = db.write_conn().map_err(|e| e.to_string())?;
    if users::find_by_email(&mut conn, &email_of(MANAGERS[0].name))
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Ok("The demo organisation is already there; nothing changed.".into());
    }
    let hash = password::hash_blocking(DEMO_PASSWORD).map_err(|e| e.to_string())?;
    let actor = Actor::system();
    let person = |p: &Person, role: Role, manager: Option<Uuid>, team: Option<Uuid>, i: usize| {
        CreateUserRequest {
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
            hire_date: chrono::NaiveDate::from_ymd_opt(
                2022 + (i % 4) as i32,
                1 + (i % 12) as u32,
                1 + (i * 3 % 27) as u32,
            ),
            base_salary: Decimal::from_str(p.salary)
                .ok()
                .map(|a| Money::new(a, "USD")),
            time_zone: Some(p.tz.into()),
        }
    };
    diesel::Connection::transaction(&mut *conn, |c| {
        let mut n = 0;
        let mut reps = Vec::new();
        let mut managers = Vec::new();
        let mut add = |c: &mut crate::db::DbConn, req: CreateUserRequest| {
            n += 1;
            domain::users::create(c, &actor, req, hash.clone())
        };
        add(c, person(&Person { name: "Grace Whitfield", title: "Finance Controller", tz: "America/New_York", salary: "6900.00" }, Role::Finance, None, None, 1))?;
        let cities = ["Chicago", "Denver"];
        let team_names = ["Great Lakes", "Front Range"];
        for (t, mgr) in MANAGERS.iter().enumerate() {
            let manager = add(c, person(mgr, Role::SalesManager, None, None, 2 + t))?;
            managers.push(manager.id);
            let team = domain::teams::create(
                c,
                &actor,
                CreateTeamRequest { name: team_names[t].into(), manager_id: Some(manager.id), city: Some(cities[t].into()) },
            )?;
            domain::users::update(c, &actor, manager.id, UpdateUserRequest { team_id: Some(Some(team.id)), ..Default::default() }, None)?;
            for (i, rep) in REPS.iter().enumerate().skip(t * 5).take(5) {
                reps.push(add(c, person(rep, Role::SalesRep, Some(manager.id), Some(team.id), 10 + i))?.id);
            }
        }
        let mut partner = person(&Person { name: "Tom Becker", title: "Purchasing Manager, Becker Fine Foods", tz: "America/Chicago", salary: "0" }, Role::Partner, None, None, 30);
        partner.base_salary = None;
        let partner = add(c, partner)?;
        let mut work = crate::seed_demo::pipeline(c, &reps, crate::time::now())?;
        work.scripts = crate::seed_demo::scripts(c, &actor)?;
        work.commission_lines = crate::seed_demo::commissions(c, &actor, &reps, crate::time::now())?;
        let teams: Vec<(Uuid, Vec<Uuid>)> = managers.iter().zip(reps.chunks(5)).map(|(m, r)| (*m, r.to_vec())).collect();
        let since = crate::time::now().date() - chrono::Duration::days(90);
        work.territories = crate::seed_demo::territories(c, &actor, &teams, since)?;
        crate::domain::territories::replace::run_now(c, crate::time::now())?;
        work.allocations = crate::seed_demo::allocations(c, &teams)?;
        (work.targets, work.satisfaction_scores, work.snapshots) = crate::seed_demo::targets(c, &teams)?;
        work.partners = crate::seed_demo::partners(c, &reps, partner.id)?;
        (work.products, work.orders) = crate::seed_demo::orders(c, crate::time::now())?;
        (work.assets, work.videos) = crate::seed_demo::resources(c, crate::time::now())?;
        work.tickets = crate::seed_demo::support(c, crate::time::now())?;
        work.addresses = crate::seed_demo::addresses(c)?;
        Ok::<_, ApiError>((n, work))
    })
    .map(|(n, w)| {
        format!(
            "Seeded the demo organisation: {n} users (finance, 2 managers, 10 reps in teams Great Lakes and Front Range, a partner).\n\
             Their pipeline: {} leads in every stage (won, lost and open), {} activities over eight weeks with follow-ups due, \
             {} notes, {} relationship touches, {} won clients and {} scripts.\n\
             Commissions: the reps' plan \"Field sales\" (5%, 10% above quota) with monthly quotas, the managers' override plan, \
             and {} ledger lines — won deals, paid invoices, a refund, upsells — with ended months closed and last month paid out.\n\
             Territories: {} drawn (a region per team, its areas and micro-territories), each manager owning its region and each rep a micro-territory.\n\
             Allocation: {} inbound leads allocated by the engine (some accepted, one turned down and moved on, one in the overflow pool), a rep on leave, one with intake paused.\n\
             Targets: {} set by the managers (revenue at the plan quota, deals, contacts, visits, satisfaction; last month's achieved or missed; team and city targets), \
             {} satisfaction scores and {} weekly scorecard snapshots.\n\
             Partners: {} wholesale accounts the reps brought in (active on every tier, one suspended, one declined, one pending; Tom Becker orders for Becker Fine Foods), \
             a catalogue of {} products and {} orders over four months with their invoices (delivered and paid, at every step of the pipeline, one cancelled; invoices paid, open and overdue; shipments tracked to the door with their temperature logs); a marketing hub of {} assets, {} how-to videos, Becker Fine Foods' integrations, {} saved shipping addresses and {} support tickets (one resolved, one open).\n\
             Every demo user signs in with the password `{DEMO_PASSWORD}`, e.g. {} or {}.",
            w.leads,
            w.activities,
            w.notes,
            w.touches,
            w.clients,
            w.scripts,
            w.commission_lines,
            w.territories,
            w.allocations,
            w.targets,
            w.satisfaction_scores,
            w.snapshots,
            w.partners,
            w.products,
            w.orders,
            w.assets,
            w.videos,
            w.addresses,
            w.tickets,
            email_of(MANAGERS[0].name),
            email_of(REPS[0].name)
        )
    })
    .map_err(|e| e.to_string())
}

/// The demo catalogue's pictures: one drawn for each product that has none, its bytes put in
/// the media store, then recorded by the first admin (as an upload is). Safe to run twice.
pub fn demo_pictures(db: &Db, media: &crate::media::MediaStore) -> Result<usize, String> {
    use crate::db::schema::{product_images, products};
    use crate::domain::catalogue::images;
    use diesel::prelude::*;

    let bare: Vec<(String, closebook_shared::catalogue::ProductCategory)> = write(db, |c| {
        Ok(products::table
            .filter(diesel::dsl::not(diesel::dsl::exists(
                product_images::table.filter(product_images::product_id.eq(products::id)),
            )))
            .select((products::id, products::category))
            .load(c)?)
    })?;
    let Some(admin) = write(db, crate::seed_demo::first_admin)? else {
        return Ok(0);
    };
    let mut made = 0;
    for (product, category) in bare {
        let png = crate::seed_demo::pictures::product_png(category, 320);
        let facts = images::inspect(Some(closebook_shared::catalogue::ImageType::Png), &png)
            .map_err(|e| e.to_string())?;
        let image = Uuid::now_v7();
        let size = png.len();
        actix_web::rt::System::new()
            .block_on(media.put(&images::storage_key(image), png.into(), "image/png"))
            .map_err(|e| e.to_string())?;
        let product: Uuid = product.parse().map_err(|e| format!("product id: {e}"))?;
        write(db, move |c| {
            let by = crate::seed_demo::admin_caller(c, admin)?;
            images::record(c, &by, product, image, facts, size)
        })?;
        made += 1;
    }
    Ok(made)
}

/// Scale data: `reps` reps in teams of ten, each team with its own manager, all with the demo
/// password. Rows go in by batch inside one transaction per chunk (no per-row audit: this is
/// generated data, and the command itself is the record).
/// Returns the report and the reps' ids.
pub fn scale(db: &Db, reps: usize) -> Result<(String, Vec<String>), String> {
    use crate::db::schema::{teams, users as users_table};
    use crate::db::teams::TeamRow;
    use crate::db::users::UserRow;
    use diesel::prelude::*;

    const FIRST: [&str; 24] = [
        "Ava", "Liam", "Mia", "Noah", "Zoe", "Ethan", "Ivy", "Lucas", "Nora", "Mateo", "Leah",
        "Omar", "Ruth", "Kai", "Sara", "Theo", "Yara", "Jonah", "Elena", "Ravi", "Chloe", "Diego",
        "Amara", "Felix",
    ];
    const LAST: [&str; 20] = [
        "Patel", "Nguyen", "Garcia", "Smith", "Kim", "Okafor", "Rossi", "Müller", "Cohen", "Silva",
        "Haddad", "Novak", "Tanaka", "Brown", "Larsen", "Moreau", "Ali", "Walsh", "Ortiz", "Chen",
    ];
    let mut conn = db.write_conn().map_err(|e| e.to_string())?;
    let hash = password::hash_blocking(DEMO_PASSWORD).map_err(|e| e.to_string())?;
    let run = Uuid::now_v7().simple().to_string();
    let tag = &run[run.len() - 6..];
    let now = crate::time::now();
    let person = |i: usize, role: Role, team: Option<&str>, manager: Option<&str>| {
        let name = format!(
            "{} {}",
            FIRST[i % FIRST.len()],
            LAST[(i / FIRST.len()) % LAST.len()]
        );
        UserRow {
            id: Uuid::now_v7().to_string(),
            email: format!("{}.{i}.{tag}@scale.closebook.local", role.as_str()),
            email_key: format!("{}.{i}.{tag}@scale.closebook.local", role.as_str()),
            name,
            password_hash: hash.clone(),
            role,
            phone: None,
            title: None,
            employee_id: Some(format!("S{i:06}")),
            manager_id: manager.map(str::to_owned),
            team_id: team.map(str::to_owned),
            // Hired two years ago: members of their teams in every month of the scale ledger.
            hire_date: Some(now.date() - chrono::Duration::days(730)),
            base_salary_minor: Some(450_000),
            base_salary_currency: Some("USD".into()),
            time_zone: "UTC".into(),
            active: true,
            must_change_password: false,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    };
    let team_count = reps.div_ceil(10);
    let mut rep_ids = Vec::with_capacity(reps);
    for chunk_start in (0..team_count).step_by(50) {
        let chunk_end = (chunk_start + 50).min(team_count);
        diesel::Connection::transaction(&mut *conn, |c| {
            for t in chunk_start..chunk_end {
                let manager = person(t, Role::SalesManager, None, None);
                diesel::insert_into(users_table::table)
                    .values(&manager)
                    .execute(c)?;
                let team = TeamRow {
                    id: Uuid::now_v7().to_string(),
                    name: format!("Team {t:04} {tag}"),
                    name_key: format!("team {t:04} {tag}"),
                    manager_id: Some(manager.id.clone()),
                    city: None,
                    version: 1,
                    created_at: now,
                    updated_at: now,
                };
                diesel::insert_into(teams::table).values(&team).execute(c)?;
                let members: Vec<UserRow> = (t * 10..((t + 1) * 10).min(reps))
                    .map(|i| person(i, Role::SalesRep, Some(&team.id), Some(&manager.id)))
                    .collect();
                crate::db::batch_insert!(c, users_table::table, &members)?;
                rep_ids.extend(members.iter().map(|m| m.id.clone()));
            }
            Ok::<_, diesel::result::Error>(())
        })
        .map_err(|e| e.to_string())?;
    }
    Ok((
        format!(
            "Seeded {reps} reps and {team_count} managers in {team_count} teams (password `{DEMO_PASSWORD}`)"
        ),
        rep_ids,
    ))
}
