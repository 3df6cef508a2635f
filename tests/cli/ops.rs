//! The operations files under `contrib/` against the real daemon: every metric the
//! Prometheus rules use, and every series their unit tests feed promtool, must exist with
//! the same labels in a running daemon's `/metrics` (so renaming a metric breaks this test,
//! not the alerts in production).

use crate::common::daemon::{Daemon, send};
use crate::common::{TestEnv, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const KEY: &str = "ops-static-key-0123456789abcdef0123456789";

/// Labels Prometheus adds when it scrapes; the daemon does not emit them.
const SCRAPE_LABELS: [&str; 2] = ["job", "instance"];

/// Labels whose values come from a fixed set the daemon always prints.
const FIXED_VALUE_LABELS: [&str; 3] = ["le", "reason", "limiter"];

fn get(daemon: &Daemon, path: &str, key: Option<&str>) -> crate::common::daemon::Reply {
    let auth = key.map(|k| format!("x-api-key: {k}\r\n")).unwrap_or_default();
    let raw = format!("GET {path} HTTP/1.1\r\nhost: localhost\r\n{auth}connection: close\r\n\r\n");
    send(daemon.addr, raw.into_bytes(), Duration::from_secs(10))
}

/// One exposition line: metric name and labels.
fn parse_series(text: &str) -> (String, BTreeMap<String, String>) {
    let (name, labels) = match text.split_once('{') {
        Some((name, rest)) => (name, rest.trim_end_matches('}')),
        None => (text, ""),
    };
    let labels = labels
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or_else(|| panic!("bad label pair {pair:?} in {text:?}"));
            (k.trim().to_owned(), v.trim().trim_matches('"').to_owned())
        })
        .collect();
    (name.trim().to_owned(), labels)
}

/// The series of a running daemon's `/metrics`, after it has answered a 200 and a 401.
fn live_series() -> Vec<(String, BTreeMap<String, String>)> {
    let env = TestEnv::new();
    let daemon = Daemon::start_with(&env, &["--rate-limit", "1000"], &[("INVOICE_API_KEY", KEY)]);
    assert_eq!(get(&daemon, "/health", None).status, 200);
    assert_eq!(get(&daemon, "/v1/invoices", None).status, 401);
    let reply = get(&daemon, "/metrics", Some(KEY));
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply
        .text()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| parse_series(l.rsplit_once(' ').map_or(l, |(series, _)| series)))
        .collect()
}

/// Every `invoice_*` metric name in a file.
fn metric_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (start, _) in text.match_indices("invoice_") {
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let name: String =
            text[start..].chars().take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_').collect();
        names.insert(name);
    }
    names
}

#[test]
fn every_metric_the_alert_rules_use_is_in_the_daemons_metrics() {
    let live = live_series();
    let live_names: BTreeSet<&str> = live.iter().map(|(name, _)| name.as_str()).collect();
    let rules = std::fs::read_to_string(repo().join("contrib/prometheus/invoice-alerts.yml")).unwrap();
    let used = metric_names(&rules);
    // The rules cover requests, auth failures, the connection cap and latency at least.
    for expected in [
        "invoice_http_requests_total",
        "invoice_auth_failures_total",
        "invoice_http_connections_rejected_total",
        "invoice_http_request_duration_seconds_bucket",
    ] {
        assert!(used.contains(expected), "the rules no longer use {expected}");
    }
    for name in &used {
        assert!(live_names.contains(name.as_str()), "the alert rules use {name}, which the daemon does not export");
    }
}

#[test]
fn the_promtool_test_series_have_the_daemons_names_and_labels() {
    let live = live_series();
    let tests = std::fs::read_to_string(repo().join("contrib/prometheus/invoice-alerts.test.yml")).unwrap();
    let mut checked = 0;
    for line in tests.lines() {
        let Some(series) = line.trim().strip_prefix("- series:") else { continue };
        let (name, mut labels) = parse_series(series.trim().trim_matches('\''));
        if name == "up" {
            continue; // Prometheus' own series for the scrape
        }
        for scrape in SCRAPE_LABELS {
            assert!(labels.remove(scrape).is_some(), "{series}: a scraped series carries `{scrape}`");
        }
        let keys: BTreeSet<&String> = labels.keys().collect();
        let same_shape = live.iter().any(|(live_name, live_labels)| {
            *live_name == name
                && live_labels.keys().collect::<BTreeSet<_>>() == keys
                && FIXED_VALUE_LABELS.iter().all(|l| labels.get(*l) == live_labels.get(*l) || !labels.contains_key(*l))
        });
        assert!(same_shape, "{series}: no series of this name with these labels (and fixed values) in /metrics");
        checked += 1;
    }
    assert!(checked > 30, "only {checked} series found in the promtool tests");
}
