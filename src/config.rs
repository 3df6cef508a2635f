//! Configuration: built-in defaults < `invoice.toml` < environment < flags (SPEC 5).
//!
//! This is the only module that reads the process environment, so every knob a user
//! can turn is visible here. Command-line flags (which clap may fill from `INVOICE_*`
//! variables) are applied on top by the commands themselves.

#![allow(clippy::disallowed_methods)] // the one place allowed to read the environment

use crate::error::{Error, Result};
use crate::invoice::json::Json;
use crate::invoice::money::{self, NumberError};
use crate::invoice::parse::{self, party_from_json, payment_from_json};
use crate::invoice::{Defaults, Problem};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Default pattern for invoice numbers.
pub const DEFAULT_NUMBER_PATTERN: &str = "{series}-{year}-{seq:04}";

/// Where a configuration value came from, for `invoice config show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Built into the program.
    Default,
    /// The config file.
    File,
    /// An environment variable.
    Env(&'static str),
    /// A command-line flag.
    Flag,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File => f.write_str("file"),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Flag => f.write_str("flag"),
        }
    }
}

/// The daemon's options, defined once: each field is a `serve` flag (`--kebab-name`,
/// through clap), a key of the config file's `[server]` table (`snake_name`, through
/// serde) and a line of `config show` (through [`ServerOptions::entries`]). A flag wins
/// over the file; `crate::server::Settings::resolve` applies the built-in defaults and
/// checks every value once.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServerOptions {
    /// Address to listen on [default: 127.0.0.1:8080]. Port 0 picks a free port.
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
    /// Requests per minute per client IP [default: 60].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rate_limit: Option<u32>,
    /// Failed authentications per minute per client IP [default: 10, or --rate-limit if lower].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub auth_fail_limit: Option<u32>,
    /// Largest request body in bytes [default: 1048576].
    #[arg(long, value_name = "BYTES")]
    pub max_body: Option<u64>,
    /// Allow browser calls from this origin (repeatable; `*` is never accepted).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    #[serde(default)]
    pub cors_origins: Vec<String>,
    /// Worker threads [default: the number of CPUs].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Database connections on PostgreSQL (the daemon's pool) [default: 8].
    #[arg(long, value_name = "N")]
    pub db_pool: Option<usize>,
    /// Concurrent connections; over it new connections get 503 [default: 256].
    #[arg(long, value_name = "N")]
    pub max_connections: Option<usize>,
    /// Take the client IP from the rightmost X-Forwarded-For entry (behind a reverse proxy).
    #[arg(long)]
    #[serde(default)]
    pub trust_proxy: bool,
    /// TLS certificate chain (PEM); serves HTTPS natively with --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Access log format [default: text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub log_format: Option<LogFormat>,
    /// Serve plain HTTP on a non-loopback address (only on a trusted network).
    #[arg(long)]
    #[serde(default)]
    pub allow_plain_http: bool,
    /// Strip markup from drafts (reported as warnings) instead of refusing it.
    #[arg(long)]
    #[serde(default)]
    pub sanitize: bool,
    /// Time to send a request head, and the idle keep-alive time, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    #[serde(skip)]
    pub header_timeout_ms: Option<u64>,
    /// Time to send a request body, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    #[serde(skip)]
    pub body_timeout_ms: Option<u64>,
    /// Time in-flight requests get after SIGINT/SIGTERM, in milliseconds.
    #[arg(long, value_name = "MS", hide = true)]
    #[serde(skip)]
    pub shutdown_grace_ms: Option<u64>,
}

