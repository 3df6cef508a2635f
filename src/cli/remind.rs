//! `invoice remind`: issues the reminders that are due (SPEC 12.5).

use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::ops::Reminded;
use crate::render::Paper;
use crate::store::Actor;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What `invoice remind` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text letters.
    Text,
    /// Self-contained HTML letters (needs --out).
    Html,
    /// PDF letters (needs --out).
    Pdf,
    /// JSON: one array of the reminders on stdout, or one file per reminder.
    Json,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// Arguments of `invoice remind`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Invoices to remind (default: every overdue invoice whose next level is reached).
    #[arg(value_name = "NUMBER")]
    numbers: Vec<String>,
    /// The day of the run (default today).
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    as_of: Option<NaiveDate>,
    /// Say what would be issued; store and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The reminder documents' format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write one file per reminder into this directory (created if missing), named
    /// after the invoice and level: INV-2026-0007-reminder-2.pdf.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Paper size of PDF reminders.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    paper: Paper,
}

/// The file a reminder is written to: the invoice number (characters other than
/// letters, digits, `.`, `_` and `-` become `_`), `-reminder-`, the level.
#[must_use]
pub fn file_name(invoice: &str, level: u32, format: Format) -> String {
    let safe: String = invoice
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' })
        .collect();
    format!("{safe}-reminder-{level}.{}", format.extension())
}

/// A reminder's document in `format`.
fn document(reminded: &Reminded, format: Format, paper: Paper) -> Result<Vec<u8>, Error> {
    let doc = reminded.doc();
    Ok(match format {
        Format::Text => crate::render::receivables::reminder_text(&doc).into_bytes(),
        Format::Html => crate::render::receivables::reminder_html(&doc).into_bytes(),
        Format::Pdf => crate::render::receivables::reminder_pdf(&doc, paper)?,
        Format::Json => super::output::json_text(reminded)?.into_bytes(),
    })
}

/// Creates `dir` if needed and checks that files can be written into it.
fn prepare_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    super::output::check_target(&dir.join("reminder.check"))
}

/// Runs `invoice remind`.
///
/// # Errors
/// [`Error::Usage`] for HTML or PDF without `--out`; [`Error::NotFound`] for an unknown
/// invoice; [`Error::Io`] when `--out` cannot be written (checked before anything is
/// stored); [`Error::Invalid`] for text the PDF font cannot print; [`Error::Store`].
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    if args.out.is_none() && matches!(args.format, Format::Html | Format::Pdf) {
        return Err(Error::Usage(format!(
            "--format {} writes one file per reminder: add --out DIR",
            args.format.extension()
        )));
    }
    let writes_files = args.out.as_deref().filter(|_| !args.dry_run);
    if let Some(dir) = writes_files {
        prepare_dir(dir)?;
    }
    let as_of = args.as_of.unwrap_or_else(super::today);
    let actor = Actor::cli(&config.user);
    let mut documents: Vec<(String, u32, Vec<u8>)> = Vec::new();
    let (format, paper) = (args.format, args.paper);
    let numbers = &args.numbers;
    let run = super::with_store(config, async |store| {
        let policy = &config.reminders;
        let renders = args.out.is_some() || format == Format::Text;
        if renders && !args.dry_run {
            // Every document is made once before anything is stored: one that cannot be
            // made (a character the PDF font lacks) stops the run with nothing stored,
            // never with reminders stored and their letters missing.
            crate::ops::remind(store, numbers, as_of, true, policy, &actor, |reminded| {
                document(reminded, format, paper).map(drop)
            })
            .await?;
        }
        crate::ops::remind(store, numbers, as_of, args.dry_run, policy, &actor, |reminded| {
            if renders {
                let bytes = document(reminded, format, paper)?;
                documents.push((reminded.record.invoice.clone(), reminded.record.level, bytes));
            }
            Ok(())
        })
        .await
    })?;
    let issued = |invoice: &str, level: u32| {
        run.reminders.iter().any(|r| r.record.invoice == invoice && r.record.level == level)
    };
    documents.retain(|(invoice, level, _)| issued(invoice, *level));
    if let Some(dir) = writes_files {
        for (invoice, level, bytes) in &documents {
            super::output::write_file(&dir.join(file_name(invoice, *level, format)), bytes)?;
        }
    } else if args.out.is_none() {
        let stdout = match format {
            Format::Json => super::output::json_text(&run.reminders)?,
            _ => {
                documents.iter().map(|(_, _, bytes)| String::from_utf8_lossy(bytes)).collect::<Vec<_>>().join("\u{c}\n")
            }
        };
        super::write_stdout(stdout.as_bytes())?;
    }
    report(&run, writes_files, format);
    Ok(ExitStatus::Success)
}

/// One line per reminder and per invoice reminded of nothing, on stderr.
fn report(run: &crate::ops::ReminderRun, out: Option<&Path>, format: Format) {
    let safe = |t: &str| crate::security::text::escape_controls(t, true);
    for r in &run.reminders {
        let verb = if run.dry_run { "would issue" } else { "issued" };
        let file = out
            .map(|dir| format!(": {}", dir.join(file_name(&r.record.invoice, r.record.level, format)).display()))
            .unwrap_or_default();
        eprintln!(
            "invoice: {verb} {} level {} ({}) asking {} {} by {}{}",
            safe(&r.record.invoice),
            r.record.level,
            safe(&r.title),
            r.amount_asked,
            r.record.currency,
            r.record.pay_by,
            safe(&file)
        );
    }
    for s in &run.skipped {
        eprintln!("invoice: no reminder for {}: {}", safe(&s.invoice), safe(&s.reason));
    }
    if run.reminders.is_empty() {
        eprintln!("invoice: no new reminders on {}", run.as_of);
    }
}
