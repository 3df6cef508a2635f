//! `invoice serve`: the real binary on 127.0.0.1 with an ephemeral port and a temporary
//! store, spoken to over raw HTTP/1.1 so the limits (slow headers, huge
//! `Content-Length`, chunked bodies, idle connections) can be exercised directly.

use crate::common::daemon::{Daemon, Reply, parse, send};
use crate::common::{DRAFT, TestEnv, sets_fill};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod reminders;

/// The static key every daemon here accepts (all scopes).
const KEY: &str = "test-static-key-0123456789abcdef0123456789";

impl Daemon {
    /// Starts `invoice serve --bind 127.0.0.1:0 ARGS` with the static key and a rate limit
    /// high enough not to interfere.
    fn start(env: &TestEnv, args: &[&str]) -> Daemon {
        let mut all = vec!["--rate-limit", "1000000"];
        all.extend_from_slice(args);
        Daemon::start_with(env, &all, &[("INVOICE_API_KEY", KEY)])
    }

    /// Sends SIGTERM and waits (bounded) for the exit.
    fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the daemon did not stop after SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, path: &str) -> Reply {
        call(self.addr, "GET", path, &[("x-api-key", KEY)], None)
    }

    fn post(&self, path: &str, body: &str) -> Reply {
        call(self.addr, "POST", path, &[("x-api-key", KEY), ("content-type", "application/json")], Some(body))
    }
}

impl Reply {
    /// Asserts an RFC 9457 problem with this status, and returns its body.
    fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.header("content-type"), Some("application/problem+json"));
        let json = self.json();
        assert_eq!(json["status"], status);
        assert!(json["type"].as_str().unwrap().starts_with("urn:invoice:problem:"), "{json}");
        assert!(json["title"].is_string() && json["detail"].is_string() && json["errors"].is_array(), "{json}");
        assert_eq!(json["request_id"].as_str(), self.header("x-request-id"));
        json
    }
}

/// Sends raw bytes and reads the answer to EOF (the request asks for `Connection: close`);
/// panics when no complete response head arrives.
fn send_raw(addr: SocketAddr, raw: &[u8]) -> Reply {
    complete(send(addr, raw.to_vec(), Duration::from_secs(20)))
}

/// Parses a response read to EOF; panics when it has no complete head.
fn parse_reply(raw: &[u8]) -> Reply {
    complete(parse(raw))
}

fn complete(reply: Reply) -> Reply {
    assert_ne!(reply.status, 0, "no complete response head in {:?}", reply.text());
    reply
}

fn request_bytes(method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Vec<u8> {
    let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        raw.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    } else {
        raw.push_str("\r\n");
    }
    raw.into_bytes()
}

fn call(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    send_raw(addr, &request_bytes(method, path, headers, body))
}

/// Creates an invoice through the daemon and returns its number.
fn create(daemon: &Daemon, draft: &str) -> String {
    let reply = daemon.post("/v1/invoices", draft);
    assert_eq!(reply.status, 201, "{}", reply.text());
    reply.json()["number"].as_str().unwrap().to_owned()
}

/// Issues a stored key with the CLI: (key, id).
fn issue_key(env: &TestEnv, scopes: &str) -> (String, String) {
    let out =
        env.cmd().args(["keys", "create", "--client", "app", "--scopes", scopes, "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    (json["key"].as_str().unwrap().to_owned(), json["id"].as_str().unwrap().to_owned())
}

fn assert_security_headers(reply: &Reply) {
    assert_eq!(
        reply.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    );
    assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
    let permissions = reply.header("permissions-policy").unwrap();
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()"] {
        assert!(permissions.contains(feature), "{permissions}");
    }
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert_eq!(reply.header("cross-origin-opener-policy"), Some("same-origin"));
    assert_eq!(reply.header("cross-origin-resource-policy"), Some("same-origin"));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert!(reply.header("x-request-id").is_some_and(|id| !id.is_empty()));
    assert_eq!(reply.header("server"), None, "no Server banner");
    assert_eq!(reply.header("strict-transport-security"), None, "HSTS only under TLS");
    for name in ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"] {
        assert!(reply.header(name).is_some(), "{name} missing");
    }
}

