//! The store: invoices, numbering, idempotency keys, the audit log and API keys.
//!
//! [`Store`] is what the CLI, `ops`, `keys` and the daemon talk to; behind it is one of two
//! engines implementing [`Engine`]: a SQLite file (the default, [`sqlite`]) or a PostgreSQL
//! database shared by several hosts ([`postgres`]), chosen by the location's form. Both give
//! the same guarantees: gapless numbering per series and year (the counter row is read and
//! advanced under a lock in the transaction that stores the invoice), immutable issued
//! invoices and an append-only audit log enforced by the database, and idempotency keys and
//! API keys shared by every process using the store.

pub mod inspect;
mod pg_url;
mod postgres;
mod rules;
mod schema;
mod sqlite;
#[cfg(test)]
pub(crate) mod testdb;
mod unit;
pub mod verify;

pub use crate::config::Numbering;
pub(crate) use postgres::AsyncPostgres;
pub use rules::check_payment_date;

use crate::error::{Error, Result};
use crate::invoice::{Invoice, Status};
use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// How long an idempotency key is remembered (SPEC 4).
const IDEMPOTENCY_WINDOW_HOURS: i64 = 24;

/// An open store, on either engine.
pub struct Store {
    engine: Box<dyn Engine>,
    location: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("location", &redacted(&self.location)).finish_non_exhaustive()
    }
}

/// What one engine does; [`Store`] forwards to it. Methods take `&self`: an engine keeps
/// its connection's mutable state inside.
pub(crate) trait Engine: Send {
    /// Issues a checked invoice (see [`Store::issue`]).
    fn issue(
        &self,
        invoice: Invoice,
        numbering: Numbering<'_>,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
    ) -> Result<Issued>;
    /// One invoice.
    fn get(&self, number: &str) -> Result<Invoice>;
    /// Invoices in creation order.
    fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>>;
    /// Summaries in creation order (see [`Store::list_summaries`]).
    fn list_summaries(&self, filter: &ListFilter) -> Result<Vec<Summary>>;
    /// A status change.
    fn change_status(&self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice>;
    /// Appends one audit entry.
    fn audit(&self, actor: &Actor, action: &str, number: Option<&str>, detail: Option<&str>) -> Result<()>;
    /// The audit log, oldest first.
    fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>>;
    /// The engine's own consistency check.
    fn integrity_check(&self) -> Result<()>;
    /// Stored API keys: the one with `id`, or all (oldest first).
    fn key_rows(&self, id: Option<&str>) -> Result<Vec<KeyRow>>;
    /// Records the use of a key.
    fn touch_key(&self, id: &str, at: &str) -> Result<()>;
    /// Runs `f` in one transaction on the key table (rolled back when `f` fails).
    fn keys_atomic(&self, action: &str, f: &mut dyn FnMut(&mut dyn KeyTable) -> Result<()>) -> Result<()>;
    /// Everything stored, in creation order (for `store copy` and `store check`).
    fn dump(&self) -> Result<Dump>;
    /// Writes `dump` into this store in one transaction; refused unless the store is empty.
    fn load(&self, dump: &Dump) -> Result<()>;
    /// The SQLite connection, for the daemon's group commit and checkpointer.
    fn sqlite(&self) -> Option<&Connection> {
        None
    }
    /// A pool of `size` connections to the same PostgreSQL database, for async callers.
    fn postgres_pool(&self, _size: usize) -> Option<Result<AsyncPostgres>> {
        None
    }
}

/// One stored API key as the keys module reads and writes it (secrets are never stored,
/// only the digest in `hash`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// Public id.
    pub id: String,
    /// Client name.
    pub client: String,
    /// Hex SHA-256 of the key.
    pub hash: String,
    /// Scopes, comma-separated.
    pub scopes: String,
    /// Creation time, RFC 3339.
    pub created_at: String,
    /// Expiry time, RFC 3339.
    pub expires_at: String,
    /// Revocation time, if any.
    pub revoked_at: Option<String>,
    /// Last use, if any.
    pub last_used_at: Option<String>,
}

