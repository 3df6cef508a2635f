//! `invoice keys ...`: issue, list, revoke and rotate API keys, and store or delete the
//! static key in the OS keyring. The rules live in [`crate::keys`]; this file parses,
//! calls it and prints.

use super::output;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::keys::{self, KeyRecord, KeyState, Revocation, Scope};
use crate::security::limits::read_capped;
use crate::security::text::escape_controls;
use crate::store::Actor;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;
use zeroize::Zeroizing;

/// `invoice keys` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum KeysCommand {
    /// Issue an API key for the daemon; the key is printed once and never again.
    Create(CreateArgs),
    /// List API keys (never their secrets).
    List(ListArgs),
    /// Revoke an API key at once; a running daemon refuses it from the next request on.
    Revoke(RevokeArgs),
    /// Issue a new key for the same client and scopes and revoke the old one (at once,
    /// or after --grace).
    Rotate(RotateArgs),
    /// Store the static API key in the OS keyring (read from stdin, or a prompt that does
    /// not echo).
    SetStatic,
    /// Delete the static API key from the OS keyring.
    DeleteStatic,
}

/// Arguments of `invoice keys create`.
#[derive(Debug, clap::Args)]
pub struct CreateArgs {
    /// Who the key is for (shown in `keys list`).
    #[arg(long, value_name = "NAME")]
    client: String,
    /// Comma-separated scopes: read, write, admin.
    #[arg(long, value_name = "SCOPES", default_value = "read,write", value_parser = parse_scopes)]
    scopes: ScopeList,
    /// Lifetime: Nd or Nh, at most 365d.
    #[arg(long, value_name = "DURATION", default_value = "90d", value_parser = keys::parse_lifetime)]
    expires_in: Duration,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// Arguments of `invoice keys list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// Arguments of `invoice keys revoke`.
#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The key id (from `invoice keys list`).
    id: String,
}

/// Arguments of `invoice keys rotate`.
#[derive(Debug, clap::Args)]
pub struct RotateArgs {
    /// The key id (from `invoice keys list`).
    id: String,
    /// Keep the old key working this long (Nd or Nh) so clients can switch; default: revoke at once.
    #[arg(long, value_name = "DURATION", default_value = "0h", value_parser = keys::parse_grace)]
    grace: Duration,
    /// Lifetime of the new key: Nd or Nh, at most 365d.
    #[arg(long, value_name = "DURATION", default_value = "90d", value_parser = keys::parse_lifetime)]
    expires_in: Duration,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// A parsed `--scopes` list (a newtype so clap takes it as one value).
#[derive(Debug, Clone)]
struct ScopeList(Vec<Scope>);

fn parse_scopes(text: &str) -> Result<ScopeList, String> {
    Scope::parse_list(text).map(ScopeList).map_err(|e| e.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum IssueFormat {
    /// The key on the first line, then its facts.
    Text,
    /// One JSON object: `key`, `id`, `client`, `scopes`, `created_at`, `expires_at` (and
    /// `rotated`: the old key's `id` and `revoked_at`).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    /// Aligned columns.
    Table,
    /// A JSON array of key records with their state.
    Json,
}

/// Runs `invoice keys ...`.
///
/// # Errors
/// [`Error::Usage`] for bad input, [`Error::NotFound`] for an unknown key id,
/// [`Error::Conflict`] when rotating a revoked key, [`Error::Store`], and [`Error::Io`]
/// (also when no OS keyring is reachable for `set-static`).
pub fn exec(command: &KeysCommand, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    match command {
        KeysCommand::Create(args) => {
            let (record, key) = super::with_store(config, async |store| {
                keys::create_key(store, &args.client, &args.scopes.0, args.expires_in, &actor).await
            })?;
            let key = Zeroizing::new(key);
            print_issued(&record, &key, args.format, None)?;
        }
        KeysCommand::List(args) => {
            list(super::with_store(config, async |store| keys::list_keys(store).await)?, args.format)?
        }
        KeysCommand::Revoke(args) => {
            let revocation = super::with_store(config, async |store| keys::revoke_key(store, &args.id, &actor).await)?;
            let line = match revocation {
                Revocation::Revoked(record) => {
                    format!("revoked API key {} (client {})\n", record.id, escape_controls(&record.client, false))
                }
                Revocation::AlreadyRevoked(record) => format!(
                    "API key {} was already revoked at {}; nothing changed\n",
                    record.id,
                    record.revoked_at.as_deref().unwrap_or("an earlier time")
                ),
            };
            super::write_stdout(line.as_bytes())?;
        }
        KeysCommand::Rotate(args) => {
            let rotation = super::with_store(config, async |store| {
                keys::rotate_key(store, &args.id, args.grace, args.expires_in, &actor).await
            })?;
            let revoked_at = rotation.old.revoked_at.clone().unwrap_or_default();
            let old = if args.grace.is_zero() {
                format!("old key {} revoked at {revoked_at}", rotation.old.id)
            } else {
                format!("old key {} stays valid until {revoked_at}", rotation.old.id)
            };
            let key = Zeroizing::new(rotation.key);
            print_issued(&rotation.new, &key, args.format, Some((&rotation.old, &old)))?;
        }
        KeysCommand::SetStatic => set_static(config)?,
        KeysCommand::DeleteStatic => delete_static()?,
    }
    Ok(ExitStatus::Success)
}

/// Prints a new key once: on stdout the key and its facts, on stderr the reminder that it
/// cannot be shown again.
fn print_issued(
    record: &KeyRecord,
    key: &str,
    format: IssueFormat,
    rotated: Option<(&KeyRecord, &str)>,
) -> Result<(), Error> {
    let text = match format {
        IssueFormat::Text => {
            let mut text = Zeroizing::new(String::new());
            // Writing to a String cannot fail.
            let _ = write!(
                text,
                "{}\nid:       {}\nclient:   {}\nscopes:   {}\nexpires:  {}\n",
                key,
                record.id,
                escape_controls(&record.client, false),
                Scope::join(&record.scopes),
                record.expires_at
            );
            if let Some((_, line)) = rotated {
                let _ = writeln!(text, "{line}");
            }
            text
        }
        IssueFormat::Json => {
            let issued = IssuedJson {
                key,
                id: &record.id,
                client: &record.client,
                scopes: &record.scopes,
                created_at: &record.created_at,
                expires_at: &record.expires_at,
                rotated: rotated.map(|(old, _)| RotatedJson { id: &old.id, revoked_at: old.revoked_at.as_deref() }),
            };
            Zeroizing::new(output::json_text(&issued)?)
        }
    };
    super::write_stdout(text.as_bytes())?;
    eprintln!("invoice: note: store this key now; it cannot be shown again (only its hash is kept)");
    Ok(())
}

/// `keys create|rotate --format json`.
#[derive(serde::Serialize)]
struct IssuedJson<'a> {
    key: &'a str,
    id: &'a str,
    client: &'a str,
    scopes: &'a [Scope],
    created_at: &'a str,
    expires_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rotated: Option<RotatedJson<'a>>,
}

/// The replaced key in `keys rotate --format json`.
#[derive(serde::Serialize)]
struct RotatedJson<'a> {
    id: &'a str,
    revoked_at: Option<&'a str>,
}

/// One row of `keys list --format json`: the record and its state.
#[derive(serde::Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    record: &'a KeyRecord,
    state: KeyState,
}