#[test]
fn every_route_answers_with_its_success_status() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);

    let health = call(d.addr, "GET", "/health", &[], None);
    assert_eq!(health.status, 200);
    assert_eq!(health.json(), serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }));
    let openapi = call(d.addr, "GET", "/openapi.json", &[], None);
    assert_eq!(openapi.status, 200);
    let doc = openapi.json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/v1/invoices/{number}/credit"]["post"].is_object());
    assert!(doc["components"]["schemas"]["Draft"]["properties"]["lines"].is_object());

    let created = d.post("/v1/invoices", DRAFT);
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(created.header("location"), Some("/v1/invoices/INV-2026-0001"));
    assert_eq!(created.header("content-type"), Some("application/json"));
    let invoice = created.json();
    assert_eq!(invoice["number"], "INV-2026-0001");
    assert_eq!(invoice["totals"]["gross"], "1500.45");
    let second = create(&d, DRAFT);
    assert_eq!(second, "INV-2026-0002");

    let got = d.get("/v1/invoices/INV-2026-0001");
    assert_eq!(got.status, 200);
    assert_eq!(got.json()["number"], "INV-2026-0001");

    let page = d.get("/v1/invoices?limit=1");
    assert_eq!(page.status, 200);
    assert_eq!(page.json()["invoices"].as_array().unwrap().len(), 1);
    assert_eq!(page.json()["next"], "INV-2026-0001");
    // SPEC 11 (issue #10 defect 4): the list has summaries, never whole invoices.
    assert_eq!(
        page.json()["invoices"][0],
        serde_json::json!({
            "number": "INV-2026-0001", "type": "invoice", "status": "issued",
            "issue_date": "2026-11-27", "due_date": "2026-12-27", "buyer": "Globex Ltd",
            "customer": null, "currency": "EUR", "gross": "1500.45", "due": "1500.45", "paid": "0.00",
            "credited": "0.00", "outstanding": "1500.45", "preceding_invoice": null
        })
    );
    let rest = d.get("/v1/invoices?limit=1&after=INV-2026-0001");
    assert_eq!(rest.json()["invoices"][0]["number"], "INV-2026-0002");
    let end = d.get("/v1/invoices?after=INV-2026-0002");
    assert_eq!(end.json(), serde_json::json!({ "invoices": [], "next": null }));
    // SPEC 15: `?buyer=` is a part of the name, matched without case (as `list --buyer`).
    let found = d.get("/v1/invoices?buyer=gLOBEX");
    assert_eq!(found.status, 200, "{}", found.text());
    assert_eq!(found.json()["invoices"].as_array().unwrap().len(), 2);
    assert_eq!(d.get("/v1/invoices?buyer=nobody").json()["invoices"], serde_json::json!([]));

    let valid = d.post("/v1/invoices/validate", DRAFT);
    assert_eq!(valid.status, 200, "{}", valid.text());
    assert_eq!(valid.json()["valid"], true);
    assert_eq!(valid.json()["totals"]["gross"], "1500.45");

    let html = d.get("/v1/invoices/INV-2026-0001/render?format=html");
    assert_eq!(html.status, 200);
    assert_eq!(html.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = html.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'none'; style-src 'sha256-") && csp.contains("frame-ancestors 'none'"));
    assert!(html.text().contains("Globex Ltd"));
    let text = d.get("/v1/invoices/INV-2026-0001/render?format=text");
    assert_eq!(text.header("content-type"), Some("text/plain; charset=utf-8"));
    let pdf = d.get("/v1/invoices/INV-2026-0001/render?format=pdf&paper=letter");
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"));

    let paid = d.post("/v1/invoices/INV-2026-0001/pay", r#"{"date":"2026-12-01"}"#);
    assert_eq!(paid.status, 200, "{}", paid.text());
    assert_eq!(paid.json()["status"], "paid");
    assert_eq!(paid.json()["paid_date"], "2026-12-01");
    let credited = d.post("/v1/invoices/INV-2026-0001/credit", r#"{"reason":"returned goods"}"#);
    assert_eq!(credited.status, 201, "{}", credited.text());
    let note = credited.json();
    assert_eq!(note["type"], "credit_note");
    assert_eq!(
        credited.header("location"),
        Some(format!("/v1/invoices/{}", note["number"].as_str().unwrap()).as_str())
    );
    // Issue #13: the credit note carries the credited invoice's issue date, stored with it.
    let issue_date = d.get("/v1/invoices/INV-2026-0001").json()["issue_date"].clone();
    assert!(issue_date.is_string());
    assert_eq!(note["preceding_invoice_date"], issue_date);
    let stored = d.get(&format!("/v1/invoices/{}", note["number"].as_str().unwrap()));
    assert_eq!(stored.json()["preceding_invoice_date"], issue_date);
    let printed = d.get(&format!("/v1/invoices/{}/render?format=text", note["number"].as_str().unwrap())).text();
    let said = format!("INV-2026-0001 of {}", issue_date.as_str().unwrap());
    assert!(printed.contains(&said), "{said:?} not in\n{printed}");
    let voided = d.post("/v1/invoices/INV-2026-0002/void", r#"{"reason":"issued twice"}"#);
    assert_eq!(voided.status, 200, "{}", voided.text());
    assert_eq!(voided.json()["status"], "void");
    // An empty body is a valid pay request (date defaults to today).
    let third = create(&d, DRAFT);
    let paid = call(d.addr, "POST", &format!("/v1/invoices/{third}/pay"), &[("x-api-key", KEY)], None);
    assert_eq!(paid.status, 200, "{}", paid.text());

    let metrics = d.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(metrics.header("content-type").unwrap().starts_with("text/plain"));
    let text = metrics.text();
    assert!(
        text.contains(r#"invoice_http_requests_total{route="/v1/invoices",method="POST",status="201"} 3"#),
        "{text}"
    );
    assert!(text.contains(r#"invoice_http_requests_total{route="/health",method="GET",status="200"} 1"#), "{text}");
    assert!(text.contains("invoice_auth_failures_total{reason=\"missing\"} 0"), "{text}");
    assert!(text.contains("invoice_rate_limited_total{limiter=\"requests\"} 0"), "{text}");

    // The CLI sees what the daemon stored.
    let out = env.cmd().args(["show", "INV-2026-0002", "--format", "json"]).output().unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["status"], "void");
}

#[test]
fn keys_are_checked_before_routing_and_scopes_are_enforced() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let missing = call(d.addr, "GET", "/v1/invoices", &[], None);
    missing.problem(401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer realm=\"invoice\""));
    let wrong = call(d.addr, "GET", "/v1/invoices", &[("x-api-key", "invk_0123456789ab_notarealsecret")], None);
    wrong.problem(401);
    assert!(wrong.header("www-authenticate").unwrap().contains("invalid_token"));
    let wrong_bearer = call(d.addr, "GET", "/v1/invoices", &[("authorization", "Bearer nope")], None);
    wrong_bearer.problem(401);
    // 401 before 404 and 405: routes cannot be probed without a key.
    call(d.addr, "GET", "/v1/nothing-here", &[], None).problem(401);
    call(d.addr, "DELETE", "/v1/invoices", &[], None).problem(401);
    call(d.addr, "GET", "/metrics", &[], None).problem(401);
    // Outside /v1/ and /metrics, unknown paths are plain 404s.
    call(d.addr, "GET", "/admin", &[], None).problem(404);
    // With a key: 404 and 405 with Allow.
    d.get("/v1/nothing-here").problem(404);
    let not_found = d.get("/v1/invoices/INV-2099-9999");
    assert!(not_found.problem(404)["detail"].as_str().unwrap().contains("INV-2099-9999"));
    let wrong_method = call(d.addr, "DELETE", "/v1/invoices", &[("x-api-key", KEY)], None);
    wrong_method.problem(405);
    assert_eq!(wrong_method.header("allow"), Some("GET, HEAD, POST"));
    // Requests hyper refuses itself are problem documents too (issue #10: empty bodies).
    for (raw, status) in [
        (b"GARBAGE\r\n\r\n".to_vec(), 400),
        (format!("GET /health HTTP/1.1\r\nhost: x\r\nx-big: {}\r\n\r\n", "a".repeat(70 * 1024)).into_bytes(), 431),
    ] {
        let reply = send(d.addr, raw, Duration::from_secs(5));
        reply.problem(status);
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
    // HEAD: the GET's status and headers, no body (it answered 405).
    let head =
        send(d.addr, b"HEAD /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n".to_vec(), Duration::from_secs(5));
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-type"), Some("application/json"));
    assert!(head.text().is_empty(), "HEAD answered with a body: {}", head.text());
    let wrong_method = call(d.addr, "POST", "/health", &[], None);
    wrong_method.problem(405);
    assert_eq!(wrong_method.header("allow"), Some("GET, HEAD"));

    let (read_key, _) = issue_key(&env, "read");
    let read = |method: &str, path: &str, body: Option<&str>| {
        call(
            d.addr,
            method,
            path,
            &[("authorization", &format!("Bearer {read_key}")), ("content-type", "application/json")],
            body,
        )
    };
    assert_eq!(read("GET", "/v1/invoices", None).status, 200);
    assert_eq!(read("POST", "/v1/invoices/validate", Some(DRAFT)).status, 200);
    let forbidden = read("POST", "/v1/invoices", Some(DRAFT));
    assert!(forbidden.problem(403)["detail"].as_str().unwrap().contains("`write`"));
    read("GET", "/metrics", None).problem(403);
    // Nothing was issued by the refused create.
    assert_eq!(d.get("/v1/invoices").json()["invoices"], serde_json::json!([]));
}

/// The `auth_failed` audit entries as (actor, request id, detail), oldest first.
fn auth_failures(env: &TestEnv) -> Vec<(String, String, String)> {
    let out = env.cmd().args(["audit", "--format", "json"]).output().unwrap();
    let audit: Value = serde_json::from_slice(&out.stdout).unwrap();
    audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "auth_failed")
        .map(|e| {
            (
                e["actor"].as_str().unwrap().to_owned(),
                e["request_id"].as_str().unwrap().to_owned(),
                e["detail"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn revoked_and_expired_keys_fail_at_once_in_a_running_daemon() {
    let env = TestEnv::new();
    let (key, id) = issue_key(&env, "read,write");
    let (old_key, old_id) = issue_key(&env, "read");
    let d = Daemon::start(&env, &[]);
    let with = |key: &str, request_id: &str| {
        call(d.addr, "GET", "/v1/invoices", &[("x-api-key", key), ("x-request-id", request_id)], None)
    };
    assert_eq!(with(&key, "r-ok").status, 200);
    assert_eq!(with(&old_key, "r-ok-2").status, 200);

    env.cmd().args(["keys", "revoke", &id]).assert().success();
    let revoked = with(&key, "r-revoked");
    assert!(revoked.problem(401)["detail"].as_str().unwrap().contains("revoked"));
    assert_eq!(revoked.header("x-request-id"), Some("r-revoked"));
    // Issue #21 (SPEC 15): the first failure of a client is in the audit log at once,
    // while the daemon runs (it used to wait a minute, and a SIGKILL lost it).
    let audited_now = auth_failures(&env);
    assert_eq!(
        audited_now,
        [(
            format!("key:{id}"),
            "r-revoked".to_owned(),
            format!("failed authentication from 127.0.0.1: revoked API key (key:{id})")
        )]
    );

    let db = rusqlite::Connection::open(env.store()).unwrap();
    db.execute("UPDATE api_keys SET expires_at = '2000-01-01T00:00:00Z' WHERE id = ?1", [&old_id]).unwrap();
    drop(db);
    assert!(with(&old_key, "r-expired").problem(401)["detail"].as_str().unwrap().contains("expired"));
    call(d.addr, "GET", "/v1/invoices", &[("x-api-key", "wrong"), ("x-request-id", "r-unknown")], None).problem(401);

    // SPEC 11/15: the further failures of that client's minute are one audit entry with a
    // count, written when the minute is over or, as here, when the daemon stops.
    let mut d = d;
    assert!(d.terminate().success());
    let failures = auth_failures(&env);
    assert_eq!(
        failures[1..],
        [(
            format!("key:{old_id}"),
            "r-expired".to_owned(),
            format!(
                "2 further failed authentications from 127.0.0.1 within 60 s of the first: \
                 1 × expired API key (key:{old_id}), 1 × unknown API key"
            ),
        )]
    );
    assert_eq!(failures[..1], audited_now[..]);
    let out = env.cmd().args(["audit", "--format", "json"]).output().unwrap();
    let audit_text = String::from_utf8_lossy(&out.stdout);
    assert!(!audit_text.contains(&key) && !audit_text.contains(&old_key), "keys never reach the audit log");
}

#[test]
fn success_and_error_responses_carry_every_security_header() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let ok = call(d.addr, "GET", "/health", &[("x-request-id", "client-id-1.2_3")], None);
    assert_eq!(ok.status, 200);
    assert_security_headers(&ok);
    assert_eq!(ok.header("x-request-id"), Some("client-id-1.2_3"));
    let error = call(d.addr, "GET", "/v1/invoices/INV-1", &[("x-api-key", KEY), ("x-request-id", "bad id!")], None);
    error.problem(404);
    assert_security_headers(&error);
    let generated = error.header("x-request-id").unwrap();
    assert!(generated != "bad id!" && generated.len() == 16, "{generated}");
    let created = d.post("/v1/invoices", DRAFT);
    assert_security_headers(&created);
    let unauthorized = call(d.addr, "GET", "/metrics", &[], None);
    assert_security_headers(&unauthorized);
    // A request id that is the presented key is never echoed (it would be logged).
    let sneaky = call(d.addr, "GET", "/health", &[("x-request-id", KEY), ("x-api-key", KEY)], None);
    assert_ne!(sneaky.header("x-request-id"), Some(KEY));
}

#[test]
fn idempotent_replay_returns_the_first_invoice_and_another_body_conflicts() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let headers = [("x-api-key", KEY), ("content-type", "application/json"), ("idempotency-key", "order-4711")];
    let first = call(d.addr, "POST", "/v1/invoices", &headers, Some(DRAFT));
    assert_eq!(first.status, 201);
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = call(d.addr, "POST", "/v1/invoices", &headers, Some(DRAFT));
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(again.header("location"), first.header("location"));
    let other = DRAFT.replace("Consulting", "Training");
    let conflict = call(d.addr, "POST", "/v1/invoices", &headers, Some(&other));
    let problem = conflict.problem(409);
    assert_eq!(problem["errors"][0]["code"], "idempotency_key_reused");
    // The same idempotency key under another API key is another request.
    let (write_key, _) = issue_key(&env, "read,write");
    let theirs = call(
        d.addr,
        "POST",
        "/v1/invoices",
        &[("x-api-key", &write_key), ("content-type", "application/json"), ("idempotency-key", "order-4711")],
        Some(&other),
    );
    assert_eq!(theirs.status, 201, "{}", theirs.text());
    assert_eq!(d.get("/v1/invoices").json()["invoices"].as_array().unwrap().len(), 2);
    call(
        d.addr,
        "POST",
        "/v1/invoices",
        &[("x-api-key", KEY), ("content-type", "application/json"), ("idempotency-key", "")],
        Some(DRAFT),
    )
    .problem(400);
}

#[test]
fn invalid_bodies_are_400_415_or_422_with_paths_and_codes() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let bad = DRAFT.replace(r#""quantity": "10""#, r#""quantity": "0""#).replace(r#""EUR""#, r#""XXX""#);
    let invalid = d.post("/v1/invoices", &bad);
    let problem = invalid.problem(422);
    let errors: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert!(errors.contains(&("/currency", "invalid_currency")), "{errors:?}");
    assert!(errors.contains(&("/lines/0/quantity", "must_be_positive")), "{errors:?}");
    assert_eq!(d.post("/v1/invoices/validate", &bad).problem(422)["errors"], problem["errors"]);
    let malformed = d.post("/v1/invoices", "{\"lines\": [");
    assert_eq!(malformed.problem(400)["errors"][0]["code"], "malformed_json");
    let not_json =
        call(d.addr, "POST", "/v1/invoices", &[("x-api-key", KEY), ("content-type", "text/plain")], Some(DRAFT));
    not_json.problem(415);
    call(d.addr, "POST", "/v1/invoices", &[("x-api-key", KEY)], Some(DRAFT)).problem(415);
    let unknown = d.post("/v1/invoices/INV-2026-0001/void", r#"{"reason":"x"}"#);
    unknown.problem(404);
    let number = create(&d, DRAFT);
    let void_path = format!("/v1/invoices/{number}/void");
    let no_reason = d.post(&void_path, "{}");
    assert_eq!(no_reason.problem(422)["errors"][0]["path"], "/reason");
    let extra = d.post(&void_path, r#"{"reason":"x","force":true}"#);
    assert_eq!(extra.problem(422)["errors"][0]["code"], "unknown_field");
    let markup = d.post(&void_path, r#"{"reason":"<script>x</script>"}"#);
    assert_eq!(markup.problem(422)["errors"][0]["code"], "markup_not_allowed");
    let bad_date = d.post(&format!("/v1/invoices/{number}/pay"), r#"{"date":"2026-02-30"}"#);
    assert_eq!(bad_date.problem(422)["errors"][0]["code"], "invalid_date");
    assert_eq!(d.post(&void_path, r#"{"reason":"duplicate"}"#).status, 200);
    let twice = d.post(&void_path, r#"{"reason":"duplicate"}"#);
    assert_eq!(twice.problem(409)["errors"][0]["code"], "illegal_transition");
}

#[test]
fn repeated_or_bad_query_parameters_are_400() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let number = create(&d, DRAFT);
    for (path, parameter, code) in [
        ("/v1/invoices?limit=1&limit=2", "/limit", "duplicate_parameter"),
        ("/v1/invoices?status=paid&status=void", "/status", "duplicate_parameter"),
        ("/v1/invoices?limit=abc", "/limit", "out_of_range"),
        ("/v1/invoices?limit=501", "/limit", "out_of_range"),
        ("/v1/invoices?limit=0", "/limit", "out_of_range"),
        ("/v1/invoices?status=bogus", "/status", "invalid_value"),
        ("/v1/invoices?after=INV-1999-0001", "/after", "invalid_value"),
        ("/v1/invoices?buyer=", "/buyer", "invalid_value"),
        ("/v1/invoices?sort=desc", "/sort", "unknown_parameter"),
        ("/health?x=1", "/x", "unknown_parameter"),
    ] {
        let reply = if path.starts_with("/health") { call(d.addr, "GET", path, &[], None) } else { d.get(path) };
        let problem = reply.problem(400);
        assert_eq!(
            (problem["errors"][0]["path"].as_str(), problem["errors"][0]["code"].as_str()),
            (Some(parameter), Some(code)),
            "{path}"
        );
    }
    let render = format!("/v1/invoices/{number}/render");
    assert_eq!(d.get(&render).problem(400)["errors"][0]["code"], "required");
    d.get(&format!("{render}?format=docx")).problem(400);
    d.get(&format!("{render}?format=pdf&format=html")).problem(400);
}

#[test]
fn bodies_over_the_cap_are_refused_while_reading() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &["--max-body", "2048", "--body-timeout-ms", "800"]);
    // A huge Content-Length is refused at once, without reading or allocating.
    let huge = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\nContent-Type: application/json\r\n\
         Content-Length: 100000000000\r\n\r\nabc"
    );
    let started = Instant::now();
    let reply = send_raw(d.addr, huge.as_bytes());
    reply.problem(413);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200, "the daemon keeps serving");
    // The same without a key is a 401, also without reading the body.
    let anonymous = huge.replace(&format!("x-api-key: {KEY}\r\n"), "");
    send_raw(d.addr, anonymous.as_bytes()).problem(401);
    // A chunked body is counted as it streams.
    let mut chunked = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\n\r\n"
    );
    for _ in 0..3 {
        chunked.push_str(&format!("3e8\r\n{}\r\n", " ".repeat(1000)));
    }
    send_raw(d.addr, chunked.as_bytes()).problem(413);
    // A body that stops arriving gets 408 after the body timeout.
    let stalled = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\nContent-Type: application/json\r\n\
         Content-Length: 100\r\n\r\n{{\"a\""
    );
    send_raw(d.addr, stalled.as_bytes()).problem(408);
    // Request heads over 16 KiB get 431.
    let big = "a".repeat(20 * 1024);
    call(d.addr, "GET", "/health", &[("x-padding", &big)], None).problem(431);
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200);
    // A 1,000-line draft fits the default 1 MiB cap.
    drop(d);
    let d = Daemon::start(&env, &[]);
    let line = r#"{ "description": "Consulting hour with a reasonably long description", "quantity": "1.5", "unit": "h", "unit_price": "120.00", "tax_rate": "19" }"#;
    let lines = vec![line; 1000].join(",\n");
    let draft = format!(
        r#"{{ "issue_date": "2026-11-27", "currency": "EUR", "seller": {{ "name": "Acme GmbH" }}, "buyer": {{ "name": "Globex Ltd" }}, "lines": [{lines}] }}"#
    );
    let reply = d.post("/v1/invoices", &draft);
    assert_eq!(reply.status, 201, "{}", reply.text());
}

#[test]
fn rate_limits_answer_429_with_retry_after() {
    let env = TestEnv::new();
    let d = Daemon::start_with(&env, &["--rate-limit", "3"], &[("INVOICE_API_KEY", KEY)]);
    let remaining: Vec<String> = (0..3)
        .map(|_| {
            let reply = call(d.addr, "GET", "/health", &[], None);
            assert_eq!(reply.status, 200);
            assert_eq!(reply.header("ratelimit-limit"), Some("3"));
            reply.header("ratelimit-remaining").unwrap().to_owned()
        })
        .collect();
    assert_eq!(remaining, ["2", "1", "0"]);
    let limited = call(d.addr, "GET", "/openapi.json", &[], None);
    limited.problem(429);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(limited.header("ratelimit-remaining"), Some("0"));
    assert!(limited.header("ratelimit-reset").is_some());
    drop(d);

    // Failed authentications have their own, stricter budget; once it is spent even the
    // right key gets 429, so guesses cannot be told apart by status.
    let d = Daemon::start_with(&env, &["--rate-limit", "1000", "--auth-fail-limit", "2"], &[("INVOICE_API_KEY", KEY)]);
    for _ in 0..2 {
        call(d.addr, "GET", "/v1/invoices", &[("x-api-key", "guess")], None).problem(401);
    }
    let blocked = call(d.addr, "GET", "/v1/invoices", &[("x-api-key", "guess")], None);
    blocked.problem(429);
    assert!(blocked.header("retry-after").is_some());
    assert_eq!(blocked.header("ratelimit-limit"), Some("2"));
    call(d.addr, "GET", "/v1/invoices", &[("x-api-key", KEY)], None).problem(429);
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200);
}

#[test]
fn behind_a_trusted_proxy_the_rightmost_forwarded_address_is_the_client() {
    let env = TestEnv::new();
    let d = Daemon::start_with(
        &env,
        &["--rate-limit", "1", "--trust-proxy", "--log-format", "json"],
        &[("INVOICE_API_KEY", KEY)],
    );
    let from =
        |chain: &str| call(d.addr, "GET", "/health", &[("x-forwarded-for", chain), ("x-request-id", "xff")], None);
    assert_eq!(from("203.0.113.9, 10.0.0.1").status, 200);
    // Same rightmost address, whatever the client wrote to the left of it.
    from("198.51.100.1, 10.0.0.1").problem(429);
    assert_eq!(from("10.0.0.1, 10.0.0.2").status, 200);
    std::thread::sleep(Duration::from_millis(200));
    let log = d.stderr();
    let ips: Vec<String> = log
        .lines()
        .filter(|l| l.contains("\"request_id\":\"xff\""))
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["client_ip"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ips, ["10.0.0.1", "10.0.0.1", "10.0.0.2"], "{log}");
}

#[test]
fn the_server_table_of_the_config_file_sets_the_defaults() {
    let env = TestEnv::new();
    env.write(
        "config/invoice/invoice.toml",
        "[server]\nrate_limit = 1\nkey_rate_limit = 2\nmax_body = 4096\nsanitize = true\n",
    );
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let reply = d.post("/v1/invoices/validate", &DRAFT.replace("Globex Ltd", "<b>Globex</b> Ltd"));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("ratelimit-limit"), Some("2"));
    let warning = &reply.json()["warnings"][0];
    assert_eq!(warning["path"], "/buyer/name");
    assert_eq!(warning["code"], "markup_removed");
    d.post("/v1/invoices", &" ".repeat(5000)).problem(413);
    // The key's budget (2) and the anonymous one (1) are apart (SPEC 15).
    d.post("/v1/invoices/validate", DRAFT).problem(429);
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200);
    let limited = call(d.addr, "GET", "/health", &[], None);
    limited.problem(429);
    assert_eq!(limited.header("ratelimit-limit"), Some("1"));
    drop(d);
    // A flag wins over the file; without sanitize mode markup is refused.
    let d = Daemon::start_with(&env, &["--rate-limit", "100", "--max-body", "1024"], &[("INVOICE_API_KEY", KEY)]);
    d.post("/v1/invoices", &format!("{DRAFT}{}", " ".repeat(2000))).problem(413);
    env.write("config/invoice/invoice.toml", "[server]\nrate_limit = 100\n");
    drop(d);
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let refused = d.post("/v1/invoices", &DRAFT.replace("Globex Ltd", "<b>Globex</b> Ltd"));
    assert_eq!(refused.problem(422)["errors"][0]["code"], "markup_not_allowed");
}

/// Issue #13: the daemon's documents carry the seller logo too: in the HTML as a `data:`
/// URI, in the PDF drawn in its own colour (an SVG logo, drawn as vectors).
#[test]
fn documents_the_daemon_renders_carry_the_seller_logo() {
    let env = TestEnv::new();
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10" fill="#c91185"/></svg>"##;
    env.write("config/invoice/logo.svg", svg);
    env.write("config/invoice/invoice.toml", "[defaults]\nlogo = \"logo.svg\"\n");
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let number = create(&d, DRAFT);
    let html = d.get(&format!("/v1/invoices/{number}/render?format=html"));
    assert_eq!(html.status, 200);
    assert!(html.text().contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"), "{}", html.text());
    // The header allows the embedded logo too (both policies apply; the stricter wins).
    let csp = html.header("content-security-policy").unwrap();
    assert!(csp.contains("img-src data:;") && !csp.contains("img-src 'none'"), "{csp}");
    assert!(html.text().contains(&format!("content=\"{}\"", csp.trim_end_matches("; frame-ancestors 'none'"))));
    let pdf = d.get(&format!("/v1/invoices/{number}/render?format=pdf"));
    assert_eq!(pdf.status, 200);
    assert!(sets_fill(&pdf.body, [201, 17, 133]), "the logo's colour is set on the PDF's first page");
    drop(d);
    env.write("config/invoice/invoice.toml", "");
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let pdf = d.get(&format!("/v1/invoices/{number}/render?format=pdf"));
    assert!(!sets_fill(&pdf.body, [201, 17, 133]), "without a logo, no such colour");
    let html = d.get(&format!("/v1/invoices/{number}/render?format=html"));
    assert!(html.header("content-security-policy").unwrap().contains("img-src 'none'"), "no logo, no images");
}

#[test]
fn cors_headers_go_only_to_allowed_origins() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &["--cors-origin", "https://app.example"]);
    let preflight = |origin: &str| {
        call(
            d.addr,
            "OPTIONS",
            "/v1/invoices",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "x-api-key, content-type, idempotency-key"),
            ],
            None,
        )
    };
    let allowed = preflight("https://app.example");
    assert_eq!(allowed.status, 204);
    assert_eq!(allowed.header("access-control-allow-origin"), Some("https://app.example"));
    assert!(allowed.headers_named("vary").iter().any(|v| v.contains("Origin")));
    let methods = allowed.header("access-control-allow-methods").unwrap();
    assert!(methods.contains("GET") && methods.contains("POST"));
    let headers = allowed.header("access-control-allow-headers").unwrap();
    for name in ["x-api-key", "authorization", "content-type", "idempotency-key"] {
        assert!(headers.contains(name), "{headers}");
    }
    let refused = preflight("https://evil.example");
    refused.problem(403);
    assert_eq!(refused.header("access-control-allow-origin"), None);
    assert_eq!(refused.header("access-control-allow-methods"), None);

    let actual = call(d.addr, "GET", "/v1/invoices", &[("origin", "https://app.example"), ("x-api-key", KEY)], None);
    assert_eq!(actual.status, 200);
    assert_eq!(actual.header("access-control-allow-origin"), Some("https://app.example"));
    let other = call(d.addr, "GET", "/v1/invoices", &[("origin", "https://evil.example"), ("x-api-key", KEY)], None);
    assert_eq!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), None);
    assert!(!other.headers.iter().any(|(_, v)| v == "*"));
    // `*` is refused as a configuration.
    env.cmd()
        .args(["serve", "--bind", "127.0.0.1:0", "--cors-origin", "*"])
        .env("INVOICE_API_KEY", KEY)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(5);
}