impl ServerOptions {
    /// Every `[server]` key with its value as `config show` prints it (`None`: not set),
    /// read from the serialized options so a new option appears without a new line of
    /// code; the TLS key's path is redacted.
    #[must_use]
    pub fn entries(&self) -> Vec<(String, Option<String>)> {
        let (Ok(serde_json::Value::Object(set)), Ok(serde_json::Value::Object(unset))) =
            (serde_json::to_value(self), serde_json::to_value(ServerOptions::default()))
        else {
            return Vec::new();
        };
        set.into_iter()
            .map(|(key, value)| {
                let shown = match &value {
                    _ if unset.get(&key) == Some(&value) => None,
                    _ if key == "tls_key" => Some("(set, redacted)".to_owned()),
                    serde_json::Value::String(text) => Some(text.clone()),
                    serde_json::Value::Array(items) => Some(
                        items
                            .iter()
                            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    other => Some(other.to_string()),
                };
                (key, shown)
            })
            .collect()
    }
}

/// Access log format of the daemon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// `key=value` text lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultsFile {
    currency: Option<String>,
    tax_rate: Option<Spanned<toml::Value>>,
    payment_terms_days: Option<u32>,
    series: Option<String>,
    credit_note_series: Option<String>,
    number_pattern: Option<String>,
    chronological: Option<bool>,
    einvoice_profile: Option<String>,
    language: Option<String>,
    logo: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreFile {
    /// A SQLite file, or a PostgreSQL URL (`url` is the same key, SPEC 9).
    #[serde(alias = "url")]
    path: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    seller: Option<toml::Value>,
    payment: Option<toml::Value>,
    #[serde(default)]
    defaults: DefaultsFile,
    #[serde(default)]
    store: StoreFile,
    #[serde(default)]
    server: ServerOptions,
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file that was read, if any.
    pub file: Option<PathBuf>,
    /// Where `invoice config init` writes (the explicit path or the platform default).
    pub file_target: Option<PathBuf>,
    /// Draft defaults (seller, currency, tax rate, terms, series).
    pub defaults: Defaults,
    /// Invoice number pattern.
    pub number_pattern: String,
    /// `[defaults] chronological`: numbers must follow issue dates within a series and year.
    pub chronological: bool,
    /// Default e-invoice profile (`[defaults] einvoice_profile`, SPEC 8.1).
    pub einvoice_profile: crate::invoice::einvoice::Profile,
    /// The store setting as given (a SQLite path or a PostgreSQL URL, which may hold a
    /// password: read it through [`Config::store_location`], which checks it and never
    /// prints the password).
    pub store_path: PathBuf,
    /// `[server]` table.
    pub server: ServerOptions,
    /// Where each value came from, by dotted key.
    pub sources: BTreeMap<String, Source>,
    /// The OS account of the process (its real user id), for audit entries
    /// (`cli:<user>`); never taken from an environment variable (SPEC 11).
    pub user: String,
    /// `INVOICE_API_KEY`, if set (never printed).
    pub static_api_key: Option<String>,
    /// `INVOICE_API_KEY_FILE`, if set.
    pub static_api_key_file: Option<PathBuf>,
    /// `CREDENTIALS_DIRECTORY`, set by systemd for a unit with `LoadCredential=`: key files
    /// inside it are checked by the credential rules (see `keys::static_key`).
    pub credentials_directory: Option<PathBuf>,
    /// Whether `NO_COLOR` is set.
    pub no_color: bool,
    /// `[defaults] logo`, read and checked when the config is loaded.
    pub logo: Option<crate::render::logo::Logo>,
}

/// What the command line says about configuration.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--config` or `INVOICE_CONFIG`.
    pub config: Option<PathBuf>,
    /// `--store` or `INVOICE_STORE`.
    pub store: Option<PathBuf>,
    /// Tolerate a missing explicit config file (`config init` is about to create it).
    pub allow_missing: bool,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "invoice")
}

/// The platform's default config file (`$XDG_CONFIG_HOME/invoice/invoice.toml`).
#[must_use]
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("invoice.toml"))
}

/// The platform's default store (`$XDG_DATA_HOME/invoice/invoices.db`).
#[must_use]
pub fn default_store_path() -> PathBuf {
    project_dirs().map_or_else(|| PathBuf::from("invoices.db"), |d| d.data_dir().join("invoices.db"))
}

