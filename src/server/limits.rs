//! Per-client rate limits (governor's GCRA, keyed by client IP) with bounded memory.
//!
//! Three limiters (SPEC 15): a request without an API key counts against `--rate-limit`
//! per client bucket; a request with a valid key counts against `--key-rate-limit` for
//! that key (so local automation with its own key is not throttled by the anonymous
//! limit of all of loopback); failed authentications count against the stricter
//! `--auth-fail-limit` per client bucket. An IP that exhausts its failure
//! budget is *blocked* until the budget refills: its requests to protected routes get
//! 429 before any key is checked, so a guesser cannot tell a right guess from a wrong
//! one by the status code.
//!
//! Memory: IPv6 clients are keyed by their /64 (one host usually owns a whole /64, so
//! rotating addresses inside it buys nothing). Housekeeping drops keys whose bucket is
//! full again; if more than [`MAX_KEYS`] clients are still active, new decisions go to
//! one shared bucket until the table shrinks (fail closed, memory stays bounded).

use super::problem::ApiError;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use hyper::StatusCode;
use hyper::header::{self, HeaderName, HeaderValue};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Most distinct client keys a limiter tracks before it falls back to one shared bucket.
const MAX_KEYS: usize = 100_000;
/// Most IPs blocked for failed authentications at once.
const MAX_BLOCKED: usize = 10_000;
/// The shared bucket's key.
const OVERFLOW: IpAddr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// A rate-limit decision and the values of the `RateLimit-*` headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decision {
    /// Requests per window (`RateLimit-Limit`).
    pub(crate) limit: u32,
    /// Requests left now (`RateLimit-Remaining`).
    pub(crate) remaining: u32,
    /// Seconds until the budget is full again (`RateLimit-Reset`).
    pub(crate) reset: u64,
    /// Seconds to wait when limited (`Retry-After`); `None` when allowed.
    pub(crate) retry_after: Option<u64>,
}

struct Limiter<K: std::hash::Hash + Eq + Clone = IpAddr> {
    inner: Keyed<K>,
    limit: u32,
    overflow: AtomicBool,
}

impl<K: std::hash::Hash + Eq + Clone> Limiter<K> {
    fn new(per_minute: NonZeroU32) -> Self {
        Limiter {
            inner: RateLimiter::keyed(Quota::per_minute(per_minute)).with_middleware::<StateInformationMiddleware>(),
            limit: per_minute.get(),
            overflow: AtomicBool::new(false),
        }
    }

    fn check_key(&self, key: &K) -> Decision {
        match self.inner.check_key(key) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let reset = ceil_secs(self.period() * (self.limit.saturating_sub(remaining)));
                Decision { limit: self.limit, remaining, reset, retry_after: None }
            }
            Err(not_until) => {
                let wait = ceil_secs(not_until.wait_time_from(self.inner.clock().now())).max(1);
                Decision { limit: self.limit, remaining: 0, reset: wait, retry_after: Some(wait) }
            }
        }
    }

    /// Time for one request to come back.
    fn period(&self) -> Duration {
        Duration::from_secs(60) / self.limit
    }

    fn housekeeping(&self) {
        self.inner.retain_recent();
        self.inner.shrink_to_fit();
        self.overflow.store(self.inner.len() > MAX_KEYS, Ordering::Relaxed);
    }
}

impl Limiter<IpAddr> {
    fn check(&self, ip: IpAddr) -> Decision {
        let key = if self.overflow.load(Ordering::Relaxed) { OVERFLOW } else { bucket(ip) };
        self.check_key(&key)
    }
}

/// The daemon's rate limits.
pub(crate) struct RateLimits {
    requests: Limiter,
    /// By API key id (their number is bounded by the store, not by clients).
    keys: Limiter<String>,
    auth_failures: Limiter,
    blocked: Mutex<HashMap<IpAddr, Instant>>,
}

