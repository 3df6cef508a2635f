//! A PostgreSQL location: the URL (`postgres://` or `postgresql://`), its TLS mode, the
//! password (from the URL, `PGPASSWORD` or a pgpass file), and errors that name the host
//! but never the password.
//!
//! `sslmode` follows libpq: `disable` (plain TCP), `prefer` (the default: TLS when the
//! server offers it), `require` (TLS or nothing; the certificate is not checked, as in
//! libpq) and `verify-full` (TLS with the certificate checked against the Mozilla roots, or
//! the PEM file named by `sslrootcert`, and the host name). TLS is rustls with the ring
//! provider, the same as the daemon's own TLS.

use crate::error::{Error, Result};
use deadpool_postgres::{Manager, ManagerConfig, Pool, PoolError, RecyclingMethod, TimeoutType};
use rustls_pki_types::pem::PemObject;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres_rustls::MakeRustlsConnect;
use tokio_rustls::rustls;

/// How long a connection attempt waits before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a call waits for a free connection when all of the pool's are busy before it
/// is answered [`Error::Unavailable`] (a 503 with Retry-After from the daemon).
pub(crate) const POOL_WAIT: Duration = Duration::from_secs(10);

/// A parsed location.
#[derive(Clone)]
pub(crate) struct Target {
    config: tokio_postgres::Config,
    tls: Tls,
    /// A PEM file of trusted roots for `verify-full` (`sslrootcert`).
    root_cert: Option<String>,
    shown: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tls {
    Disable,
    Prefer,
    Require,
    VerifyFull,
}

impl Target {
    /// Parses a URL and completes it (password from the environment, a connect timeout).
    ///
    /// # Errors
    /// [`Error::Usage`] naming the problem (never echoing the password).
    pub(crate) fn parse(url: &str) -> Result<Target> {
        let bad = |why: String| Error::Usage(format!("bad PostgreSQL URL {}: {why}", redact_url(url)));
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut tls = Tls::Prefer;
        let mut root_cert = None;
        let mut kept = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "sslmode" => {
                    tls = match value {
                        "disable" => Tls::Disable,
                        "prefer" => Tls::Prefer,
                        "require" => Tls::Require,
                        "verify-full" => Tls::VerifyFull,
                        other => {
                            return Err(bad(format!(
                                "sslmode `{}` is not supported (use disable, prefer, require or verify-full)",
                                crate::security::text::display_safe(other)
                            )));
                        }
                    };
                }
                "sslrootcert" => root_cert = Some(percent_decode(value)),
                _ => kept.push(pair),
            }
        }
        let rest = if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) };
        let mut config: tokio_postgres::Config =
            rest.parse().map_err(|e: tokio_postgres::Error| bad(e.to_string().replace(url, "<url>")))?;
        if config.get_user().is_none() {
            let user = env("PGUSER").or_else(|| env("USER")).unwrap_or_else(|| "postgres".into());
            config.user(&user);
        }
        if config.get_hosts().is_empty() {
            config.host("localhost");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // Set at connection start-up, so every pooled connection has them from the first
        // statement on (unless the URL sets its own).
        if config.get_application_name().is_none() {
            config.application_name("invoice");
        }
        if config.get_options().is_none() {
            config.options("-c TimeZone=UTC");
        }
        config.ssl_mode(match tls {
            Tls::Disable => SslMode::Disable,
            Tls::Prefer => SslMode::Prefer,
            Tls::Require | Tls::VerifyFull => SslMode::Require,
        });
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            #[cfg(unix)]
            Some(Host::Unix(path)) => path.display().to_string(),
            None => "localhost".into(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let user = config.get_user().unwrap_or_default().to_owned();
        let dbname = config.get_dbname().map_or_else(|| user.clone(), str::to_owned);
        if config.get_password().is_none()
            && let Some(password) = password_from_env(&host, port, &dbname, &user)
        {
            config.password(password);
        }
        Ok(Target { config, tls, root_cert, shown: format!("{host}:{port}/{dbname}") })
    }

    /// `host:port/database`, for messages.
    pub(crate) fn shown(&self) -> &str {
        &self.shown
    }

    /// A pool of up to `size` connections, where a call waits at most `wait` for a free
    /// one. None is opened here: the first call that needs one opens it, and a connection
    /// found closed (the server restarted) is replaced.
    ///
    /// # Errors
    /// [`Error::Usage`] for an unreadable `sslrootcert`, [`Error::Internal`] when the pool
    /// cannot be built.
    pub(crate) fn pool(&self, size: usize, wait: Duration) -> Result<Pool> {
        let tls = MakeRustlsConnect::new(self.tls_config()?);
        let manager =
            Manager::from_config(self.config.clone(), tls, ManagerConfig { recycling_method: RecyclingMethod::Fast });
        Pool::builder(manager)
            .max_size(size.max(1))
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(wait))
            .build()
            .map_err(|e| Error::Internal(format!("failed to set up the PostgreSQL connection pool: {e}")))
    }

    /// A connection from `pool`.
    ///
    /// # Errors
    /// [`Error::Unavailable`] naming the host when the server cannot be reached or the TLS
    /// handshake fails, or when every connection stayed busy for the pool's wait;
    /// [`Error::Store`] for a refused login or a missing database (waiting will not fix those).
    pub(crate) async fn checkout(&self, pool: &Pool) -> Result<deadpool_postgres::Client> {
        pool.get().await.map_err(|e| match e {
            PoolError::Backend(e) => self.connect_error(&e),
            PoolError::Timeout(TimeoutType::Wait) => Error::Unavailable {
                action: format!("wait for a connection to the PostgreSQL server {}", self.shown),
                message: format!(
                    "all {} connections stayed busy for {:.1} s",
                    pool.status().max_size,
                    pool.timeouts().wait.unwrap_or_default().as_secs_f64()
                ),
            },
            other => Error::Unavailable {
                action: format!("connect on the PostgreSQL server {}", self.shown),
                message: other.to_string(),
            },
        })
    }

    /// Opens a blocking connection (tests check the database behind the store's back).
    #[cfg(test)]
    pub(crate) fn connect(&self) -> Result<postgres::Client> {
        let tls = MakeRustlsConnect::new(self.tls_config()?);
        postgres::Config::from(self.config.clone()).connect(tls).map_err(|e| self.connect_error(&e))
    }

    /// A failed connection attempt: unavailable (retry later) unless the server refused
    /// the login or does not have the database, which waiting will not fix.
    fn connect_error(&self, e: &tokio_postgres::Error) -> Error {
        match self.error("connect", e) {
            Error::Store { action, message }
                if !e.as_db_error().is_some_and(|db| {
                    let code = db.code().code();
                    code.starts_with("28") || code == "3D000"
                }) =>
            {
                Error::Unavailable { action, message }
            }
            other => other,
        }
    }

    fn tls_config(&self) -> Result<rustls::ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::Internal(format!("TLS setup failed: {e}")))?;
        let config = if self.tls == Tls::VerifyFull {
            let mut roots = rustls::RootCertStore::empty();
            match &self.root_cert {
                Some(path) => {
                    let pem = std::fs::read(path).map_err(|e| Error::io("read", path, e))?;
                    for cert in rustls_pki_types::CertificateDer::pem_slice_iter(&pem) {
                        let cert = cert.map_err(|e| Error::Usage(format!("sslrootcert {path}: {e}")))?;
                        roots.add(cert).map_err(|e| Error::Usage(format!("sslrootcert {path}: {e}")))?;
                    }
                }
                None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
            }
            builder.with_root_certificates(roots).with_no_client_auth()
        } else {
            builder.dangerous().with_custom_certificate_verifier(Arc::new(Unchecked(provider))).with_no_client_auth()
        };
        Ok(config)
    }

    /// A PostgreSQL error as the store's error: unreachable, restarting or overloaded
    /// servers, and a transaction rolled back for a deadlock or a serialization failure
    /// (see [`is_conflict`]), are [`Error::Unavailable`], everything else [`Error::Store`]. Both name the
    /// host and database, never the password.
    pub(crate) fn error(&self, action: impl Into<String>, e: &tokio_postgres::Error) -> Error {
        let action = format!("{} on the PostgreSQL server {}", action.into(), self.shown);
        match e.as_db_error() {
            Some(db) => {
                let code = db.code().code();
                let message = db.message().to_owned();
                if code == "40P01" || code == "40001" {
                    Error::Unavailable { action, message: format!("{CONFLICT}: {message}") }
                } else if code.starts_with("08") || code.starts_with("57P") || code == "53300" {
                    Error::Unavailable { action, message }
                } else if code == "28P01" || code == "28000" {
                    Error::Store { action, message: format!("{message} (check the user and password)") }
                } else {
                    Error::Store { action, message }
                }
            }
            None => {
                let mut message = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(cause) = source {
                    message = format!("{message}: {cause}");
                    source = cause.source();
                }
                Error::Unavailable { action, message }
            }
        }
    }
}

