//! `invoice doctor`: one line per thing that must be right before `invoice` works — the
//! config, the store, the API keys, the OS keyring, the TLS files and the port `serve`
//! binds — each OK, WARN or FAIL with the fix. Exit 1 when anything FAILs. It changes
//! nothing: the store is opened read-only, the port is bound and released at once.
//!
//! Only what the setup uses can fail (SPEC 15): with no `[server]` settings and no API
//! key anywhere, the daemon's checks (keys, TLS, port) are reported as "not used". A
//! PostgreSQL store (`postgres://…`) is connected to, its schema version checked and its
//! keys counted; its password is never printed.

use crate::config::ServerOptions;
use crate::config::{Config, Overrides};
use crate::error::{Error, ExitStatus};
use crate::keys::{self, StaticKey, StaticKeySource};
use crate::security::text::escape_controls;
use crate::server::Settings;
use crate::store::inspect::{StoreReport, inspect};
use std::fmt::Write as _;
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::Path;

/// Arguments of `invoice doctor` (it reads the global `--config` and `--store`).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// How one check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Ok,
    Warn,
    Fail,
    /// A check of something the setup does not use.
    NotUsed,
}

/// One line of the report.
struct Check {
    level: Level,
    topic: &'static str,
    finding: String,
    fix: Option<String>,
}

fn ok(topic: &'static str, finding: impl Into<String>) -> Check {
    Check { level: Level::Ok, topic, finding: finding.into(), fix: None }
}

fn warn(topic: &'static str, finding: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { level: Level::Warn, topic, finding: finding.into(), fix: Some(fix.into()) }
}

fn fail(topic: &'static str, finding: impl Into<String>, fix: impl Into<String>) -> Check {
    Check { level: Level::Fail, topic, finding: finding.into(), fix: Some(fix.into()) }
}

fn not_used(topic: &'static str) -> Check {
    Check {
        level: Level::NotUsed,
        topic,
        finding: "not used: no [server] settings and no API key (`invoice serve` is not set up)".into(),
        fix: None,
    }
}

/// Runs every check, prints the report to stdout; 1 when any check failed.
///
/// # Errors
/// Only [`Error::Io`] when stdout cannot be written: findings are report lines.
pub fn exec(_args: &Args, overrides: &Overrides) -> Result<ExitStatus, Error> {
    let checks = run_checks(overrides);
    let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
    let warned = checks.iter().filter(|c| c.level == Level::Warn).count();
    let unused = checks.iter().filter(|c| c.level == Level::NotUsed).count();
    let mut out = String::new();
    for check in &checks {
        let level = match check.level {
            Level::Ok => "OK  ",
            Level::Warn => "WARN",
            Level::Fail => "FAIL",
            Level::NotUsed => "--  ",
        };
        let _ = writeln!(out, "{level}  {:<8} {}", check.topic, escape_controls(&check.finding, false));
        if let Some(fix) = &check.fix {
            let _ = writeln!(out, "      {:<8} fix: {}", "", escape_controls(fix, false));
        }
    }
    let ok = checks.len() - warned - failed - unused;
    let _ = write!(out, "{} checks: {ok} ok, {warned} warn, {failed} fail", checks.len());
    let _ = if unused > 0 { writeln!(out, ", {unused} not used") } else { writeln!(out) };
    super::write_stdout(out.as_bytes())?;
    Ok(if failed > 0 { ExitStatus::Invalid } else { ExitStatus::Success })
}

fn run_checks(overrides: &Overrides) -> Vec<Check> {
    let config = match Config::load(overrides) {
        Ok(config) => config,
        Err(e) => {
            return vec![
                fail(
                    "config",
                    e.to_string(),
                    "correct the file (`invoice config init --force` writes a commented template elsewhere to \
                     compare with), or point --config/INVOICE_CONFIG at the right one",
                ),
                warn("other", "the remaining checks need the configuration", "fix the config first, then run again"),
            ];
        }
    };
    let mut checks = vec![config_check(&config)];
    checks.extend(logo_check(&config));
    let postgres = crate::store::is_postgres_url(&config.store_path.to_string_lossy());
    let store = if postgres { postgres_checks(&config, &mut checks) } else { store_checks(&config, &mut checks) };
    let keys = keys_check(&config, store.as_ref());
    let daemon_unused = config.server == ServerOptions::default()
        && keys.level == Level::Fail
        && config.static_api_key.is_none()
        && config.static_api_key_file.is_none();
    if daemon_unused {
        checks.push(not_used("keys"));
        checks.push(keyring_check(&config));
        checks.push(not_used("tls"));
        checks.push(not_used("port"));
        return checks;
    }
    checks.push(keys);
    checks.push(keyring_check(&config));
    match Settings::resolve(&ServerOptions::default(), &config.server, config.file.as_deref()) {
        Ok(settings) => {
            checks.push(tls_check(&settings));
            checks.push(port_check(&settings.bind));
        }
        Err(e) => checks.push(fail("server", e.to_string(), "correct the [server] table of the config file")),
    }
    checks
}