#[test]
fn logs_never_contain_keys_or_credentials_even_at_trace() {
    let env = TestEnv::new();
    let (stored_key, stored_id) = issue_key(&env, "read");
    let d = Daemon::start_with(&env, &["--rate-limit", "1000"], &[("INVOICE_API_KEY", KEY), ("INVOICE_LOG", "trace")]);
    let wrong = "invk_0123456789ab_wrongwrongwrongwrongwrongwrongwrongwrongwro";
    let cookie = "session=cookie-secret-value-42";
    for key in [KEY, stored_key.as_str(), wrong] {
        let bearer = format!("Bearer {key}");
        for headers in [
            vec![("x-api-key", key), ("cookie", cookie)],
            vec![("authorization", bearer.as_str()), ("cookie", cookie)],
            vec![("x-api-key", key), ("authorization", bearer.as_str())],
        ] {
            call(d.addr, "GET", "/v1/invoices", &headers, None);
            call(d.addr, "POST", "/v1/invoices", &headers, Some(DRAFT));
            call(d.addr, "GET", &format!("/v1/invoices?after={key}"), &headers, None);
        }
    }
    call(d.addr, "GET", "/health", &[], None);
    std::thread::sleep(Duration::from_millis(200));
    let log = d.stderr();
    for secret in [KEY, stored_key.as_str(), wrong, "cookie-secret-value-42", &stored_key[stored_key.len() - 20..]] {
        assert!(!log.contains(secret), "the log contains {secret}:\n{log}");
    }
    assert!(log.contains("route=/v1/invoices status=200") && log.contains("key=static"), "{log}");
    assert!(log.contains(&format!("key={stored_id}")), "{log}");
    assert!(log.contains("status=401"), "{log}");
}

