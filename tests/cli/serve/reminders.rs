//! `POST /v1/reminders/run` and `GET /v1/invoices/{number}/reminders` (SPEC 12.5): admin
//! scope, dry runs, idempotent runs, RFC 9457 problems.

use super::*;

#[test]
fn the_reminder_run_needs_admin_issues_once_and_lists_per_invoice() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let number = create(&d, DRAFT);
    let (writer, _) = issue_key(&env, "read,write");
    let run = |key: &str, body: &str| {
        call(
            d.addr,
            "POST",
            "/v1/reminders/run",
            &[("x-api-key", key), ("content-type", "application/json")],
            Some(body),
        )
    };
    // A write key is not enough.
    run(&writer, "{}").problem(403);
    // A dry run says what would be issued and stores nothing.
    let dry = run(KEY, r#"{"as_of":"2027-01-05","dry_run":true}"#);
    assert_eq!(dry.status, 200, "{}", dry.text());
    let dry = dry.json();
    assert_eq!((dry["dry_run"].as_bool(), dry["reminders"][0]["outcome"].as_str()), (Some(true), Some("would_issue")));
    assert_eq!(d.get(&format!("/v1/invoices/{number}/reminders")).json()["reminders"], serde_json::json!([]));
    let first = run(KEY, r#"{"as_of":"2027-01-05"}"#).json();
    let r = &first["reminders"][0];
    assert_eq!((r["invoice"].as_str(), r["level"].as_u64()), (Some(number.as_str()), Some(1)));
    assert_eq!(r["amount_asked"], "1500.45");
    // The same day again: nothing new, with the reason.
    let again = run(KEY, r#"{"as_of":"2027-01-05"}"#).json();
    assert_eq!(again["reminders"], serde_json::json!([]));
    assert!(again["skipped"][0]["reason"].as_str().unwrap().contains("issued today already"), "{again}");
    let listed = d.get(&format!("/v1/invoices/{number}/reminders"));
    assert_eq!(listed.status, 200);
    let listed = listed.json();
    assert_eq!(
        (listed["invoice"].as_str(), listed["reminders"][0]["level"].as_u64()),
        (Some(number.as_str()), Some(1))
    );
    // Bad bodies and unknown invoices are problems.
    let bad = run(KEY, r#"{"as_of":"2027-02-30","dry_run":"yes"}"#).problem(422);
    let paths: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["/as_of", "/dry_run"]);
    run(KEY, "[1]").problem(422);
    d.get("/v1/invoices/INV-2026-9999/reminders").problem(404);
    call(d.addr, "GET", "/v1/reminders/run", &[("x-api-key", KEY)], None).problem(405);
    // The OpenAPI document describes both routes.
    let doc = d.get("/openapi.json").json();
    assert!(doc["paths"]["/v1/reminders/run"]["post"]["requestBody"].is_object());
    assert_eq!(doc["paths"]["/v1/reminders/run"]["post"]["x-required-scope"], "admin");
    assert!(doc["components"]["schemas"]["ReminderRun"].is_object());
}

#[test]
fn credit_notes_by_amount_or_lines_over_http() {
    let env = TestEnv::new();
    let d = Daemon::start(&env, &[]);
    let number = create(&d, DRAFT);
    let path = format!("/v1/invoices/{number}/credit");
    let by_amount = d.post(&path, r#"{"amount":"327.25","reason":"Returned goods"}"#);
    assert_eq!(by_amount.status, 201, "{}", by_amount.text());
    assert_eq!(by_amount.json()["totals"]["gross"], "327.25");
    let by_lines = d.post(&path, r#"{"lines":[2]}"#);
    assert_eq!(by_lines.status, 201, "{}", by_lines.text());
    assert_eq!(by_lines.json()["totals"]["gross"], "72.45");
    let too_much = d.post(&path, r#"{"amount":"1100.76"}"#).problem(422);
    assert_eq!(too_much["errors"][0]["path"], "/amount");
    d.post(&path, r#"{"amount":"1","lines":[1]}"#).problem(422);
    d.post(&path, r#"{"amount":12}"#).problem(422);
    let shown = d.get(&format!("/v1/invoices/{number}")).json();
    assert_eq!((shown["status"].as_str(), shown["account"]["outstanding"].as_str()), (Some("issued"), Some("1100.75")));
    // The rest: what is left uncredited.
    let rest = d.post(&path, "");
    assert_eq!(rest.status, 201, "{}", rest.text());
    assert_eq!(rest.json()["totals"]["gross"], "1100.75");
    assert_eq!(d.get(&format!("/v1/invoices/{number}")).json()["status"], "credited");
}