fn config_check(config: &Config) -> Check {
    match &config.file {
        Some(path) => ok("config", format!("{} is valid", path.display())),
        None => ok(
            "config",
            format!(
                "no config file, built-in defaults apply (`invoice config init` writes one to {})",
                config
                    .file_target
                    .as_deref()
                    .map_or_else(|| "the platform config directory".into(), |p| p.display().to_string())
            ),
        ),
    }
}

/// The logo, when one is configured: why it cannot be drawn, or the glyphs its text
/// lacks (SPEC 15: said once here, not on every command).
fn logo_check(config: &Config) -> Option<Check> {
    let file = config.logo.as_ref()?;
    let warnings = crate::render::logo::check(config);
    Some(match warnings.first() {
        None => ok("logo", format!("{} can be drawn", file.display())),
        Some(_) if crate::render::logo::load(config).is_err() => {
            fail("logo", warnings.join("; "), "fix or replace the file; HTML, PDF and Factur-X need it")
        }
        Some(_) => warn("logo", warnings.join("; "), "convert the logo's text to paths in your editor"),
    })
}

/// A PostgreSQL store: connect (which checks the schema version: a newer one is refused)
/// and count the active keys. Only the redacted URL is ever shown.
fn postgres_checks(config: &Config, checks: &mut Vec<Check>) -> Option<StoreReport> {
    let shown = crate::store::redacted(&config.store_path);
    let opened = config.store_location().and_then(|location| {
        super::block_on(async move {
            let store = crate::store::Store::open(&location).await?;
            store.key_rows(None).await
        })
    });
    let rows = match opened {
        Ok(rows) => rows,
        Err(e) => {
            checks.push(fail(
                "store",
                format!("{shown}: {}", without_password(&e.to_string(), &config.store_path.to_string_lossy())),
                "check that the server runs and the URL (host, database, user, password) is right",
            ));
            return None;
        }
    };
    let now = crate::store::now_utc();
    let active = rows.iter().filter(|k| k.revoked_at.is_none() && k.expires_at > now).count();
    let latest = crate::store::inspect::latest_schema_version().ok();
    checks.push(ok("store", format!("{shown}: PostgreSQL, connected, schema version current (checked on connect)")));
    latest.map(|latest_version| StoreReport {
        schema_version: latest_version,
        latest_version,
        intact: true,
        invoices: None,
        active_keys: Some(active as u64),
    })
}

/// `text` with the password of the URL `url` replaced by `***`, in case an error message
/// quotes it.
fn without_password(text: &str, url: &str) -> String {
    let authority = url.split_once("://").map_or("", |(_, rest)| rest.split(['/', '?']).next().unwrap_or(""));
    let password = authority.rsplit_once('@').and_then(|(user, _)| user.split_once(':')).map(|(_, p)| p);
    let Some(password) = password.filter(|p| !p.is_empty()) else { return text.to_owned() };
    text.replace(password, "***")
}

/// The store's file checks; the report when it could be read.
fn store_checks(config: &Config, checks: &mut Vec<Check>) -> Option<StoreReport> {
    let path = &config.store_path;
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            checks.push(warn(
                "store",
                format!("no store at {shown} yet"),
                "it is created (mode 0600) by the first `invoice create`, `invoice keys create` or `invoice serve`; \
                 if you expected one, check --store/INVOICE_STORE and [store] path",
            ));
            return None;
        }
        Err(e) => {
            checks.push(fail("store", format!("cannot read {shown}: {e}"), "check the path and its permissions"));
            return None;
        }
    };
    if let Some(mode) = loose_mode(&meta) {
        checks.push(fail(
            "store",
            format!("{shown} grants access to group or others (mode {mode:04o})"),
            format!("chmod 600 {shown}"),
        ));
        return None;
    }
    match inspect(path) {
        Ok(report) => {
            checks.push(store_report_check(path, &report));
            Some(report)
        }
        Err(e) => {
            checks.push(fail(
                "store",
                e.to_string(),
                "restore the store from a backup, or point --store at the right file",
            ));
            None
        }
    }
}

fn store_report_check(path: &Path, report: &StoreReport) -> Check {
    let shown = path.display();
    let (version, latest) = (report.schema_version, report.latest_version);
    if !report.intact {
        return fail("store", format!("{shown} fails SQLite's integrity check"), "restore it from a backup");
    }
    if version > latest {
        return fail(
            "store",
            format!("{shown} has schema version {version}, newer than this invoice's {latest}"),
            "upgrade invoice",
        );
    }
    if version < latest {
        return warn(
            "store",
            format!("{shown} has schema version {version}; this invoice writes {latest}"),
            "it is migrated the next time invoice opens it; back it up first",
        );
    }
    ok(
        "store",
        format!(
            "{shown}: mode 0600 or stricter, schema version {version}, {}",
            super::output::counted(report.invoices.unwrap_or(0), "invoice", "invoices")
        ),
    )
}

