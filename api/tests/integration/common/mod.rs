//! Test harness: each test gets the whole application (`build_app`) on a fresh database —
//! SQLite always, PostgreSQL too when `TEST_DATABASE_URL` is set (mandatory when `CI=true`).
#![allow(dead_code)]

use std::rc::Rc;
use std::sync::OnceLock;

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode, header};
use actix_web::test::TestRequest;
use actix_web::{HttpMessage, web};
use closebook_api::app::AppState;
use closebook_api::audit::Actor;
use closebook_api::auth::jwt::JwtKeys;
use closebook_api::db::{DatabaseUrl, Db};
use closebook_api::media::{LocalStore, MediaStore};
use closebook_shared::Role;
use closebook_shared::teams::CreateTeamRequest;
use closebook_shared::users::CreateUserRequest;
use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use futures_util::future::LocalBoxFuture;
use serde_json::Value;
use uuid::Uuid;

pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123456789";
pub const PASSWORD: &str = "fixture-password-1";

/// Runs each listed `async fn name(app: TestApp)` on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[actix_web::test] async fn $name() { super::$name($crate::common::TestApp::sqlite().await).await; } )*
        }
        mod postgres {
            $( #[actix_web::test] async fn $name() {
                if let Some(app) = $crate::common::TestApp::postgres().await { super::$name(app).await; }
            } )*
        }
    };
}

type Call = Rc<dyn Fn(actix_http::Request) -> LocalBoxFuture<'static, ServiceResponse<BoxBody>>>;

pub struct TestApp {
    call: Call,
    pub state: web::Data<AppState>,
    _guard: DbGuard,
    /// The directory of the app's media store (uploaded images), removed with the app.
    _media: Rc<tempfile::TempDir>,
}

