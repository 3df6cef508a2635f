//! Reading requests safely: request ids, client addresses, query strings, path
//! segments and bodies, each with its limit.

use super::problem::ApiError;
use hyper::body::{Body as _, Incoming};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, StatusCode};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Request ids: 16 hex digits, unique within a process (a bijective mix of a counter
/// seeded from the start time and process id, so ids also differ across restarts).
pub(crate) struct RequestIds {
    seed: u64,
    counter: AtomicU64,
}

impl RequestIds {
    pub(crate) fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos() & u128::from(u64::MAX)).unwrap_or(0));
        RequestIds { seed: nanos ^ (u64::from(std::process::id()) << 32), counter: AtomicU64::new(0) }
    }

    pub(crate) fn next(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{:016x}", mix(self.seed.wrapping_add(n)))
    }
}

/// SplitMix64's finalizer: a bijection on u64.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The client's `X-Request-Id` if it is sane: 1–64 characters of `A-Za-z0-9._-`, and not
/// something that looks like a credential (so a confused client cannot get its key
/// echoed and logged).
pub(crate) fn client_request_id(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("x-request-id")?.to_str().ok()?;
    let sane = (1..=64).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    let credential = value.starts_with(crate::keys::KEY_PREFIX)
        || presented_key(headers).is_some_and(|key| value == key || (value.len() >= 16 && key.contains(value)));
    (sane && !credential).then(|| value.to_owned())
}

/// The API key a request carries: `x-api-key`, else `Authorization: Bearer KEY`.
pub(crate) fn presented_key(headers: &HeaderMap) -> Option<&str> {
    if let Some(value) = headers.get("x-api-key") {
        return value.to_str().ok().map(str::trim).filter(|k| !k.is_empty());
    }
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, key) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim()).filter(|k| !k.is_empty())
}

/// The client address: the TCP peer, or with `--trust-proxy` the rightmost
/// `X-Forwarded-For` entry (the one the proxy in front of us appended).
pub(crate) fn client_ip(headers: &HeaderMap, peer: SocketAddr, trust_proxy: bool) -> IpAddr {
    if !trust_proxy {
        return peer.ip();
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .and_then(|entry| {
            entry
                .parse::<IpAddr>()
                .ok()
                .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
                .or_else(|| entry.strip_prefix('[')?.strip_suffix(']')?.parse().ok())
        })
        .map_or(peer.ip(), |ip| match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            IpAddr::V4(_) => ip,
        })
}

/// Size of the request head as sent: request line and `name: value\r\n` lines.
pub(crate) fn head_size<B>(req: &Request<B>) -> usize {
    let target = req.uri().path_and_query().map_or(1, |p| p.as_str().len());
    let line = req.method().as_str().len() + target + 12;
    req.headers().iter().map(|(name, value)| name.as_str().len() + value.len() + 4).sum::<usize>() + line
}

/// Decodes `%XX` escapes (and `+` as space in query strings); `None` for a bad escape,
/// text that is not UTF-8, or a character no stored text can hold (NUL, the other C0
/// controls but tab/LF/CR, noncharacters: see `security::text::xml_char`). So such bytes
/// in a path segment, query or cursor are 404/400 before any store sees them, on every
/// engine (SPEC 15; issue #21: `%00` was a 500 on PostgreSQL).
pub(crate) fn percent_decode(text: &str, plus_is_space: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().filter(|s| s.chars().all(crate::security::text::xml_char))
}