#[test]
fn json_log_lines_have_every_field() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &["--log-format", "json"]);
    call(d.addr, "GET", "/v1/invoices", &[("x-api-key", KEY), ("x-request-id", "json-log-1")], None);
    std::thread::sleep(Duration::from_millis(200));
    let log = d.stderr();
    let line = log.lines().find(|l| l.contains("json-log-1")).unwrap_or_else(|| panic!("{log}"));
    let entry: Value = serde_json::from_str(line).unwrap();
    for field in ["time", "request_id", "client_ip", "method", "route", "status", "bytes", "latency_ms", "key_id"] {
        assert!(entry.get(field).is_some(), "{field} missing in {line}");
    }
    assert_eq!(entry["route"], "/v1/invoices");
    assert_eq!(entry["status"], 200);
    assert_eq!(entry["key_id"], "static");
    assert_eq!(entry["client_ip"], "127.0.0.1");
}

#[test]
fn idle_connections_do_not_starve_a_normal_request() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(d.addr).unwrap()).collect();
    // Some of them send half a request head and stop.
    for stream in idle.iter().step_by(4) {
        let mut s = stream;
        s.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n").unwrap();
    }
    let started = Instant::now();
    let reply = call(d.addr, "GET", "/health", &[], None);
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
    let metrics = d.get("/metrics").text();
    assert!(metrics.lines().any(|l| l.starts_with("invoice_http_connections_open ")), "{metrics}");
    drop(idle);
}