enum DbGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self
            && let Ok(mut c) = PgConnection::establish(admin_url)
        {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

/// `postgres://host/db` → the same server with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(s, _)| s);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

impl TestApp {
    pub async fn sqlite() -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = DatabaseUrl::Sqlite(dir.path().join("test.db"));
        Self::start(url, DbGuard::Sqlite(dir)).await
    }

    /// `None` (test skipped) only outside CI when no PostgreSQL is configured.
    pub async fn postgres() -> Option<TestApp> {
        let Ok(admin_url) = std::env::var("TEST_DATABASE_URL") else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true requires TEST_DATABASE_URL: the PostgreSQL run is mandatory in CI"
            );
            return None;
        };
        let name = format!("cb_test_{}", Uuid::now_v7().simple());
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("TEST_DATABASE_URL unreachable: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("create test database");
        let url = DatabaseUrl::Postgres(with_database(&admin_url, &name));
        Some(Self::start(url, DbGuard::Postgres { admin_url, name }).await)
    }

    async fn start(url: DatabaseUrl, guard: DbGuard) -> TestApp {
        let db = Db::connect(&url, 4).expect("connect test database");
        let media = Rc::new(tempfile::tempdir().expect("media dir"));
        let store = MediaStore::Local(LocalStore::new(media.path()));
        let state = web::Data::new(AppState::new(db, JwtKeys::new(SECRET, 900), store));
        Self::with_state(state, guard, media).await
    }

    async fn with_state(
        state: web::Data<AppState>,
        guard: DbGuard,
        media: Rc<tempfile::TempDir>,
    ) -> TestApp {
        let svc = Rc::new(
            actix_web::test::init_service(closebook_api::build_app(state.clone(), None)).await,
        );
        let call: Call = Rc::new(move |req| {
            let svc = svc.clone();
            Box::pin(async move {
                match svc.call(req).await {
                    Ok(res) => res.map_into_boxed_body(),
                    Err(e) => panic!("service error escaped as Err: {e}"),
                }
            })
        });
        TestApp {
            call,
            state,
            _guard: guard,
            _media: media,
        }
    }

    /// Changes settings that `AppState::new` defaults (rate limits, throttles) for one test.
    pub async fn reconfigure(self, f: impl FnOnce(&mut AppState)) -> TestApp {
        let TestApp {
            state,
            _guard,
            _media,
            ..
        } = self;
        let mut owned = AppState::new(
            state.db.clone(),
            JwtKeys::new(SECRET, 900),
            state.media.clone(),
        );
        f(&mut owned);
        Self::with_state(web::Data::new(owned), _guard, _media).await
    }

    /// Runs one SQL statement written for both backends (a test dating a row back, say).
    pub async fn sql(&self, statement: String) {
        use diesel::RunQueryDsl;
        self.state
            .db
            .write(move |c| {
                diesel::sql_query(statement).execute(c)?;
                Ok(())
            })
            .await
            .unwrap();
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn is_postgres(&self) -> bool {
        self.db().url().is_postgres()
    }

    pub fn req(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            inner: TestRequest::default().method(method).uri(path),
        }
    }

    pub fn get(&self, path: &str) -> Req<'_> {
        self.req(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Req<'_> {
        self.req(Method::POST, path)
    }

    pub fn patch(&self, path: &str) -> Req<'_> {
        self.req(Method::PATCH, path)
    }

    pub fn put(&self, path: &str) -> Req<'_> {
        self.req(Method::PUT, path)
    }

    pub fn delete(&self, path: &str) -> Req<'_> {
        self.req(Method::DELETE, path)
    }

    /// A user made directly in the database (fast), with password [`PASSWORD`].
    pub async fn user(&self, role: Role, team: Option<Uuid>, manager: Option<Uuid>) -> TestUser {
        let n = Uuid::now_v7().simple().to_string();
        let email = format!("{}-{}@example.com", role.as_str(), &n[n.len() - 10..]);
        let req = CreateUserRequest {
            email: email.clone(),
            name: format!("{} {}", role.label(), &n[n.len() - 6..]),
            role,
            password: PASSWORD.into(),
            must_change_password: Some(false),
            phone: None,
            title: None,
            employee_id: None,
            manager_id: manager,
            team_id: team,
            hire_date: None,
            base_salary: None,
            time_zone: None,
        };
        let hash = fixture_hash().to_owned();
        let user = self
            .db()
            .write(move |c| closebook_api::domain::users::create(c, &Actor::system(), req, hash))
            .await
            .expect("create fixture user");
        let token = self.state.jwt.issue(user.id, role).expect("token");
        TestUser {
            id: user.id,
            email,
            role,
            token,
        }
    }

    pub async fn admin(&self) -> TestUser {
        self.user(Role::Admin, None, None).await
    }

    /// Puts `rep` on a plan (USD, the default rules, from 2020) with this monthly quota, as
    /// finance does it.
    pub async fn quota(&self, rep: Uuid, monthly: &str) {
        let finance = self.user(Role::Finance, None, None).await;
        let plan = self
            .post("/api/v1/compensation-plans")
            .auth(&finance)
            .json(&serde_json::json!({ "name": format!("Plan of {rep}"), "currency": "USD", "effective_from": "2020-01-01",
                "rules": closebook_shared::commissions::plan::PlanRules::default() }))
            .send()
            .await
            .expect(201)
            .id();
        self.post(&format!("/api/v1/users/{rep}/plan-assignments"))
            .auth(&finance)
            .json(
                &serde_json::json!({ "plan_id": plan, "effective_from": "2020-01-01",
                "monthly_quota": { "amount": monthly, "currency": "USD" } }),
            )
            .send()
            .await
            .expect(201);
    }

    /// A user of the partner account `account`, made by `admin` through the API, signed in.
    pub async fn partner_user(&self, admin: &TestUser, account: &str, email: &str) -> TestUser {
        let made = self
            .post(&format!("/api/v1/partners/{account}/users"))
            .auth(admin)
            .json(&serde_json::json!({ "email": email, "name": "Pat Becker", "password": "partner-password-1" }))
            .send()
            .await
            .expect(201);
        assert_eq!(made.body["role"], "partner");
        let id: Uuid = made.id().parse().expect("user id");
        TestUser {
            id,
            email: email.to_owned(),
            role: Role::Partner,
            token: self.state.jwt.issue(id, Role::Partner).expect("token"),
        }
    }

    /// `rep`'s application for `name`, approved by `admin` on `approval` (tier, credit, terms),
    /// and its user `email`: the account's id and the user.
    pub async fn approved_partner(
        &self,
        admin: &TestUser,
        rep: &TestUser,
        name: &str,
        approval: serde_json::Value,
        email: &str,
    ) -> (String, TestUser) {
        let id = self
            .post("/api/v1/partners")
            .auth(rep)
            .json(&partner_application(name))
            .send()
            .await
            .expect(201)
            .id();
        self.post(&format!("/api/v1/partners/{id}/approve"))
            .auth(admin)
            .json(&approval)
            .send()
            .await
            .expect(200);
        let user = self.partner_user(admin, &id, email).await;
        (id, user)
    }

    /// The actions the audit log holds for one record, as `admin` reads them.
    pub async fn audit_actions(
        &self,
        admin: &TestUser,
        entity_type: &str,
        id: &str,
    ) -> Vec<String> {
        self.get(&format!(
            "/api/v1/audit?entity_type={entity_type}&entity_id={id}"
        ))
        .auth(admin)
        .send()
        .await
        .expect(200)
        .body["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["action"].as_str().map(str::to_owned))
            .collect()
    }

    pub async fn team(&self, name: &str, manager: Option<Uuid>) -> Uuid {
        let req = CreateTeamRequest {
            name: name.into(),
            manager_id: manager,
            city: Some("Chicago".into()),
        };
        self.db()
            .write(move |c| closebook_api::domain::teams::create(c, &Actor::system(), req))
            .await
            .expect("create fixture team")
            .id
    }
}

