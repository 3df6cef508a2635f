//! Fuzz target `http_request`: whole HTTP requests against the real daemon.
//!
//! The daemon has no public pure request handler (its router, query parser and body
//! reader are crate-private), so this target runs the real thing in-process: the first
//! input starts `invoice::server::run` on 127.0.0.1 with an ephemeral port, a temporary
//! store, a static key and the rate limits raised; every input is then sent over one
//! loopback TCP connection and the answer is read back. That exercises hyper's parser,
//! the 16 KiB header cap, request ids, CORS, authentication-before-routing, the router
//! and its percent-decoding, the query parser (pollution, unknown names), the body
//! reader (413, 415, chunked bodies, short bodies), draft parsing, numbering and the
//! store, rendering, and the problem responses.
//!
//! Two input shapes:
//! - starting with an ASCII capital letter: raw request bytes sent as they are (the text
//!   `$KEY` is replaced by the daemon's key, so seeds can authenticate);
//! - anything else: the rest is decoded with `arbitrary` into a structured request
//!   (method, route, query, credentials, headers, framing, body), so the fuzzer reaches
//!   deep paths without having to invent HTTP syntax first.
//!
//! Oracles: no panic anywhere (libFuzzer aborts on any panic, even one the daemon would
//! contain and turn into a 500); no 5xx response other than 501/505, which hyper sends for
//! unsupported protocol features; the daemon answers or closes within 10 s (no hang);
//! and every 256 inputs `GET /health` must still answer 200.

#![no_main]

use invoice::config::{Config, Overrides, ServerOptions};
use invoice::server::Settings;
use libfuzzer_sys::arbitrary::{self, Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The static key the daemon accepts (all scopes).
const KEY: &str = "fuzz-static-key-0123456789abcdef0123456789";
/// Body cap of the fuzzed daemon: small, so 413 is reachable with fuzz-sized inputs, and
/// above the 16 KiB mark where drafts are parsed on a blocking thread.
const MAX_BODY: u64 = 20_000;

static DAEMON: OnceLock<SocketAddr> = OnceLock::new();
static RUNS: AtomicU64 = AtomicU64::new(0);

/// Starts the daemon once per process and returns its address.
fn daemon() -> SocketAddr {
    *DAEMON.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("invoice-fuzz-http-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        // Loaded as the CLI loads it (an empty config file, this store), so a new config
        // field never breaks this target (issue #21: a struct literal here rotted).
        let file = dir.join("invoice.toml");
        std::fs::write(&file, "").unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
        let overrides = Overrides { config: Some(file), store: Some(dir.join("invoices.db")), allow_missing: false };
        let mut config = Config::load(&overrides).unwrap_or_else(|e| panic!("cannot load the config: {e}"));
        config.static_api_key = Some(KEY.to_owned());
        config.no_color = true;
        let flags = ServerOptions {
            bind: Some("127.0.0.1:0".to_owned()),
            rate_limit: Some(1_000_000),
            key_rate_limit: Some(1_000_000),
            auth_fail_limit: Some(1_000_000),
            max_body: Some(MAX_BODY),
            threads: Some(2),
            header_timeout_ms: Some(50),
            body_timeout_ms: Some(50),
            shutdown_grace_ms: Some(100),
            cors_origins: vec!["http://app.example".to_owned()],
            ..ServerOptions::default()
        };
        let settings = Settings::resolve(&flags, &ServerOptions::default(), None)
            .unwrap_or_else(|e| panic!("bad daemon settings: {e}"));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let result = invoice::server::run(settings, &config, |url| {
                let _ = tx.send(url.to_owned());
                Ok(())
            });
            panic!("the daemon stopped: {result:?}");
        });
        let url = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|e| panic!("the daemon did not start: {e}"));
        let addr = url.trim_start_matches("http://");
        addr.parse().unwrap_or_else(|e| panic!("bad daemon address {addr}: {e}"))
    })
}

// ---------------------------------------------------------------------------------------
// Structured requests.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Arbitrary)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Options,
    Head,
    Patch,
    Custom(String),
}

#[derive(Debug, Arbitrary)]
enum Number {
    /// One of the first numbers the daemon issues (`INV-YYYY-000N`).
    Issued(u8),
    Text(String),
    /// Percent-encoded traversal and friends.
    Traversal(u8),
}