/// How the store numbers invoices: the pattern (`[defaults] number_pattern`) and whether
/// numbers must follow issue dates within a series and year (`[defaults] chronological`,
/// SPEC 11; France, Spain, Italy and others require it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbering<'a> {
    /// `{series}-{year}-{seq:04}` and the like.
    pub pattern: &'a str,
    /// Refuse an issue date earlier than the latest one of the same series and year.
    pub chronological: bool,
}

impl<'a> From<&'a str> for Numbering<'a> {
    fn from(pattern: &'a str) -> Self {
        Numbering { pattern, chronological: false }
    }
}

impl Config {
    /// The store's location, checked (SPEC 15: no blanks around it, no libpq
    /// `key=value` string).
    ///
    /// # Errors
    /// [`Error::Usage`] naming the problem.
    pub fn store_location(&self) -> Result<crate::store::Location> {
        crate::store::Location::parse(&self.store_path)
    }

    /// How the store numbers invoices under this configuration.
    #[must_use]
    pub fn numbering(&self) -> Numbering<'_> {
        Numbering { pattern: &self.number_pattern, chronological: self.chronological }
    }

    /// Loads the configuration: the file named by `--config`/`INVOICE_CONFIG` (which must
    /// exist), else the default file if present, then the environment and overrides.
    ///
    /// # Errors
    /// [`Error::Config`] for an unreadable or invalid file (unknown keys are named),
    /// or a missing file that was named explicitly.
    pub fn load(overrides: &Overrides) -> Result<Config> {
        let (file, file_target, explicit) = match &overrides.config {
            Some(path) => (Some(path.clone()), Some(path.clone()), true),
            None => {
                let default = default_config_path();
                (default.clone().filter(|p| p.exists()), default, false)
            }
        };
        let mut config = Config {
            file: None,
            file_target,
            defaults: Defaults::default(),
            number_pattern: DEFAULT_NUMBER_PATTERN.to_owned(),
            chronological: false,
            einvoice_profile: crate::invoice::einvoice::Profile::default(),
            store_path: default_store_path(),
            server: ServerOptions::default(),
            sources: BTreeMap::new(),
            user: os_user(),
            static_api_key: std::env::var("INVOICE_API_KEY").ok().filter(|k| !k.is_empty()),
            static_api_key_file: std::env::var_os("INVOICE_API_KEY_FILE").map(PathBuf::from),
            credentials_directory: std::env::var_os("CREDENTIALS_DIRECTORY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            logo: None,
        };
        if let Some(path) = file {
            match std::fs::read_to_string(&path) {
                Ok(text) => config.apply_file(&path, &text)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && (!explicit || overrides.allow_missing) => {}
                Err(e) => {
                    return Err(Error::Config { path: path.clone(), message: format!("cannot read the file: {e}") });
                }
            }
        }
        if let Some(store) = &overrides.store {
            config.store_path.clone_from(store);
            let source = if std::env::var_os("INVOICE_STORE").is_some_and(|v| Path::new(&v) == store) {
                Source::Env("INVOICE_STORE")
            } else {
                Source::Flag
            };
            config.sources.insert("store.path".into(), source);
        }
        Ok(config)
    }

    /// Reads at most `cap + 1` bytes of a file (a larger file is refused by the caller
    /// without reading it whole).
    fn read_capped(path: &Path, cap: usize) -> std::io::Result<Vec<u8>> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        std::fs::File::open(path)?.take(cap as u64 + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// Parses config text (used by [`Config::load`] and tests).
    fn apply_file(&mut self, path: &Path, text: &str) -> Result<()> {
        let err = |message: String| Error::Config { path: path.to_owned(), message };
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| err(e.message().to_owned() + &location(text, e.span())))?;
        self.file = Some(path.to_owned());
        let set = |key: &str, sources: &mut BTreeMap<String, Source>| {
            sources.insert(key.to_owned(), Source::File);
        };
        let d = file.defaults;
        if let Some(currency) = d.currency {
            let code = currency.trim().to_ascii_uppercase();
            if money::minor_units(&code).is_none() {
                return Err(err(format!("[defaults] currency `{currency}` is not an active ISO 4217 code")));
            }
            self.defaults.currency = Some(code);
            set("defaults.currency", &mut self.sources);
        }
        if let Some(rate) = d.tax_rate {
            let value = decimal_from_toml(text, &rate).map_err(|why| err(format!("[defaults] tax_rate {why}")))?;
            if value < Decimal::ZERO || value > Decimal::ONE_HUNDRED {
                return Err(err("[defaults] tax_rate must be between 0 and 100".into()));
            }
            self.defaults.tax_rate = Some(value);
            set("defaults.tax_rate", &mut self.sources);
        }
        if let Some(days) = d.payment_terms_days {
            if days > 3650 {
                return Err(err("[defaults] payment_terms_days must be at most 3650".into()));
            }
            self.defaults.payment_terms_days = days;
            set("defaults.payment_terms_days", &mut self.sources);
        }
        for (key, value, target) in [
            ("series", d.series, &mut self.defaults.series),
            ("credit_note_series", d.credit_note_series, &mut self.defaults.credit_note_series),
        ] {
            if let Some(series) = value {
                if !parse::valid_series(&series) {
                    return Err(err(format!(
                        "[defaults] {key} `{series}` may contain only ASCII letters, digits, '-' and '_' (1 to 20)"
                    )));
                }
                *target = series;
                set(&format!("defaults.{key}"), &mut self.sources);
            }
        }
        if let Some(logo) = d.logo {
            // A relative path is relative to the config file.
            let file = path.parent().map_or_else(|| logo.clone(), |dir| dir.join(&logo));
            let bytes = Self::read_capped(&file, crate::render::logo::MAX_BYTES)
                .map_err(|e| err(format!("[defaults] logo {}: {e}", file.display())))?;
            let checked = crate::render::logo::Logo::from_bytes(bytes)
                .map_err(|why| err(format!("[defaults] logo {}: {why}", file.display())))?;
            self.logo = Some(checked);
            set("defaults.logo", &mut self.sources);
        }
        if let Some(language) = d.language {
            let Some(value) = crate::invoice::model::Language::from_name(&language) else {
                let names = crate::invoice::model::Language::NAMES;
                return Err(err(format!("[defaults] language `{language}` is not one of {names}")));
            };
            self.defaults.language = Some(value);
            set("defaults.language", &mut self.sources);
        }
        if let Some(pattern) = d.number_pattern {
            check_number_pattern(&pattern).map_err(|why| err(format!("[defaults] number_pattern: {why}")))?;
            self.number_pattern = pattern;
            set("defaults.number_pattern", &mut self.sources);
        }
        if let Some(chronological) = d.chronological {
            self.chronological = chronological;
            set("defaults.chronological", &mut self.sources);
        }
        if let Some(name) = d.einvoice_profile {
            self.einvoice_profile = crate::invoice::einvoice::Profile::from_name(&name).ok_or_else(|| {
                err(format!(
                    "[defaults] einvoice_profile `{}` is not one of: {}",
                    crate::security::text::display_safe(&name),
                    crate::invoice::einvoice::Profile::NAMES
                ))
            })?;
            set("defaults.einvoice_profile", &mut self.sources);
        }
        if let Some(seller) = file.seller {
            let (party, problems) = party_from_json(&toml_to_json(&seller), "/seller");
            if !problems.is_empty() {
                return Err(err(format!("[seller]: {}", join_problems(&problems))));
            }
            self.defaults.seller = party;
            set("seller", &mut self.sources);
        }
        if let Some(payment) = file.payment {
            let (payment, problems) = payment_from_json(&toml_to_json(&payment), "/payment");
            if !problems.is_empty() {
                return Err(err(format!("[payment]: {}", join_problems(&problems))));
            }
            self.defaults.payment = payment;
            set("payment", &mut self.sources);
        }
        if let Some(store) = file.store.path {
            self.store_path = store;
            set("store.path", &mut self.sources);
        }
        self.server = file.server;
        Ok(())
    }
}

fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    let Some(span) = span else { return String::new() };
    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
    format!(" (line {line})")
}

fn join_problems(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{}: {} [{}]", p.path, p.message, p.code)).collect::<Vec<_>>().join("; ")
}

/// Reads a decimal exactly from TOML: a string, or a number taken from its source text.
fn decimal_from_toml(source: &str, value: &Spanned<toml::Value>) -> std::result::Result<Decimal, String> {
    let parsed = match value.get_ref() {
        toml::Value::String(s) => money::parse_decimal_text(s.trim()),
        toml::Value::Integer(_) | toml::Value::Float(_) => {
            let raw = source.get(value.span()).unwrap_or_default().trim();
            money::parse_json_number(raw)
        }
        _ => return Err("must be a number or a decimal string".into()),
    };
    parsed.map_err(|e| match e {
        NumberError::NotDecimal => "must be a plain decimal like 19 or \"19.5\"".into(),
        NumberError::TooLarge => "is out of range".into(),
        NumberError::TooPrecise => "has more than 6 decimal places".into(),
    })
}

/// Converts TOML to the draft's JSON model so config tables get the draft's checks.
fn toml_to_json(value: &toml::Value) -> Json<'static> {
    match value {
        toml::Value::String(s) => Json::String(s.clone().into()),
        toml::Value::Integer(i) => Json::Number(i.to_string().into()),
        toml::Value::Float(f) => Json::Number(f.to_string().into()),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string().into()),
        toml::Value::Array(items) => Json::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => {
            Json::Object(table.iter().map(|(k, v)| (k.clone().into(), toml_to_json(v))).collect())
        }
    }
}

