//! `invoice create`: inputs, flags, output formats, idempotency, concurrency, crashes.

use crate::common::{DRAFT, TestEnv};
use invoice::store::{Location, Store};
use predicates::prelude::*;
use std::collections::BTreeSet;

/// Runs a store call from a test (the store's interface is async).
fn block_on<F: std::future::Future>(work: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(work)
}

/// The test's store, opened in this process.
fn open(env: &TestEnv) -> Store {
    block_on(Store::open(&Location::Sqlite(env.store()))).unwrap()
}

#[test]
fn creates_from_a_file_and_prints_a_summary() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd()
        .args(["create", "--input"])
        .arg(&draft)
        .assert()
        .code(0)
        .stdout("INV-2026-0001  issued  Globex Ltd  gross 1500.45 EUR  due 1500.45 EUR by 2026-12-27\n")
        .stderr("");
}

#[test]
fn creates_from_flags_with_items_grouped_by_position() {
    let env = TestEnv::new();
    env.write(
        "config/invoice/invoice.toml",
        "[seller]\nname = \"Acme GmbH\"\n[defaults]\ncurrency = \"EUR\"\ntax_rate = 19\n",
    );
    let out = env
        .cmd()
        .args(["create", "--to", "Globex Ltd", "--issue-date", "2026-11-27", "--due", "14d", "--format", "json"])
        .args(["--item", "Consulting", "--qty", "10", "--price", "120.00", "--item", "Travel", "--price", "80.5"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let invoice: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(invoice["number"], "INV-2026-0001");
    assert_eq!(invoice["due_date"], "2026-12-11");
    assert_eq!(invoice["lines"][1]["quantity"], "1");
    assert_eq!(invoice["lines"][1]["net"], "80.50");
    assert_eq!(invoice["totals"]["tax"][0]["rate"], "19");
    assert_eq!(invoice["totals"]["gross"], "1523.80");
    assert_eq!(invoice["seller"]["name"], "Acme GmbH");
}

#[test]
fn flags_override_the_file_and_errors_name_the_flag() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd()
        .args(["create", "--input"])
        .arg(&draft)
        .args(["--currency", "EURO", "--to", "<b>x</b>"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "invoice: error: the draft is not valid (2 problems)\n  \
             /currency: currency `EURO` is not an active ISO 4217 currency code (e.g. EUR, USD, JPY) (from --currency) [invalid_currency]\n  \
             /buyer/name: name contains HTML/XML markup; markup is not allowed in invoice text (use --sanitize to strip it) (from --to) [markup_not_allowed]\n",
        );
    assert!(!env.store().exists() || block_on(open(&env).list(&Default::default())).unwrap().is_empty());
}

#[test]
fn sanitize_strips_markup_and_warns_on_stderr() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd()
        .args(["create", "--sanitize", "--format", "number", "--to", "Globex <b>Ltd</b>", "--input"])
        .arg(&draft)
        .assert()
        .code(0)
        .stdout("INV-2026-0001\n")
        .stderr("invoice: warning: /buyer/name: name: removed HTML/XML markup (sanitize mode) (from --to) [markup_removed]\n");
    env.cmd()
        .args(["show", "INV-2026-0001", "--format", "json"])
        .assert()
        .stdout(predicate::str::contains("\"name\": \"Globex Ltd\""));
}

#[test]
fn dry_run_stores_nothing_and_assigns_no_number() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    env.cmd()
        .args(["create", "--dry-run", "--input"])
        .arg(&draft)
        .assert()
        .code(0)
        .stdout("(draft, not stored)  draft  Globex Ltd  gross 1500.45 EUR  due 1500.45 EUR by 2026-12-27\n");
    assert!(!env.store().exists());
    env.cmd().args(["create", "--dry-run", "--format", "number", "--input"]).arg(&draft).assert().code(2);
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::new();
    env.cmd().args(["create", "--item", "x"]).assert().code(2).stderr(predicate::str::contains("has no --price"));
    env.cmd().args(["create", "--qty", "1", "--item", "x", "--price", "1"]).assert().code(2);
    env.cmd().args(["create", "--tax", "abc"]).assert().code(2);
    env.cmd().args(["create", "--render", "html"]).assert().code(2);
    env.cmd().args(["create", "--bogus"]).assert().code(2);
    env.cmd().args(["create", "--input", "missing.json"]).assert().code(3);
}

