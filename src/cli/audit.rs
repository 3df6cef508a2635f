//! `invoice audit`: read the append-only audit log.

use super::output;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::security::text::escape_controls;
use chrono::NaiveDate;

/// Arguments of `invoice audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entries from this date on (UTC).
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    since: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One line per entry.
    Text,
    /// A JSON array of {time, actor, action, number, request_id, detail}.
    Json,
}

/// Runs `invoice audit`.
///
/// # Errors
/// [`Error::Store`], [`Error::Io`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let entries = super::with_store(config, async |store| store.audit_log(args.since).await)?;
    let text = match args.format {
        Format::Json => output::json_text(&entries)?,
        Format::Text => entries
            .iter()
            .map(|e| {
                let mut line = format!("{}  {}  {}", e.time, e.actor, e.action);
                for part in [&e.number, &e.request_id, &e.detail].into_iter().flatten() {
                    line.push_str("  ");
                    line.push_str(&escape_controls(part, false));
                }
                line + "\n"
            })
            .collect(),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}
