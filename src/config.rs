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
use serde::Deserialize;
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

/// `[server]` settings; every field is optional so flags can fill the gaps.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each key is the `serve` flag of the same name, see `invoice serve --help`
pub struct ServerFile {
    pub bind: Option<String>,
    pub rate_limit: Option<u32>,
    pub auth_fail_limit: Option<u32>,
    pub max_body: Option<u64>,
    pub cors_origins: Option<Vec<String>>,
    pub threads: Option<usize>,
    pub max_connections: Option<usize>,
    pub trust_proxy: Option<bool>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub log_format: Option<String>,
    pub allow_plain_http: Option<bool>,
    pub sanitize: Option<bool>,
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
    language: Option<String>,
    logo: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreFile {
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
    server: ServerFile,
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
    /// The store file.
    pub store_path: PathBuf,
    /// `[server]` table.
    pub server: ServerFile,
    /// Where each value came from, by dotted key.
    pub sources: BTreeMap<String, Source>,
    /// The OS user, for audit entries (`cli:<user>`).
    pub user: String,
    /// `INVOICE_API_KEY`, if set (never printed).
    pub static_api_key: Option<String>,
    /// `INVOICE_API_KEY_FILE`, if set.
    pub static_api_key_file: Option<PathBuf>,
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

impl Config {
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
            store_path: default_store_path(),
            server: ServerFile::default(),
            sources: BTreeMap::new(),
            user: std::env::var("USER")
                .or_else(|_| std::env::var("LOGNAME"))
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_else(|_| "unknown".to_owned()),
            static_api_key: std::env::var("INVOICE_API_KEY").ok().filter(|k| !k.is_empty()),
            static_api_key_file: std::env::var_os("INVOICE_API_KEY_FILE").map(PathBuf::from),
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