fn fixture_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| closebook_api::auth::password::hash_blocking(PASSWORD).expect("hash"))
}

#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub token: String,
}

pub struct Req<'a> {
    app: &'a TestApp,
    inner: TestRequest,
}

impl Req<'_> {
    pub fn auth(mut self, user: &TestUser) -> Self {
        self.inner = self
            .inner
            .insert_header((header::AUTHORIZATION, format!("Bearer {}", user.token)));
        self
    }

    pub fn bearer(mut self, token: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.inner = self
            .inner
            .insert_header((name.to_owned(), value.to_owned()));
        self
    }

    pub fn json(mut self, body: &Value) -> Self {
        self.inner = self
            .inner
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body.to_string());
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<actix_web::web::Bytes>) -> Self {
        self.inner = self
            .inner
            .insert_header((header::CONTENT_TYPE, content_type.to_owned()))
            .set_payload(body.into());
        self
    }

    pub fn peer(mut self, addr: &str) -> Self {
        self.inner = self.inner.peer_addr(addr.parse().expect("socket addr"));
        self
    }

    pub async fn send(self) -> Res {
        let mut req = self.inner.to_request();
        // Every authenticated POST carries an Idempotency-Key unless the test sets its own, so
        // every handler is exercised on the path that records the key in its transaction (a
        // debug assertion in the middleware catches a handler that does not).
        if req.method() == Method::POST
            && req.headers().contains_key(header::AUTHORIZATION)
            && !req.headers().contains_key("idempotency-key")
        {
            req.headers_mut().insert(
                header::HeaderName::from_static("idempotency-key"),
                header::HeaderValue::from_str(&format!("auto-{}", Uuid::now_v7()))
                    .expect("header value"),
            );
        }
        let res = (self.app.call)(req).await;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = actix_web::body::to_bytes(res.into_body())
            .await
            .unwrap_or_default();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Res {
            status,
            headers,
            body,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }
}

#[derive(Debug)]
pub struct Res {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Value,
    pub text: String,
    /// The body as sent (an image, a PDF).
    pub bytes: actix_web::web::Bytes,
}

impl Res {
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// Asserts a problem response with this code, returning it.
    #[track_caller]
    pub fn problem(self, status: u16, code: &str) -> Self {
        let this = self.expect(status);
        assert_eq!(
            this.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json"),
            "problems are application/problem+json"
        );
        assert_eq!(this.body["code"], code, "body: {}", this.text);
        assert_eq!(this.body["status"], status);
        this
    }

    /// The field names of a validation problem.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["field"].as_str().map(str::to_owned))
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `id` of the record the body holds (a create's answer).
    #[track_caller]
    pub fn id(&self) -> String {
        self.body["id"]
            .as_str()
            .expect("the body has an id")
            .to_owned()
    }
}

/// A UTC timestamp as an SQL literal both backends read.
pub fn sql_time(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S%.6f").to_string()
}

/// An application for a partner account named `name` (a café in Chicago whose contact is Tom
/// Becker), as a rep sends it.
/// An amount in US dollars, as the API writes money.
pub fn usd(amount: &str) -> serde_json::Value {
    serde_json::json!({ "amount": amount, "currency": "USD" })
}

pub fn partner_application(name: &str) -> serde_json::Value {
    serde_json::json!({
        "business_name": name,
        "business_type": "cafe",
        "tax_id": "12-3456789",
        "contact_name": "Tom Becker",
        "email": "tom@becker.example",
        "phone": "+1 (312) 555-0199",
        "website": "https://becker.example",
        "address": { "line1": "100 W Lake St", "line2": "Dock 4", "city": "Chicago",
                     "region": "IL", "postal_code": "60601", "country": "US" }
    })
}