impl RateLimits {
    #[cfg(test)]
    pub(crate) fn new(per_minute: NonZeroU32, auth_failures_per_minute: NonZeroU32) -> Self {
        Self::with_keys(per_minute, per_minute, auth_failures_per_minute)
    }

    /// The limits with a per-API-key budget of `per_key_minute`.
    pub(crate) fn with_keys(
        per_minute: NonZeroU32,
        per_key_minute: NonZeroU32,
        auth_failures_per_minute: NonZeroU32,
    ) -> Self {
        RateLimits {
            requests: Limiter::new(per_minute),
            keys: Limiter::new(per_key_minute),
            auth_failures: Limiter::new(auth_failures_per_minute),
            blocked: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one request without an API key.
    pub(crate) fn check_request(&self, ip: IpAddr) -> Decision {
        self.requests.check(ip)
    }

    /// Counts one request authenticated with the API key `key_id`.
    pub(crate) fn check_key(&self, key_id: &str) -> Decision {
        self.keys.check_key(&key_id.to_owned())
    }

    /// `Some(429 decision)` while `ip` is blocked for failed authentications.
    pub(crate) fn auth_blocked(&self, ip: IpAddr) -> Option<Decision> {
        let key = bucket(ip);
        let mut blocked = self.blocked.lock().unwrap_or_else(PoisonError::into_inner);
        let until = *blocked.get(&key)?;
        let now = Instant::now();
        if until <= now {
            blocked.remove(&key);
            return None;
        }
        let wait = ceil_secs(until - now).max(1);
        Some(Decision { limit: self.auth_failures.limit, remaining: 0, reset: wait, retry_after: Some(wait) })
    }

    /// Counts one failed authentication; `Some(429 decision)` when it was one too many,
    /// and then `ip` stays blocked until its failure budget refills.
    pub(crate) fn record_auth_failure(&self, ip: IpAddr) -> Option<Decision> {
        let decision = self.auth_failures.check(ip);
        let wait = decision.retry_after?;
        let mut blocked = self.blocked.lock().unwrap_or_else(PoisonError::into_inner);
        if blocked.len() < MAX_BLOCKED || blocked.contains_key(&bucket(ip)) {
            blocked.insert(bucket(ip), Instant::now() + Duration::from_secs(wait));
        }
        Some(decision)
    }

    /// Drops state that no longer matters; run periodically.
    pub(crate) fn housekeeping(&self) {
        self.requests.housekeeping();
        self.keys.housekeeping();
        self.auth_failures.housekeeping();
        let now = Instant::now();
        let mut blocked = self.blocked.lock().unwrap_or_else(PoisonError::into_inner);
        blocked.retain(|_, until| *until > now);
        blocked.shrink_to_fit();
    }

    /// Clients tracked by the request limiter (for metrics).
    pub(crate) fn tracked_clients(&self) -> usize {
        self.requests.inner.len()
    }
}

/// The rate-limit key of an address (SPEC 11): every loopback address (127.0.0.0/8,
/// ::1) is one client, IPv4 otherwise as is, IPv6 by its /64. (Issue #10 defect 5:
/// binding sources 127.0.x.y dodged the per-IP limits.)
pub(crate) fn bucket(ip: IpAddr) -> IpAddr {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        IpAddr::V4(_) => ip,
    };
    if ip.is_loopback() {
        return IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);
    }
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// A 429 with `Retry-After` and the limiter's `RateLimit-*` headers.
pub(crate) fn rate_limited(decision: &Decision, detail: &str) -> ApiError {
    let mut error = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", detail);
    error.headers.push((header::RETRY_AFTER, HeaderValue::from(decision.retry_after.unwrap_or(1))));
    error.headers.extend(rate_headers(decision));
    error
}

pub(crate) fn rate_headers(decision: &Decision) -> [(HeaderName, HeaderValue); 3] {
    [
        (HeaderName::from_static("ratelimit-limit"), HeaderValue::from(decision.limit)),
        (HeaderName::from_static("ratelimit-remaining"), HeaderValue::from(decision.remaining)),
        (HeaderName::from_static("ratelimit-reset"), HeaderValue::from(decision.reset)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: u32) -> NonZeroU32 {
        NonZeroU32::new(v).unwrap()
    }

    #[test]
    fn the_budget_runs_out_and_says_when_to_retry() {
        let limits = RateLimits::new(n(3), n(2));
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let first = limits.check_request(ip);
        assert_eq!((first.limit, first.remaining, first.retry_after), (3, 2, None));
        assert!(first.reset >= 1 && first.reset <= 20, "{first:?}");
        limits.check_request(ip);
        assert_eq!(limits.check_request(ip).remaining, 0);
        let limited = limits.check_request(ip);
        assert!(limited.retry_after.is_some_and(|s| (1..=20).contains(&s)), "{limited:?}");
        // Another client is not affected.
        assert!(limits.check_request("10.0.0.2".parse().unwrap()).retry_after.is_none());
    }

    #[test]
    fn failed_authentications_block_the_client() {
        let limits = RateLimits::new(n(100), n(2));
        let ip: IpAddr = "10.0.0.9".parse().unwrap();
        assert!(limits.auth_blocked(ip).is_none());
        assert!(limits.record_auth_failure(ip).is_none());
        assert!(limits.record_auth_failure(ip).is_none());
        assert!(limits.record_auth_failure(ip).is_some());
        let blocked = limits.auth_blocked(ip).unwrap();
        assert!(blocked.retry_after.is_some_and(|s| s >= 1));
        assert!(limits.auth_blocked("10.0.0.10".parse().unwrap()).is_none());
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(bucket(a), bucket(b));
        assert_ne!(bucket(a), bucket(c));
        let mapped: IpAddr = "::ffff:10.1.2.3".parse().unwrap();
        assert_eq!(bucket(mapped), "10.1.2.3".parse::<IpAddr>().unwrap());
    }

    /// Issue #10 defect 5: other loopback source addresses dodged the limits.
    #[test]
    fn every_loopback_address_is_one_client() {
        let limits = RateLimits::new(n(2), n(2));
        for source in ["127.0.0.1", "127.0.3.7", "::1"] {
            limits.check_request(source.parse().unwrap());
        }
        assert!(limits.check_request("127.255.0.9".parse().unwrap()).retry_after.is_some());
        assert!(limits.check_request("::ffff:127.0.0.2".parse().unwrap()).retry_after.is_some());
        assert_eq!(bucket("127.9.9.9".parse().unwrap()), bucket("::1".parse().unwrap()));
        assert_ne!(bucket("10.0.0.1".parse().unwrap()), bucket("127.0.0.1".parse().unwrap()));
    }

    #[test]
    fn housekeeping_forgets_idle_clients() {
        let limits = RateLimits::new(n(60_000), n(10));
        for i in 0..1000u32 {
            limits.check_request(IpAddr::V4(i.into()));
        }
        assert_eq!(limits.tracked_clients(), 1000);
        std::thread::sleep(Duration::from_millis(5));
        limits.housekeeping();
        assert_eq!(limits.tracked_clients(), 0);
    }

    /// Issue #21: 60/min for all of loopback throttled local automation; a key has its own
    /// budget, apart from the anonymous one and from other keys.
    #[test]
    fn each_api_key_has_its_own_budget() {
        let limits = RateLimits::with_keys(n(2), n(5), n(2));
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..2 {
            assert!(limits.check_request(ip).retry_after.is_none());
        }
        assert!(limits.check_request(ip).retry_after.is_some(), "anonymous budget spent");
        for _ in 0..5 {
            assert!(limits.check_key("k1").retry_after.is_none());
        }
        let limited = limits.check_key("k1");
        assert_eq!((limited.limit, limited.remaining), (5, 0));
        assert!(limited.retry_after.is_some());
        assert!(limits.check_key("k2").retry_after.is_none(), "another key is not affected");
    }
}
