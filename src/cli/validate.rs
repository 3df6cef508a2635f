//! `invoice validate PATH...`: parse the flags, run [`crate::batch::validate_paths`],
//! print the report (text, JSON or JUnit XML); exit 0 when every file is valid, 1 when
//! one is not, 3 when a path is missing (or a folder holds no drafts), 5 when one could
//! not be read. A missing or unreadable path is an entry of every report format.

use crate::batch::{self, FileReport, Input};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::parse::Options;
use crate::security::text::escape_controls;
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `invoice validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Draft files or directories (searched recursively for *.json); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Strip markup from text fields (with a warning per field) instead of rejecting it.
    #[arg(long)]
    sanitize: bool,
    /// Also check what this e-invoice profile requires (`einvoice_requirement` problems).
    #[arg(long, value_enum, value_name = "PROFILE")]
    profile: Option<super::ProfileArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One line per problem, then a summary.
    Text,
    /// One JSON document.
    Json,
    /// JUnit XML for CI systems: one testcase per file, one failure per problem.
    Junit,
}

#[derive(Serialize)]
struct NamedReport<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a FileReport,
}

#[derive(Serialize)]
struct Report<'a> {
    files: Vec<NamedReport<'a>>,
    valid: usize,
    invalid: usize,
    /// Paths that could not be checked (missing, unreadable, a folder without drafts).
    #[serde(skip_serializing_if = "is_zero")]
    unread: usize,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Runs `invoice validate`.
///
/// # Errors
/// [`Error::Io`] when a directory cannot be walked. Invalid, missing and unreadable
/// files are not errors: they are entries of the report and set the exit status.
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let skipped = std::sync::atomic::AtomicUsize::new(0);
    let settings = batch::Settings {
        options: Options { sanitize: args.sanitize },
        defaults: &config.defaults,
        today: super::today(),
        profile: args.profile.map(Into::into),
        skipped: &skipped,
    };
    let progress = super::output::Progress::new("validating", "files");
    let results = batch::validate_paths(&args.paths, settings, &|n| progress.update(n))?;
    progress.finish();
    match skipped.into_inner() {
        0 => {}
        1 => eprintln!(
            "invoice: note: skipped 1 .xml/.pdf file (an e-invoice?); check it with `invoice einvoice validate`"
        ),
        n => eprintln!(
            "invoice: note: skipped {n} .xml/.pdf files (e-invoices?); check them with `invoice einvoice validate`"
        ),
    }

    for (input, report) in &results {
        if let Some(why) = &report.read_error {
            eprintln!("invoice: error: {}", escape_controls(&why.message, false));
        }
        for warning in &report.warnings {
            eprintln!("{}: warning: {}", escape_controls(&input.label(), false), super::problem_line(warning));
        }
    }
    let valid = results.iter().filter(|(_, r)| r.valid).count();
    let unread = results.iter().filter(|(_, r)| r.read_error.is_some()).count();
    let invalid = results.len() - valid - unread;
    let out = match args.format {
        Format::Json => {
            let files = results.iter().map(|(input, report)| NamedReport { file: input.label(), report });
            let mut json = serde_json::to_string(&Report { files: files.collect(), valid, invalid, unread })
                .map_err(|e| Error::Internal(format!("failed to serialize the report: {e}")))?;
            json.push('\n');
            json.into_bytes()
        }
        Format::Text => text_report(&results, valid, invalid, unread).into_bytes(),
        Format::Junit => junit_report(&results, invalid, unread)?,
    };
    super::write_stdout(&out)?;
    let read_errors = || results.iter().filter_map(|(_, r)| r.read_error.as_ref());
    Ok(if read_errors().any(|e| !e.is_not_found()) {
        ExitStatus::Failure
    } else if unread > 0 {
        ExitStatus::NotFound
    } else if invalid > 0 {
        ExitStatus::Invalid
    } else {
        ExitStatus::Success
    })
}

fn text_report(results: &[(Input, FileReport)], valid: usize, invalid: usize, unread: usize) -> String {
    let mut out = String::new();
    for (input, report) in results.iter().filter(|(_, report)| !report.errors.is_empty()) {
        let file = escape_controls(&input.label(), false);
        for problem in &report.errors {
            out.push_str(&file);
            out.push_str(": ");
            super::push_problem_line(&mut out, problem);
            out.push('\n');
        }
    }
    let total = valid + invalid + unread;
    let noun = if total == 1 { "file" } else { "files" };
    out.push_str(&format!("{total} {noun}: {valid} valid, {invalid} invalid"));
    if unread > 0 {
        out.push_str(&format!(", {unread} not read"));
    }
    out.push('\n');
    out
}

/// JUnit XML (the schema CI systems read): one `testcase` per file, named by its path,
/// with one `failure` per problem, or one `error` when the file could not be read.
fn junit_report(results: &[(Input, FileReport)], invalid: usize, unread: usize) -> Result<Vec<u8>, Error> {
    let (tests, failures, errors) = (results.len().to_string(), invalid.to_string(), unread.to_string());
    let counts = [("tests", tests.as_str()), ("failures", failures.as_str()), ("errors", errors.as_str())];
    let mut doc = crate::render::einvoice::xml::Doc::new();
    let suite = |name| [[("name", name)].as_slice(), counts.as_slice()].concat();
    doc.open_with("testsuites", &suite("invoice validate"));
    doc.open_with("testsuite", &suite("invoice validate"));
    for (input, report) in results {
        let file = escape_controls(&input.label(), false);
        doc.open_with("testcase", &[("name", file.as_str()), ("classname", "invoice.validate")]);
        if let Some(error) = &report.read_error {
            doc.text_with("error", &[("type", error.code), ("message", error.message.as_str())], &error.message);
        }
        for problem in &report.errors {
            let line = super::problem_line(problem);
            doc.text_with("failure", &[("type", problem.code.as_str()), ("message", line.as_str())], &line);
        }
        if !report.warnings.is_empty() {
            let warnings: Vec<String> = report.warnings.iter().map(super::problem_line).collect();
            doc.text("system-err", &warnings.join("\n"));
        }
        doc.close("testcase");
    }
    doc.close("testsuite");
    doc.close("testsuites");
    doc.finish()
}
