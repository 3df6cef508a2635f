//! The daemon's effective settings: `serve` flags over the config file's `[server]`
//! table over built-in defaults, each checked once, here.

pub use crate::config::LogFormat;
use crate::config::ServerOptions;
use crate::error::{Error, Result};
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Default listen address: loopback only.
pub(crate) const DEFAULT_BIND: &str = "127.0.0.1:8080";
/// Default requests per minute per client IP.
pub(crate) const DEFAULT_RATE_LIMIT: u32 = 60;
/// Default authenticated requests per minute per API key (SPEC 15).
pub(crate) const DEFAULT_KEY_RATE_LIMIT: u32 = 1200;
/// Default cap on concurrent connections per client bucket (SPEC 15).
pub(crate) const DEFAULT_MAX_CONNECTIONS_PER_CLIENT: usize = 32;
/// Default failed authentications per minute per client IP.
pub(crate) const DEFAULT_AUTH_FAIL_LIMIT: u32 = 10;
/// Default body cap: 1 MiB (a 1,000-line draft is about 250 KB).
pub(crate) const DEFAULT_MAX_BODY: u64 = 1024 * 1024;
/// Default cap on concurrent connections.
pub(crate) const DEFAULT_MAX_CONNECTIONS: usize = 256;
/// Database connections of the daemon on PostgreSQL (SPEC 9).
pub(crate) const DEFAULT_DB_POOL: usize = 8;
/// Default time a client has to send a request's headers; also how long an idle
/// keep-alive connection is kept.
pub(crate) const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time a client has to send a request's body.
pub(crate) const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time a response write may stall before the connection is dropped.
pub(crate) const DEFAULT_WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time in-flight requests get to finish after SIGINT/SIGTERM.
pub(crate) const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Largest accepted `--max-body` (64 MiB): bodies are held in memory.
const MAX_MAX_BODY: u64 = 64 * 1024 * 1024;

/// The effective daemon settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Listen address (`host:port`).
    pub bind: String,
    /// Unauthenticated requests per minute per client bucket.
    pub rate_limit: NonZeroU32,
    /// Authenticated requests per minute per API key.
    pub key_rate_limit: NonZeroU32,
    /// Failed authentications per minute per client IP (never above `rate_limit`).
    pub auth_fail_limit: NonZeroU32,
    /// Largest request body in bytes.
    pub max_body: u64,
    /// Origins allowed to call the API from a browser.
    pub cors_origins: Vec<String>,
    /// Async worker threads.
    pub threads: usize,
    /// Database connections (PostgreSQL only; SQLite has one writer thread).
    pub db_pool: usize,
    /// Concurrent connections before idle ones are closed and new ones get 503.
    pub max_connections: usize,
    /// Concurrent connections per client bucket (not applied behind a trusted proxy).
    pub max_connections_per_client: usize,
    /// Take the client IP from the rightmost `X-Forwarded-For` entry.
    pub trust_proxy: bool,
    /// Certificate chain and private key (PEM) for native TLS.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// Access log format.
    pub log_format: LogFormat,
    /// Serve plain HTTP on a non-loopback address.
    pub allow_plain_http: bool,
    /// Strip markup from drafts (with warnings) instead of refusing it.
    pub sanitize: bool,
    /// Time to receive a request's headers; also the idle keep-alive timeout.
    pub header_timeout: Duration,
    /// Time to receive a request's body.
    pub body_timeout: Duration,
    /// Time a response write may stall.
    pub write_timeout: Duration,
    /// Time in-flight requests get after SIGINT/SIGTERM.
    pub shutdown_grace: Duration,
}