/// A parsed query string: each allowed parameter at most once.
#[derive(Debug, Default)]
pub(crate) struct Query(Vec<(&'static str, String)>);

impl Query {
    /// Parses `raw`; unknown, repeated or undecodable parameters are 400.
    pub(crate) fn parse(raw: Option<&str>, allowed: &[&'static str]) -> Result<Query, ApiError> {
        let mut params: Vec<(&'static str, String)> = Vec::new();
        for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = percent_decode(name, true)
                .ok_or_else(|| ApiError::bad_query("?", "invalid_value", "the query string is not valid UTF-8"))?;
            let Some(&known) = allowed.iter().find(|a| **a == name) else {
                let shown = crate::security::text::display_safe(&name);
                let expected = if allowed.is_empty() { "none".to_owned() } else { allowed.join(", ") };
                return Err(ApiError::bad_query(
                    &shown,
                    "unknown_parameter",
                    format!("unknown parameter (this route takes: {expected})"),
                ));
            };
            if params.iter().any(|(n, _)| *n == known) {
                return Err(ApiError::bad_query(
                    known,
                    "duplicate_parameter",
                    "given more than once (parameter pollution is refused)",
                ));
            }
            let value = percent_decode(value, true).ok_or_else(|| {
                ApiError::bad_query(
                    known,
                    "invalid_value",
                    "not valid percent-encoded UTF-8, or holds a control character or a noncharacter",
                )
            })?;
            params.push((known, value));
        }
        Ok(Query(params))
    }

    /// The value of `name`, if given.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// Whether a body must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyRule {
    /// The route needs a JSON body.
    Required,
    /// The route takes an optional JSON body; an empty one is fine without a type.
    Optional,
}

/// Reads a JSON request body under the limits:
///
/// * `Content-Length` over `max` → 413 at once, nothing is read;
/// * a body that is not `application/json` → 415 (before reading);
/// * a chunked body is counted as it streams → 413 as soon as it passes `max`;
/// * the whole body must arrive within `timeout` → 408.
///
/// 413 and 408 close the connection: the rest of the body is never read.
pub(crate) async fn read_body(
    req: Request<Incoming>,
    max: u64,
    timeout: Duration,
    rule: BodyRule,
) -> Result<Vec<u8>, ApiError> {
    let (parts, body) = req.into_parts();
    let hint = body.size_hint();
    if hint.lower() > max {
        return Err(too_large(max));
    }
    let empty = hint.exact() == Some(0);
    if empty && rule == BodyRule::Optional {
        return Ok(Vec::new());
    }
    if !empty && !is_json(parts.headers.get(header::CONTENT_TYPE)) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "the body must be JSON, sent with `Content-Type: application/json`",
        )
        .with_header(HeaderName::from_static("accept-post"), HeaderValue::from_static("application/json"))
        .with_header(header::CONNECTION, HeaderValue::from_static("close")));
    }
    collect(body, max, timeout).await
}

/// Reads a body of one of the `accepted` media types (received e-invoices: XML or PDF)
/// under the same limits as [`read_body`]; a missing or other type is 415 with
/// `Accept-Post: accept_post`. Returns the body and the accepted type it was sent as.
pub(crate) async fn read_typed_body(
    req: Request<Incoming>,
    max: u64,
    timeout: Duration,
    accepted: &[&'static str],
    accept_post: &'static str,
) -> Result<(Vec<u8>, &'static str), ApiError> {
    let (parts, body) = req.into_parts();
    if body.size_hint().lower() > max {
        return Err(too_large(max));
    }
    let media = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(str::trim)
        .and_then(|media| accepted.iter().find(|a| media.eq_ignore_ascii_case(a)).copied());
    let Some(media) = media else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            format!("the body must be sent with `Content-Type:` one of {accept_post}"),
        )
        .with_header(HeaderName::from_static("accept-post"), HeaderValue::from_static(accept_post))
        .with_header(header::CONNECTION, HeaderValue::from_static("close")));
    };
    Ok((collect(body, max, timeout).await?, media))
}

