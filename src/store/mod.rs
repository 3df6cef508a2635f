//! The embedded store: one SQLite file holding invoices, numbering, idempotency keys,
//! the audit log and API keys.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction (or a savepoint inside the daemon's batch), so the write lock is taken before
//! anything is read: the next number is read and used under that lock and commits with
//! the invoice, which makes numbering gapless and unique even with several CLI
//! processes and the daemon writing at once. WAL mode lets readers run alongside.

mod schema;
mod unit;

pub(crate) use unit::Unit;

use crate::error::{Error, Result};
use crate::invoice::{Invoice, Status};
use chrono::{Datelike, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How long an idempotency key is remembered (SPEC 4).
const IDEMPOTENCY_WINDOW_HOURS: i64 = 24;

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Who did something, for the audit log and idempotency scoping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// `cli:<user>`, `key:<id>` or `anonymous`.
    pub name: String,
    /// The HTTP request id, if any.
    pub request_id: Option<String>,
}

impl Actor {
    /// A command-line user.
    #[must_use]
    pub fn cli(user: &str) -> Self {
        Actor { name: format!("cli:{user}"), request_id: None }
    }
}

/// A create request's idempotency key and the fingerprint of its draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idempotency {
    /// Who the key belongs to (`cli`, or the API key id).
    pub scope: String,
    /// The client's key.
    pub key: String,
    /// SHA-256 of the draft; the same key with another fingerprint is a conflict.
    pub fingerprint: String,
}

/// The result of issuing: the invoice, and whether it was an idempotent replay.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The stored invoice.
    pub invoice: Invoice,
    /// True when an earlier create with the same idempotency key is returned.
    pub replayed: bool,
}

/// Filters for [`Store::list`].
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only this status.
    pub status: Option<Status>,
    /// Case-insensitive substring of the buyer name.
    pub buyer: Option<String>,
    /// Issued on or after.
    pub from: Option<NaiveDate>,
    /// Issued on or before.
    pub to: Option<NaiveDate>,
    /// Only invoices created after this number (cursor).
    pub after: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
}

/// A status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// Paid on a date.
    Paid {
        /// Payment date.
        date: NaiveDate,
    },
    /// Voided, with a reason.
    Void {
        /// Why.
        reason: String,
    },
}

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// UTC time, RFC 3339.
    pub time: String,
    /// Who.
    pub actor: String,
    /// What: `create`, `pay`, `void`, `credit`, `key_create`, `key_revoke`, `auth_failed`, ...
    pub action: String,
    /// The invoice concerned, if any.
    pub number: Option<String>,
    /// The HTTP request id, if any.
    pub request_id: Option<String>,
    /// Extra facts (a reason, a key id); never secrets.
    pub detail: Option<String>,
}

fn store_error(action: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> Error {
    let action = action.into();
    move |e| {
        let message = match &e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseBusy => {
                "the store is locked by another process for too long; try again".to_owned()
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
                "the file is not an invoice store (not a SQLite database, or corrupt)".to_owned()
            }
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseCorrupt => {
                "the store file is corrupt".to_owned()
            }
            _ => e.to_string(),
        };
        Error::Store { action, message }
    }
}