/// The permission bits that are too loose for a private file, if any.
#[cfg(unix)]
fn loose_mode(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt as _;
    let mode = meta.mode() & 0o7777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
fn loose_mode(_meta: &std::fs::Metadata) -> Option<u32> {
    None
}

fn keys_check(config: &Config, store: Option<&StoreReport>) -> Check {
    let issued = store.and_then(|r| r.active_keys).unwrap_or(0);
    let static_key = match StaticKey::load(config) {
        Ok(key) => key,
        Err(e) => return fail("keys", e.to_string(), "fix the static key named above, or unset it"),
    };
    let static_text = static_key.as_ref().map(|key| match key.source() {
        StaticKeySource::Env => "a static key from INVOICE_API_KEY".to_owned(),
        StaticKeySource::File(path) => format!("a static key from the file {}", path.display()),
        StaticKeySource::Keyring => "a static key from the OS keyring".to_owned(),
        StaticKeySource::Direct => "a static key".to_owned(),
    });
    match (static_text, issued) {
        (None, 0) if store.is_none() && config.store_path.exists() => warn(
            "keys",
            "no static key, and issued keys cannot be counted until the store check passes",
            "fix the store (see above) and run again",
        ),
        (None, 0) => fail(
            "keys",
            "no API key: `invoice serve` refuses to start",
            "issue one with `invoice keys create --client NAME`, or give a static key with INVOICE_API_KEY_FILE \
             (chmod 600) or `invoice keys set-static`",
        ),
        (None, n) => ok("keys", format!("{n} issued key(s) active, no static key")),
        (Some(text), n) => ok("keys", format!("{text} (every scope), and {n} issued key(s) active")),
    }
}

fn keyring_check(config: &Config) -> Check {
    match keys::probe_keyring() {
        Ok(true) => ok("keyring", "the OS keyring answers and holds the static key"),
        Ok(false) => ok("keyring", "the OS keyring answers (no static key stored there)"),
        Err(why) if config.static_api_key.is_some() || config.static_api_key_file.is_some() => {
            ok("keyring", format!("no OS keyring is reachable ({why}); not needed, the static key is set directly"))
        }
        Err(why) => warn(
            "keyring",
            format!("no OS keyring is reachable ({why})"),
            "normal on servers and in CI: use INVOICE_API_KEY_FILE or issued keys; on a desktop, start the \
             Secret Service (e.g. gnome-keyring) and unlock it",
        ),
    }
}

fn tls_check(settings: &Settings) -> Check {
    let Some((cert, key)) = &settings.tls else {
        let loopback = resolve(&settings.bind).is_ok_and(|addrs| addrs.iter().all(|a| a.ip().is_loopback()));
        if !loopback && !settings.allow_plain_http {
            return fail(
                "tls",
                format!(
                    "no TLS files, and {} is not a loopback address: `invoice serve` refuses plain HTTP there",
                    settings.bind
                ),
                "set tls_cert/tls_key, bind to 127.0.0.1 behind a TLS proxy, or set allow_plain_http on a trusted network",
            );
        }
        return ok("tls", "no native TLS (plain HTTP on loopback, or behind a TLS proxy)");
    };
    if let Err(e) = crate::server::check_tls_files(cert, key) {
        return fail(
            "tls",
            e.to_string(),
            "point tls_cert/tls_key at a PEM chain and the private key that belongs to it",
        );
    }
    match std::fs::metadata(key).ok().and_then(|meta| loose_mode(&meta)) {
        Some(mode) => warn(
            "tls",
            format!("{} and its key load and match, but the key has mode {mode:04o}", cert.display()),
            format!("chmod 600 {}", key.display()),
        ),
        None => ok("tls", format!("{} and {} load and match", cert.display(), key.display())),
    }
}

fn resolve(bind: &str) -> std::io::Result<Vec<SocketAddr>> {
    bind.to_socket_addrs().map(Iterator::collect)
}

fn port_check(bind: &str) -> Check {
    let addrs = match resolve(bind) {
        Ok(addrs) if !addrs.is_empty() => addrs,
        Ok(_) | Err(_) => {
            return fail(
                "port",
                format!("`{bind}` is not an address to listen on"),
                "use HOST:PORT, e.g. 127.0.0.1:8080",
            );
        }
    };
    if addrs.iter().any(|a| a.port() == 0) {
        return ok("port", format!("{bind}: a free port is picked at start"));
    }
    match TcpListener::bind(addrs.as_slice()) {
        Ok(listener) => {
            drop(listener);
            ok("port", format!("{bind} is free"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => fail(
            "port",
            format!("{bind} is in use (another `invoice serve` or another program)"),
            "stop it (`ss -ltnp` names it), or choose another address with --bind or [server] bind",
        ),
        Err(e) => {
            fail("port", format!("cannot listen on {bind}: {e}"), "choose another address with --bind or [server] bind")
        }
    }
}
