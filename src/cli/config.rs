//! `invoice config init` and `invoice config show`.

use crate::config::{Config, Source};
use crate::error::{Error, ExitStatus};
use crate::security::text::escape_controls;

/// `invoice config` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Write a commented config template (to --config or the default path).
    Init {
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the effective configuration and where each value came from (secrets redacted).
    Show,
}

/// The template `config init` writes.
pub const TEMPLATE: &str = r#"# invoice.toml — configuration of Invoice Generator Pro.
# Precedence: command-line flags > environment (INVOICE_*) > this file > built-in defaults.
# Unknown keys are an error, so typos cannot pass silently.

# The seller printed on every invoice that does not name one (same rules as a draft's "seller").
# [seller]
# name = "Acme GmbH"
# vat_id = "DE123456789"
# legal_id = "HRB 12345"         # company register number (BT-30)
# email = "billing@acme.example"
# phone = "+49 30 1234567"
# contact_name = "Accounts team"  # BT-41; XRechnung needs it with phone and email
# electronic_address = { scheme = "EM", id = "billing@acme.example" }  # CEF EAS scheme (BT-34)
# address = { lines = ["Hauptstr. 1"], city = "Berlin", postal_code = "10115", country = "DE" }

# Payment instructions for drafts without them (a draft's own fields win one by one).
# [payment]
# means = "credit_transfer"
# iban = "DE89370400440532013000"
# bic = "COBADEFFXXX"
# terms = "Payable within 30 days"

[defaults]
# currency = "EUR"              # ISO 4217
# tax_rate = 19                 # percent, for lines without a tax_rate (numbers are read exactly)
# payment_terms_days = 30       # due date = issue date + this many days
# series = "INV"
# credit_note_series = "CN"
# number_pattern = "{series}-{year}-{seq:04}"
# Numbers follow dates: refuse an issue date earlier than the latest one already used in
# the same series and year. France, Spain, Italy and others require this; off by default.
# chronological = false
# einvoice_profile = "en16931"  # default for --format ubl|cii|facturx: en16931, xrechnung or peppol
# language = "en"               # printed documents: en, de or fr (a draft's `language` wins)
# logo = "logo.png"             # PNG, JPEG or SVG, at most 1 MiB, relative to this file; top left in HTML

[store]
# path = "/path/to/invoices.db" # default: $XDG_DATA_HOME/invoice/invoices.db

[server]
# bind = "127.0.0.1:8080"
# rate_limit = 60               # unauthenticated requests per minute per client
# key_rate_limit = 1200         # authenticated requests per minute per API key
# auth_fail_limit = 10          # failed authentications per minute per client IP
# max_body = 1048576            # bytes
# cors_origins = []             # e.g. ["http://localhost:3000"]
# threads = 2
# max_connections = 256
# max_connections_per_client = 32
# trust_proxy = false           # take the client IP from the rightmost X-Forwarded-For entry
# tls_cert = "/path/cert.pem"
# tls_key = "/path/key.pem"
# log_format = "text"           # or "json"
# allow_plain_http = false      # needed to serve plain HTTP on a non-loopback address
# sanitize = false              # strip markup (with warnings) instead of rejecting it
"#;

/// Runs `invoice config ...`.
///
/// # Errors
/// [`Error::Conflict`] when the file exists without `--force`, [`Error::Io`],
/// [`Error::Config`] when no config location is known.
pub fn exec(command: &ConfigCommand, config: &Config) -> Result<ExitStatus, Error> {
    match command {
        ConfigCommand::Init { force } => init(config, *force),
        ConfigCommand::Show => {
            super::write_stdout(show(config).as_bytes())?;
            for warning in crate::render::logo::check(config) {
                eprintln!("invoice: warning: {warning}");
            }
            Ok(ExitStatus::Success)
        }
    }
}

fn init(config: &Config, force: bool) -> Result<ExitStatus, Error> {
    let Some(path) = &config.file_target else {
        return Err(Error::Config {
            path: "(none)".into(),
            message: "no default config directory is known on this system; pass --config PATH".into(),
        });
    };
    if path.exists() && !force {
        return Err(Error::Conflict {
            kind: crate::error::ConflictKind::FileExists,
            message: format!("{} already exists; use --force to overwrite it", path.display()),
        });
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))?;
    }
    super::output::write_file(path, TEMPLATE.as_bytes())?;
    eprintln!("wrote {}", path.display());
    Ok(ExitStatus::Success)
}

fn show(config: &Config) -> String {
    let source = |key: &str| config.sources.get(key).cloned().unwrap_or(Source::Default);
    let mut out = String::new();
    let file = config.file.as_ref().map_or_else(|| "(none, built-in defaults)".to_owned(), |p| p.display().to_string());
    out.push_str(&format!("# config file: {file}\n"));
    let mut line = |key: &str, value: String| {
        out.push_str(&format!("{key} = {}  # {}\n", escape_controls(&value, false), source(key)));
    };
    let d = &config.defaults;
    line("defaults.currency", d.currency.clone().unwrap_or_else(|| "(unset)".into()));
    line("defaults.tax_rate", d.tax_rate.map_or_else(|| "(unset: 0)".into(), |r| r.to_string()));
    line("defaults.payment_terms_days", d.payment_terms_days.to_string());
    line("defaults.series", d.series.clone());
    line("defaults.credit_note_series", d.credit_note_series.clone());
    line("defaults.number_pattern", config.number_pattern.clone());
    line("defaults.chronological", config.chronological.to_string());
    line("defaults.einvoice_profile", config.einvoice_profile.name().to_owned());
    line("defaults.logo", config.logo.as_ref().map_or_else(|| "(unset)".into(), |p| p.display().to_string()));
    line("defaults.language", d.language.map_or_else(|| "(unset: en)".into(), |l| format!("{l:?}").to_lowercase()));
    line("seller", d.seller.as_ref().and_then(|s| s.name.clone()).unwrap_or_else(|| "(unset)".into()));
    line("payment", if d.payment.is_some() { "(set)".into() } else { "(unset)".into() });
    line("store.path", crate::store::redacted(&config.store_path));
    for (key, value) in config.server.entries() {
        let key = format!("server.{key}");
        line(&key, value.unwrap_or_else(|| "(default)".into()));
    }
    out.push_str(&format!(
        "INVOICE_API_KEY = {}\n",
        if config.static_api_key.is_some() { "(set, redacted)" } else { "(unset)" }
    ));
    out.push_str(&format!(
        "INVOICE_API_KEY_FILE = {}\n",
        config.static_api_key_file.as_ref().map_or_else(|| "(unset)".to_owned(), |p| p.display().to_string())
    ));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_config() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("invoice.toml");
        std::fs::write(&path, super::TEMPLATE).unwrap();
        let overrides = crate::config::Overrides { config: Some(path), store: None, allow_missing: false };
        assert!(crate::config::Config::load(&overrides).is_ok());
    }
}
