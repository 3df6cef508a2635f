//! `invoice store copy` and `invoice store check` (SPEC 9).

use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::security::text::escape_controls;
use crate::store::{Location, Store, verify};
use std::path::PathBuf;

/// `invoice store …`.
#[derive(Debug, clap::Subcommand)]
pub enum StoreCommand {
    /// Copy a whole store (invoices, counters, audit log, keys, idempotency keys) into an
    /// empty one, SQLite or PostgreSQL in either direction, then compare both.
    Copy(CopyArgs),
    /// Verify a store: numbering without gaps, totals recomputed and equal, an audit entry
    /// for every invoice. Exits 1 listing what is wrong.
    Check,
}

/// Arguments of `invoice store copy`.
#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// The store to copy (a SQLite file or a postgres:// URL).
    #[arg(long, value_name = "STORE")]
    from: PathBuf,
    /// The empty store to copy into (a SQLite file or a postgres:// URL).
    #[arg(long, value_name = "STORE")]
    to: PathBuf,
}

/// Runs `invoice store …`.
///
/// # Errors
/// [`Error::Usage`] when source and target are the same; [`Error::Conflict`] when the
/// target is not empty; [`Error::Store`]/[`Error::Unavailable`]/[`Error::Io`].
pub fn exec(command: &StoreCommand, config: &Config) -> Result<ExitStatus, Error> {
    match command {
        StoreCommand::Copy(args) => {
            if args.from == args.to {
                return Err(Error::Usage("--from and --to name the same store".into()));
            }
            let (from, to) = (Location::parse(&args.from)?, Location::parse(&args.to)?);
            let copied = super::block_on(async {
                let source = Store::open(&from).await?;
                let target = Store::open(&to).await?;
                verify::copy(&source, &target).await
            })?;
            let [invoices, counters, idempotency, audit, keys] = copied.counts;
            let tables: String = copied.tables.iter().map(|(name, rows)| format!(", {rows} {name}")).collect();
            println!(
                "copied {} to {}: {invoices} invoices, {counters} counters, {idempotency} idempotency keys, \
                 {audit} audit entries, {keys} API keys{tables}; counts and invoice checksums equal",
                escape_controls(&from.to_string(), false),
                escape_controls(&to.to_string(), false),
            );
            Ok(ExitStatus::Success)
        }
        StoreCommand::Check => {
            let dump = super::with_store(config, async |store| {
                store.integrity_check().await?;
                store.dump().await
            })?;
            let report = verify::check(&dump);
            for problem in &report.problems {
                println!("problem: {}", escape_controls(problem, false));
            }
            if report.problems.is_empty() {
                println!(
                    "ok: {}, {}",
                    super::output::counted(report.invoices, "invoice", "invoices"),
                    super::output::counted(report.audit_entries, "audit entry", "audit entries")
                );
                Ok(ExitStatus::Success)
            } else {
                eprintln!("invoice: {} problem(s) found in the store", report.problems.len());
                Ok(ExitStatus::Invalid)
            }
        }
    }
}
