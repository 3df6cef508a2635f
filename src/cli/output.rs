//! How commands print invoices and write documents.

use crate::error::Error;
use crate::invoice::Invoice;
use crate::security::text::escape_controls;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// What `create`, `credit`, `pay` and `void` print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IssueFormat {
    /// A one-line summary.
    Text,
    /// The whole invoice as JSON.
    Json,
    /// Only the number, for scripts.
    Number,
}

/// Facts about the create that the summary mentions.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    /// The invoice came from an earlier create with the same idempotency key.
    pub replayed: bool,
}

/// One line saying what the document asks for, as the printed documents do (SPEC 11):
/// `INV-2026-0001  issued  Globex Ltd  gross 1488.43 EUR  due 1388.43 EUR by 2026-12-27`,
/// `... paid on 2026-12-01`, `... void, not payable`, and for a credit note
/// `CN-2026-0001  issued  Globex Ltd  credit 1488.43 EUR for INV-2026-0002`.
#[must_use]
pub fn summary_line(invoice: &Invoice, summary: Summary) -> String {
    use crate::render::document::{Standing, standing};
    let number = invoice.number.as_deref().unwrap_or("(draft, not stored)");
    let buyer = escape_controls(invoice.buyer.name.as_deref().unwrap_or(""), false);
    let t = &invoice.totals;
    let c = escape_controls(&invoice.currency, false);
    let what = match standing(invoice) {
        Standing::Payable => format!("gross {} {c}  due {} {c} by {}", t.gross, t.due, invoice.due_date),
        Standing::Paid(Some(date)) => format!("gross {} {c}  paid on {date}", t.gross),
        Standing::Paid(None) => format!("gross {} {c}  paid", t.gross),
        Standing::Void => format!("gross {} {c}  void, not payable", t.gross),
        Standing::Credited => {
            let by = invoice.credited_by.as_deref().map(|n| format!(" by {}", escape_controls(n, false)));
            format!("gross {} {c}  credited{}", t.gross, by.unwrap_or_default())
        }
        Standing::Credit => {
            let of = invoice.preceding_invoice.as_deref().map(|n| format!(" for {}", escape_controls(n, false)));
            format!("credit {} {c}{}", t.gross, of.unwrap_or_default())
        }
    };
    let mut line = format!("{number}  {}  {buyer}  {what}", invoice.status.as_str());
    if summary.replayed {
        line.push_str("  (replayed: issued earlier with this idempotency key)");
    }
    line
}

/// Prints an invoice in `format` to stdout.
///
/// # Errors
/// [`Error::Io`] when stdout fails; [`Error::Internal`] if serialization fails.
pub fn print_issued(invoice: &Invoice, format: IssueFormat, summary: Summary) -> Result<(), Error> {
    let text = match format {
        IssueFormat::Text => summary_line(invoice, summary) + "\n",
        IssueFormat::Number => format!("{}\n", invoice.number.as_deref().unwrap_or_default()),
        IssueFormat::Json => json_text(invoice)?,
    };
    super::write_stdout(text.as_bytes())
}

/// Pretty JSON with a trailing newline.
///
/// # Errors
/// [`Error::Internal`] if serialization fails.
pub fn json_text<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| Error::Internal(format!("failed to serialize JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// Writes a document to `out` (`-` or `None` is stdout). Binary output is never sent to
/// a terminal.
///
/// # Errors
/// [`Error::Usage`] for binary output to a terminal; [`Error::Io`] on write failures.
pub fn write_document(out: Option<&Path>, bytes: &[u8], binary: bool) -> Result<(), Error> {
    match out {
        Some(path) if path.as_os_str() != "-" => write_file(path, bytes),
        _ => {
            if binary && std::io::stdout().is_terminal() {
                return Err(Error::Usage(
                    "refusing to write a PDF to the terminal; use --out FILE, or pipe the output (--out - is stdout)"
                        .into(),
                ));
            }
            super::write_stdout(bytes)
        }
    }
}

/// Checks, before anything is issued, that `path` can be written: it names a file (not a
/// directory) in an existing, writable directory. A create that would fail only after
/// numbering and storing the invoice fails here instead, with nothing stored.
///
/// # Errors
/// [`Error::Usage`] when the path names no file; [`Error::Io`] when it is a directory or
/// its directory is missing or not writable.
pub fn check_target(path: &Path) -> Result<(), Error> {
    let (dir, tmp) = temp_path(path)?;
    if path.is_dir() {
        return Err(Error::io("write", path, std::io::Error::other("it is a directory")));
    }
    std::fs::File::create(&tmp).map_err(|e| Error::io("write into", dir, e))?;
    let _ = std::fs::remove_file(&tmp);
    Ok(())
}

fn temp_path(path: &Path) -> Result<(&Path, std::path::PathBuf), Error> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::Usage(format!("{} is not a file name", path.display())))?;
    Ok((dir, dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()))))
}

/// Writes a file atomically: a temporary file in the same directory, then a rename, so a
/// reader never sees half a document.
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let (_, tmp) = temp_path(path)?;
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io("write", path, e));
    }
    Ok(())
}