/// One stored invoice row, every column (documents are stored as JSON text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceRow {
    /// `number, seq_series, kind, status, issue_date, buyer_name, currency, gross, due,
    /// created_at, document`.
    pub text: [String; 11],
    /// `seq_year, seq`.
    pub ints: [i64; 2],
    /// `paid_date, void_reason, credited_by, status_changed_at`.
    pub optional: [Option<String>; 4],
}

impl InvoiceRow {
    /// The invoice number.
    #[must_use]
    pub fn number(&self) -> &str {
        &self.text[0]
    }

    /// SHA-256 over every column, for comparing copies.
    #[must_use]
    pub fn checksum(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for field in &self.text {
            hash.update(field.len().to_le_bytes());
            hash.update(field.as_bytes());
        }
        for n in self.ints {
            hash.update(n.to_le_bytes());
        }
        for field in &self.optional {
            match field {
                Some(v) => {
                    hash.update([1]);
                    hash.update(v.len().to_le_bytes());
                    hash.update(v.as_bytes());
                }
                None => hash.update([0]),
            }
        }
        hex::encode(hash.finalize())
    }
}

/// A whole store's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dump {
    /// Invoices in creation order.
    pub invoices: Vec<InvoiceRow>,
    /// Counter rows: series, year, last.
    pub sequences: Vec<(String, i64, i64)>,
    /// Idempotency keys: scope, key, fingerprint, number, created_at.
    pub idempotency: Vec<[String; 5]>,
    /// The audit log, oldest first.
    pub audit: Vec<AuditEntry>,
    /// API keys.
    pub keys: Vec<KeyRow>,
}

/// SQL column list of [`InvoiceRow`], in its order.
const ROW_COLUMNS: &str = "number, seq_series, kind, status, issue_date, buyer_name, currency, gross, due, created_at, \
                           document, seq_year, seq, paid_date, void_reason, credited_by, status_changed_at";

/// The key table inside one transaction ([`Store::keys_atomic`]).
pub trait KeyTable {
    /// The key with `id`, if any.
    ///
    /// # Errors
    /// [`Error::Store`].
    fn load(&mut self, id: &str) -> Result<Option<KeyRow>>;
    /// Inserts a key; `false` (nothing written) when its id is taken.
    ///
    /// # Errors
    /// [`Error::Store`].
    fn insert(&mut self, row: &KeyRow) -> Result<bool>;
    /// Sets (or moves) a key's revocation time.
    ///
    /// # Errors
    /// [`Error::Store`].
    fn set_revoked_at(&mut self, id: &str, at: &str) -> Result<()>;
    /// Appends an audit entry in the same transaction.
    ///
    /// # Errors
    /// [`Error::Store`].
    fn audit(&mut self, actor: &Actor, action: &str, detail: &str) -> Result<()>;
}

