//! `invoice validate PATH...`: parse the flags, run [`crate::batch::validate_paths`],
//! print the report; exit 0 when every file is valid, 1 when one is not, 5 when one
//! could not be read.

use crate::batch::{self, FileReport, Input};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::parse::Options;
use crate::security::text::escape_controls;
use serde::Serialize;
use std::io::IsTerminal;
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
}

/// Runs `invoice validate`.
///
/// # Errors
/// [`Error::NotFound`] for a path that does not exist; [`Error::Io`] when a directory
/// cannot be read. Invalid files are not errors: they give exit code 1.
pub fn exec(args: &Args, config: &Config) -> Result<ExitStatus, Error> {
    let settings = batch::Settings {
        options: Options { sanitize: args.sanitize },
        defaults: &config.defaults,
        today: super::today(),
        profile: args.profile.map(Into::into),
    };
    let show_progress = std::io::stderr().is_terminal();
    let progress = |n: usize| {
        if show_progress && n.is_multiple_of(500) {
            eprint!("\rvalidating: {n} files");
        }
    };
    let results = batch::validate_paths(&args.paths, settings, &progress)?;
    if show_progress && results.len() >= 500 {
        eprint!("\r\x1b[2K");
    }

    for (input, report) in &results {
        if let Some(why) = &report.read_error {
            eprintln!("invoice: error: failed to read {}: {why}", escape_controls(&input.label(), false));
        }
        for warning in &report.warnings {
            eprintln!("{}: warning: {}", escape_controls(&input.label(), false), super::problem_line(warning));
        }
    }
    let valid = results.iter().filter(|(_, r)| r.valid).count();
    let invalid = results.len() - valid;
    let out = match args.format {
        Format::Json => {
            let files = results.iter().map(|(input, report)| NamedReport { file: input.label(), report });
            let mut json = serde_json::to_string(&Report { files: files.collect(), valid, invalid })
                .map_err(|e| Error::Internal(format!("failed to serialize the report: {e}")))?;
            json.push('\n');
            json
        }
        Format::Text => text_report(&results, valid, invalid),
    };
    super::write_stdout(out.as_bytes())?;
    Ok(if results.iter().any(|(_, r)| r.read_error.is_some()) {
        ExitStatus::Failure
    } else if invalid > 0 {
        ExitStatus::Invalid
    } else {
        ExitStatus::Success
    })
}

fn text_report(results: &[(Input, FileReport)], valid: usize, invalid: usize) -> String {
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
    let total = valid + invalid;
    let noun = if total == 1 { "file" } else { "files" };
    out.push_str(&format!("{total} {noun}: {valid} valid, {invalid} invalid\n"));
    out
}
