//! Failed authentications, aggregated for the audit log (SPEC 11, SPEC 15): the first
//! failure of a client (a rate-limit bucket: an IPv4 address, an IPv6 /64, all of
//! loopback) opens a one-minute window and is audited at once; the further failures of
//! that window become ONE audit entry with a count, so a flood of wrong keys cannot grow
//! the append-only log without bound (issue #10 defect 5: 89,720 failures in 5 s wrote
//! 7.4 MiB of audit rows).
//!
//! The count entry is written when the window closes (the housekeeping task looks every
//! few seconds) or when the daemon stops gracefully; it names the first further
//! failure's actor and request id, and counts each failure by reason and key. Each
//! failure is still in the access log and the `invoice_auth_failures_total` metric at
//! once. A SIGKILL loses at most the count of the open windows, never the fact that a
//! client failed (issue #21: the first failure used to wait a minute too).

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long failures of one client are gathered into one entry.
pub(crate) const WINDOW: Duration = Duration::from_secs(60);
/// Most clients with pending failures; beyond it they share one entry.
const MAX_CLIENTS: usize = 10_000;

/// One client's open window.
struct Pending {
    since: Instant,
    client: IpAddr,
    /// The first further failure's actor and request id (empty while there is none).
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
    /// Counts one failure of `client` (already a rate-limit bucket). The first failure of
    /// a window is returned, to be audited at once; the further ones are counted.
    pub(crate) fn record(&self, client: IpAddr, actor: &str, request_id: &str, reason: &str) -> Option<Entry> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        // Memory stays bounded: past the cap, new clients share the unspecified address.
        let key = if pending.len() >= MAX_CLIENTS && !pending.contains_key(&client) {
            IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED)
        } else {
            client
        };
        let what = if actor == "anonymous" { reason.to_owned() } else { format!("{reason} ({actor})") };
        let Some(entry) = pending.get_mut(&key) else {
            pending.insert(
                key,
                Pending {
                    since: Instant::now(),
                    client: key,
                    actor: String::new(),
                    request_id: String::new(),
                    counts: BTreeMap::new(),
                    total: 0,
                },
            );
            return Some(Entry {
                actor: actor.to_owned(),
                request_id: request_id.to_owned(),
                detail: format!("failed authentication from {}: {what}", client_name(key)),
            });
        };
        if entry.total == 0 {
            actor.clone_into(&mut entry.actor);
            request_id.clone_into(&mut entry.request_id);
        }
        // A bounded number of distinct reasons per entry (key ids are few per client).
        if entry.counts.len() < 32 || entry.counts.contains_key(&what) {
            *entry.counts.entry(what).or_insert(0) += 1;
        }
        entry.total += 1;
        None
    }

    /// Takes the count entries of the windows that are over (all of them when
    /// `everything`); a window with no further failure closes without an entry.
    pub(crate) fn due(&self, everything: bool) -> Vec<Entry> {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        let keys: Vec<IpAddr> = pending
            .iter()
            .filter(|(_, p)| everything || now.duration_since(p.since) >= WINDOW)
            .map(|(k, _)| *k)
            .collect();
        let mut due: Vec<Pending> = keys.iter().filter_map(|k| pending.remove(k)).collect();
        due.retain(|p| p.total > 0);
        due.sort_by_key(|p| p.since);
        due.into_iter().map(Pending::into_entry).collect()
    }
}

impl Pending {
    fn into_entry(self) -> Entry {
        let noun = if self.total == 1 { "further failed authentication" } else { "further failed authentications" };
        let reasons: Vec<String> = self.counts.iter().map(|(what, n)| format!("{n} × {what}")).collect();
        Entry {
            actor: self.actor,
            request_id: self.request_id,
            detail: format!(
                "{} {noun} from {} within {} s of the first: {}",
                self.total,
                client_name(self.client),
                WINDOW.as_secs(),
                reasons.join(", ")
            ),
        }
    }
}

fn client_name(client: IpAddr) -> String {
    if client.is_unspecified() { "other clients".to_owned() } else { client.to_string() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_first_failure_is_an_entry_at_once_and_the_rest_one_entry_with_a_count() {
        let log = FailureLog::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "192.0.2.7".parse().unwrap();
        let first = log.record(ip, "anonymous", "r0", "unknown API key").unwrap();
        assert_eq!(
            first,
            Entry {
                actor: "anonymous".into(),
                request_id: "r0".into(),
                detail: "failed authentication from 127.0.0.1: unknown API key".into()
            }
        );
        for i in 1..=1_000 {
            assert!(log.record(ip, "anonymous", &format!("r{i}"), "unknown API key").is_none());
        }
        assert!(log.record(ip, "key:abc", "r-x", "revoked API key").is_none());
        assert!(log.record(other, "anonymous", "o1", "missing API key").is_some());
        assert!(log.due(false).is_empty(), "a minute has not passed");
        let entries = log.due(true);
        assert_eq!(
            entries,
            [Entry {
                actor: "anonymous".into(),
                request_id: "r1".into(),
                detail: "1001 further failed authentications from 127.0.0.1 within 60 s of the first: \
                         1 × revoked API key (key:abc), 1000 × unknown API key"
                    .into(),
            }],
            "the other client had only its first failure: no count entry"
        );
        assert!(log.due(true).is_empty(), "written once");
        // A new window starts with an entry at once again.
        assert!(log.record(ip, "anonymous", "r-new", "unknown API key").is_some());
    }

    #[test]
    fn pending_clients_are_bounded() {
        let log = FailureLog::default();
        for round in 0..2 {
            for i in 0..(MAX_CLIENTS as u32 + 500) {
                let first = log.record(IpAddr::V4(i.into()), "anonymous", "r", "unknown API key");
                assert_eq!(first.is_some(), round == 0 && (i as usize) <= MAX_CLIENTS, "{i}");
            }
        }
        let entries = log.due(true);
        assert_eq!(entries.len(), MAX_CLIENTS + 1);
        assert!(entries.iter().any(|e| e.detail.starts_with("999 further failed authentications from other clients")));
    }
}