/// Whether `location` names a PostgreSQL database rather than a SQLite file.
#[must_use]
pub fn is_postgres_url(location: &str) -> bool {
    let lower = location.get(..13).unwrap_or(location).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// The location as it may be shown: a URL's password is replaced by `***`.
#[must_use]
pub fn redacted(location: &Path) -> String {
    let text = location.to_string_lossy();
    if is_postgres_url(&text) { postgres::redact_url(&text) } else { text.into_owned() }
}

impl Store {
    /// Opens the store at `location`: a `postgres://` or `postgresql://` URL opens that
    /// database, anything else is a SQLite file (created if needed: directory 0700, file
    /// 0600, WAL mode). Migrations are applied (under a lock).
    ///
    /// # Errors
    /// [`Error::Store`] when the store is unreadable, not a store, corrupt, locked too long,
    /// unreachable, or written by a newer version; [`Error::Io`] when it cannot be created.
    pub fn open(location: &Path) -> Result<Store> {
        let text = location.to_string_lossy();
        let engine: Box<dyn Engine> = if is_postgres_url(&text) {
            Box::new(postgres::Postgres::open(&text)?)
        } else {
            Box::new(sqlite::Sqlite::open(location)?)
        };
        Ok(Store { engine, location: location.to_owned() })
    }

    /// Where the store is (a file, or a URL that may hold a password: show it with
    /// [`redacted`]).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.location
    }

    /// Whether this store is a PostgreSQL database.
    #[must_use]
    pub fn is_postgres(&self) -> bool {
        self.engine.sqlite().is_none()
    }

    /// Issues a checked invoice: assigns the next number of its series and year, stores
    /// it, records the idempotency key and an audit entry, and for a credit note marks
    /// the preceding invoice `credited` — all in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the idempotency key was used for another draft or a credit
    /// note's invoice cannot be credited; [`Error::NotFound`] when that invoice does not
    /// exist; [`Error::Store`] on database failures.
    pub fn issue<'a>(
        &mut self,
        invoice: Invoice,
        numbering: impl Into<Numbering<'a>>,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
    ) -> Result<Issued> {
        self.engine.issue(invoice, numbering.into(), idempotency, actor)
    }

    /// Reads one invoice with its current status.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Store`] on database failures.
    pub fn get(&self, number: &str) -> Result<Invoice> {
        self.engine.get(number)
    }

    /// Lists invoices in creation order.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>> {
        self.engine.list(filter)
    }

    /// Lists invoice summaries in creation order: only the columns a list needs, never
    /// the stored documents, so a page stays small whatever the invoices hold (SPEC 11;
    /// issue #10 defect 4: 200 large invoices made a 214 MB response).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub fn list_summaries(&self, filter: &ListFilter) -> Result<Vec<Summary>> {
        self.engine.list_summaries(filter)
    }

    /// Moves an invoice to `paid` or `void`, if its lifecycle allows (SPEC 2.4).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Conflict`] (`illegal_transition`)
    /// when the move is not allowed; [`Error::Store`] on database failures.
    pub fn change_status(&mut self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice> {
        self.engine.change_status(number, change, actor)
    }

    /// Appends an audit entry on its own (failed authentications, key management).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn audit(&self, actor: &Actor, action: &str, number: Option<&str>, detail: Option<&str>) -> Result<()> {
        self.engine.audit(actor, action, number, detail)
    }

    /// Reads the audit log, oldest first, optionally from a date on (UTC).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
        self.engine.audit_log(since)
    }

    /// Runs the engine's integrity check; `Ok(())` when the store is sound.
    ///
    /// # Errors
    /// [`Error::Store`] naming what the check found.
    pub fn integrity_check(&self) -> Result<()> {
        self.engine.integrity_check()
    }

    /// Stored API keys: the one with `id` (none or one row), or every key, oldest first.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn key_rows(&self, id: Option<&str>) -> Result<Vec<KeyRow>> {
        self.engine.key_rows(id)
    }

    /// Records that key `id` was used at `at`.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn touch_key(&self, id: &str, at: &str) -> Result<()> {
        self.engine.touch_key(id, at)
    }

    /// Runs `f` on the key table in one transaction: committed when `f` returns `Ok`,
    /// rolled back otherwise. Concurrent writers are serialized (the write lock is taken
    /// first), so a revoke and a rotate of one key cannot interleave.
    ///
    /// # Errors
    /// `f`'s error, or [`Error::Store`] naming `action`.
    pub fn keys_atomic(&self, action: &str, f: &mut dyn FnMut(&mut dyn KeyTable) -> Result<()>) -> Result<()> {
        self.engine.keys_atomic(action, f)
    }

    /// Everything stored, in creation order.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub fn dump(&self) -> Result<Dump> {
        self.engine.dump()
    }

    /// Writes `dump` into this (empty) store in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] (`target_not_empty`) when the store holds anything;
    /// [`Error::Store`] on database failures (nothing is written then).
    pub fn load(&self, dump: &Dump) -> Result<()> {
        self.engine.load(dump)
    }

    /// The SQLite connection, when this store is a SQLite file.
    pub(crate) fn sqlite(&self) -> Option<&Connection> {
        self.engine.sqlite()
    }

    /// A read-only second connection to this SQLite store (see `Sqlite::open_reader`), or
    /// `None` on PostgreSQL.
    ///
    /// # Errors
    /// [`Error::Store`] when it cannot be opened.
    pub(crate) fn sqlite_reader(&self) -> Option<Result<Store>> {
        self.engine.sqlite()?;
        Some(
            sqlite::Sqlite::open_reader(&self.location)
                .map(|reader| Store { engine: Box::new(reader), location: self.location.clone() }),
        )
    }

    /// When this store is a PostgreSQL database: a pool of `size` connections to it for
    /// async callers (the daemon), sharing nothing with this store's own connection.
    ///
    /// # Errors
    /// As [`Store::open`], when the pool cannot be set up.
    pub(crate) fn postgres_pool(&self, size: usize) -> Option<Result<AsyncPostgres>> {
        self.engine.postgres_pool(size)
    }
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