/// The current UTC time as stored (`2026-11-27T10:15:00Z`).
#[must_use]
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    /// Opens (creating if needed) the store at `path`: parent directory 0700, file 0600,
    /// WAL mode, migrations applied.
    ///
    /// # Errors
    /// [`Error::Store`] when the file is unreadable, not a store, corrupt, locked too
    /// long, or written by a newer version; [`Error::Io`] when it cannot be created.
    pub fn open(path: &Path) -> Result<Store> {
        create_private_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let shown = path.display().to_string();
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(store_error(format!("open the store {shown}")))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(store_error("configure the store"))?;
        // journal_mode returns a row, so it is read rather than executed.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(store_error(format!("open the store {shown}")))?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn!("the store could not switch to WAL mode (got {mode})");
        }
        // FULL in WAL mode: every commit syncs the WAL before it returns, so an acknowledged
        // write (a printed number, a 201) survives power loss, not only a killed process.
        // The daemon keeps its throughput by group commit (src/server/db.rs).
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(store_error("configure the store"))?;
        schema::migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::MigrationDefinition(
                rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
            ) => Error::Store {
                action: format!("open the store {shown}"),
                message: "it was written by a newer version of invoice; upgrade invoice to use it".to_owned(),
            },
            rusqlite_migration::Error::RusqliteError { err, .. } => store_error(format!("open the store {shown}"))(err),
            other => Error::Store { action: format!("migrate the store {shown}"), message: other.to_string() },
        })?;
        Ok(Store { conn, path: path.to_owned() })
    }

    /// The store's file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Issues a checked invoice: assigns the next number of its series and year, stores
    /// it, records the idempotency key and an audit entry, and for a credit note marks
    /// the preceding invoice `credited` — all in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the idempotency key was used for another draft or a credit
    /// note's invoice cannot be credited; [`Error::NotFound`] when that invoice does not
    /// exist; [`Error::Store`] on database failures.
    pub fn issue(
        &mut self,
        mut invoice: Invoice,
        number_pattern: &str,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
    ) -> Result<Issued> {
        let tx = Unit::begin(&self.conn, "start a transaction")?;
        if let Some(idem) = idempotency {
            let cutoff = (Utc::now() - chrono::Duration::hours(IDEMPOTENCY_WINDOW_HOURS))
                .to_rfc3339_opts(SecondsFormat::Secs, true);
            tx.execute(
                "DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND created_at < ?3",
                params![idem.scope, idem.key, cutoff],
            )
            .map_err(store_error("expire idempotency keys"))?;
            let earlier: Option<(String, String)> = tx
                .query_row(
                    "SELECT fingerprint, number FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
                    params![idem.scope, idem.key],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()
                .map_err(store_error("read idempotency keys"))?;
            if let Some((fingerprint, number)) = earlier {
                if fingerprint != idem.fingerprint {
                    return Err(Error::Conflict {
                        code: "idempotency_key_reused",
                        message: format!(
                            "idempotency key `{}` was already used for a different draft (invoice {number})",
                            idem.key
                        ),
                    });
                }
                let invoice = get_in(&tx, &number)?;
                return Ok(Issued { invoice, replayed: true });
            }
        }

        let year = i64::from(invoice.issue_date.year());
        let seq_series = if number_pattern.contains("{series}") { invoice.series.clone() } else { String::new() };
        let seq_year = if number_pattern.contains("{year}") { year } else { 0 };
        let last: i64 = tx
            .query_row(
                "SELECT last FROM sequences WHERE series = ?1 AND year = ?2",
                params![seq_series, seq_year],
                |row| row.get(0),
            )
            .optional()
            .map_err(store_error("read the number sequence"))?
            .unwrap_or(0);
        let seq = last + 1;
        tx.execute(
            "INSERT INTO sequences (series, year, last) VALUES (?1, ?2, ?3)
             ON CONFLICT (series, year) DO UPDATE SET last = excluded.last",
            params![seq_series, seq_year, seq],
        )
        .map_err(store_error("advance the number sequence"))?;
        let number = format_number(number_pattern, &invoice.series, year, seq);
        let created_at = now_utc();
        invoice.number = Some(number.clone());
        invoice.status = Status::Issued;
        invoice.created_at = Some(created_at.clone());
        if let Some(payment) = &mut invoice.payment
            && payment.reference.is_none()
        {
            payment.reference = Some(number.clone());
        }

        if let Some(preceding) = invoice.preceding_invoice.clone().filter(|_| is_credit_note(&invoice)) {
            let original = get_in(&tx, &preceding)?;
            if !original.status.can_become(Status::Credited) {
                return Err(illegal_transition(&preceding, original.status, Status::Credited));
            }
            tx.execute(
                "UPDATE invoices SET status = 'credited', credited_by = ?2, status_changed_at = ?3 WHERE number = ?1",
                params![preceding, number, created_at],
            )
            .map_err(store_error("mark the invoice credited"))?;
        }

        let document = serde_json::to_string(&invoice)
            .map_err(|e| Error::Internal(format!("failed to serialize invoice {number}: {e}")))?;
        tx.execute(
            "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency,
                                   gross, due, created_at, document)
             VALUES (?1, ?2, ?3, ?4, ?5, 'issued', ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                number,
                seq_series,
                seq_year,
                seq,
                if is_credit_note(&invoice) { "credit_note" } else { "invoice" },
                invoice.issue_date.to_string(),
                invoice.buyer.name.clone().unwrap_or_default(),
                invoice.currency,
                invoice.totals.gross.to_string(),
                invoice.totals.due.to_string(),
                created_at,
                document
            ],
        )
        .map_err(store_error(format!("store invoice {number}")))?;
        if let Some(idem) = idempotency {
            tx.execute(
                "INSERT INTO idempotency_keys (scope, key, fingerprint, number, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![idem.scope, idem.key, idem.fingerprint, number, created_at],
            )
            .map_err(store_error("record the idempotency key"))?;
        }
        let action = if is_credit_note(&invoice) { "credit" } else { "create" };
        let detail = invoice.preceding_invoice.as_ref().map(|p| format!("credits {p}"));
        append_audit(&tx, actor, action, Some(&number), detail.as_deref())?;
        tx.commit(&format!("commit invoice {number}"))?;
        Ok(Issued { invoice, replayed: false })
    }

    /// Reads one invoice with its current status.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Store`] on database failures.
    pub fn get(&self, number: &str) -> Result<Invoice> {
        get_in(&self.conn, number)
    }

    /// Lists invoices in creation order.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>> {
        let after_id: i64 = match &filter.after {
            Some(number) => self
                .conn
                .query_row("SELECT id FROM invoices WHERE number = ?1", [number], |row| row.get(0))
                .optional()
                .map_err(store_error("list invoices"))?
                .ok_or_else(|| Error::NotFound { what: format!("invoice {number} (the `after` cursor)") })?,
            None => 0,
        };
        let buyer = filter
            .buyer
            .as_ref()
            .map(|b| format!("%{}%", b.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
        let limit = filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM invoices
                 WHERE id > ?1
                   AND (?2 IS NULL OR status = ?2)
                   AND (?3 IS NULL OR buyer_name LIKE ?3 ESCAPE '\\')
                   AND (?4 IS NULL OR issue_date >= ?4)
                   AND (?5 IS NULL OR issue_date <= ?5)
                 ORDER BY id LIMIT ?6"
            ))
            .map_err(store_error("list invoices"))?;
        let rows = statement
            .query_map(
                params![
                    after_id,
                    filter.status.map(Status::as_str),
                    buyer,
                    filter.from.map(|d| d.to_string()),
                    filter.to.map(|d| d.to_string()),
                    limit
                ],
                row_to_parts,
            )
            .map_err(store_error("list invoices"))?;
        let mut invoices = Vec::new();
        for row in rows {
            invoices.push(parts_to_invoice(row.map_err(store_error("list invoices"))?)?);
        }
        Ok(invoices)
    }

    /// Moves an invoice to `paid` or `void`, if its lifecycle allows (SPEC 2.4).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Conflict`] (`illegal_transition`)
    /// when the move is not allowed; [`Error::Store`] on database failures.
    pub fn change_status(&mut self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice> {
        let tx = Unit::begin(&self.conn, "start a transaction")?;
        let current = get_in(&tx, number)?;
        let (to, action, detail) = match change {
            StatusChange::Paid { date } => (Status::Paid, "pay", format!("paid on {date}")),
            StatusChange::Void { reason } => (Status::Void, "void", reason.clone()),
        };
        if !current.status.can_become(to) {
            return Err(illegal_transition(number, current.status, to));
        }
        let now = now_utc();
        match change {
            StatusChange::Paid { date } => tx.execute(
                "UPDATE invoices SET status = 'paid', paid_date = ?2, status_changed_at = ?3 WHERE number = ?1",
                params![number, date.to_string(), now],
            ),
            StatusChange::Void { reason } => tx.execute(
                "UPDATE invoices SET status = 'void', void_reason = ?2, status_changed_at = ?3 WHERE number = ?1",
                params![number, reason, now],
            ),
        }
        .map_err(store_error(format!("update invoice {number}")))?;
        append_audit(&tx, actor, action, Some(number), Some(&detail))?;
        let updated = get_in(&tx, number)?;
        tx.commit(&format!("commit the change of invoice {number}"))?;
        Ok(updated)
    }

    /// Appends an audit entry on its own (failed authentications, key management).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn audit(&self, actor: &Actor, action: &str, number: Option<&str>, detail: Option<&str>) -> Result<()> {
        append_audit(&self.conn, actor, action, number, detail)
    }

    /// Reads the audit log, oldest first, optionally from a date on (UTC).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
        let mut statement = self
            .conn
            .prepare(
                "SELECT time, actor, action, number, request_id, detail FROM audit_log
                 WHERE (?1 IS NULL OR time >= ?1) ORDER BY id",
            )
            .map_err(store_error("read the audit log"))?;
        let rows = statement
            .query_map([since.map(|d| d.to_string())], |row| {
                Ok(AuditEntry {
                    time: row.get(0)?,
                    actor: row.get(1)?,
                    action: row.get(2)?,
                    number: row.get(3)?,
                    request_id: row.get(4)?,
                    detail: row.get(5)?,
                })
            })
            .map_err(store_error("read the audit log"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(store_error("read the audit log"))
    }

    /// Runs SQLite's integrity check; `Ok(())` when the file is sound.
    ///
    /// # Errors
    /// [`Error::Store`] naming what the check found.
    pub fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(store_error("check the store"))?;
        if result == "ok" { Ok(()) } else { Err(Error::Store { action: "check the store".into(), message: result }) }
    }

    /// The connection, for modules that keep their own tables (API keys).
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }
}

