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
/// numbering and storing the invoice fails here instead, with nothing stored. It creates,
/// opens and changes nothing (SPEC 11: pre-checks and `--dry-run` touch no file).
///
/// # Errors
/// [`Error::Usage`] when the path names no file; [`Error::Io`] when it is a directory or
/// its directory is missing or not writable.
pub fn check_target(path: &Path) -> Result<(), Error> {
    if special_file(path) {
        // Written into as it is (see [`write_file`]): its directory need not be writable.
        return Ok(());
    }
    let dir = target_dir(path)?;
    if path.is_dir() {
        return Err(Error::io("write", path, std::io::Error::other("it is a directory")));
    }
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(Error::io("write into", dir, std::io::Error::other("it is not a directory"))),
        Err(e) => return Err(Error::io("write into", dir, e)),
    }
    writable(dir).map_err(|e| Error::io("write into", dir, e))
}

#[cfg(unix)]
fn writable(dir: &Path) -> std::io::Result<()> {
    rustix::fs::access(dir, rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK).map_err(std::io::Error::from)
}

#[cfg(not(unix))]
fn writable(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// The directory a file is written into.
fn target_dir(path: &Path) -> Result<&Path, Error> {
    if path.file_name().is_none() {
        return Err(Error::Usage(format!("{} is not a file name", path.display())));
    }
    Ok(path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")))
}

/// Writes a file atomically: a new temporary file in the same directory, then a rename,
/// so a reader never sees half a document.
///
/// The temporary file has a random name and is created exclusively (`O_CREAT|O_EXCL`,
/// owner-only): it never opens an existing path and never follows a link someone
/// planted there (issue #10 defect 6: a symlink at the old, predictable `.NAME.PID.tmp`
/// made `--out` overwrite the file it pointed to).
///
/// # Errors
/// [`Error::Io`] naming the file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if special_file(path) {
        return write_into(path, bytes);
    }
    let dir = target_dir(path)?;
    let prefix = format!(".{}.", path.file_name().unwrap_or_default().to_string_lossy());
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io("write into", dir, e))?;
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| Error::io("write", path, e))?;
    // On failure the temporary file is removed when `tmp` is dropped.
    tmp.persist(path).map_err(|e| Error::io("write", path, e.error))?;
    Ok(())
}

/// Whether `path` exists (following links) and is neither a regular file nor a directory:
/// a character device such as `/dev/null`, a FIFO, a socket, or `/dev/stdout` and other
/// links to such (SPEC 15). Renaming over one would replace it with a regular file (issue
/// #21: `--out /dev/null` as root replaced the machine's `/dev/null`).
fn special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

/// Writes `bytes` into an existing special file as it is: opened for writing without
/// creating or truncating anything. The kind is checked again on the opened file, so a
/// path swapped for a regular file in between is not written through this way.
fn write_into(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path).map_err(|e| Error::io("write", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("write", path, e))?;
    if meta.is_file() {
        return Err(Error::io("write", path, std::io::Error::other("it changed into a regular file while opening it")));
    }
    file.write_all(bytes).and_then(|()| file.flush()).map_err(|e| Error::io("write", path, e))
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Issue #10 defect 6: a symlink planted at the temporary path (`.NAME.PID.tmp` with
    /// this process's id, as the old code named it) must not redirect the write.
    #[test]
    fn a_planted_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "secret").unwrap();
        let target = dir.path().join("c.html");
        let planted = dir.path().join(format!(".c.html.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_file(&target, b"<html>").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "secret");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "<html>");
        // The link is still a link to the victim; nothing else was left behind.
        assert_eq!(std::fs::read_link(&planted).unwrap(), victim);
        let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[test]
    fn the_pre_check_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let before = std::fs::metadata(dir.path()).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        check_target(&dir.path().join("c.html")).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(std::fs::metadata(dir.path()).unwrap().modified().unwrap(), before);
        assert!(check_target(dir.path()).is_err());
        assert!(check_target(&dir.path().join("missing/c.html")).is_err());
    }
}

/// A count shown on stderr while a long command works (`validate DIR`, `recurring run`):
/// only when stderr is a terminal (never in logs or pipes), at most ten updates a second
/// (a fast run does not flood a slow terminal), and wiped when done so the report that
/// follows starts on a clean line.
pub struct Progress {
    label: &'static str,
    unit: &'static str,
    shown: std::sync::Mutex<Option<std::time::Instant>>,
    enabled: bool,
}

impl Progress {
    /// The least time between two updates.
    const EVERY: std::time::Duration = std::time::Duration::from_millis(100);

    /// A progress line `LABEL: N UNIT`, shown if stderr is a terminal.
    #[must_use]
    pub fn new(label: &'static str, unit: &'static str) -> Self {
        Self::with_terminal(label, unit, std::io::stderr().is_terminal())
    }

    fn with_terminal(label: &'static str, unit: &'static str, enabled: bool) -> Self {
        Progress { label, unit, shown: std::sync::Mutex::new(None), enabled }
    }

    /// Reports `done` items; prints when the last update is at least 100 ms old. Callers
    /// on several threads share it: the one that finds the slot taken skips its update.
    pub fn update(&self, done: usize) {
        if let Some(line) = self.line(done, std::time::Instant::now()) {
            eprint!("{line}");
        }
    }

    /// The text to print for `done` at `now`, if an update is due.
    fn line(&self, done: usize, now: std::time::Instant) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let mut last = self.shown.try_lock().ok()?;
        if last.is_some_and(|t| now.duration_since(t) < Self::EVERY) {
            return None;
        }
        *last = Some(now);
        Some(format!("\r{}: {done} {}", self.label, self.unit))
    }

    /// Wipes the line if anything was shown.
    pub fn finish(&self) {
        let shown = self.shown.lock().map(|last| last.is_some()).unwrap_or(true);
        if self.enabled && shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// `n` with the noun that fits it: "1 invoice", "0 invoices".
pub fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

#[cfg(test)]
mod progress_tests {
    use super::Progress;
    use std::time::{Duration, Instant};

    #[test]
    fn at_most_ten_updates_a_second_and_none_off_a_terminal() {
        let progress = Progress::with_terminal("validating", "files", true);
        let start = Instant::now();
        // 10,000 updates within one simulated second: the first, then one per 100 ms.
        let shown = (0..10_000)
            .filter_map(|n| progress.line(n, start + Duration::from_micros(n as u64 * 100)))
            .collect::<Vec<_>>();
        assert_eq!(shown.len(), 10, "{shown:?}");
        assert_eq!(shown[0], "\rvalidating: 0 files");
        assert_eq!(shown[1], "\rvalidating: 1000 files");
        let quiet = Progress::with_terminal("validating", "files", false);
        assert!((0..100u64).all(|n| quiet.line(n as usize, start + Duration::from_secs(n)).is_none()));
    }
}