impl ListFilter {
    /// `buyer` as a substring pattern for `LIKE … ESCAPE '\'` (both engines): `\`, `%` and
    /// `_` in the name are taken literally.
    pub(crate) fn buyer_pattern(&self) -> Option<String> {
        self.buyer.as_ref().map(|b| format!("%{}%", b.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")))
    }
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

/// The counter an invoice draws its number from: (issue year, series key, year key). A
/// pattern without `{series}` or `{year}` shares one counter across them.
/// One row of a list (SPEC 11): enough to pick an invoice, never the whole document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// The invoice number.
    pub number: String,
    /// `invoice` or `credit_note`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `issued`, `paid`, `void` or `credited`.
    pub status: String,
    /// Issue date (`YYYY-MM-DD`).
    pub issue_date: String,
    /// Due date (`YYYY-MM-DD`).
    pub due_date: Option<String>,
    /// The buyer's name.
    pub buyer: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Gross total, with the currency's minor units.
    pub gross: String,
    /// Amount due, with the currency's minor units.
    pub due: String,
    /// For a credit note, the invoice it credits.
    pub preceding_invoice: Option<String>,
}

/// The gross amounts of the credit notes issued against an invoice, summed.
fn sum_gross(number: &str, grosses: &[String]) -> Result<rust_decimal::Decimal> {
    grosses.iter().try_fold(rust_decimal::Decimal::ZERO, |sum, gross| {
        let gross: rust_decimal::Decimal = gross.parse().map_err(|_| Error::Store {
            action: format!("read the credit notes of {number}"),
            message: format!("a stored gross amount is not a decimal: {gross:?}"),
        })?;
        sum.checked_add(gross).ok_or_else(|| Error::Internal(format!("the credits of {number} overflow")))
    })
}

fn sequence_key(invoice: &Invoice, number_pattern: &str) -> (i64, String, i64) {
    let year = i64::from(chrono::Datelike::year(&invoice.issue_date));
    let seq_series = if number_pattern.contains("{series}") { invoice.series.clone() } else { String::new() };
    let seq_year = if number_pattern.contains("{year}") { year } else { 0 };
    (year, seq_series, seq_year)
}

/// Marks an invoice issued under `number`, now; returns the creation time.
fn stamp(invoice: &mut Invoice, number: &str) -> String {
    let created_at = now_utc();
    invoice.number = Some(number.to_owned());
    invoice.status = Status::Issued;
    invoice.created_at = Some(created_at.clone());
    // Only the stored invoice a credit note credits says when it was issued (rules::check_credit).
    invoice.preceding_invoice_date = None;
    if let Some(payment) = &mut invoice.payment
        && payment.reference.is_none()
    {
        payment.reference = Some(number.to_owned());
    }
    created_at
}

fn not_empty(what: &str) -> Error {
    Error::Conflict {
        kind: crate::error::ConflictKind::TargetNotEmpty,
        message: format!("the target store already holds {what}; copy only into an empty store"),
    }
}

/// How long an idempotency key is remembered, as a cutoff time.
fn idempotency_cutoff() -> String {
    (Utc::now() - chrono::Duration::hours(IDEMPOTENCY_WINDOW_HOURS)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The current UTC time as stored (`2026-11-27T10:15:00Z`).
#[must_use]
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn is_credit_note(invoice: &Invoice) -> bool {
    invoice.kind == crate::invoice::model::DocumentType::CreditNote
}

fn illegal_transition(number: &str, from: Status, to: Status) -> Error {
    Error::Conflict {
        kind: crate::error::ConflictKind::IllegalTransition,
        message: format!("invoice {number} is {}; it cannot become {}", from.as_str(), to.as_str()),
    }
}

/// An invoice row: number, status, document, paid date, void reason, credited by.
type Parts = (String, String, String, Option<String>, Option<String>, Option<String>);

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

#[cfg(test)]
mod tests;