fn is_credit_note(invoice: &Invoice) -> bool {
    invoice.kind == crate::invoice::model::DocumentType::CreditNote
}

fn illegal_transition(number: &str, from: Status, to: Status) -> Error {
    Error::Conflict {
        code: "illegal_transition",
        message: format!("invoice {number} is {}; it cannot become {}", from.as_str(), to.as_str()),
    }
}

fn append_audit(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    number: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (time, actor, action, number, request_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![now_utc(), actor.name, action, number, actor.request_id, detail],
    )
    .map_err(store_error("write the audit log"))?;
    Ok(())
}

const COLUMNS: &str = "number, status, document, paid_date, void_reason, credited_by";

type Parts = (String, String, String, Option<String>, Option<String>, Option<String>);

fn row_to_parts(row: &rusqlite::Row<'_>) -> rusqlite::Result<Parts> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

fn parts_to_invoice((number, status, document, paid_date, void_reason, credited_by): Parts) -> Result<Invoice> {
    let corrupt = |why: String| Error::Store { action: format!("read invoice {number}"), message: why };
    let mut invoice: Invoice =
        serde_json::from_str(&document).map_err(|e| corrupt(format!("stored document is damaged: {e}")))?;
    invoice.status = Status::from_name(&status).ok_or_else(|| corrupt(format!("unknown status `{status}`")))?;
    invoice.paid_date = paid_date.as_deref().and_then(crate::invoice::parse::parse_date);
    invoice.void_reason = void_reason;
    invoice.credited_by = credited_by;
    Ok(invoice)
}

fn get_in(conn: &Connection, number: &str) -> Result<Invoice> {
    let parts = conn
        .query_row(&format!("SELECT {COLUMNS} FROM invoices WHERE number = ?1"), [number], row_to_parts)
        .optional()
        .map_err(store_error(format!("read invoice {number}")))?
        .ok_or_else(|| Error::NotFound { what: format!("invoice {}", crate::security::text::display_safe(number)) })?;
    parts_to_invoice(parts)
}

/// Formats a number: `{series}`, `{year}`, `{seq}` and `{seq:0N}` (zero-padded to N).
#[must_use]
pub fn format_number(pattern: &str, series: &str, year: i64, seq: i64) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        match name {
            "series" => out.push_str(series),
            "year" => out.push_str(&year.to_string()),
            "seq" => out.push_str(&seq.to_string()),
            _ => {
                let width = name.strip_prefix("seq:0").and_then(|w| w.parse::<usize>().ok()).unwrap_or(0);
                out.push_str(&format!("{seq:0width$}"));
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Creates the store's directory (0700) and file (0600) before SQLite opens it, so the
/// file is never readable by others, not even for a moment.
///
/// An existing file is left alone and never opened here: closing any extra descriptor
/// of a database file drops every POSIX lock this process holds on it, which would let
/// another process checkpoint and delete the WAL under a connection that is still open.
fn create_private_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| Error::io("create the store directory", dir, e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another process created it between our check and our open: that is fine.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io("create the store", path, e)),
    }
}

#[cfg(test)]
mod tests;