fn list(records: Vec<keys::KeyRecord>, format: ListFormat) -> Result<(), Error> {
    let now = chrono::Utc::now();
    let text = match format {
        ListFormat::Json => {
            let rows: Vec<_> = records.iter().map(|record| Listed { record, state: record.state_at(now) }).collect();
            output::json_text(&rows)?
        }
        ListFormat::Table if records.is_empty() => {
            eprintln!("invoice: no API keys yet; issue one with `invoice keys create --client NAME`");
            String::new()
        }
        ListFormat::Table => table(&records, now),
    };
    super::write_stdout(text.as_bytes())
}

fn table(records: &[KeyRecord], now: chrono::DateTime<chrono::Utc>) -> String {
    const HEADER: [&str; 8] = ["ID", "CLIENT", "SCOPES", "CREATED", "EXPIRES", "REVOKED", "LAST USED", "STATE"];
    let rows: Vec<[String; 8]> = records
        .iter()
        .map(|r| {
            let state = r.state_at(now);
            let revoked = match (&r.revoked_at, state) {
                (None, _) => "-".to_owned(),
                (Some(at), KeyState::Revoked) => at.clone(),
                (Some(at), _) => format!("{at} (scheduled)"),
            };
            [
                r.id.clone(),
                escape_controls(&r.client, false),
                Scope::join(&r.scopes),
                r.created_at.clone(),
                r.expires_at.clone(),
                revoked,
                r.last_used_at.clone().unwrap_or_else(|| "never".to_owned()),
                state.as_str().to_owned(),
            ]
        })
        .collect();
    let mut widths = HEADER.map(UnicodeWidthStr::width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    let header = HEADER.map(str::to_owned);
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.width() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The longest static key read from stdin, in bytes (a newline may follow).
const MAX_STDIN_KEY: u64 = 1026;

fn set_static(config: &Config) -> Result<(), Error> {
    // Fail before asking for the key when there is nowhere to put it.
    keys::check_keyring()?;
    let key = read_static_key()?;
    keys::store_static_key(&key)?;
    eprintln!(
        "invoice: stored the static API key in the OS keyring (service `{}`, entry `{}`); `invoice serve` uses it \
         when INVOICE_API_KEY and INVOICE_API_KEY_FILE are unset",
        keys::KEYRING_SERVICE,
        keys::KEYRING_USER
    );
    if config.static_api_key.is_some() || config.static_api_key_file.is_some() {
        eprintln!(
            "invoice: warning: INVOICE_API_KEY or INVOICE_API_KEY_FILE is set here and takes precedence over the keyring"
        );
    }
    Ok(())
}

fn delete_static() -> Result<(), Error> {
    let line = if keys::delete_static_key()? {
        "deleted the static API key from the OS keyring\n"
    } else {
        "there is no static API key in the OS keyring; nothing changed\n"
    };
    super::write_stdout(line.as_bytes())
}

/// The key from stdin when it is not a terminal (one trailing newline removed), else from
/// a prompt that does not echo, asked twice.
fn read_static_key() -> Result<Zeroizing<String>, Error> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let bytes = Zeroizing::new(
            read_capped(stdin.lock(), MAX_STDIN_KEY)
                .map_err(|e| Error::io("read", "standard input", e))?
                .ok_or_else(|| Error::Usage("the key on standard input is longer than 1024 bytes".into()))?,
        );
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Error::Usage("the key on standard input is not UTF-8 text".into()))?;
        let text = text.strip_suffix('\n').map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
        return Ok(Zeroizing::new(text.to_owned()));
    }
    let prompt = |label: &str| {
        rpassword::prompt_password(label).map(Zeroizing::new).map_err(|e| Error::io("read", "the terminal", e))
    };
    let first = prompt("Static API key (not echoed): ")?;
    let second = prompt("Again, to confirm: ")?;
    if first != second {
        return Err(Error::Usage("the two keys differ; nothing was stored".into()));
    }
    Ok(first)
}
