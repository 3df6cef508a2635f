//! Customers and recurring invoices (SPEC 14): `create`'s buyer flags, `customer`,
//! `create --customer`, `recurring`.

use crate::common::TestEnv;
use serde_json::Value;
use std::collections::BTreeSet;

const SELLER_CONFIG: &str = "[seller]\nname = \"Acme GmbH\"\nvat_id = \"DE123456789\"\n\
    [defaults]\ncurrency = \"EUR\"\ntax_rate = 19\n";

/// issue 24: `create` had no flags for the buyer's city, postal code, street, VAT id or
/// electronic address, so a flag-only workflow could not produce a valid XRechnung.
#[test]
fn create_takes_every_buyer_field_an_xrechnung_needs_from_flags() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", SELLER_CONFIG);
    let out = env
        .cmd()
        .args(["create", "--to", "Bundesamt XYZ", "--to-address-line", "Platz 1", "--to-address-line", "Haus B"])
        .args(["--to-city", "Bonn", "--to-postal-code", "53113", "--to-country", "DE", "--to-vat-id", "DE987654321"])
        .args(["--to-electronic-address", "0204:991-12345-67", "--buyer-reference", "991-12345-67"])
        .args(["--issue-date", "2026-11-27", "--item", "Beratung", "--price", "100", "--format", "json", "--dry-run"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let invoice: Value = serde_json::from_slice(&out).unwrap();
    let buyer = &invoice["buyer"];
    assert_eq!(buyer["address"]["lines"], serde_json::json!(["Platz 1", "Haus B"]));
    assert_eq!(buyer["address"]["city"], "Bonn");
    assert_eq!(buyer["address"]["postal_code"], "53113");
    assert_eq!(buyer["vat_id"], "DE987654321");
    assert_eq!(buyer["electronic_address"], serde_json::json!({"scheme": "0204", "id": "991-12345-67"}));
}

#[test]
fn the_buyer_flags_get_the_drafts_checks_and_name_the_flag() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", SELLER_CONFIG);
    env.cmd()
        .args(["create", "--to", "X", "--to-electronic-address", "9999:x", "--to-city", "<i>Bonn</i>"])
        .args(["--to-address-line", "1", "--to-address-line", "2", "--to-address-line", "3", "--to-address-line", "4"])
        .args(["--item", "A", "--price", "1", "--dry-run"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "invoice: error: the draft is not valid (3 problems)\n  \
             /buyer/address/lines: lines has 4 entries; at most 3 are allowed (from --to-address-line) [too_many]\n  \
             /buyer/address/city: city contains HTML/XML markup; markup is not allowed in invoice text (use --sanitize to strip it) (from --to-city) [markup_not_allowed]\n  \
             /buyer/electronic_address/scheme: scheme `9999` is not a code of the CEF EAS list (EM e-mail, 0088 GLN, 0204 Leitweg-ID, 9930 German VAT, 0208 Belgian enterprise number, ...) (from --to-electronic-address) [invalid_value]\n",
        );
    env.cmd()
        .args(["create", "--to", "X", "--to-electronic-address", "991-12345-67", "--item", "A", "--price", "1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "invoice: error: --to-electronic-address `991-12345-67`: give SCHEME:ID, e.g. 0204:991-12345-67 (Leitweg-ID) or EM:ap@example.org\n",
        );
}

#[test]
fn the_schema_documents_the_customer_field() {
    let env = TestEnv::new();
    let out = env.cmd().arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let customer = &schema["properties"]["customer"];
    assert!(customer["description"].as_str().unwrap().contains("customer"), "{customer}");
    assert_eq!(customer["pattern"], "^[a-z0-9][a-z0-9._-]{0,63}$", "{customer}");
}

/// The XRechnung seller: everything KoSIT asks of a seller, once, in the config file.
const XRECHNUNG_CONFIG: &str = r#"[seller]
name = "Acme GmbH"
vat_id = "DE123456789"
contact_name = "Accounts receivable"
email = "billing@acme.example"
phone = "+49 30 1234567"
electronic_address = { scheme = "EM", id = "billing@acme.example" }
address = { lines = ["Hauptstr. 1"], city = "Berlin", postal_code = "10115", country = "DE" }

[payment]
means = "sepa_credit_transfer"
iban = "DE89 3704 0044 0532 0130 00"
bic = "COBADEFFXXX"

[defaults]
tax_rate = 19
"#;

/// `customer add bund-xyz …` with the flags of an authority that wants XRechnung.
const BUND_XYZ: &[&str] = &[
    "customer",
    "add",
    "bund-xyz",
    "--name",
    "Bundesamt für Beispiele",
    "--email",
    "rechnung@bund.example",
    "--address-line",
    "Amtsweg 5",
    "--city",
    "Bonn",
    "--postal-code",
    "53113",
    "--country",
    "DE",
    "--electronic-address",
    "0204:04011000-12345-03",
    "--buyer-reference",
    "04011000-12345-03",
    "--language",
    "de",
    "--currency",
    "EUR",
    "--payment-terms-days",
    "14",
    "--einvoice-profile",
    "xrechnung",
];

/// Runs `invoice ARGS` on `store`, expecting exit `code`; returns stdout.
fn run(env: &TestEnv, store: &str, args: &[&str], code: i32) -> String {
    let out = env.cmd().env("INVOICE_STORE", store).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "invoice {args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

fn run_json(env: &TestEnv, store: &str, args: &[&str]) -> Value {
    serde_json::from_str(&run(env, store, args, 0)).unwrap()
}

/// The numbers `invoice list ARGS --format json` prints, in its order.
fn numbers(env: &TestEnv, store: &str, args: &[&str]) -> Vec<String> {
    let list = run_json(env, store, &[&["list", "--format", "json"], args].concat());
    list.as_array().unwrap().iter().map(|row| row["number"].as_str().unwrap().to_owned()).collect()
}

/// Every step of SPEC 14.1 on one store (SQLite here, PostgreSQL in `postgres.rs`).
pub(crate) fn customers_on(env: &TestEnv, store: &str) {
    env.write("config/invoice/invoice.toml", XRECHNUNG_CONFIG);
    run(env, store, BUND_XYZ, 0);
    let shown = run_json(env, store, &["customer", "show", "bund-xyz", "--format", "json"]);
    assert_eq!(
        shown,
        serde_json::json!({
            "id": "bund-xyz", "name": "Bundesamt für Beispiele", "email": "rechnung@bund.example",
            "address": {"lines": ["Amtsweg 5"], "city": "Bonn", "postal_code": "53113", "country": "DE"},
            "electronic_address": {"scheme": "0204", "id": "04011000-12345-03"},
            "buyer_reference": "04011000-12345-03", "language": "de", "currency": "EUR",
            "payment_terms_days": 14, "einvoice_profile": "xrechnung", "archived": false
        })
    );
    // The ID is unique.
    let out = env.cmd().env("INVOICE_STORE", store).args(BUND_XYZ).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "invoice: error: customer bund-xyz already exists\n");

    // create --customer fills the buyer and the customer's defaults.
    let invoice = run_json(
        env,
        store,
        &[
            "create",
            "--customer",
            "bund-xyz",
            "--issue-date",
            "2026-11-02",
            "--item",
            "Beratung",
            "--price",
            "100",
            "--format",
            "json",
        ],
    );
    let number = invoice["number"].as_str().unwrap().to_owned();
    assert_eq!(invoice["buyer"]["name"], "Bundesamt für Beispiele");
    assert_eq!(invoice["buyer"]["address"]["city"], "Bonn");
    assert_eq!(invoice["buyer_reference"], "04011000-12345-03");
    assert_eq!(invoice["language"], "de");
    assert_eq!(invoice["due_date"], "2026-11-16", "the customer's 14 days");
    assert_eq!(invoice["customer"], "bund-xyz");
    // Flags beat the customer.
    let flagged = run_json(
        env,
        store,
        &[
            "create",
            "--customer",
            "bund-xyz",
            "--issue-date",
            "2026-11-02",
            "--lang",
            "en",
            "--due",
            "7d",
            "--to-city",
            "Köln",
            "--item",
            "Beratung",
            "--price",
            "100",
            "--format",
            "json",
            "--dry-run",
        ],
    );
    assert_eq!((flagged["language"].as_str(), flagged["due_date"].as_str()), (None, Some("2026-11-09")));
    assert_eq!(flagged["buyer"]["address"]["city"], "Köln");
    assert_eq!(flagged["buyer"]["address"]["postal_code"], "53113");

    // Editing the customer never changes the issued invoice.
    run(env, store, &["customer", "edit", "bund-xyz", "--city", "Berlin", "--postal-code", "10117"], 0);
    let edited = run_json(env, store, &["customer", "show", "bund-xyz", "--format", "json"]);
    assert_eq!(edited["address"]["city"], "Berlin");
    assert_eq!(edited["address"]["lines"], serde_json::json!(["Amtsweg 5"]), "an edit changes only what it names");
    let kept = run_json(env, store, &["show", &number, "--format", "json"]);
    assert_eq!(kept["buyer"]["address"]["city"], "Bonn");
    // A bad edit names the flag and changes nothing.
    let out = env
        .cmd()
        .env("INVOICE_STORE", store)
        .args(["customer", "edit", "bund-xyz", "--email", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "invoice: error: the draft is not valid (1 problem)\n  /email: `nope` is not an e-mail address (from --email) [invalid_email]\n"
    );

    // list --customer.
    run(
        env,
        store,
        &["create", "--to", "Other", "--issue-date", "2026-11-02", "--currency", "EUR", "--item", "X", "--price", "1"],
        0,
    );
    assert_eq!(numbers(env, store, &["--customer", "bund-xyz"]), std::slice::from_ref(&number));

    // With invoices it cannot be deleted, only archived; then create refuses it.
    let out = env.cmd().env("INVOICE_STORE", store).args(["customer", "delete", "bund-xyz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "invoice: error: customer bund-xyz has 1 invoice(s) and 0 schedule(s); it cannot be deleted, archive it instead (`invoice customer archive bund-xyz`)\n"
    );
    run(env, store, &["customer", "archive", "bund-xyz"], 0);
    let out = env
        .cmd()
        .env("INVOICE_STORE", store)
        .args(["create", "--customer", "bund-xyz", "--item", "Beratung", "--price", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "invoice: error: the draft is not valid (1 problem)\n  /customer: customer `bund-xyz` is archived; it cannot be invoiced any more (from --customer) [invalid_value]\n"
    );
    assert_eq!(run(env, store, &["customer", "list"], 0), "");
    assert!(run(env, store, &["customer", "list", "--all"], 0).contains("bund-xyz"));
    // A customer without invoices can be deleted.
    run(env, store, &["customer", "add", "tmp", "--name", "Temp"], 0);
    run(env, store, &["customer", "delete", "tmp"], 0);
    run(env, store, &["customer", "show", "tmp"], 3);

    // Every change is audited.
    let audit = run(env, store, &["audit"], 0);
    for action in ["customer_add", "customer_edit", "customer_archive", "customer_delete"] {
        assert!(audit.contains(action), "{action} missing from the audit log:\n{audit}");
    }
}

#[test]
fn customers_on_sqlite() {
    let env = TestEnv::new();
    customers_on(&env, env.store().to_str().unwrap());
}

const RETAINER: &str = r#"{
  "lines": [{"description": "Retainer {period}", "quantity": 1, "unit": "MON", "unit_price": "1000"}],
  "notes": "Leistungszeitraum: {month} {year}"
}"#;

/// SPEC 14.2 on one store: a monthly schedule caught up, idempotent, paused, ended, and a
/// broken template that stops only its own schedule.
pub(crate) fn recurring_on(env: &TestEnv, store: &str) {
    env.write("config/invoice/invoice.toml", XRECHNUNG_CONFIG);
    let template = env.write("retainer.json", RETAINER);
    let template = template.to_str().unwrap();
    run(env, store, BUND_XYZ, 0);
    run(
        env,
        store,
        &["customer", "add", "acme-uk", "--name", "Acme UK Ltd", "--country", "GB", "--currency", "GBP"],
        0,
    );
    run(
        env,
        store,
        &[
            "recurring",
            "add",
            "bund-retainer",
            "--customer",
            "bund-xyz",
            "--every",
            "month",
            "--day",
            "1",
            "--start",
            "2026-01-01",
            "--input",
            template,
        ],
        0,
    );
    run(
        env,
        store,
        &[
            "recurring",
            "add",
            "uk-quarterly",
            "--customer",
            "acme-uk",
            "--every",
            "quarter",
            "--day",
            "31",
            "--start",
            "2026-03-01",
            "--input",
            template,
        ],
        0,
    );

    // A dry run says what is due and issues nothing.
    let dry = run(env, store, &["recurring", "run", "--as-of", "2026-03-31", "--dry-run"], 0);
    assert_eq!(
        dry,
        "due     bund-retainer  2026-01-01\ndue     bund-retainer  2026-02-01\ndue     bund-retainer  2026-03-01\ndue     uk-quarterly  2026-03-31\n"
    );
    assert_eq!(numbers(env, store, &[]), Vec::<String>::new());

    // The missed months are caught up, oldest first, each dated on its own day.
    let first = run(env, store, &["recurring", "run", "--as-of", "2026-03-31"], 0);
    assert_eq!(
        first,
        "issued  bund-retainer  2026-01-01  INV-2026-0001\nissued  bund-retainer  2026-02-01  INV-2026-0002\n\
         issued  bund-retainer  2026-03-01  INV-2026-0003\nissued  uk-quarterly  2026-03-31  INV-2026-0004\n"
    );
    let march = run_json(env, store, &["show", "INV-2026-0003", "--format", "json"]);
    assert_eq!(march["issue_date"], "2026-03-01");
    assert_eq!(march["period"], serde_json::json!({"start": "2026-03-01", "end": "2026-03-31"}));
    assert_eq!(march["lines"][0]["description"], "Retainer März 2026", "German, the customer's language");
    assert_eq!(march["notes"], "Leistungszeitraum: März 2026");
    assert_eq!(march["due_date"], "2026-03-15");
    let quarter = run_json(env, store, &["show", "INV-2026-0004", "--format", "json"]);
    assert_eq!(quarter["lines"][0]["description"], "Retainer Q1 2026");
    assert_eq!(quarter["currency"], "GBP");
    // Idempotent: the same run again issues nothing.
    assert_eq!(run(env, store, &["recurring", "run", "--as-of", "2026-03-31"], 0), "");
    let shown = run(env, store, &["recurring", "show", "bund-retainer"], 0);
    assert!(shown.contains("  2026-02-01  INV-2026-0002\n"), "{shown}");

    // Paused: skipped, and what fell while paused is not caught up after resuming.
    run(env, store, &["recurring", "pause", "uk-quarterly"], 0);
    assert_eq!(
        run(env, store, &["recurring", "run", "--as-of", "2026-04-01"], 0),
        "issued  bund-retainer  2026-04-01  INV-2026-0005\n"
    );

    // A template that no longer validates (its customer archived) stops that schedule
    // only, naming it; the others are issued; exit 1.
    run(
        env,
        store,
        &[
            "recurring",
            "add",
            "uk-monthly",
            "--customer",
            "acme-uk",
            "--every",
            "month",
            "--start",
            "2026-05-01",
            "--input",
            template,
        ],
        0,
    );
    run(env, store, &["customer", "archive", "bund-xyz"], 0);
    let out =
        env.cmd().env("INVOICE_STORE", store).args(["recurring", "run", "--as-of", "2026-06-30"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "issued  uk-monthly  2026-05-01  INV-2026-0006\nissued  uk-monthly  2026-06-01  INV-2026-0007\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "invoice: error: schedule bund-retainer stopped at its occurrence of 2026-05-01: the draft is not valid (1 problem)\n  \
         /customer: customer `bund-xyz` is archived; it cannot be invoiced any more [invalid_value]\n"
    );
    // Paused and resumed today: what fell while paused is not caught up.
    run(env, store, &["recurring", "pause", "uk-quarterly"], 0);
    run(env, store, &["recurring", "resume", "uk-quarterly"], 0);
    run(env, store, &["recurring", "end", "uk-monthly", "--on", "2026-06-30"], 0);
    assert_eq!(run(env, store, &["recurring", "run", "--as-of", "2026-09-30"], 1), "");
    let audit = run(env, store, &["audit"], 0);
    for action in ["schedule_add", "schedule_change"] {
        assert!(audit.contains(action), "{action} missing from the audit log:\n{audit}");
    }
}

#[test]
fn recurring_on_sqlite() {
    let env = TestEnv::new();
    recurring_on(&env, env.store().to_str().unwrap());
}

/// Two `recurring run` processes at once over 20 monthly schedules × 12 months: each
/// occurrence is issued exactly once, the numbers are gapless, and each process reports
/// only what it issued.
pub(crate) fn two_runs_at_once_on(env: &TestEnv, store: &str) {
    env.write("config/invoice/invoice.toml", XRECHNUNG_CONFIG);
    let template = env.write("retainer.json", RETAINER);
    run(env, store, BUND_XYZ, 0);
    for n in 0..20 {
        let id = format!("s{n:02}");
        run(
            env,
            store,
            &[
                "recurring",
                "add",
                &id,
                "--customer",
                "bund-xyz",
                "--every",
                "month",
                "--start",
                "2026-01-01",
                "--input",
                template.to_str().unwrap(),
            ],
            0,
        );
    }
    let outputs: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| run(env, store, &["recurring", "run", "--as-of", "2026-12-01"], 0)))
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let issued: Vec<(String, String)> = outputs
        .iter()
        .flat_map(|out| out.lines())
        .map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(fields[0], "issued", "{line}");
            (format!("{} {}", fields[1], fields[2]), fields[3].to_owned())
        })
        .collect();
    assert_eq!(issued.len(), 240, "each occurrence reported once in all");
    let occurrences: BTreeSet<&String> = issued.iter().map(|(o, _)| o).collect();
    assert_eq!(occurrences.len(), 240, "no occurrence issued twice");
    let numbers: BTreeSet<String> = numbers(env, store, &[]).into_iter().collect();
    let expected: BTreeSet<String> = (1..=240).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(numbers, expected, "gapless");
    assert_eq!(issued.iter().map(|(_, n)| n.clone()).collect::<BTreeSet<_>>(), expected);
    // A third run finds nothing to do; `store check` finds nothing wrong.
    assert_eq!(run(env, store, &["recurring", "run", "--as-of", "2026-12-01"], 0), "");
    run(env, store, &["store", "check"], 0);
}

#[test]
fn two_recurring_runs_at_once_on_sqlite_issue_each_occurrence_once() {
    let env = TestEnv::new();
    two_runs_at_once_on(&env, env.store().to_str().unwrap());
}

/// `store copy` takes the customers, schedules and occurrences along; the copy then
/// refuses to issue an occurrence again.
#[test]
fn store_copy_carries_customers_schedules_and_occurrences() {
    let env = TestEnv::new();
    let store = env.store();
    let store = store.to_str().unwrap();
    env.write("config/invoice/invoice.toml", XRECHNUNG_CONFIG);
    let template = env.write("retainer.json", RETAINER);
    run(&env, store, BUND_XYZ, 0);
    run(
        &env,
        store,
        &[
            "recurring",
            "add",
            "r",
            "--customer",
            "bund-xyz",
            "--every",
            "month",
            "--start",
            "2026-01-01",
            "--input",
            template.to_str().unwrap(),
        ],
        0,
    );
    run(&env, store, &["recurring", "run", "--as-of", "2026-02-01"], 0);
    let copy = env.path().join("copy.db");
    let copy = copy.to_str().unwrap();
    run(&env, store, &["store", "copy", "--from", store, "--to", copy], 0);
    assert_eq!(
        run_json(&env, copy, &["customer", "show", "bund-xyz", "--format", "json"]),
        run_json(&env, store, &["customer", "show", "bund-xyz", "--format", "json"])
    );
    assert_eq!(run(&env, copy, &["recurring", "run", "--as-of", "2026-02-01"], 0), "");
    assert_eq!(
        run(&env, copy, &["recurring", "run", "--as-of", "2026-03-01"], 0),
        "issued  r  2026-03-01  INV-2026-0003\n"
    );
    run(&env, copy, &["store", "check"], 0);
}

/// One HTTP/1.1 request to the daemon with the static key.
fn http(addr: std::net::SocketAddr, method: &str, path: &str, body: Option<&str>) -> crate::common::daemon::Reply {
    http_as(addr, DAEMON_KEY, method, path, body)
}

/// One HTTP/1.1 request to the daemon with `key`.
fn http_as(
    addr: std::net::SocketAddr,
    key: &str,
    method: &str,
    path: &str,
    body: Option<&str>,
) -> crate::common::daemon::Reply {
    let body = body.unwrap_or("");
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nhost: x\r\nx-api-key: {key}\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    crate::common::daemon::send(addr, raw.into_bytes(), std::time::Duration::from_secs(20))
}

const DAEMON_KEY: &str = "test-static-key-0123456789abcdef0123456789";

#[test]
fn the_daemon_adds_reads_and_patches_customers_and_invoices_them() {
    let env = TestEnv::new();
    env.write("config/invoice/invoice.toml", XRECHNUNG_CONFIG);
    let daemon = crate::common::daemon::Daemon::start_with(
        &env,
        &["--rate-limit", "1000000"],
        &[("INVOICE_API_KEY", DAEMON_KEY)],
    );
    let customer = r#"{"id": "bund-xyz", "name": "Bundesamt für Beispiele", "currency": "EUR", "language": "de",
        "address": {"lines": ["Amtsweg 5"], "city": "Bonn", "postal_code": "53113", "country": "DE"},
        "payment_terms_days": 14}"#;
    let created = http(daemon.addr, "POST", "/v1/customers", Some(customer));
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(created.header("location"), Some("/v1/customers/bund-xyz"));
    assert_eq!(created.json()["archived"], false);
    assert_eq!(http(daemon.addr, "POST", "/v1/customers", Some(customer)).status, 409);
    let read = http(daemon.addr, "GET", "/v1/customers/bund-xyz", None);
    assert_eq!((read.status, read.json()["address"]["city"].clone()), (200, Value::from("Bonn")));
    assert_eq!(http(daemon.addr, "GET", "/v1/customers/nobody", None).status, 404);

    // PATCH is a merge patch: the city changes, the rest stays; null removes.
    let patched = http(
        daemon.addr,
        "PATCH",
        "/v1/customers/bund-xyz",
        Some(r#"{"address": {"city": "Köln"}, "language": null}"#),
    );
    assert_eq!(patched.status, 200, "{}", patched.text());
    let patched = patched.json();
    assert_eq!(
        (patched["address"]["city"].as_str(), patched["address"]["postal_code"].as_str()),
        (Some("Köln"), Some("53113"))
    );
    assert!(patched.get("language").is_none(), "{patched}");
    // A bad field is 422 naming it, as for a draft.
    let bad = http(daemon.addr, "PATCH", "/v1/customers/bund-xyz", Some(r#"{"email": "nope"}"#));
    assert_eq!(bad.status, 422);
    assert_eq!(bad.json()["errors"][0]["path"], "/email");
    assert_eq!(bad.json()["errors"][0]["code"], "invalid_email");

    // POST /v1/invoices with "customer".
    let draft = r#"{"customer": "bund-xyz", "issue_date": "2026-11-02",
        "lines": [{"description": "Beratung", "quantity": 1, "unit_price": "100"}]}"#;
    let invoice = http(daemon.addr, "POST", "/v1/invoices", Some(draft));
    assert_eq!(invoice.status, 201, "{}", invoice.text());
    let invoice = invoice.json();
    assert_eq!(invoice["buyer"]["address"]["city"], "Köln");
    assert_eq!(invoice["customer"], "bund-xyz");
    assert_eq!(invoice["due_date"], "2026-11-16");
    let unknown = http(daemon.addr, "POST", "/v1/invoices", Some(&draft.replace("bund-xyz", "nobody")));
    assert_eq!(unknown.status, 422);
    assert_eq!(unknown.json()["errors"][0]["path"], "/customer");
    // A customer who receives XRechnung: a draft that could not be one is refused before
    // a number is used (422, as `create --customer` refuses it, exit 1), and issued once the
    // customer's record has what XRechnung needs.
    let xr = r#"{"id": "amt", "name": "Amt für Beispiele", "currency": "EUR",
        "address": {"lines": ["Amtsweg 5"], "city": "Bonn", "postal_code": "53113", "country": "DE"},
        "einvoice_profile": "xrechnung"}"#;
    assert_eq!(http(daemon.addr, "POST", "/v1/customers", Some(xr)).status, 201);
    let for_amt = draft.replace("bund-xyz", "amt");
    let refused = http(daemon.addr, "POST", "/v1/invoices", Some(&for_amt));
    assert_eq!(refused.status, 422, "{}", refused.text());
    let paths: Vec<String> =
        refused.json()["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap().to_owned()).collect();
    assert!(paths.contains(&"/buyer_reference".to_owned()), "{paths:?}");
    let patch =
        r#"{"buyer_reference": "991-12345-67", "electronic_address": {"scheme": "0204", "id": "991-12345-67"}}"#;
    let patched = http(daemon.addr, "PATCH", "/v1/customers/amt", Some(patch));
    assert_eq!(patched.status, 200, "{}", patched.text());
    let issued = http(daemon.addr, "POST", "/v1/invoices", Some(&for_amt));
    assert_eq!(issued.status, 201, "{}", issued.text());
    assert_eq!(issued.json()["buyer_reference"], "991-12345-67");
    // The refused create used no number.
    assert_eq!(invoice["number"], "INV-2026-0001");
    assert_eq!(issued.json()["number"], "INV-2026-0002");

    let listed = http(daemon.addr, "GET", "/v1/customers", None).json();
    assert_eq!(listed["customers"].as_array().unwrap().len(), 2);
    // A read-only key reads customers and cannot change them (403, nothing changed).
    let out = env
        .cmd()
        .args(["keys", "create", "--client", "viewer", "--scopes", "read", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read_key: Value = serde_json::from_slice(&out.stdout).unwrap();
    let read_key = read_key["key"].as_str().unwrap();
    assert_eq!(http_as(daemon.addr, read_key, "GET", "/v1/customers/amt", None).status, 200);
    let other = customer.replace("bund-xyz", "other");
    for (method, path, body) in [
        ("POST", "/v1/customers", other.as_str()),
        ("PATCH", "/v1/customers/amt", r#"{"name": "Renamed"}"#),
        ("POST", "/v1/invoices", for_amt.as_str()),
    ] {
        let reply = http_as(daemon.addr, read_key, method, path, Some(body));
        assert_eq!(reply.status, 403, "{method} {path}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    }
    assert_eq!(http(daemon.addr, "GET", "/v1/customers/amt", None).json()["name"], "Amt für Beispiele");
    assert_eq!(http(daemon.addr, "GET", "/v1/customers/other", None).status, 404);
    // The OpenAPI document describes the routes.
    let doc = http(daemon.addr, "GET", "/openapi.json", None).json();
    assert!(doc["paths"]["/v1/customers/{id}"]["patch"].is_object());
}
