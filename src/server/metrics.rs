//! Prometheus counters for `GET /metrics`: requests by route and status, failed
//! authentications by reason, rate-limited requests by limiter, and connections.
//!
//! Labels come from fixed sets (route templates, status codes, reason names), never from
//! request text, so the series count is bounded and nothing a client sends is echoed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Why an authentication failed (metric label and audit detail).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum AuthFailure {
    /// No key in the request.
    Missing,
    /// A key that matches nothing.
    Unknown,
    /// A revoked key.
    Revoked,
    /// An expired key.
    Expired,
}

impl AuthFailure {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AuthFailure::Missing => "missing",
            AuthFailure::Unknown => "unknown",
            AuthFailure::Revoked => "revoked",
            AuthFailure::Expired => "expired",
        }
    }
}

/// Which limiter refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Limited {
    /// `--rate-limit`.
    Requests,
    /// `--auth-fail-limit`.
    AuthFailures,
}

/// Latency histogram bucket bounds, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Counters {
    requests: BTreeMap<(&'static str, &'static str, u16), u64>,
    auth_failures: BTreeMap<AuthFailure, u64>,
    limited: BTreeMap<Limited, u64>,
}

/// The daemon's metrics.
#[derive(Default)]
pub(crate) struct Metrics {
    counters: Mutex<Counters>,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
    connections_rejected: AtomicU64,
}

impl Metrics {
    /// Counts a finished request.
    pub(crate) fn request(&self, method: &'static str, route: &'static str, status: u16, latency: Duration) {
        {
            let mut c = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
            *c.requests.entry((route, method, status)).or_default() += 1;
        }
        let secs = latency.as_secs_f64();
        for (bound, counter) in BUCKETS.iter().zip(&self.latency_buckets) {
            if secs <= *bound {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        let micros = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        self.latency_sum_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts a failed authentication.
    pub(crate) fn auth_failure(&self, why: AuthFailure) {
        *self.counters.lock().unwrap_or_else(PoisonError::into_inner).auth_failures.entry(why).or_default() += 1;
    }

    /// Counts a rate-limited request.
    pub(crate) fn limited(&self, by: Limited) {
        *self.counters.lock().unwrap_or_else(PoisonError::into_inner).limited.entry(by).or_default() += 1;
    }

    /// Counts a connection refused over `--max-connections`.
    pub(crate) fn connection_rejected(&self) {
        self.connections_rejected.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub(crate) fn render(&self, open_connections: usize, tracked_clients: usize) -> String {
        let c = self.counters.lock().unwrap_or_else(PoisonError::into_inner);
        let mut out = String::new();
        out.push_str("# HELP invoice_http_requests_total HTTP requests by route, method and status.\n");
        out.push_str("# TYPE invoice_http_requests_total counter\n");
        for ((route, method, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "invoice_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}"
            );
        }
        out.push_str("# HELP invoice_auth_failures_total Failed authentications by reason.\n");
        out.push_str("# TYPE invoice_auth_failures_total counter\n");
        for why in [AuthFailure::Missing, AuthFailure::Unknown, AuthFailure::Revoked, AuthFailure::Expired] {
            let n = c.auth_failures.get(&why).copied().unwrap_or(0);
            let _ = writeln!(out, "invoice_auth_failures_total{{reason=\"{}\"}} {n}", why.as_str());
        }
        out.push_str("# HELP invoice_rate_limited_total Requests refused with 429, by limiter.\n");
        out.push_str("# TYPE invoice_rate_limited_total counter\n");
        for (by, name) in [(Limited::Requests, "requests"), (Limited::AuthFailures, "auth_failures")] {
            let n = c.limited.get(&by).copied().unwrap_or(0);
            let _ = writeln!(out, "invoice_rate_limited_total{{limiter=\"{name}\"}} {n}");
        }
        drop(c);
        out.push_str("# HELP invoice_http_request_duration_seconds Time from request head to response.\n");
        out.push_str("# TYPE invoice_http_request_duration_seconds histogram\n");
        for (bound, counter) in BUCKETS.iter().zip(&self.latency_buckets) {
            let _ = writeln!(
                out,
                "invoice_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                counter.load(Ordering::Relaxed)
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let _ = writeln!(out, "invoice_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}");
        #[allow(clippy::cast_precision_loss)] // a sum of microseconds; precision loss is irrelevant here
        let sum = self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(out, "invoice_http_request_duration_seconds_sum {sum}");
        let _ = writeln!(out, "invoice_http_request_duration_seconds_count {count}");
        out.push_str("# HELP invoice_http_connections_open Open client connections.\n");
        out.push_str("# TYPE invoice_http_connections_open gauge\n");
        let _ = writeln!(out, "invoice_http_connections_open {open_connections}");
        out.push_str("# HELP invoice_http_connections_rejected_total Connections refused over --max-connections.\n");
        out.push_str("# TYPE invoice_http_connections_rejected_total counter\n");
        let _ = writeln!(
            out,
            "invoice_http_connections_rejected_total {}",
            self.connections_rejected.load(Ordering::Relaxed)
        );
        out.push_str("# HELP invoice_rate_limit_clients Client addresses the rate limiter tracks.\n");
        out.push_str("# TYPE invoice_rate_limit_clients gauge\n");
        let _ = writeln!(out, "invoice_rate_limit_clients {tracked_clients}");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_has_every_family() {
        let m = Metrics::default();
        m.request("GET", "/health", 200, Duration::from_millis(2));
        m.request("GET", "/health", 200, Duration::from_millis(2));
        m.auth_failure(AuthFailure::Unknown);
        m.limited(Limited::Requests);
        let text = m.render(3, 7);
        assert!(text.contains("invoice_http_requests_total{route=\"/health\",method=\"GET\",status=\"200\"} 2"));
        assert!(text.contains("invoice_auth_failures_total{reason=\"unknown\"} 1"));
        assert!(text.contains("invoice_auth_failures_total{reason=\"missing\"} 0"));
        assert!(text.contains("invoice_rate_limited_total{limiter=\"requests\"} 1"));
        assert!(text.contains("invoice_http_request_duration_seconds_bucket{le=\"0.0025\"} 2"));
        assert!(text.contains("invoice_http_request_duration_seconds_bucket{le=\"0.001\"} 0"));
        assert!(text.contains("invoice_http_connections_open 3"));
    }
}
