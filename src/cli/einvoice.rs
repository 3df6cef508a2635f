//! `invoice einvoice validate|show`: received e-invoices (SPEC 13.1). Parses the flags,
//! reads the files (capped at 16 MiB each), and calls [`crate::received`]; exit 0 when every
//! file is valid, 1 when one is not, 3 when a path is missing (or a folder holds no
//! e-invoices), 5 when one could not be read. A path not read is an entry of the report.

use crate::error::{Error, ExitStatus};
use crate::invoice::model::Language;
use crate::received::report::{self, Entry, Unread};
use crate::received::{Refusal, show};
use crate::security::limits::{read_capped, read_file_capped};
use crate::security::text::escape_controls;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The read cap: one byte past the limit, so "over" is a finding and not a silent cut.
const CAP: u64 = einvoice_rules::input::MAX_BYTES as u64;

/// Received e-invoices.
#[derive(Debug, clap::Subcommand)]
pub enum EinvoiceCommand {
    /// Validate received e-invoices (UBL, CII, Factur-X/ZUGFeRD PDF) with the official EN 16931 and XRechnung rules.
    Validate(ValidateArgs),
    /// Show a received e-invoice for a person (text, HTML, PDF) or a program (JSON), its verdict on top.
    Show(ShowArgs),
}

/// Arguments of `invoice einvoice validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// E-invoice files or directories (searched recursively for *.xml and *.pdf); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Which rules judge: those the document declares in BT-24 (auto), the CEN EN 16931 rules, or CEN + XRechnung.
    #[arg(long, value_enum, default_value_t = RulesArg::Auto, value_name = "PROFILE")]
    profile: RulesArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
}

/// Arguments of `invoice einvoice show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The received e-invoice (XML or Factur-X/ZUGFeRD PDF); `-` reads stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
    /// Print in this language instead of the document's own (text, HTML, PDF).
    #[arg(long, value_name = "LANG", value_parser = ["en", "de", "fr"])]
    lang: Option<String>,
    /// Write to this file (`-` is stdout, the default).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

/// `--profile` of `einvoice validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RulesArg {
    /// The rules the document declares in BT-24: XRechnung → CEN + KoSIT, anything else → CEN.
    Auto,
    /// The CEN EN 16931 rules only.
    En16931,
    /// The CEN rules, then the KoSIT XRechnung 3.0 rules.
    Xrechnung,
}

impl From<RulesArg> for einvoice_rules::Profile {
    fn from(arg: RulesArg) -> Self {
        match arg {
            RulesArg::Auto => Self::Auto,
            RulesArg::En16931 => Self::En16931,
            RulesArg::Xrechnung => Self::XRechnung,
        }
    }
}

/// `--format` of `einvoice validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One line per finding, then a summary.
    Text,
    /// One JSON document.
    Json,
}

/// `--format` of `einvoice show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShowFormat {
    /// Plain text for a terminal.
    Text,
    /// One self-contained HTML page.
    Html,
    /// A PDF document.
    Pdf,
    /// The product's invoice model (as `invoice show --format json` gives a stored one).
    Json,
}

impl From<ShowFormat> for show::Format {
    fn from(format: ShowFormat) -> Self {
        match format {
            ShowFormat::Text => Self::Text,
            ShowFormat::Html => Self::Html,
            ShowFormat::Pdf => Self::Pdf,
            ShowFormat::Json => Self::Json,
        }
    }
}

/// Runs `invoice einvoice ...`. No config or store is involved: a received file is judged
/// by itself.
///
/// # Errors
/// As [`exec_validate`] and [`exec_show`].
pub fn exec(command: &EinvoiceCommand) -> Result<ExitStatus, Error> {
    match command {
        EinvoiceCommand::Validate(args) => exec_validate(args),
        EinvoiceCommand::Show(args) => exec_show(args),
    }
}

/// One input: a file or standard input.
enum Input {
    Stdin,
    File(PathBuf),
}