impl Settings {
    /// Combines flags, the `[server]` table and defaults, and checks every value.
    ///
    /// # Errors
    /// [`Error::Config`] naming the flag or config key whose value is out of range, a
    /// CORS origin that is not `scheme://host[:port]`, a log format other than
    /// `text`/`json`, or only one of the TLS certificate and key.
    pub fn resolve(flags: &ServerOptions, file: &ServerOptions, config_file: Option<&Path>) -> Result<Settings> {
        let source = |flag_given: bool| -> PathBuf {
            match (flag_given, config_file) {
                (false, Some(path)) => path.to_owned(),
                _ => PathBuf::from("invoice serve"),
            }
        };
        let err = |flag_given: bool, message: String| Error::Config { path: source(flag_given), message };

        let rate_limit = flags.rate_limit.or(file.rate_limit).unwrap_or(DEFAULT_RATE_LIMIT);
        let rate_limit = NonZeroU32::new(rate_limit)
            .filter(|n| n.get() <= 1_000_000)
            .ok_or_else(|| err(flags.rate_limit.is_some(), "rate_limit must be between 1 and 1000000".into()))?;
        let key_rate_limit = flags.key_rate_limit.or(file.key_rate_limit).unwrap_or(DEFAULT_KEY_RATE_LIMIT);
        let key_rate_limit = NonZeroU32::new(key_rate_limit).filter(|n| n.get() <= 1_000_000).ok_or_else(|| {
            err(flags.key_rate_limit.is_some(), "key_rate_limit must be between 1 and 1000000".into())
        })?;
        let auth_fail_limit = flags.auth_fail_limit.or(file.auth_fail_limit).unwrap_or(DEFAULT_AUTH_FAIL_LIMIT);
        let auth_fail_limit = NonZeroU32::new(auth_fail_limit)
            .ok_or_else(|| err(flags.auth_fail_limit.is_some(), "auth_fail_limit must be at least 1".into()))?;
        let max_body = flags.max_body.or(file.max_body).unwrap_or(DEFAULT_MAX_BODY);
        if !(1024..=MAX_MAX_BODY).contains(&max_body) {
            return Err(err(
                flags.max_body.is_some(),
                format!("max_body must be between 1024 and {MAX_MAX_BODY} bytes"),
            ));
        }
        let threads = flags
            .threads
            .or(file.threads)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get));
        if !(1..=256).contains(&threads) {
            return Err(err(flags.threads.is_some(), "threads must be between 1 and 256".into()));
        }
        let db_pool = flags.db_pool.or(file.db_pool).unwrap_or(DEFAULT_DB_POOL);
        if !(1..=256).contains(&db_pool) {
            return Err(err(flags.db_pool.is_some(), "db_pool must be between 1 and 256".into()));
        }
        let max_connections = flags.max_connections.or(file.max_connections).unwrap_or(DEFAULT_MAX_CONNECTIONS);
        if !(1..=65_536).contains(&max_connections) {
            return Err(err(flags.max_connections.is_some(), "max_connections must be between 1 and 65536".into()));
        }
        let max_connections_per_client = flags
            .max_connections_per_client
            .or(file.max_connections_per_client)
            .unwrap_or(DEFAULT_MAX_CONNECTIONS_PER_CLIENT);
        if !(1..=65_536).contains(&max_connections_per_client) {
            return Err(err(
                flags.max_connections_per_client.is_some(),
                "max_connections_per_client must be between 1 and 65536".into(),
            ));
        }
        let origins_from_flags = !flags.cors_origins.is_empty();
        let cors_origins = if origins_from_flags { &flags.cors_origins } else { &file.cors_origins };
        let cors_origins = cors_origins
            .iter()
            .map(|o| check_origin(o).map_err(|why| err(origins_from_flags, why)))
            .collect::<Result<Vec<_>>>()?;
        let log_format = flags.log_format.or(file.log_format).unwrap_or_default();
        let tls_cert = flags.tls_cert.clone().or_else(|| file.tls_cert.clone());
        let tls_key = flags.tls_key.clone().or_else(|| file.tls_key.clone());
        let tls = match (tls_cert, tls_key) {
            (Some(cert), Some(key)) => Some((cert, key)),
            (None, None) => None,
            _ => {
                return Err(err(
                    flags.tls_cert.is_some() || flags.tls_key.is_some(),
                    "TLS needs both tls_cert and tls_key".into(),
                ));
            }
        };
        let millis = |flag: Option<u64>, default: Duration| flag.map_or(default, Duration::from_millis);
        Ok(Settings {
            bind: flags.bind.clone().or_else(|| file.bind.clone()).unwrap_or_else(|| DEFAULT_BIND.to_owned()),
            rate_limit,
            key_rate_limit,
            auth_fail_limit: auth_fail_limit.min(rate_limit),
            max_body,
            cors_origins,
            threads,
            db_pool,
            max_connections,
            max_connections_per_client,
            trust_proxy: flags.trust_proxy || file.trust_proxy,
            tls,
            log_format,
            allow_plain_http: flags.allow_plain_http || file.allow_plain_http,
            sanitize: flags.sanitize || file.sanitize,
            header_timeout: millis(flags.header_timeout_ms, DEFAULT_HEADER_TIMEOUT).max(Duration::from_millis(50)),
            body_timeout: millis(flags.body_timeout_ms, DEFAULT_BODY_TIMEOUT).max(Duration::from_millis(50)),
            write_timeout: DEFAULT_WRITE_TIMEOUT,
            shutdown_grace: millis(flags.shutdown_grace_ms, DEFAULT_SHUTDOWN_GRACE),
        })
    }
}