#[derive(Debug, Arbitrary)]
enum Action {
    Render,
    Void,
    Pay,
    Credit,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum Route {
    Health,
    OpenApi,
    Metrics,
    List,
    Create,
    Validate,
    Invoice(Number, Option<Action>),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Param {
    Limit,
    After,
    Status,
    Format,
    Paper,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum Auth {
    Static,
    Bearer,
    Missing,
    Wrong(String),
    Both(String),
}

#[derive(Debug, Arbitrary)]
enum ContentType {
    Json,
    JsonCharset,
    Text,
    Missing,
    Custom(String),
}

#[derive(Debug, Arbitrary)]
enum Header {
    IdempotencyKey(String),
    RequestId(String),
    Origin(bool),
    PreflightMethod(String),
    ForwardedFor(String),
    Custom(String, String),
    Padding(u16),
}

#[derive(Debug, Arbitrary)]
enum Framing {
    Length,
    Chunked(u8),
    /// A `Content-Length` that does not match the body.
    WrongLength(u32),
    NoLength,
}

#[derive(Debug, Arbitrary)]
enum Body {
    Fixture(u8),
    Mutated(u8, Vec<(u16, u8)>),
    Raw(Vec<u8>),
    Reason(String),
    Date(String),
    Empty,
}

#[derive(Debug, Arbitrary)]
struct Request {
    method: Method,
    route: Route,
    query: Option<Vec<(Param, String)>>,
    auth: Auth,
    content_type: ContentType,
    headers: Vec<Header>,
    framing: Framing,
    body: Body,
    /// Send the request twice on one keep-alive connection.
    pipelined: bool,
}

/// Drafts and bodies the fuzzer starts from (valid ones reach numbering and the store).
const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../fixtures/valid/spec-example.json"),
    include_bytes!("../../fixtures/valid/minimal-required-fields.json"),
    include_bytes!("../../fixtures/valid/exponent-numbers-and-negative-zero.json"),
    include_bytes!("../../fixtures/valid/entity-text-is-plain-text.json"),
    include_bytes!("../../fixtures/valid/gr-greek-parties.json"),
    include_bytes!("../../fixtures/valid/credit-note.json"),
    include_bytes!("../../fixtures/invalid/duplicate-keys.json"),
    br#"{"reason":"duplicate"}"#,
    br#"{"date":"2026-12-01"}"#,
    b"{}",
];

fn current_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().date_naive().year()
}

fn path_of(route: &Route) -> String {
    let number = |n: &Number| match n {
        Number::Issued(i) => format!("INV-{}-{:04}", current_year(), u32::from(*i % 8) + 1),
        Number::Text(t) => t.clone(),
        Number::Traversal(i) => ["..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e", "%00", "INV%2F2026", "%ff", "a%2", "%C0%AE"]
            [usize::from(*i) % 8]
            .to_owned(),
    };
    match route {
        Route::Health => "/health".to_owned(),
        Route::OpenApi => "/openapi.json".to_owned(),
        Route::Metrics => "/metrics".to_owned(),
        Route::List => "/v1/invoices".to_owned(),
        Route::Create => "/v1/invoices".to_owned(),
        Route::Validate => "/v1/invoices/validate".to_owned(),
        Route::Invoice(n, action) => {
            let base = format!("/v1/invoices/{}", number(n));
            match action {
                None => base,
                Some(Action::Render) => format!("{base}/render"),
                Some(Action::Void) => format!("{base}/void"),
                Some(Action::Pay) => format!("{base}/pay"),
                Some(Action::Credit) => format!("{base}/credit"),
                Some(Action::Other(o)) => format!("{base}/{o}"),
            }
        }
        Route::Raw(r) => r.clone(),
    }
}

fn encode(request: &Request) -> Vec<u8> {
    let method = match &request.method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Options => "OPTIONS",
        Method::Head => "HEAD",
        Method::Patch => "PATCH",
        Method::Custom(m) => m.as_str(),
    };
    let mut target = path_of(&request.route);
    if let Some(params) = &request.query {
        let pairs: Vec<String> = params
            .iter()
            .map(|(name, value)| {
                let name = match name {
                    Param::Limit => "limit",
                    Param::After => "after",
                    Param::Status => "status",
                    Param::Format => "format",
                    Param::Paper => "paper",
                    Param::Other(o) => o.as_str(),
                };
                format!("{name}={value}")
            })
            .collect();
        target = format!("{target}?{}", pairs.join("&"));
    }
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if !request.pipelined {
        head.push_str("Connection: close\r\n");
    }
    match &request.auth {
        Auth::Static => head.push_str(&format!("x-api-key: {KEY}\r\n")),
        Auth::Bearer => head.push_str(&format!("Authorization: Bearer {KEY}\r\n")),
        Auth::Missing => {}
        Auth::Wrong(k) => head.push_str(&format!("x-api-key: {k}\r\n")),
        Auth::Both(k) => head.push_str(&format!("x-api-key: {KEY}\r\nAuthorization: Bearer {k}\r\n")),
    }
    match &request.content_type {
        ContentType::Json => head.push_str("Content-Type: application/json\r\n"),
        ContentType::JsonCharset => head.push_str("Content-Type: application/json; charset=utf-8\r\n"),
        ContentType::Text => head.push_str("Content-Type: text/plain\r\n"),
        ContentType::Missing => {}
        ContentType::Custom(c) => head.push_str(&format!("Content-Type: {c}\r\n")),
    }
    for header in &request.headers {
        match header {
            Header::IdempotencyKey(k) => head.push_str(&format!("Idempotency-Key: {k}\r\n")),
            Header::RequestId(r) => head.push_str(&format!("X-Request-Id: {r}\r\n")),
            Header::Origin(allowed) => head.push_str(if *allowed {
                "Origin: http://app.example\r\n"
            } else {
                "Origin: http://evil.example\r\n"
            }),
            Header::PreflightMethod(m) => head.push_str(&format!("Access-Control-Request-Method: {m}\r\n")),
            Header::ForwardedFor(f) => head.push_str(&format!("X-Forwarded-For: {f}\r\n")),
            Header::Custom(n, v) => head.push_str(&format!("{n}: {v}\r\n")),
            Header::Padding(n) => head.push_str(&format!("X-Padding: {}\r\n", "p".repeat(usize::from(*n) % 20_000))),
        }
    }
    let body: Vec<u8> = match &request.body {
        Body::Fixture(i) => FIXTURES[usize::from(*i) % FIXTURES.len()].to_vec(),
        Body::Mutated(i, edits) => {
            let mut bytes = FIXTURES[usize::from(*i) % FIXTURES.len()].to_vec();
            for (at, byte) in edits {
                if !bytes.is_empty() {
                    let at = usize::from(*at) % bytes.len();
                    bytes[at] = *byte;
                }
            }
            bytes
        }
        Body::Raw(b) => b.clone(),
        Body::Reason(r) => format!("{{\"reason\":{r:?}}}").into_bytes(),
        Body::Date(d) => format!("{{\"date\":{d:?}}}").into_bytes(),
        Body::Empty => Vec::new(),
    };
    let mut raw = head.into_bytes();
    match &request.framing {
        Framing::Length => {
            raw.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
            raw.extend_from_slice(&body);
        }
        Framing::WrongLength(n) => {
            raw.extend_from_slice(format!("Content-Length: {n}\r\n\r\n").as_bytes());
            raw.extend_from_slice(&body);
        }
        Framing::NoLength => {
            raw.extend_from_slice(b"\r\n");
            raw.extend_from_slice(&body);
        }
        Framing::Chunked(size) => {
            raw.extend_from_slice(b"Transfer-Encoding: chunked\r\n\r\n");
            let size = usize::from(*size).max(1);
            for chunk in body.chunks(size) {
                raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                raw.extend_from_slice(chunk);
                raw.extend_from_slice(b"\r\n");
            }
            raw.extend_from_slice(b"0\r\n\r\n");
        }
    }
    if request.pipelined {
        let once = raw.clone();
        raw.extend_from_slice(&once);
    }
    raw
}