/// A connection whose request is in flight: its body is still being sent.
fn busy_connection(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /v1/invoices HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\ncontent-type: application/json\r\n\
         content-length: 100\r\n\r\n{{"
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

/// Whether the daemon closed `stream` (EOF within a short wait).
fn closed(stream: &TcpStream) -> bool {
    stream.set_read_timeout(Some(Duration::from_millis(300))).unwrap();
    let mut buf = [0u8; 64];
    matches!((&*stream).read(&mut buf), Ok(0))
}

/// SPEC 15: when the daemon is full, idle connections are closed first; only when none is
/// idle does a new connection get 503.
#[test]
fn connections_over_the_cap_close_idle_ones_first_then_get_503() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &["--max-connections", "3"]);
    let idle: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(d.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200, "an idle connection made room");
    assert_eq!(idle.iter().filter(|s| closed(s)).count(), 1, "the longest idle one was closed, the others kept");
    drop(idle);
    std::thread::sleep(Duration::from_millis(300));
    let held: Vec<TcpStream> = (0..3).map(|_| busy_connection(d.addr)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let refused = call(d.addr, "GET", "/health", &[], None);
    refused.problem(503);
    assert_eq!(refused.header("connection"), Some("close"));
    assert_eq!(refused.header("x-content-type-options"), Some("nosniff"));
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200);
}

/// Issue #21 (SPEC 15): one client holding 300 idle sockets made 90 % of other clients'
/// requests 503. With the default limits (256 connections, 32 per client, idle ones
/// closed first) another client's 100 requests are all answered, and with its own API
/// key the anonymous 60/min of all of loopback does not throttle it either (it did after
/// ~47 requests). All on loopback; bounded by the 100 requests' own timeouts.
#[test]
fn one_client_holding_300_idle_connections_cannot_starve_another() {
    let env = TestEnv::new();
    let d = Daemon::start_with(&env, &[], &[("INVOICE_API_KEY", KEY)]);
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(d.addr).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for _ in 0..100 {
        *statuses.entry(call(d.addr, "GET", "/v1/invoices", &[("x-api-key", KEY)], None).status).or_default() += 1;
    }
    eprintln!("100 requests beside 300 idle connections: {:?}", started.elapsed());
    assert_eq!(statuses, [(200, 100)].into(), "statuses of the other client's requests");
    // Long after the evictions: a non-blocking read tells closed (EOF) from open.
    let open = idle
        .iter()
        .filter(|s| {
            s.set_nonblocking(true).unwrap();
            (&**s).read(&mut [0u8; 64]).is_err()
        })
        .count();
    assert!(open <= 32, "{open} idle connections of one client stayed open");
    // The anonymous budget still applies per client: the 61st unauthenticated request
    // within the minute is 429.
    let anonymous: Vec<u16> = (0..61).map(|_| call(d.addr, "GET", "/health", &[], None).status).collect();
    assert_eq!(anonymous.iter().filter(|s| **s == 429).count(), 1, "{anonymous:?}");
    drop(idle);
}

#[test]
fn slow_request_heads_are_cut_off_after_the_header_timeout() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &["--header-timeout-ms", "1000"]);
    let mut slow = TcpStream::connect(d.addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let started = Instant::now();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = slow.write_all(b"X-Slow: 1\r\n");
    let mut buf = [0u8; 1024];
    let n = slow.read(&mut buf).unwrap_or(0);
    let elapsed = started.elapsed();
    assert_eq!(n, 0, "expected the connection to be closed, got {:?}", String::from_utf8_lossy(&buf[..n]));
    assert!(elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(5), "{elapsed:?}");
    // An idle keep-alive connection is closed after the same time.
    let mut idle = TcpStream::connect(d.addr).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut got = Vec::new();
    let started = Instant::now();
    let _ = idle.read_to_end(&mut got);
    assert!(String::from_utf8_lossy(&got).starts_with("HTTP/1.1 200"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(call(d.addr, "GET", "/health", &[], None).status, 200);
}

#[test]
fn sigterm_finishes_in_flight_requests_and_every_201_is_stored() {
    let env = TestEnv::new();
    let mut d = Daemon::start(&env, &["--shutdown-grace-ms", "5000"]);
    let addr = d.addr;
    let issued = Arc::new(Mutex::new(Vec::new()));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let issued = Arc::clone(&issued);
            std::thread::spawn(move || {
                for _ in 0..2000 {
                    let raw = request_bytes(
                        "POST",
                        "/v1/invoices",
                        &[("x-api-key", KEY), ("content-type", "application/json")],
                        Some(DRAFT),
                    );
                    let Ok(mut stream) = TcpStream::connect(addr) else { break };
                    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                    if stream.write_all(&raw).is_err() {
                        break;
                    }
                    let mut out = Vec::new();
                    let _ = stream.read_to_end(&mut out);
                    if out.is_empty() {
                        break;
                    }
                    let reply = parse_reply(&out);
                    if reply.status == 201 {
                        issued.lock().unwrap().push(reply.json()["number"].as_str().unwrap().to_owned());
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    let status = d.terminate();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(status.code(), Some(0), "{}", d.stderr());
    let issued = issued.lock().unwrap().clone();
    assert!(!issued.is_empty());
    let stored = stored_numbers(&env);
    for number in &issued {
        assert!(stored.contains(number), "{number} was acknowledged but is not stored");
    }
    // Gapless: the stored numbers are exactly 1..=N.
    let expected: Vec<String> = (1..=stored.len()).map(|n| format!("INV-2026-{n:04}")).collect();
    assert_eq!(stored, expected);
}

/// The stored numbers, as the CLI sees them.
fn stored_numbers(env: &TestEnv) -> Vec<String> {
    let out = env.cmd().args(["list", "--format", "json"]).output().unwrap();
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn acknowledged_creates_survive_kill_9_and_cli_writes_alongside() {
    let env = TestEnv::new();
    let mut d = Daemon::start(&env, &[]);
    for _ in 0..3 {
        create(&d, DRAFT);
    }
    // A CLI write while the daemon runs must not hide the daemon's later writes from
    // other processes (regression: a second open of the store file in the daemon once
    // dropped its SQLite locks, and the CLI then deleted the WAL under it).
    issue_key(&env, "read");
    create(&d, DRAFT);
    assert_eq!(stored_numbers(&env).len(), 4, "visible while the daemon runs");
    d.child.kill().unwrap();
    d.child.wait().unwrap();
    assert_eq!(stored_numbers(&env), ["INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "INV-2026-0004"]);
    let d = Daemon::start(&env, &[]);
    assert_eq!(create(&d, DRAFT), "INV-2026-0005", "numbering continues without a gap");
}

#[test]
fn serve_refuses_to_start_when_it_cannot_be_safe() {
    let env = TestEnv::new();
    let serve = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.arg("serve").args(args).timeout(Duration::from_secs(20));
        cmd
    };
    // No key at all: fail closed, and say how to create one.
    let out = serve(&["--bind", "127.0.0.1:0"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invoice keys create"), "{stderr}");
    // Plain HTTP off loopback.
    let out = serve(&["--bind", "0.0.0.0:0"]).env("INVOICE_API_KEY", KEY).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-plain-http"));
    // Port taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().to_string();
    let out = serve(&["--bind", &port]).env("INVOICE_API_KEY", KEY).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("failed to bind"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Bad TLS files.
    let junk = env.write("junk.pem", "not a certificate");
    let junk = junk.to_str().unwrap();
    let out = serve(&["--bind", "127.0.0.1:0", "--tls-cert", junk, "--tls-key", junk])
        .env("INVOICE_API_KEY", KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.pem"));
    let out = serve(&["--bind", "127.0.0.1:0", "--tls-cert", "/nonexistent.pem", "--tls-key", "/nonexistent.pem"])
        .env("INVOICE_API_KEY", KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
}

const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBjDCCATGgAwIBAgIUO41hRrtB1yRV6qMCakdBUqLiF14wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPaW52b2ljZSB0ZXN0IENBMCAXDTI2MTEyODAyNDAzMVoYDzIx
MjYxMTA0MDI0MDMxWjAaMRgwFgYDVQQDDA9pbnZvaWNlIHRlc3QgQ0EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAASHb4HJVN+QD42XJuGdam+ZDnDBt2Ri6kywxqex
CErS0TIcC5UThxAOSHyeKBtFEnbQu1EYXHJ3pX5Lp/aeWV/Fo1MwUTAdBgNVHQ4E
FgQUTsE1qzPMUOBa3Zntf/1oAubaAcQwHwYDVR0jBBgwFoAUTsE1qzPMUOBa3Znt
f/1oAubaAcQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAm/Aw
Jr+e81+jcN3YaqL8t6AycWwCE720P0fZYibT7XECIQChSTYo3sfqNSiaeq5hsTVJ
sY2PURYl41b8mJZ3I6Fsxg==
-----END CERTIFICATE-----
";

pub(crate) const TEST_CERT: &str = "-----BEGIN CERTIFICATE-----
MIIBwzCCAWigAwIBAgIUTX6BqmMBHCleZNqcQ3dfTIBzqj4wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPaW52b2ljZSB0ZXN0IENBMCAXDTI2MTEyODAyNDAzMloYDzIx
MjYxMTA0MDI0MDMyWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAATUtyp90NexxXMkGspglo6L4euHrx3oBkLW3QZdMnsQhr2Y
lYBwNNFaKyG9Nu6WOiqBz/3HGeQsaBoMywOVg6Fko4GPMIGMMBoGA1UdEQQTMBGC
CWxvY2FsaG9zdIcEfwAAATAMBgNVHRMBAf8EAjAAMAsGA1UdDwQEAwIHgDATBgNV
HSUEDDAKBggrBgEFBQcDATAdBgNVHQ4EFgQU0Lg2q+A0hSSfzkoo6TcbRoN7G2Qw
HwYDVR0jBBgwFoAUTsE1qzPMUOBa3Zntf/1oAubaAcQwCgYIKoZIzj0EAwIDSQAw
RgIhAOqyWFbeWeOsC0bPA//VzmikZNOc9KzU459b7Rf4y+3nAiEAyI79iYGfDvIR
SjKqoyWWAbOieyFttrzZdm/uEAPL9/U=
-----END CERTIFICATE-----
";

/// Test-only key of `TEST_CERT` (a throwaway P-256 key, valid for nothing else).
pub(crate) const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgB+Ous+e9VGeBt9wB
Py4ZPjMMTm5UfSo+ZPk7a3kNYnqhRANCAATUtyp90NexxXMkGspglo6L4euHrx3o
BkLW3QZdMnsQhr2YlYBwNNFaKyG9Nu6WOiqBz/3HGeQsaBoMywOVg6Fk
-----END PRIVATE KEY-----
";

#[test]
fn native_tls_serves_https_with_hsts() {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, ServerName};
    use tokio_rustls::rustls;

    let env = TestEnv::new();
    let cert = env.write("tls/cert.pem", TEST_CERT);
    let key = env.write("tls/key.pem", TEST_KEY);
    let d = Daemon::start(&env, &["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()]);

    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(TEST_CA.as_bytes()).unwrap()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let connection =
        rustls::ClientConnection::new(Arc::new(config), ServerName::try_from("localhost").unwrap()).unwrap();
    let tcp = TcpStream::connect(d.addr).unwrap();
    tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut tls = rustls::StreamOwned::new(connection, tcp);
    tls.write_all(&request_bytes("GET", "/v1/invoices", &[("x-api-key", KEY)], None)).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match tls.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    let reply = parse_reply(&out);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("strict-transport-security"), Some("max-age=31536000"));
    // Plain HTTP to the TLS port gets nothing useful.
    let mut plain = TcpStream::connect(d.addr).unwrap();
    plain.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = plain.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut got = Vec::new();
    let _ = plain.read_to_end(&mut got);
    assert!(!String::from_utf8_lossy(&got).contains("\"status\":\"ok\""));
}

/// A valid draft of 1,000 lines (the cap: 999 long ones and DRAFT's second) with long non-ASCII descriptions, just under the
/// 1 MiB body cap: the most a create can ask the daemon to parse and check.
fn largest_valid_draft() -> String {
    let description: String = "Übersetzung, Kapitel 3–5; ".repeat(32);
    let line = format!(
        r#"{{"description":"{description}","quantity":"1.5","unit":"HUR","unit_price":"120.00","tax_rate":"19"}}"#
    );
    let lines = vec![line; 999].join(",");
    let draft = DRAFT.replacen(
        r#"{ "description": "Consulting", "quantity": "10", "unit": "h", "unit_price": "120.00", "tax_rate": "19" },"#,
        &format!("{lines},"),
        1,
    );
    assert!(draft.len() > 900_000 && draft.len() < 1 << 20, "{}", draft.len());
    draft
}

/// Issue #10: a create in progress holds nothing another client needs. Client A sends
/// the largest valid draft but its last byte, so its create cannot finish; three more
/// clients send the same draft whole (parsed and checked off the store's thread while the
/// test runs); client B meanwhile reads a stored invoice and the list, and both answer
/// while A is still open. Then A's last byte arrives and every create is 201.
#[test]
fn a_slow_create_never_delays_another_clients_read() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let stored = create(&d, DRAFT);
    let draft = largest_valid_draft();
    let raw = request_bytes(
        "POST",
        "/v1/invoices",
        &[("x-api-key", KEY), ("content-type", "application/json")],
        Some(&draft),
    );

    let mut slow = TcpStream::connect(d.addr).unwrap();
    let (most, last) = raw.split_at(raw.len() - 1);
    slow.write_all(most).unwrap();
    let others: Vec<_> = (0..3)
        .map(|_| {
            let (addr, raw) = (d.addr, raw.clone());
            std::thread::spawn(move || send(addr, raw, Duration::from_secs(120)))
        })
        .collect();

    let read = d.get(&format!("/v1/invoices/{stored}"));
    assert_eq!(read.status, 200, "{}", read.text());
    assert_eq!(read.json()["number"], stored.as_str());
    let list = d.get("/v1/invoices?limit=5");
    assert_eq!(list.status, 200, "{}", list.text());
    assert_eq!(list.json()["invoices"][0]["number"], stored.as_str(), "{}", list.text());

    // A has not been answered: its body is incomplete.
    slow.set_nonblocking(true).unwrap();
    let mut probe = [0u8; 1];
    let early = slow.read(&mut probe);
    assert!(matches!(&early, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock), "{early:?}");
    slow.set_nonblocking(false).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    slow.write_all(last).unwrap();
    let mut answer = Vec::new();
    slow.read_to_end(&mut answer).unwrap();
    for reply in std::iter::once(parse_reply(&answer)).chain(others.into_iter().map(|t| t.join().unwrap())) {
        assert_eq!(reply.status, 201, "{}", reply.text());
        assert_eq!(reply.json()["lines"].as_array().unwrap().len(), 1_000);
    }
}

/// Issue #21 (SPEC 15): a NUL or another byte no stored text can hold, in a path
/// segment, the query or the `after` cursor, is 404/400 before any store sees it (it was
/// a 500 on PostgreSQL); here on SQLite, with every answer a problem document.
#[test]
fn nul_and_invalid_bytes_in_paths_queries_and_cursors_are_404_or_400() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let number = create(&d, DRAFT);
    for path in [
        "/v1/invoices/INV%00X".to_owned(),
        format!("/v1/invoices/{number}%00"),
        format!("/v1/invoices/{number}%00/render"),
        "/v1/invoices/%FF%FE".to_owned(),
        "/v1/invoices/INV%EF%BF%BF".to_owned(),
    ] {
        d.get(&path).problem(404);
    }
    for query in ["after=%00", "after=INV%00", "after=%C0%80", "status=issued%00", "after=%1B", "limit=1%00"] {
        let reply = d.get(&format!("/v1/invoices?{query}"));
        let problem = reply.problem(400);
        assert!(problem.to_string().contains("invalid_value"), "{query}: {problem}");
    }
    // The same invoice without the bad byte is found.
    assert_eq!(d.get(&format!("/v1/invoices/{number}")).status, 200);
}

/// Issue #21 (SPEC 15): a stored invoice whose PDF the font cannot print is
/// `cannot-render`, 422 "Unprocessable Content", never a validation failure; its other
/// formats still render.
#[test]
fn a_pdf_that_cannot_be_rendered_is_a_cannot_render_problem() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let number = create(&d, &DRAFT.replace("Globex Ltd", "Globex 株式会社"));
    let reply = d.get(&format!("/v1/invoices/{number}/render?format=pdf"));
    let problem = reply.problem(422);
    assert_eq!(problem["type"], "urn:invoice:problem:cannot-render");
    assert_eq!(problem["title"], "Unprocessable Content");
    assert!(problem["detail"].as_str().unwrap().starts_with("cannot be rendered as PDF"), "{problem}");
    assert_eq!(problem["errors"][0]["code"], "unsupported_character");
    assert_eq!(problem["errors"][0]["path"], "/buyer/name");
    assert_eq!(d.get(&format!("/v1/invoices/{number}/render?format=html")).status, 200);
}

/// SPEC 12.2, 12.4: `POST /v1/invoices/{number}/payments` records a partial payment (201,
/// `Location`), a retry with the same `Idempotency-Key` and body gets the first payment
/// with 200 and records nothing, another body with the key is a conflict; the list,
/// `GET …/payments` and `?status=` agree on the balance; `POST …/pay` still pays the rest.
#[test]
fn payments_over_the_api_are_idempotent_and_every_summary_agrees() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    assert_eq!(d.post("/v1/invoices", DRAFT).status, 201);
    let path = "/v1/invoices/INV-2026-0001/payments";
    let headers = [("x-api-key", KEY), ("content-type", "application/json"), ("idempotency-key", "bank-line-17")];
    let body = r#"{"amount": "500.45", "date": "2026-11-30", "method": "sepa_credit_transfer", "reference": "RF18"}"#;
    let first = call(d.addr, "POST", path, &headers, Some(body));
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.header("location"), Some(path));
    let recorded = first.json();
    assert_eq!(recorded["payment"]["id"], "PAY-000001");
    assert_eq!(recorded["payment"]["amount"], "500.45");
    assert_eq!(recorded["invoice"]["status"], "partially_paid");
    assert_eq!(recorded["invoice"]["outstanding"], "1000.00");
    let again = call(d.addr, "POST", path, &headers, Some(body));
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json()["payment"], recorded["payment"]);
    let other = call(d.addr, "POST", path, &headers, Some(r#"{"amount": 10}"#));
    assert_eq!(other.problem(409)["errors"][0]["code"], "idempotency_key_reused");
    // Overpayments are refused naming the balance; unknown fields are named.
    let write = [("x-api-key", KEY), ("content-type", "application/json")];
    let over = call(d.addr, "POST", path, &write, Some(r#"{"amount": 1000.01}"#));
    assert_eq!(over.problem(422)["errors"][0]["code"], "out_of_range");
    let unknown = call(d.addr, "POST", path, &write, Some(r#"{"amount": "1", "memo": "x"}"#));
    assert_eq!(unknown.problem(422)["errors"][0]["path"], "/memo", "{}", unknown.text());
    let listed = d.get(path).json();
    assert_eq!(listed["payments"].as_array().unwrap().len(), 1);
    assert_eq!(listed["balance"]["outstanding"], "1000.00");
    let summaries = d.get("/v1/invoices?status=partially_paid").json();
    assert_eq!(summaries["invoices"][0]["paid"], "500.45");
    assert_eq!(summaries["invoices"][0]["outstanding"], "1000.00");
    assert_eq!(d.get("/v1/invoices?status=overdue").status, 200);
    assert_eq!(d.get("/v1/invoices?status=bogus").status, 400);
    // `POST …/pay` pays what is left.
    let paid = call(d.addr, "POST", "/v1/invoices/INV-2026-0001/pay", &write, Some("{}"));
    assert_eq!(paid.status, 200, "{}", paid.text());
    let summaries = d.get("/v1/invoices").json();
    assert_eq!(
        (&summaries["invoices"][0]["status"], &summaries["invoices"][0]["outstanding"]),
        (&"paid".into(), &"0.00".into())
    );
    assert_eq!(d.get(path).json()["payments"].as_array().unwrap().len(), 2);
}