/// Checks a CORS origin: `scheme://host[:port]`, no path, never `*`; returns it in
/// lowercase (origins compare case-insensitively in scheme and host).
fn check_origin(origin: &str) -> std::result::Result<String, String> {
    let bad = || {
        format!(
            "cors origin `{}` is not an origin like https://app.example or http://localhost:3000 \
             (scheme://host[:port], no path; `*` is never allowed)",
            crate::security::text::display_safe(origin)
        )
    };
    let (scheme, rest) = origin.split_once("://").ok_or_else(bad)?;
    if !matches!(scheme, "http" | "https") || rest.is_empty() {
        return Err(bad());
    }
    let valid = rest.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if !valid {
        return Err(bad());
    }
    Ok(origin.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    type Flags = ServerOptions;
    type ServerFile = ServerOptions;

    fn resolve(flags: Flags, file: ServerFile) -> Result<Settings> {
        Settings::resolve(&flags, &file, Some(Path::new("invoice.toml")))
    }

    #[test]
    fn flags_override_the_file_and_the_file_overrides_defaults() {
        let file = ServerFile { rate_limit: Some(100), max_body: Some(4096), ..ServerFile::default() };
        let s = resolve(Flags { rate_limit: Some(5), ..Flags::default() }, file).unwrap();
        assert_eq!(s.rate_limit.get(), 5);
        assert_eq!(s.max_body, 4096);
        assert_eq!(s.bind, DEFAULT_BIND);
        // The auth-failure limit is never above the normal limit.
        assert_eq!(s.auth_fail_limit.get(), 5);
    }

    #[test]
    fn bad_values_name_their_key() {
        let e = resolve(Flags::default(), ServerFile { threads: Some(0), ..ServerFile::default() })
            .unwrap_err()
            .to_string();
        assert!(e.contains("invoice.toml") && e.contains("threads must be between 1 and 256"), "{e}");
        let e = resolve(Flags { max_body: Some(10), ..Flags::default() }, ServerFile::default()).unwrap_err();
        assert!(e.to_string().contains("max_body"), "{e}");
        assert_eq!(e.exit_code(), 5);
    }

    #[test]
    fn cors_origins_must_be_origins() {
        assert_eq!(check_origin("https://App.Example:8443").unwrap(), "https://app.example:8443");
        for bad in ["*", "https://a.example/path", "ftp://a.example", "https://", "null", "https://a b"] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tls_needs_both_files() {
        let e = resolve(Flags { tls_cert: Some("c.pem".into()), ..Flags::default() }, ServerFile::default());
        assert!(e.unwrap_err().to_string().contains("both"));
    }
}
