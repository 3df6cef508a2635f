//! Failed authentications, aggregated for the audit log (SPEC 11): the failures of one
//! client (a rate-limit bucket: an IPv4 address, an IPv6 /64, all of loopback) within a
//! minute become ONE audit entry with a count, so a flood of wrong keys cannot grow the
//! append-only log without bound (issue #10 defect 5: 89,720 failures in 5 s wrote
//! 7.4 MiB of audit rows).
//!
//! The entry is written when the client's minute is over (the housekeeping task looks
//! every few seconds) or when the daemon stops gracefully; it names the first failure's
//! actor and request id, and counts every failure by reason and key. Each failure is
//! still in the access log and the `invoice_auth_failures_total` metric at once. The
//! trade-off: a daemon killed with SIGKILL loses the counts of its last minute.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long failures of one client are gathered into one entry.
pub(crate) const WINDOW: Duration = Duration::from_secs(60);
/// Most clients with pending failures; beyond it they share one entry.
const MAX_CLIENTS: usize = 10_000;

/// One pending audit entry.
struct Pending {
    since: Instant,
    client: IpAddr,
    /// The first failure's actor and request id.
    actor: String,
    request_id: String,
    /// Failures by "reason (actor)".
    counts: BTreeMap<String, u64>,
    total: u64,
}

/// An audit entry ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) actor: String,
    pub(crate) request_id: String,
    pub(crate) detail: String,
}

/// The pending entries, by client bucket.
#[derive(Default)]
pub(crate) struct FailureLog {
    pending: Mutex<HashMap<IpAddr, Pending>>,
}

impl FailureLog {
    /// Counts one failure of `client` (already a rate-limit bucket).
    pub(crate) fn record(&self, client: IpAddr, actor: &str, request_id: &str, reason: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        // Memory stays bounded: past the cap, new clients share the unspecified address.
        let key = if pending.len() >= MAX_CLIENTS && !pending.contains_key(&client) {
            IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED)
        } else {
            client
        };
        let entry = pending.entry(key).or_insert_with(|| Pending {
            since: Instant::now(),
            client: key,
            actor: actor.to_owned(),
            request_id: request_id.to_owned(),
            counts: BTreeMap::new(),
            total: 0,
        });
        let what = if actor == "anonymous" { reason.to_owned() } else { format!("{reason} ({actor})") };
        // A bounded number of distinct reasons per entry (key ids are few per client).
        if entry.counts.len() < 32 || entry.counts.contains_key(&what) {
            *entry.counts.entry(what).or_insert(0) += 1;
        }
        entry.total += 1;
    }

    /// Takes the entries whose minute is over (all of them when `everything`).
    pub(crate) fn due(&self, everything: bool) -> Vec<Entry> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        let keys: Vec<IpAddr> = pending
            .iter()
            .filter(|(_, p)| everything || now.duration_since(p.since) >= WINDOW)
            .map(|(k, _)| *k)
            .collect();
        let mut due: Vec<Pending> = keys.iter().filter_map(|k| pending.remove(k)).collect();
        due.sort_by_key(|p| p.since);
        due.into_iter().map(Pending::into_entry).collect()
    }
}

impl Pending {
    fn into_entry(self) -> Entry {
        let client = if self.client.is_unspecified() { "other clients".to_owned() } else { self.client.to_string() };
        let noun = if self.total == 1 { "failed authentication" } else { "failed authentications" };
        let reasons: Vec<String> = self.counts.iter().map(|(what, n)| format!("{n} × {what}")).collect();
        Entry {
            actor: self.actor,
            request_id: self.request_id,
            detail: format!(
                "{} {noun} from {client} within {} s: {}",
                self.total,
                WINDOW.as_secs(),
                reasons.join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn failures_of_one_client_are_one_entry_with_a_count() {
        let log = FailureLog::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        for i in 0..1_000 {
            log.record(ip, "anonymous", &format!("r{i}"), "unknown API key");
        }
        log.record(ip, "key:abc", "r-x", "revoked API key");
        log.record(other, "anonymous", "o1", "missing API key");
        assert!(log.due(false).is_empty(), "a minute has not passed");
        let entries = log.due(true);
        assert_eq!(
            entries,
            [
                Entry {
                    actor: "anonymous".into(),
                    request_id: "r0".into(),
                    detail: "1001 failed authentications from 127.0.0.1 within 60 s: \
                             1 × revoked API key (key:abc), 1000 × unknown API key"
                        .into(),
                },
                Entry {
                    actor: "anonymous".into(),
                    request_id: "o1".into(),
                    detail: "1 failed authentication from 192.0.2.7 within 60 s: 1 × missing API key".into(),
                },
            ]
        );
        assert!(log.due(true).is_empty(), "written once");
    }

    #[test]
    fn pending_clients_are_bounded() {
        let log = FailureLog::default();
        for i in 0..(MAX_CLIENTS as u32 + 500) {
            log.record(IpAddr::V4(i.into()), "anonymous", "r", "unknown API key");
        }
        let entries = log.due(true);
        assert_eq!(entries.len(), MAX_CLIENTS + 1);
        assert!(entries.iter().any(|e| e.detail.starts_with("500 failed authentications from other clients")));
    }
}