/// Checks a number pattern: it needs `{seq}` or `{seq:0N}`; may use `{series}` and `{year}`.
///
/// # Errors
/// A message naming the unknown placeholder or the missing `{seq}`.
pub fn check_number_pattern(pattern: &str) -> std::result::Result<(), String> {
    let mut rest = pattern;
    let mut has_seq = false;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else { return Err("unclosed `{`".into()) };
        let name = &rest[start + 1..start + end];
        match name {
            "series" | "year" => {}
            "seq" => has_seq = true,
            _ if name.starts_with("seq:0") && name[5..].parse::<u8>().is_ok_and(|w| (1..=12).contains(&w)) => {
                has_seq = true
            }
            _ => {
                return Err(format!(
                    "unknown placeholder `{{{name}}}` (use {{series}}, {{year}}, {{seq}} or {{seq:0N}})"
                ));
            }
        }
        rest = &rest[start + end + 1..];
    }
    if !has_seq {
        return Err("the pattern must contain {seq} or {seq:0N} so numbers are unique".into());
    }
    let literal = pattern.replace(['{', '}', ':'], "");
    if !literal.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'/' || b == b'.')
        || pattern.contains("..")
    {
        return Err("only ASCII letters, digits, '-', '_', '.' and '/' may appear outside placeholders".into());
    }
    Ok(())
}

/// The name of the process's real user id (`uid:N` when the account has no name).
/// Issue #10 defect 11: `$USER` was trusted, so `USER=mallory invoice void …` was audited
/// as `cli:mallory`.
#[cfg(unix)]
fn os_user() -> String {
    let uid = uzers::get_current_uid();
    uzers::get_user_by_uid(uid)
        .and_then(|user| user.name().to_str().map(str::to_owned))
        .unwrap_or_else(|| format!("uid:{uid}"))
}

#[cfg(not(unix))]
fn os_user() -> String {
    std::env::var("USERNAME").unwrap_or_else(|_| "unknown".to_owned())
}

/// The libpq environment variables a PostgreSQL store honours (SPEC 9): `PGUSER`,
/// `PGPASSWORD`, `PGPASSFILE`, and `HOME` for `~/.pgpass`. Any other name is `None`.
#[must_use]
pub fn postgres_env(name: &str) -> Option<std::ffi::OsString> {
    match name {
        "PGUSER" | "PGPASSWORD" | "PGPASSFILE" | "HOME" | "USER" => std::env::var_os(name).filter(|v| !v.is_empty()),
        _ => None,
    }
}