#[test]
fn a_retried_create_with_the_same_idempotency_key_returns_the_first_invoice() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    for _ in 0..2 {
        env.cmd()
            .args(["create", "--idempotency-key", "order-17", "--format", "number", "--input"])
            .arg(&draft)
            .assert()
            .code(0)
            .stdout("INV-2026-0001\n");
    }
    env.cmd()
        .args(["create", "--idempotency-key", "order-17", "--note", "different", "--input"])
        .arg(&draft)
        .assert()
        .code(4)
        .stderr("invoice: error: idempotency key `order-17` was already used for a different draft (invoice INV-2026-0001)\n");
    let stored = block_on(open(&env).list(&Default::default())).unwrap();
    assert_eq!(stored.len(), 1);
}

#[test]
fn renders_html_next_to_the_create() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    let out = env.path().join("out/inv.html");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    env.cmd().args(["create", "--render", "html", "--out"]).arg(&out).arg("--input").arg(&draft).assert().code(0);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("INV-2026-0001"));
    assert!(html.contains("Globex Ltd"));
}

fn create_number(env: &TestEnv, draft: &std::path::Path) -> String {
    let out = env.cmd().args(["create", "--format", "number", "--input"]).arg(draft).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn eight_concurrent_processes_get_gapless_unique_numbers() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    // Create the store first so the processes race on numbering, not on the migration.
    open(&env);
    let numbers: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            (0..8).map(|_| scope.spawn(|| (0..50).map(|_| create_number(&env, &draft)).collect::<Vec<_>>())).collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    let unique: BTreeSet<&String> = numbers.iter().collect();
    let expected: BTreeSet<String> = (1..=400).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(numbers.len(), 400);
    assert_eq!(unique.into_iter().cloned().collect::<BTreeSet<_>>(), expected);
}

#[cfg(unix)]
#[test]
fn kill_9_in_the_middle_of_creates_loses_nothing_that_was_printed() {
    use std::process::{Command, Stdio};
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    open(&env);
    let mut printed = Vec::new();
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    for round in 0..30u32 {
        let mut child = Command::new(crate::common::INVOICE)
            .env_clear()
            .env("INVOICE_STORE", env.store())
            .env("XDG_CONFIG_HOME", env.path().join("config"))
            .args(["create", "--format", "number", "--input"])
            .arg(&draft)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A pseudo-random moment between 0 and ~12 ms: before, during or after the commit.
        let delay = (seed.wrapping_mul(round + 1).wrapping_mul(2_654_435_761) >> 7) % 12_000;
        std::thread::sleep(std::time::Duration::from_micros(u64::from(delay)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        let number = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if !number.is_empty() {
            printed.push(number);
        }
        if round % 3 == 0 {
            printed.push(create_number(&env, &draft)); // an undisturbed create in between
        }
    }
    let store = open(&env);
    block_on(store.integrity_check()).unwrap();
    let stored: Vec<String> =
        block_on(store.list(&Default::default())).unwrap().into_iter().map(|i| i.number.unwrap()).collect();
    let expected: Vec<String> = (1..=stored.len()).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(stored, expected, "numbers must be gapless");
    for number in &printed {
        assert!(stored.contains(number), "{number} was printed but is not in the store");
    }
}

/// Regression (found while building the daemon): a second `Store::open` in one process
/// used to open and close the database file, which silently dropped the process's SQLite
/// locks; another process finishing then checkpointed and deleted the WAL under the first
/// connection, whose later commits went to a deleted file and were lost.
#[test]
fn a_second_open_in_one_process_does_not_let_another_process_delete_the_wal() {
    let env = TestEnv::new();
    let draft = env.write("draft.json", DRAFT);
    create_number(&env, &draft);
    let first = open(&env);
    drop(open(&env));
    env.cmd().args(["list", "--format", "csv"]).assert().code(0); // another process comes and goes
    let parsed = invoice::invoice::parse::parse_draft(DRAFT.as_bytes(), Default::default());
    let defaults = invoice::invoice::Defaults::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let actor = invoice::store::Actor::cli("tester");
    block_on(invoice::ops::create(&first, parsed, &defaults, "{series}-{year}-{seq:04}".into(), today, None, &actor))
        .unwrap();
    // A fresh process must see the commit made through the first connection.
    env.cmd().args(["show", "INV-2026-0002", "--format", "json"]).assert().code(0);
}