/// Reads a body to its end: at most `max` bytes (413 as soon as it passes), all within
/// `timeout` (408). Both close the connection: the rest is never read.
async fn collect(mut body: Incoming, max: u64, timeout: Duration) -> Result<Vec<u8>, ApiError> {
    let hint = body.size_hint();
    let deadline = tokio::time::Instant::now() + timeout;
    let capacity = usize::try_from(hint.exact().unwrap_or(8 * 1024).min(max)).unwrap_or(8 * 1024);
    let mut bytes = Vec::with_capacity(capacity);
    loop {
        let frame = match tokio::time::timeout_at(deadline, http_body_util::BodyExt::frame(&mut body)).await {
            Err(_) => {
                return Err(ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "request-timeout",
                    format!("the body did not arrive within {} s", timeout.as_secs_f32()),
                )
                .with_header(header::CONNECTION, HeaderValue::from_static("close")));
            }
            Ok(None) => break,
            Ok(Some(Err(_))) => {
                return Err(ApiError::new(StatusCode::BAD_REQUEST, "bad-request", "the body could not be read")
                    .with_header(header::CONNECTION, HeaderValue::from_static("close")));
            }
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            if bytes.len() as u64 + data.len() as u64 > max {
                return Err(too_large(max));
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

fn too_large(max: u64) -> ApiError {
    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", format!("the body is over {max} bytes"))
        .with_header(header::CONNECTION, HeaderValue::from_static("close"))
}

/// `application/json`, optionally with parameters (`; charset=utf-8`).
fn is_json(value: Option<&HeaderValue>) -> bool {
    value
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn request_ids_are_echoed_only_when_sane() {
        assert_eq!(client_request_id(&headers(&[("x-request-id", "abc-1.2_3")])).as_deref(), Some("abc-1.2_3"));
        for bad in ["", "has space", "semi;colon", &"x".repeat(65), "invk_0123456789ab_secret"] {
            assert!(client_request_id(&headers(&[("x-request-id", bad)])).is_none(), "{bad}");
        }
        let h = headers(&[("x-request-id", "s3cr3t-static-key"), ("x-api-key", "s3cr3t-static-key")]);
        assert!(client_request_id(&h).is_none());
        let ids = RequestIds::new();
        let (a, b) = (ids.next(), ids.next());
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn keys_come_from_either_header() {
        assert_eq!(presented_key(&headers(&[("x-api-key", " k1 ")])), Some("k1"));
        assert_eq!(presented_key(&headers(&[("authorization", "Bearer k2")])), Some("k2"));
        assert_eq!(presented_key(&headers(&[("authorization", "bearer  k3")])), Some("k3"));
        assert_eq!(presented_key(&headers(&[("authorization", "Basic abc")])), None);
        assert_eq!(presented_key(&headers(&[])), None);
    }

    #[test]
    fn forwarded_for_is_used_only_behind_a_trusted_proxy() {
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let h = headers(&[("x-forwarded-for", "1.1.1.1, 2.2.2.2"), ("x-forwarded-for", "9.9.9.9, 3.3.3.3")]);
        assert_eq!(client_ip(&h, peer, false), peer.ip());
        assert_eq!(client_ip(&h, peer, true), "3.3.3.3".parse::<IpAddr>().unwrap());
        let h = headers(&[("x-forwarded-for", "[2001:db8::1]:443")]);
        assert_eq!(client_ip(&h, peer, true), "2001:db8::1".parse::<IpAddr>().unwrap());
        let h = headers(&[("x-forwarded-for", "garbage")]);
        assert_eq!(client_ip(&h, peer, true), peer.ip());
    }

    #[test]
    fn queries_refuse_pollution_and_unknown_names() {
        let q = Query::parse(Some("limit=5&status=paid&after=INV-2026-0001"), &["limit", "status", "after"]).unwrap();
        assert_eq!(q.get("limit"), Some("5"));
        assert_eq!(q.get("after"), Some("INV-2026-0001"));
        let e = Query::parse(Some("limit=5&limit=6"), &["limit"]).unwrap_err();
        assert_eq!(e.status, 400);
        assert_eq!(e.errors[0].code, "duplicate_parameter");
        let e = Query::parse(Some("lmit=5"), &["limit"]).unwrap_err();
        assert_eq!(e.errors[0].code, "unknown_parameter");
        let e = Query::parse(Some("limit=%ff"), &["limit"]).unwrap_err();
        assert_eq!(e.errors[0].code, "invalid_value");
        assert_eq!(percent_decode("INV%2F2026+x", false).as_deref(), Some("INV/2026+x"));
        assert_eq!(percent_decode("%zz", false), None);
        // Issue #21: bytes no stored text can hold never reach a store.
        for bad in ["INV%00X", "%00", "a%01b", "%EF%BF%BF", "%FF", "%C0%80"] {
            assert_eq!(percent_decode(bad, true), None, "{bad}");
        }
        assert_eq!(percent_decode("a%09b%E2%82%AC", true).as_deref(), Some("a\tb€"));
    }

    #[test]
    fn json_media_types() {
        assert!(is_json(Some(&HeaderValue::from_static("application/json; charset=utf-8"))));
        assert!(is_json(Some(&HeaderValue::from_static("Application/JSON"))));
        assert!(!is_json(Some(&HeaderValue::from_static("text/plain"))));
        assert!(!is_json(None));
    }
}