/// How [`Target::error`] begins the message of a transaction the server rolled back for a
/// deadlock or a serialization failure (SQLSTATE 40P01, 40001).
const CONFLICT: &str = "rolled back for a conflict with a concurrent transaction";

/// Whether `e` is a transaction the server rolled back for a deadlock or a serialization
/// failure: running it again from the start succeeds in time.
pub(crate) fn is_conflict(e: &Error) -> bool {
    matches!(e, Error::Unavailable { message, .. } if message.starts_with(CONFLICT))
}

/// `require` and `prefer` encrypt without checking the certificate (as libpq does); the
/// handshake signatures are still verified.
#[derive(Debug)]
struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls_pki_types::CertificateDer<'_>,
        _intermediates: &[rustls_pki_types::CertificateDer<'_>],
        _server_name: &rustls_pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls_pki_types::UnixTime,
    ) -> std::result::Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls_pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> std::result::Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

fn env(name: &str) -> Option<String> {
    crate::config::postgres_env(name).and_then(|v| v.into_string().ok())
}

/// The password from `PGPASSWORD`, or the first matching line of the pgpass file
/// (`PGPASSFILE`, else `~/.pgpass`): `host:port:database:user:password`, `*` matching
/// anything, `\:` and `\\` escaped.
fn password_from_env(host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    if let Some(password) = env("PGPASSWORD") {
        return Some(password);
    }
    let file = crate::config::postgres_env("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .or_else(|| crate::config::postgres_env("HOME").map(|home| std::path::Path::new(&home).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    pgpass_lookup(&text, host, port, dbname, user)
}

/// The password of the first pgpass line matching the connection.
fn pgpass_lookup(text: &str, host: &str, port: u16, dbname: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    let wanted = [host, port.as_str(), dbname, user];
    text.lines().filter(|l| !l.trim_start().starts_with('#')).find_map(|line| {
        let fields = split_pgpass(line);
        if fields.len() != 5 {
            return None;
        }
        let matches = fields.iter().zip(wanted).all(|(field, value)| field == "*" || field == value);
        matches.then(|| fields[4].clone())
    })
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' => fields.push(String::new()),
            _ => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The URL with its password (if any) replaced by `***`, and a `password=` parameter too.
#[must_use]
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let authority = match authority.rsplit_once('@') {
        Some((userinfo, hosts)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{user}:***@{hosts}"),
            None => authority.to_owned(),
        },
        None => authority.to_owned(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let query: Vec<&str> =
                query.split('&').map(|p| if p.starts_with("password=") { "password=***" } else { p }).collect();
            format!("{path}?{}", query.join("&"))
        }
        None => tail.to_owned(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:s3cret@db:5432/x?sslmode=require"),
            "postgres://u:***@db:5432/x?sslmode=require"
        );
        assert_eq!(redact_url("postgresql://u@db/x?password=s3cret&a=b"), "postgresql://u@db/x?password=***&a=b");
        assert_eq!(redact_url("postgres://db/x"), "postgres://db/x");
    }

    #[test]
    fn urls_parse_with_their_tls_modes() {
        for (url, mode) in [
            ("postgres://u@db.example/x", Tls::Prefer),
            ("postgresql://u@db.example/x?sslmode=disable", Tls::Disable),
            ("postgres://u@db.example:6432/x?sslmode=require&application_name=a", Tls::Require),
            ("postgres://u@db.example/x?sslmode=verify-full", Tls::VerifyFull),
        ] {
            let target = Target::parse(url).unwrap();
            assert!(target.tls == mode, "{url}");
            assert!(target.shown().starts_with("db.example:"), "{}", target.shown());
        }
        let e = Target::parse("postgres://u:s3cret@db/x?sslmode=verify-ca").err().unwrap().to_string();
        assert!(e.contains("sslmode `verify-ca`") && !e.contains("s3cret"), "{e}");
        let e = Target::parse("postgres://u:s3cret@db/x?bogus=1").err().unwrap().to_string();
        assert!(!e.contains("s3cret"), "{e}");
    }

    /// A Unix-socket directory as the host (libpq's forms): `?host=/dir` with an empty
    /// authority host, or the directory percent-encoded in the authority. The socket is
    /// `/dir/.s.PGSQL.PORT`; messages name the directory.
    #[cfg(unix)]
    #[test]
    fn socket_directories_parse_as_unix_hosts() {
        for url in [
            "postgres://postgres@/books?host=/var/run/postgresql",
            "postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/books",
            "postgres:///books?host=/var/run/postgresql&user=postgres&sslmode=disable",
        ] {
            let target = Target::parse(url).unwrap();
            assert!(
                matches!(target.config.get_hosts(), [Host::Unix(dir)] if dir == std::path::Path::new("/var/run/postgresql")),
                "{url}"
            );
            assert_eq!(target.shown(), "/var/run/postgresql:5432/books", "{url}");
            assert_eq!(target.config.get_user(), Some("postgres"), "{url}");
        }
        let target = Target::parse("postgres://u@/x?host=/tmp/pg&port=6432").unwrap();
        assert_eq!(target.shown(), "/tmp/pg:6432/x");
    }

    /// Against the test server when it runs on this machine with its socket in
    /// `/var/run/postgresql`: the socket form connects, and `prefer` (the default) goes on
    /// in plain text because the server offers no TLS on a Unix socket.
    #[cfg(unix)]
    #[test]
    fn socket_directory_connects_to_the_local_test_server() {
        let Some(admin) = crate::config::test_postgres_url() else {
            eprintln!(
                "skipped on PostgreSQL: socket_directory_connects_to_the_local_test_server (set INVOICE_TEST_POSTGRES)"
            );
            return;
        };
        let dir = "/var/run/postgresql";
        let admin = Target::parse(&admin).unwrap();
        let local = matches!(admin.config.get_hosts(), [Host::Tcp(h)] if h == "127.0.0.1" || h == "localhost");
        let port = admin.config.get_ports().first().copied().unwrap_or(5432);
        if !local || !std::path::Path::new(&format!("{dir}/.s.PGSQL.{port}")).exists() {
            eprintln!("skipped: socket_directory_connects_to_the_local_test_server (no local socket in {dir})");
            return;
        }
        let user = admin.config.get_user().unwrap_or_default();
        let db = admin.config.get_dbname().unwrap_or(user);
        let target = Target::parse(&format!("postgres://{user}@/{db}?host={dir}&port={port}")).unwrap();
        let mut client = target.connect().unwrap();
        // inet_server_addr() is NULL on a Unix-socket connection.
        let row = client
            .query_one("SELECT inet_server_addr() IS NULL, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[])
            .unwrap();
        assert!(row.get::<_, bool>(0) && !row.get::<_, bool>(1));
    }

    /// A call that finds every connection busy for longer than the pool's wait is
    /// unavailable (the daemon's 503), naming the pool's size; it does not hang.
    #[test]
    fn a_call_that_waits_too_long_for_a_connection_is_unavailable() {
        let Some(admin) = crate::config::test_postgres_url() else {
            eprintln!("skipped on PostgreSQL: a_call_that_waits_too_long_for_a_connection_is_unavailable");
            return;
        };
        let target = Target::parse(&admin).unwrap();
        let pool = target.pool(1, Duration::from_millis(200)).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let held = target.checkout(&pool).await.unwrap();
            let e = target.checkout(&pool).await.err().unwrap();
            assert!(matches!(e, Error::Unavailable { .. }), "{e:?}");
            assert!(e.to_string().contains("all 1 connections stayed busy for 0.2 s"), "{e}");
            drop(held);
            assert!(target.checkout(&pool).await.is_ok());
        });
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let text = "# comment\nother:5432:*:u:nope\ndb:*:x:u:pa\\:ss\n*:*:*:*:fallback\n";
        assert_eq!(pgpass_lookup(text, "db", 5432, "x", "u").as_deref(), Some("pa:ss"));
        assert_eq!(pgpass_lookup(text, "db", 5432, "y", "u").as_deref(), Some("fallback"));
        assert_eq!(pgpass_lookup("db:5432:x:u:p\n", "db", 5433, "x", "u"), None);
    }

    #[test]
    fn unreachable_servers_are_unavailable_and_name_the_host_not_the_password() {
        // Port 1 on loopback: nothing listens there.
        let target = Target::parse("postgres://u:s3cret@127.0.0.1:1/x?sslmode=disable&connect_timeout=2").unwrap();
        let e = target.connect().err().unwrap();
        assert!(matches!(e, Error::Unavailable { .. }), "{e:?}");
        let text = e.to_string();
        assert!(text.contains("127.0.0.1:1/x") && !text.contains("s3cret"), "{text}");
    }

    /// Against the test server (when `INVOICE_TEST_POSTGRES` is set and it offers TLS):
    /// `require` encrypts, `disable` does not, `verify-full` refuses a certificate that no
    /// trusted root signed (Debian's default server certificate is self-signed).
    #[test]
    fn tls_modes_against_the_test_server() {
        let Some(admin) = crate::config::test_postgres_url() else {
            eprintln!("skipped on PostgreSQL: tls_modes_against_the_test_server (set INVOICE_TEST_POSTGRES)");
            return;
        };
        let base = admin.split('?').next().unwrap().to_owned();
        let with_mode = |mode: &str| Target::parse(&format!("{base}?sslmode={mode}")).unwrap();
        let ssl_of = |client: &mut postgres::Client| -> bool {
            client.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0)
        };
        let mut plain = with_mode("disable").connect().unwrap();
        assert!(!ssl_of(&mut plain));
        let offered: String = plain.query_one("SHOW ssl", &[]).unwrap().get(0);
        if offered != "on" {
            eprintln!("skipped: tls_modes_against_the_test_server (the server does not offer TLS)");
            return;
        }
        assert!(ssl_of(&mut with_mode("require").connect().unwrap()));
        assert!(ssl_of(&mut with_mode("prefer").connect().unwrap()));
        let refused = with_mode("verify-full").connect().err().unwrap().to_string();
        assert!(refused.contains("certificate") || refused.contains("Certificate"), "{refused}");
        assert!(refused.contains(with_mode("verify-full").shown()), "{refused}");
    }
}