/// `INVOICE_TEST_POSTGRES`: the server the PostgreSQL tests run against, if any.
#[must_use]
pub fn test_postgres_url() -> Option<String> {
    std::env::var("INVOICE_TEST_POSTGRES").ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invoice.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&Overrides { config: Some(path), store: None, allow_missing: false })
    }

    #[test]
    fn server_options_are_one_definition_for_file_and_show() {
        let config = load("[server]\nrate_limit = 5\nlog_format = \"json\"\ntls_cert = \"c.pem\"\ntls_key = \"secret.pem\"\ntrust_proxy = true\n").unwrap();
        assert_eq!(config.server.rate_limit, Some(5));
        assert_eq!(config.server.log_format, Some(LogFormat::Json));
        let entries: BTreeMap<String, Option<String>> = config.server.entries().into_iter().collect();
        assert_eq!(entries["rate_limit"].as_deref(), Some("5"));
        assert_eq!(entries["log_format"].as_deref(), Some("json"));
        assert_eq!(entries["trust_proxy"].as_deref(), Some("true"));
        assert_eq!(entries["tls_key"].as_deref(), Some("(set, redacted)"));
        assert_eq!(entries["threads"], None);
        assert_eq!(entries["cors_origins"], None);
        // Hidden test-only flags are not config keys.
        assert!(!entries.contains_key("header_timeout_ms"));
        let e = load("[server]\nlog_format = \"xml\"\n").unwrap_err().to_string();
        assert!(e.contains("xml") && e.contains("text") && e.contains("json") && e.contains("line 2"), "{e}");
        let e = load("[server]\nheader_timeout_ms = 5\n").unwrap_err().to_string();
        assert!(e.contains("header_timeout_ms"), "{e}");
    }

    #[test]
    fn decimals_are_read_exactly_from_numbers_and_strings() {
        let c = load("[defaults]\ntax_rate = 19.50\ncurrency = \"eur\"\n").unwrap();
        assert_eq!(c.defaults.tax_rate.unwrap().to_string(), "19.50");
        assert_eq!(c.defaults.currency.as_deref(), Some("EUR"));
        let c = load("[defaults]\ntax_rate = \"7\"\n").unwrap();
        assert_eq!(c.defaults.tax_rate.unwrap().to_string(), "7");
    }

    #[test]
    fn unknown_keys_are_named() {
        let e = load("[defaults]\ncurency = \"EUR\"\n").unwrap_err().to_string();
        assert!(e.contains("unknown field `curency`"), "{e}");
        let e = load("[seller]\nnam = \"x\"\n").unwrap_err().to_string();
        assert!(e.contains("/seller/nam: unknown field `nam`"), "{e}");
        let e = load("[sellr]\n").unwrap_err().to_string();
        assert!(e.contains("unknown field `sellr`"), "{e}");
    }

    #[test]
    fn seller_gets_the_draft_checks() {
        let e = load("[seller]\nname = \"<b>Acme</b>\"\n").unwrap_err().to_string();
        assert!(e.contains("markup_not_allowed"), "{e}");
        let c = load("[seller]\nname = \"Acme GmbH\"\naddress = { country = \"DE\", lines = [\"Hauptstr. 1\"] }\n")
            .unwrap();
        assert_eq!(c.defaults.seller.unwrap().name.as_deref(), Some("Acme GmbH"));
    }

    #[test]
    fn a_named_config_file_must_exist() {
        let e = Config::load(&Overrides {
            config: Some("/nonexistent/invoice.toml".into()),
            store: None,
            allow_missing: false,
        })
        .unwrap_err();
        assert_eq!(e.exit_code(), 5);
    }

    #[test]
    fn number_patterns() {
        assert!(check_number_pattern(DEFAULT_NUMBER_PATTERN).is_ok());
        assert!(check_number_pattern("{year}/{seq:06}").is_ok());
        assert!(check_number_pattern("{series}-{year}").is_err());
        assert!(check_number_pattern("{series}-{month}-{seq}").is_err());
        assert!(check_number_pattern("../{seq}").is_err());
    }
}