// ---------------------------------------------------------------------------------------
// Sending and checking.
// ---------------------------------------------------------------------------------------

/// Sends `raw` and reads until the daemon closes the connection (at most 10 s): at once
/// after a `Connection: close` request, else when the idle keep-alive time (50 ms here)
/// is over. The write side is not shut down: hyper (by default) drops a connection whose
/// client half-closes, answer and all.
fn exchange(addr: SocketAddr, raw: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).unwrap_or_else(|e| panic!("the daemon refused a connection: {e}"));
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    // The daemon may answer (413, 431) and close before the whole request is written.
    let _ = stream.write_all(raw);
    let started = Instant::now();
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
                panic!("the daemon neither answered nor closed within {:?}", started.elapsed())
            }
            // A reset after a refusal (413/431 close early) is fine.
            Err(_) => break,
        }
    }
    out
}

/// The status codes of every complete response in `bytes`.
fn statuses(bytes: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&rest[..end]);
        let mut lines = head.split("\r\n");
        let Some(status) = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()) else {
            break;
        };
        out.push(status);
        let length: usize = lines
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        let next = (end + 4).saturating_add(length).min(rest.len());
        rest = &rest[next..];
    }
    out
}

fn check(addr: SocketAddr, raw: &[u8]) {
    let answer = exchange(addr, raw);
    for status in statuses(&answer) {
        assert!(
            status < 500 || status == 501 || status == 505,
            "the daemon answered {status} to {:?}:\n{}",
            String::from_utf8_lossy(raw),
            String::from_utf8_lossy(&answer)
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let addr = daemon();
    let raw = match data.first() {
        Some(b'A'..=b'Z') => {
            let text = String::from_utf8_lossy(data);
            if text.contains("$KEY") { text.replace("$KEY", KEY).into_bytes() } else { data.to_vec() }
        }
        _ => {
            let mut input = Unstructured::new(data.get(1..).unwrap_or_default());
            let Ok(request) = Request::arbitrary(&mut input) else { return };
            encode(&request)
        }
    };
    check(addr, &raw);
    if RUNS.fetch_add(1, Ordering::Relaxed) % 256 == 255 {
        let health = exchange(addr, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert_eq!(statuses(&health).first(), Some(&200), "the daemon stopped serving /health");
    }
});