/// Runs `invoice einvoice validate`.
///
/// # Errors
/// [`Error::Io`] when a directory cannot be walked or stdout written. Invalid, missing and
/// unreadable files are entries of the report and set the exit status.
pub fn exec_validate(args: &ValidateArgs) -> Result<ExitStatus, Error> {
    let profile = args.profile.into();
    let mut slots: Vec<Result<Input, Entry>> = Vec::new();
    let mut stdin_taken = false;
    for path in &args.paths {
        if path.as_os_str() == "-" {
            // Standard input can be read only once.
            if !stdin_taken {
                slots.push(Ok(Input::Stdin));
                stdin_taken = true;
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let found = einvoice_files(path)?;
                if found.is_empty() {
                    let message = format!("no e-invoices (*.xml, *.pdf) found in {}", path.display());
                    slots.push(Err(Entry { file: label(path), outcome: Err(Unread::not_found(message)) }));
                }
                slots.extend(found.into_iter().map(|file| Ok(Input::File(file))));
            }
            Ok(_) => slots.push(Ok(Input::File(path.clone()))),
            Err(e) => slots.push(Err(Entry { file: label(path), outcome: Err(Unread::of(path, &e)) })),
        }
    }
    let judge = |slot: Result<Input, Entry>| match slot {
        Err(entry) => entry,
        Ok(Input::Stdin) => {
            judge_read("-".to_owned(), Path::new("-"), read_capped(std::io::stdin().lock(), CAP), profile)
        }
        Ok(Input::File(path)) => judge_read(label(&path), &path, read_file_capped(&path, CAP), profile),
    };
    // A handful of files is faster on this thread than on a pool.
    let entries: Vec<Entry> = if slots.len() < 8 {
        slots.into_iter().map(judge).collect()
    } else {
        slots.into_par_iter().map(judge).collect()
    };
    for entry in &entries {
        if let Err(unread) = &entry.outcome {
            eprintln!("invoice: error: {}", escape_controls(&unread.message, false));
        }
    }
    let out = match args.format {
        ReportFormat::Text => report::text(&entries),
        ReportFormat::Json => {
            let mut json = report::json(&entries);
            json.push('\n');
            json
        }
    };
    super::write_stdout(out.as_bytes())?;
    let unread = || entries.iter().filter_map(|e| e.outcome.as_ref().err());
    Ok(if unread().any(|u| !u.is_not_found()) {
        ExitStatus::Failure
    } else if unread().next().is_some() {
        ExitStatus::NotFound
    } else if entries.iter().any(|e| !e.valid()) {
        ExitStatus::Invalid
    } else {
        ExitStatus::Success
    })
}

/// The entry of one input, from what reading it gave.
fn judge_read(
    file: String,
    path: &Path,
    read: std::io::Result<Option<Vec<u8>>>,
    profile: einvoice_rules::Profile,
) -> Entry {
    let outcome = match read {
        Ok(Some(bytes)) => Ok(report::judge(&bytes, profile)),
        Ok(None) => Ok(report::Judged {
            report: einvoice_rules::Report {
                syntax: None,
                rules: None,
                findings: vec![einvoice_rules::input::too_large()],
            },
            embedded: None,
        }),
        Err(e) => Err(Unread::of(path, &e)),
    };
    Entry { file, outcome }
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

/// Every `*.xml` and `*.pdf` under `dir` (any case, following links), in the order of a
/// walk that visits each directory's entries sorted by name.
fn einvoice_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            Error::io("read directory", path, e.into())
        })?;
        let wanted = entry
            .path()
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| ext.eq_ignore_ascii_case("xml") || ext.eq_ignore_ascii_case("pdf"));
        if wanted && entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Runs `invoice einvoice show`.
///
/// # Errors
/// [`Error::NotFound`] (no such file), [`Error::Io`], [`Error::Usage`] (PDF to a terminal);
/// a file that is not an e-invoice or cannot be read into the model is exit 1 with its
/// findings on stderr.
pub fn exec_show(args: &ShowArgs) -> Result<ExitStatus, Error> {
    let path = args.file.as_path();
    let read =
        if path.as_os_str() == "-" { read_capped(std::io::stdin().lock(), CAP) } else { read_file_capped(path, CAP) };
    let bytes = match read {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let mut line = String::new();
            report::push_finding_line(&mut line, &einvoice_rules::input::too_large());
            eprintln!(
                "invoice: error: {} is not an e-invoice that can be shown\n  {line}",
                escape_controls(&label(path), false)
            );
            return Ok(ExitStatus::Invalid);
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound { what: format!("file {}", path.display()) });
        }
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let lang = args.lang.as_deref().and_then(Language::from_name);
    let format = show::Format::from(args.format);
    match crate::received::show_bytes(&bytes, format, lang) {
        Ok(document) => {
            super::output::write_document(args.out.as_deref(), &document, format == show::Format::Pdf)?;
            Ok(ExitStatus::Success)
        }
        Err(Refusal::NotAnInvoice(verdict)) => {
            let file = escape_controls(&label(path), false);
            eprintln!("invoice: error: {file} is not an e-invoice that can be shown");
            for finding in &verdict.findings {
                let mut line = String::new();
                report::push_finding_line(&mut line, finding);
                eprintln!("  {line}");
            }
            Ok(ExitStatus::Invalid)
        }
        Err(Refusal::Read(error, _)) => {
            eprintln!("invoice: error: {}", escape_controls(&format!("{}: {error}", label(path)), false));
            Ok(ExitStatus::Invalid)
        }
        Err(Refusal::Show(error)) => Err(Error::Internal(format!("showing {} failed: {error}", label(path)))),
    }
}
