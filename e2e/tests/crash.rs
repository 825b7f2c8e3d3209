//! The crash loop (DESIGN.md §7): lead creations under load, each with its own
//! `Idempotency-Key`, while the built binary is SIGKILLed and restarted on the same database a
//! few times. Afterwards every acknowledged lead is present, none is there twice, and every
//! request cut off mid-flight resolves when retried with its key and body: it either replays the
//! committed answer or runs once. Runs on SQLite, and on PostgreSQL when `TEST_DATABASE_URL`
//! is set (mandatory with `CI=true`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use closebook_e2e::{ADMIN_EMAIL, ADMIN_PASSWORD, Server, run, with_postgres_database};
use serde_json::{Value, json};

const WRITERS: usize = 6;
const KILLS: usize = 4;
const KEYS_PER_WRITER: usize = 1000;

/// What a creation request came to.
enum Outcome {
    Acknowledged(String),
    /// Sent, but the answer never arrived (the server died).
    CutOff,
}

fn body(key: &str) -> Value {
    json!({ "company": format!("Crash {key}"), "source_type": "inbound", "source_channel": "website" })
}

fn create(
    client: &reqwest::blocking::Client,
    base: &str,
    token: &str,
    key: &str,
) -> Result<(u16, Value), String> {
    let res = client
        .post(format!("{base}/api/v1/leads"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(&body(key))
        .send()
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let value = res.json::<Value>().map_err(|e| e.to_string())?;
    Ok((status, value))
}

fn crash_loop(extra_env: &[(&str, &str)]) {
    // The load is one caller's; the per-caller limit is not what is under test.
    let mut env = vec![("CLOSEBOOK_RATE_LIMIT_PER_MINUTE", "0")];
    env.extend_from_slice(extra_env);
    let env = env.as_slice();
    let client = closebook_e2e::client_builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut server = Server::start(env);
    let mut acknowledged: BTreeMap<String, String> = BTreeMap::new();
    let mut next_key = [0usize; WRITERS];
    for round in 0..KILLS {
        let token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let (base, token, stop) = (server.base.clone(), token.clone(), stop.clone());
                let (client, start) = (client.clone(), next_key[w]);
                std::thread::spawn(move || {
                    let mut outcomes = Vec::new();
                    for n in start..KEYS_PER_WRITER {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let key = format!("w{w}-{n:04}");
                        match create(&client, &base, &token, &key) {
                            Ok((201, v)) => outcomes.push((
                                key,
                                Outcome::Acknowledged(v["id"].as_str().unwrap().to_owned()),
                            )),
                            Ok((status, v)) => panic!("{key}: {status} {v}"),
                            Err(_) => {
                                outcomes.push((key, Outcome::CutOff));
                                break;
                            }
                        }
                    }
                    outcomes
                })
            })
            .collect();
        // Let the writers get going, then pull the plug mid-flight.
        std::thread::sleep(Duration::from_millis(400 + 150 * round as u64));
        let dir = server.crash();
        stop.store(true, Ordering::Relaxed);
        let mut cut_off = Vec::new();
        for (w, writer) in writers.into_iter().enumerate() {
            for (key, outcome) in writer.join().expect("writer thread") {
                next_key[w] += 1;
                match outcome {
                    Outcome::Acknowledged(id) => {
                        acknowledged.insert(key, id);
                    }
                    Outcome::CutOff => cut_off.push(key),
                }
            }
        }

        let check = run(dir.path(), &["check"], env);
        assert!(
            check.status.success(),
            "round {round}: {:?} {}{}",
            check.status,
            String::from_utf8_lossy(&check.stdout),
            String::from_utf8_lossy(&check.stderr)
        );
        server = Server::start_in(dir, env);
        let token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        // Every cut-off request resolves on its first retry: no key is stuck "in flight".
        for key in &cut_off {
            let (status, v) = create(&client, &server.base, &token, key).expect("retry");
            assert_eq!(status, 201, "round {round}: retry of {key} answered {v}");
            acknowledged.insert(key.clone(), v["id"].as_str().unwrap().to_owned());
        }
        // And a retry of an acknowledged key replays the same lead.
        if let Some((key, id)) = acknowledged.iter().next() {
            let (status, v) = create(&client, &server.base, &token, key).expect("replay");
            assert_eq!((status, v["id"].as_str()), (201, Some(id.as_str())));
        }
        eprintln!(
            "round {round}: {} acknowledged so far, {} cut off and resolved",
            acknowledged.len(),
            cut_off.len()
        );
    }
    assert!(
        acknowledged.len() >= KILLS * WRITERS,
        "the load ran: {}",
        acknowledged.len()
    );

    // Every acknowledged lead is there, once; nothing else was written.
    let token = server.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{}/api/v1/leads?q=Crash&limit=200", server.base);
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let page: Value = client
            .get(url)
            .bearer_auth(&token)
            .send()
            .unwrap()
            .json()
            .unwrap();
        for lead in page["items"].as_array().unwrap() {
            let company = lead["company"].as_str().unwrap().to_owned();
            *found.entry(company).or_default() += 1;
            ids.insert(lead["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    let doubled: Vec<_> = found.iter().filter(|(_, n)| **n > 1).collect();
    assert!(doubled.is_empty(), "written twice: {doubled:?}");
    for (key, id) in &acknowledged {
        assert_eq!(found.get(&format!("Crash {key}")), Some(&1), "{key} lost");
        assert!(ids.contains(id), "{key}: acknowledged id {id} missing");
    }
    assert_eq!(found.len(), acknowledged.len(), "no lead without a key");
}

#[test]
fn sqlite_survives_kill_9_under_writes() {
    crash_loop(&[]);
}

#[test]
fn postgres_survives_kill_9_under_writes() {
    with_postgres_database("cb_crash", |url| crash_loop(&[("DATABASE_URL", url)]));
}
