//! The store: invoices, numbering, idempotency keys, the audit log and API keys.
//!
//! [`Store`] is the one interface to it, async, for every caller: the CLI (which enters
//! the async world once, at the top of a command), `ops`, `keys` and the daemon. Behind it
//! is one of two engines implementing the crate-private `Engine` trait, chosen by the
//! [`Location`]'s form:
//!
//! * `sqlite/`: a SQLite file (the default). One thread owns the writing connection and
//!   runs jobs in order; the creates waiting on it are committed together (group commit:
//!   one transaction, each create in its own savepoint, one durable `COMMIT`). The daemon
//!   adds a read-only connection on a thread of its own and a WAL checkpointer.
//! * `postgres.rs`: a PostgreSQL database shared by several hosts, through a pool of
//!   async connections.
//!
//! Nothing outside this module names an engine, a connection or a driver type (the test
//! `front_ends_name_no_engine` checks `src/cli` and `src/server`).
//!
//! Both give the same guarantees: gapless numbering per series and year (the counter row
//! is read and advanced under a lock in the transaction that stores the invoice),
//! immutable issued invoices and an append-only audit log enforced by the database, and
//! idempotency keys and API keys shared by every process using the store. The business
//! rules applied inside those transactions are the domain's ([`crate::invoice::rules`]).
//!
//! **Adding a table** (payments, reminders, customers, schedules): its row types here; one
//! group of methods on `Engine` (owned arguments, a [`Fut`] back) and the forwarding
//! methods on [`Store`]; the SQL in `sqlite/conn.rs` (a method on the connection, run as a
//! job of the worker: `write`, `write_grouped` to join the group commit, or `read`) and in
//! `postgres.rs`; a migration in each engine's schema; and the case in the both-engine
//! suite (`tests.rs`).

pub mod customers;
pub mod inspect;
mod location;
pub mod payments;
mod pg_url;
mod postgres;
pub mod reminders;
mod schema;
mod sqlite;
#[cfg(test)]
pub(crate) mod testdb;
pub mod verify;

pub use crate::config::Numbering;
pub use crate::invoice::rules::StatusChange;
pub use customers::{Catalog, CustomerWrite, Occurrence, ScheduleDocument, ScheduleWrite};
pub use location::{Location, is_postgres_url};

use crate::error::{Error, Result};
use crate::invoice::{Invoice, Status};
use chrono::{NaiveDate, SecondsFormat, Utc};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long an idempotency key is remembered (SPEC 4).
const IDEMPOTENCY_WINDOW_HOURS: i64 = 24;

/// What an engine's method returns: a boxed future (the trait is used as `dyn Engine`).
pub(crate) type Fut<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// An open store, on either engine. Cloning it shares the engine (one writer thread, one
/// pool).
#[derive(Clone)]
pub struct Store {
    engine: Arc<dyn Engine>,
    location: Arc<Location>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("location", &self.location).finish_non_exhaustive()
    }
}

/// A create, owned, as an engine receives it.
#[derive(Debug, Clone)]
pub(crate) struct Issue {
    /// The checked invoice, not yet numbered.
    pub(crate) invoice: Invoice,
    /// The number pattern.
    pub(crate) pattern: String,
    /// `[defaults] chronological`.
    pub(crate) chronological: bool,
    /// The idempotency key, if any.
    pub(crate) idempotency: Option<Idempotency>,
    /// Who issues it.
    pub(crate) actor: Actor,
    /// The recurring occurrence it is the invoice of, linked in the same transaction.
    pub(crate) occurrence: Option<Occurrence>,
}

/// What a change of the key table writes, decided on the row read for the key concerned
/// (none for a new key): see [`Store::change_key`].
#[derive(Debug, Clone, Default)]
pub struct KeyWrite {
    /// Set this key's revocation time: (id, time).
    pub revoke: Option<(String, String)>,
    /// Insert this new key (nothing at all is written when its id is taken).
    pub insert: Option<KeyRow>,
    /// Append this audit entry: (actor, action, detail).
    pub audit: Option<(Actor, String, String)>,
}

/// The decision of a key change, run by the engine inside its transaction.
pub(crate) type KeyDecision = Box<dyn FnOnce(Option<KeyRow>) -> Result<KeyWrite> + Send>;

/// What one engine does; [`Store`] forwards to it. Grouped by table. Arguments are owned,
/// so an engine may hand them to a thread (SQLite) or hold them across awaits
/// (PostgreSQL).
pub(crate) trait Engine: Send + Sync {
    // --- Invoices ---
    /// Issues a checked invoice (see [`Store::issue`]).
    fn issue(&self, issue: Issue) -> Fut<'_, Issued>;
    /// One invoice.
    fn get(&self, number: String) -> Fut<'_, Invoice>;
    /// Invoices in creation order.
    fn list(&self, filter: ListFilter) -> Fut<'_, Vec<Invoice>>;
    /// Summaries in creation order (see [`Store::list_summaries`]).
    fn list_summaries(&self, filter: ListFilter) -> Fut<'_, Vec<Summary>>;
    /// A status change.
    fn change_status(&self, number: String, change: StatusChange, actor: Actor) -> Fut<'_, Invoice>;

    // --- Payments (SPEC 12.2) ---
    /// Records a payment or a reversal (see [`Store::record_payment`]).
    fn record_payment(&self, write: payments::PaymentWrite) -> Fut<'_, payments::Recorded>;
    /// Payments, oldest first.
    fn payments(&self, filter: payments::PaymentFilter) -> Fut<'_, Vec<crate::receivables::PaymentRecord>>;

    // --- Reminders and statements (SPEC 12.5, 12.6) ---
    /// Stored reminders of one invoice or all, by invoice and level.
    fn reminders(&self, invoice: Option<String>) -> Fut<'_, Vec<crate::receivables::reminder::ReminderRecord>>;
    /// Writes a reminder with its audit entry; `false` when that level was issued already.
    fn record_reminder(&self, record: crate::receivables::reminder::ReminderRecord, actor: Actor) -> Fut<'_, bool>;
    /// Invoices and credit notes issued from a customer record, in creation order.
    fn customer_invoices(&self, customer: String) -> Fut<'_, Vec<Invoice>>;

    // --- The audit log ---
    /// Appends one audit entry.
    fn audit(&self, actor: Actor, action: String, number: Option<String>, detail: Option<String>) -> Fut<'_, ()>;
    /// The audit log, oldest first.
    fn audit_log(&self, since: Option<NaiveDate>) -> Fut<'_, Vec<AuditEntry>>;

    // --- API keys ---
    /// Stored API keys: the one with `id`, or all (oldest first).
    fn key_rows(&self, id: Option<String>) -> Fut<'_, Vec<KeyRow>>;
    /// Records the use of a key.
    fn touch_key(&self, id: String, at: String) -> Fut<'_, ()>;
    /// Reads key `id` (if any) under the key writers' lock and writes what `decide` makes
    /// of it, in one transaction; `false` when a new key's id was taken (nothing written).
    fn change_key(&self, id: Option<String>, action: String, decide: KeyDecision) -> Fut<'_, bool>;

    // --- The whole store ---
    /// The engine's own consistency check.
    fn integrity_check(&self) -> Fut<'_, ()>;
    /// Everything stored, in creation order (for `store copy` and `store check`).
    fn dump(&self) -> Fut<'_, Dump>;
    /// Writes `dump` into this store in one transaction; refused unless the store is empty.
    fn load(&self, dump: Arc<Dump>) -> Fut<'_, ()>;

    // --- Customers and schedules (SPEC 14) ---
    /// Customer rows: the one with `id`, or all by ID.
    fn customers(&self, id: Option<String>) -> Fut<'_, Vec<customers::CustomerRow>>;
    /// A customer change with its audit entry, in one transaction.
    fn write_customer(&self, write: CustomerWrite, actor: Actor) -> Fut<'_, ()>;
    /// Schedule rows with their last issued occurrence: the one with `id`, or all by ID.
    fn schedules(&self, id: Option<String>) -> Fut<'_, Vec<(customers::ScheduleRow, Option<NaiveDate>)>>;
    /// A schedule change with its audit entry, in one transaction.
    fn write_schedule(&self, write: ScheduleWrite, actor: Actor) -> Fut<'_, ()>;
    /// Issued occurrences of one schedule or all, by schedule and date.
    fn occurrences(&self, schedule: Option<String>) -> Fut<'_, Vec<Occurrence>>;

    // --- Running ---
    /// The engine's metrics (group commits, pool gauges), Prometheus text, appended to `out`.
    fn render_metrics(&self, out: &mut String);
    /// Finishes the queued work (waiting at most `grace`) and closes the connections.
    fn close(&self, grace: Duration);
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
    /// Customers, schedules and issued occurrences.
    pub catalog: Catalog,
    /// The receivables tables (payments, reminders), copied as the schema has them.
    pub tables: Vec<TableRows>,
}

/// One table copied as it stands (SPEC 12.7): its columns as the schema lists them and its
/// rows, every value as text (`NULL` as `None`), so a column added later is copied too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableRows {
    /// The table's name.
    pub name: String,
    /// Its columns, in the schema's order.
    pub columns: Vec<String>,
    /// Its rows, in [`COPIED_TABLES`]' order.
    pub rows: Vec<Vec<Option<String>>>,
}

/// The tables `store copy` moves generically and the order their rows are read and
/// written in (a reversal names the payment before it). The payments' order names the
/// table's column: a bare `seq` would mean, on PostgreSQL, the selected `seq::text`, and
/// PAY-000010 would come before PAY-000009.
pub(crate) const COPIED_TABLES: [(&str, &str); 2] = [("payments", "payments.seq"), ("reminders", "1, 2, 3")];

/// The rows of a generically copied table: `SELECT` of every column as text.
pub(crate) fn table_select(name: &str, columns: &[String], cast: impl Fn(&str) -> String, order: &str) -> String {
    let list: Vec<String> = columns.iter().map(|c| cast(&format!("\"{}\"", c.replace('"', "\"\"")))).collect();
    format!("SELECT {} FROM {name} ORDER BY {order}", list.join(", "))
}

/// A column list for an `INSERT` into a generically copied table.
pub(crate) fn column_list(columns: &[String]) -> String {
    columns.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(", ")
}

/// SQL column list of [`InvoiceRow`], in its order.
const ROW_COLUMNS: &str = "number, seq_series, kind, status, issue_date, buyer_name, currency, gross, due, created_at, \
                           document, seq_year, seq, paid_date, void_reason, credited_by, status_changed_at";
impl Store {
    /// Opens the store at `location` for a command: a PostgreSQL database (one connection)
    /// or a SQLite file (created if needed: directory 0700, file 0600, WAL mode).
    /// Migrations are applied (under a lock).
    ///
    /// # Errors
    /// [`Error::Store`] when the store is unreadable, not a store, corrupt, locked too long,
    /// or written by a newer version; [`Error::Unavailable`] when the server cannot be
    /// reached; [`Error::Io`] when it cannot be created.
    pub async fn open(location: &Location) -> Result<Store> {
        Self::open_with(location, 1, false).await
    }

    /// Opens the store for the daemon: on PostgreSQL a pool of up to `pool` connections;
    /// on SQLite the writer thread plus a reader connection and the WAL checkpointer.
    ///
    /// # Errors
    /// As [`Store::open`], and [`Error::Io`] when a thread cannot be started.
    pub async fn open_for_daemon(location: &Location, pool: usize) -> Result<Store> {
        Self::open_with(location, pool, true).await
    }

    async fn open_with(location: &Location, pool: usize, daemon: bool) -> Result<Store> {
        let engine: Arc<dyn Engine> = match location {
            Location::Postgres(url) => Arc::new(postgres::Postgres::open(url, pool.max(1)).await?),
            Location::Sqlite(path) => Arc::new(sqlite::SqliteStore::open(path, daemon)?),
        };
        Ok(Store { engine, location: Arc::new(location.clone()) })
    }

    /// Where the store is (shown, it never prints a password).
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether this store is a PostgreSQL database.
    #[must_use]
    pub fn is_postgres(&self) -> bool {
        self.location.is_postgres()
    }

    /// Issues a checked invoice: assigns the next number of its series and year, stores
    /// it, records the idempotency key and an audit entry, and for a credit note marks
    /// the preceding invoice `credited` — all in one transaction (on SQLite, a savepoint of
    /// a group commit), acknowledged once durable.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the idempotency key was used for another draft or a credit
    /// note's invoice cannot be credited; [`Error::NotFound`] when that invoice does not
    /// exist; [`Error::Invalid`] for a business rule; [`Error::Store`] on database failures.
    pub async fn issue<'a>(
        &self,
        invoice: Invoice,
        numbering: impl Into<Numbering<'a>>,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
    ) -> Result<Issued> {
        let numbering = numbering.into();
        let issue = Issue {
            invoice,
            pattern: numbering.pattern.to_owned(),
            chronological: numbering.chronological,
            idempotency: idempotency.cloned(),
            actor: actor.clone(),
            occurrence: None,
        };
        self.engine.issue(issue).await
    }

    /// Reads one invoice with its current status.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Store`] on database failures.
    pub async fn get(&self, number: &str) -> Result<Invoice> {
        self.engine.get(number.to_owned()).await
    }

    /// Lists invoices in creation order.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub async fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>> {
        self.matching(filter, |f| self.engine.list(f), invoice_fields).await
    }

    /// Lists invoice summaries in creation order: only the columns a list needs, never
    /// the stored documents, so a page stays small whatever the invoices hold (SPEC 11;
    /// issue #10 defect 4: 200 large invoices made a 214 MB response).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub async fn list_summaries(&self, filter: &ListFilter) -> Result<Vec<Summary>> {
        self.matching(filter, |f| self.engine.list_summaries(f), summary_fields).await
    }

    /// Moves an invoice to `paid` or `void`, if its lifecycle allows (SPEC 2.4).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Conflict`] (`illegal_transition`)
    /// when the move is not allowed; [`Error::Store`] on database failures.
    pub async fn change_status(&self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice> {
        self.engine.change_status(number.to_owned(), change.clone(), actor.clone()).await
    }

    /// Records a payment against an invoice, or the reversal of one, in one transaction:
    /// the invoice is read (locked), its balance computed from what it was paid so far and
    /// its credit notes, `decide` checks the payment against it, and the row, the invoice's
    /// derived status and an audit entry are written. With an idempotency key seen before,
    /// the first payment is returned (same request) or refused (another request). `answer`
    /// says whether the invoice comes back with its whole account.
    ///
    /// # Errors
    /// `decide`'s error (nothing is written); [`Error::NotFound`]; [`Error::Conflict`] for
    /// a reused idempotency key; [`Error::Store`] on database failures.
    pub async fn record_payment(
        &self,
        target: payments::PaymentTarget,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
        answer: payments::Answer,
        decide: impl Fn(
            &Invoice,
            &crate::receivables::Balance,
            &[crate::receivables::PaymentRecord],
        ) -> Result<crate::receivables::NewPayment>
        + Send
        + Sync
        + 'static,
    ) -> Result<payments::Recorded> {
        let write = payments::PaymentWrite {
            target,
            decide: Box::new(decide),
            idempotency: idempotency.cloned(),
            actor: actor.clone(),
        };
        let mut recorded = self.engine.record_payment(write).await?;
        if answer == payments::Answer::Account {
            self.attach_account(&mut recorded.invoice).await?;
        }
        Ok(recorded)
    }

    /// Payments, oldest first: of one invoice, or all, within dates.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn payments(&self, filter: &payments::PaymentFilter) -> Result<Vec<crate::receivables::PaymentRecord>> {
        self.engine.payments(filter.clone()).await
    }

    /// Stored reminders, of one invoice or all, by invoice and level (SPEC 12.5).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn reminders(&self, invoice: Option<&str>) -> Result<Vec<crate::receivables::reminder::ReminderRecord>> {
        self.engine.reminders(invoice.map(str::to_owned)).await
    }

    /// Records a reminder and its audit entry in one transaction, once per invoice and
    /// level: `Ok(false)` (nothing written) when that level was issued already, by an
    /// earlier run or by one racing this one.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn record_reminder(
        &self,
        record: &crate::receivables::reminder::ReminderRecord,
        actor: &Actor,
    ) -> Result<bool> {
        self.engine.record_reminder(record.clone(), actor.clone()).await
    }

    /// Every invoice and credit note issued from customer `id`'s record (SPEC 14.1), in
    /// creation order.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn customer_invoices(&self, id: &str) -> Result<Vec<Invoice>> {
        self.engine.customer_invoices(id.to_owned()).await
    }

    /// One invoice with its account (payments, credit notes, balance; SPEC 12.4), as
    /// `show`, `render` and the API's invoice show it.
    ///
    /// # Errors
    /// As [`Store::get`].
    pub async fn get_with_account(&self, number: &str) -> Result<Invoice> {
        let mut invoice = self.get(number).await?;
        self.attach_account(&mut invoice).await?;
        Ok(invoice)
    }

    /// Reads an invoice's payments and credit notes into its `account`.
    async fn attach_account(&self, invoice: &mut Invoice) -> Result<()> {
        if invoice.kind != crate::invoice::model::DocumentType::Invoice {
            return Ok(());
        }
        let number = invoice.number.clone().unwrap_or_default();
        let payments =
            self.payments(&payments::PaymentFilter { invoice: Some(number.clone()), ..Default::default() }).await?;
        let mut credits = Vec::with_capacity(invoice.credit_notes.len());
        for credit in &invoice.credit_notes {
            let note = self.get(credit).await?;
            if note.status != Status::Void {
                credits.push(crate::receivables::CreditEntry {
                    number: credit.clone(),
                    date: note.issue_date,
                    gross: note.totals.gross,
                });
            }
        }
        let balance = crate::receivables::Balance::compute(
            invoice.totals.gross,
            invoice.totals.due,
            payments.iter().map(|p| p.amount),
            credits.iter().map(|c| c.gross),
        )
        .ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))?;
        let balance = if invoice.status == Status::Void { balance.voided() } else { balance };
        invoice.account = Some(crate::receivables::Account {
            paid: balance.paid,
            credited: balance.credited,
            outstanding: balance.outstanding,
            payments,
            credits,
        });
        Ok(())
    }

    /// Appends an audit entry on its own (failed authentications, key management).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn audit(&self, actor: &Actor, action: &str, number: Option<&str>, detail: Option<&str>) -> Result<()> {
        let (number, detail) = (number.map(str::to_owned), detail.map(str::to_owned));
        self.engine.audit(actor.clone(), action.to_owned(), number, detail).await
    }

    /// Reads the audit log, oldest first, optionally from a date on (UTC).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
        self.engine.audit_log(since).await
    }

    /// Runs the engine's integrity check; `Ok(())` when the store is sound.
    ///
    /// # Errors
    /// [`Error::Store`] naming what the check found.
    pub async fn integrity_check(&self) -> Result<()> {
        self.engine.integrity_check().await
    }

    /// Stored API keys: the one with `id` (none or one row), or every key, oldest first.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn key_rows(&self, id: Option<&str>) -> Result<Vec<KeyRow>> {
        self.engine.key_rows(id.map(str::to_owned)).await
    }

    /// Records that key `id` was used at `at`.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn touch_key(&self, id: &str, at: &str) -> Result<()> {
        self.engine.touch_key(id.to_owned(), at.to_owned()).await
    }

    /// Changes the key table in one transaction: reads key `id` (if given) with the key
    /// writers' lock taken (a revoke and a rotate of one key cannot interleave), lets
    /// `decide` say what to write (and what to return), and writes it. `Ok(None)` when
    /// the new key's id was taken: nothing was written, draw another and try again.
    ///
    /// # Errors
    /// `decide`'s error (nothing is written then), or [`Error::Store`] naming `action`.
    pub async fn change_key<T: Send + 'static>(
        &self,
        id: Option<&str>,
        action: &str,
        decide: impl FnOnce(Option<KeyRow>) -> Result<(KeyWrite, T)> + Send + 'static,
    ) -> Result<Option<T>> {
        let outcome = Arc::new(Mutex::new(None));
        let slot = Arc::clone(&outcome);
        let decision: KeyDecision = Box::new(move |row| {
            let (write, value) = decide(row)?;
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(value);
            Ok(write)
        });
        if !self.engine.change_key(id.map(str::to_owned), action.to_owned(), decision).await? {
            return Ok(None);
        }
        let value = outcome.lock().unwrap_or_else(PoisonError::into_inner).take();
        value.map(Some).ok_or_else(|| Error::Internal(format!("{action}: the decision returned nothing")))
    }

    /// Everything stored, in creation order.
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub async fn dump(&self) -> Result<Dump> {
        self.engine.dump().await
    }

    /// Writes `dump` into this (empty) store in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] (`target_not_empty`) when the store holds anything;
    /// [`Error::Store`] on database failures (nothing is written then).
    pub async fn load(&self, dump: Arc<Dump>) -> Result<()> {
        self.engine.load(dump).await
    }

    /// The engine's own metrics in the Prometheus text format, appended to `out`: group
    /// commit counters on SQLite, the connection pool's gauges on PostgreSQL.
    pub fn render_metrics(&self, out: &mut String) {
        self.engine.render_metrics(out);
    }

    /// Finishes the queued writes (waiting at most `grace`) and closes the connections.
    /// Calls after it fail with [`Error::Internal`] (SQLite) or [`Error::Unavailable`].
    pub fn close(&self, grace: Duration) {
        self.engine.close(grace);
    }
}

/// The store setting as it may be shown: a URL's password is replaced by `***`.
#[must_use]
pub fn redacted(setting: &std::path::Path) -> String {
    let text = setting.to_string_lossy();
    if is_postgres_url(text.trim()) { pg_url::redact_url(&text) } else { text.into_owned() }
}

/// How many batches were committed and how many grouped jobs they held.
#[derive(Debug, Default)]
pub(crate) struct GroupStats {
    batches: AtomicU64,
    jobs: AtomicU64,
}

impl GroupStats {
    /// Counts a batch of `jobs` grouped jobs.
    pub(crate) fn count(&self, jobs: usize) {
        self.batches.fetch_add(1, Ordering::Relaxed);
        self.jobs.fetch_add(jobs as u64, Ordering::Relaxed);
    }

    /// (batches committed or rolled back, grouped jobs run).
    pub(crate) fn counts(&self) -> (u64, u64) {
        (self.batches.load(Ordering::Relaxed), self.jobs.load(Ordering::Relaxed))
    }

    /// The counters in the Prometheus text format, appended to `out`.
    pub(crate) fn render_into(&self, out: &mut String) {
        let (batches, jobs) = self.counts();
        out.push_str("# HELP invoice_store_batches_total Group commits of the store (one durable commit each).\n");
        out.push_str("# TYPE invoice_store_batches_total counter\n");
        out.push_str(&format!("invoice_store_batches_total {batches}\n"));
        out.push_str("# HELP invoice_store_batched_writes_total Creates committed through group commit.\n");
        out.push_str("# TYPE invoice_store_batched_writes_total counter\n");
        out.push_str(&format!("invoice_store_batched_writes_total {jobs}\n"));
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
    /// A substring of the buyer name, compared case-insensitively for all of Unicode, the
    /// same on every engine (`äöü` finds `ÄÖÜ`; `%` and `_` are plain characters).
    pub buyer: Option<String>,
    /// Issued on or after.
    pub from: Option<NaiveDate>,
    /// Issued on or before.
    pub to: Option<NaiveDate>,
    /// Only invoices created after this number (cursor).
    pub after: Option<String>,
    /// At most this many.
    pub limit: Option<usize>,
    /// Only invoices overdue on this day: `issued` or `partially_paid` with their due
    /// date before it (SPEC 12.1: `overdue` is a view, not a status).
    pub overdue_on: Option<NaiveDate>,
}

/// A name as `ListFilter::buyer` compares it: case folded for all of Unicode (upper case,
/// then lower case, so `ß` and `SS` meet too), by Rust on every engine — SQLite's `LIKE`
/// folds ASCII only and PostgreSQL's `ILIKE` depends on the database's locale.
fn fold(text: &str) -> String {
    text.to_uppercase().to_lowercase()
}

/// An invoice's number and buyer name, for [`Store::matching`].
fn invoice_fields(invoice: &Invoice) -> (Option<&str>, &str) {
    (invoice.number.as_deref(), invoice.buyer.name.as_deref().unwrap_or_default())
}

/// A summary's number and buyer name, for [`Store::matching`].
fn summary_fields(summary: &Summary) -> (Option<&str>, &str) {
    (Some(summary.number.as_str()), summary.buyer.as_str())
}

/// Rows read per engine call while a buyer filter is applied.
const BUYER_SCAN_PAGE: usize = 500;

impl Store {
    /// The rows `filter` selects through `fetch`; a buyer filter is applied here, on
    /// pages read in creation order, until `limit` rows matched or the rows ran out.
    async fn matching<'s, T>(
        &'s self,
        filter: &ListFilter,
        fetch: impl Fn(ListFilter) -> Fut<'s, Vec<T>>,
        fields: impl Fn(&T) -> (Option<&str>, &str),
    ) -> Result<Vec<T>> {
        let Some(wanted) = filter.buyer.as_deref().map(fold) else { return fetch(filter.clone()).await };
        let limit = filter.limit.unwrap_or(usize::MAX);
        let mut page = ListFilter { buyer: None, limit: Some(BUYER_SCAN_PAGE), ..filter.clone() };
        let mut out = Vec::new();
        loop {
            let rows = fetch(page.clone()).await?;
            let full = rows.len() == BUYER_SCAN_PAGE;
            let last = rows.last().and_then(|row| fields(row).0.map(str::to_owned));
            for row in rows {
                if fold(fields(&row).1).contains(&wanted) {
                    out.push(row);
                    if out.len() >= limit {
                        return Ok(out);
                    }
                }
            }
            match last {
                Some(last) if full => page.after = Some(last),
                _ => return Ok(out),
            }
        }
    }
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

/// One row of a list (SPEC 11, 12.4): enough to pick an invoice, never the whole
/// document. The same for `list` (table, CSV, JSON) and `GET /v1/invoices`: a credit
/// note's `gross` and `due` are negative (a column sum nets them), nothing is paid,
/// credited or outstanding on one and it has no due date; an invoice's `outstanding` is
/// `due − paid − credited` (0 once void, negative when a refund is due). Every amount
/// has the currency's minor-unit digits (`0.00`; JPY none).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// The invoice number.
    pub number: String,
    /// `invoice` or `credit_note`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `issued`, `partially_paid`, `paid`, `void` or `credited`.
    pub status: String,
    /// Issue date (`YYYY-MM-DD`).
    pub issue_date: String,
    /// Due date (`YYYY-MM-DD`); none for a credit note.
    pub due_date: Option<String>,
    /// The buyer's name.
    pub buyer: String,
    /// The customer ID it was issued to, if any.
    pub customer: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// Gross total (negative for a credit note).
    pub gross: rust_decimal::Decimal,
    /// Amount due at issue: gross − prepaid (negative for a credit note).
    pub due: rust_decimal::Decimal,
    /// Payments received, net of reversals.
    pub paid: rust_decimal::Decimal,
    /// Gross of the credit notes issued against it (void ones not counted).
    pub credited: rust_decimal::Decimal,
    /// What is still owed: due − paid − credited.
    pub outstanding: rust_decimal::Decimal,
    /// For a credit note, the invoice it credits.
    pub preceding_invoice: Option<String>,
}

/// What an engine reads for a [`Summary`], as text: the columns of [`SUMMARY_SELECT`]
/// in order. `payments` and `credits` are the amounts of the invoice's payment rows and
/// the gross amounts of its credit notes that are not void, joined by spaces (aggregated
/// by the database in the one query, summed exactly here).
pub(crate) struct SummaryColumns {
    pub(crate) text: [String; 8],
    pub(crate) optional: [Option<String>; 5],
}

/// The columns a summary reads (`{aggregate}` is `group_concat` on SQLite and
/// `string_agg` on PostgreSQL, `{due_date}` the engine's way to take the document's
/// `due_date`): number, kind, status, issue_date, buyer_name, currency, gross, due;
/// due date, preceding invoice, customer, payments, credits.
///
/// Only what a row's kind needs is computed (the credited invoice is taken from the
/// document: not for invoices; payments and credits are only summed for invoices), so a
/// list of 100,000 invoices stays one pass with two index lookups per invoice.
pub(crate) const SUMMARY_SELECT: &str = "number, kind, status, issue_date, buyer_name, currency, gross, due, \
     CASE WHEN kind = 'invoice' THEN {due_date} END, \
     CASE WHEN kind = 'credit_note' THEN preceding_invoice END, customer, \
     CASE WHEN kind = 'invoice' THEN \
       (SELECT {aggregate}(p.amount, ' ') FROM payments AS p WHERE p.invoice = invoices.number) END, \
     CASE WHEN kind = 'invoice' THEN (SELECT {aggregate}(c.gross, ' ') FROM invoices AS c \
       WHERE c.preceding_invoice = invoices.number AND c.status <> 'void') END";

/// [`SUMMARY_SELECT`] for an engine.
pub(crate) fn summary_select(aggregate: &str, due_date: &str) -> String {
    SUMMARY_SELECT.replace("{aggregate}", aggregate).replace("{due_date}", due_date)
}

impl SummaryColumns {
    /// The summary these columns make.
    ///
    /// # Errors
    /// [`Error::Store`] when a stored amount is not a decimal.
    pub(crate) fn summary(self) -> Result<Summary> {
        let [number, kind, status, issue_date, buyer, currency, gross, due] = self.text;
        let [due_date, preceding_invoice, customer, payments, credits] = self.optional;
        let corrupt = |what: &str| Error::Store {
            action: format!("list invoice {number}"),
            message: format!("a stored {what} is not a decimal"),
        };
        let amount = |text: &str, what: &str| text.parse::<rust_decimal::Decimal>().map_err(|_| corrupt(what));
        let amounts = |texts: Option<&str>, what: &str| -> Result<Vec<rust_decimal::Decimal>> {
            texts.unwrap_or_default().split_whitespace().map(|t| amount(t, what)).collect()
        };
        let (gross_amount, due_amount) = (amount(&gross, "gross")?, amount(&due, "due amount")?);
        let dp = crate::invoice::money::minor_units(&currency).unwrap_or(2);
        let exact = |v: rust_decimal::Decimal| crate::invoice::money::round_to(v, dp);
        let credit_note = kind == "credit_note";
        let balance = if credit_note {
            crate::receivables::Balance::at_issue(gross_amount, rust_decimal::Decimal::ZERO)
        } else {
            crate::receivables::Balance::compute(
                gross_amount,
                due_amount,
                amounts(payments.as_deref(), "payment")?,
                amounts(credits.as_deref(), "credit note gross")?,
            )
            .ok_or_else(|| Error::Internal(format!("the balance of {number} overflows")))?
        };
        let balance = if status == "void" { balance.voided() } else { balance };
        let sign = if credit_note { rust_decimal::Decimal::NEGATIVE_ONE } else { rust_decimal::Decimal::ONE };
        Ok(Summary {
            due_date: if credit_note { None } else { due_date },
            gross: exact(sign * gross_amount),
            due: exact(sign * due_amount),
            paid: exact(balance.paid),
            credited: exact(balance.credited),
            outstanding: exact(balance.outstanding),
            number,
            kind,
            status,
            issue_date,
            buyer,
            customer,
            currency,
            preceding_invoice,
        })
    }
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

/// The counter an invoice draws its number from: (issue year, series key, year key). A
/// pattern without `{series}` or `{year}` shares one counter across them.
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
    fill_pattern(pattern, series, year, |out, width| out.push_str(&format!("{seq:0width$}")))
}

/// A number pattern filled in for one series and year around its one sequence number:
/// (what comes before it, its zero-padded width, what comes after), so that a number is
/// `before + seq padded to width + after`, as [`format_number`] makes it. `None` when the
/// pattern has no `{seq}` or several.
#[must_use]
pub(crate) fn number_around_seq(pattern: &str, series: &str, year: i64) -> Option<(String, usize, String)> {
    let mut widths = Vec::new();
    let mut cuts = Vec::new();
    let filled = fill_pattern(pattern, series, year, |out, width| {
        cuts.push(out.len());
        widths.push(width);
    });
    match (cuts.as_slice(), widths.as_slice()) {
        ([cut], [width]) => Some((filled[..*cut].to_owned(), *width, filled[*cut..].to_owned())),
        _ => None,
    }
}

/// Walks a number pattern, writing its text, series and year, and calling `seq` with the
/// output so far and the zero-padded width (0: none) where a sequence number goes.
fn fill_pattern(pattern: &str, series: &str, year: i64, mut seq: impl FnMut(&mut String, usize)) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + len];
        match name {
            "series" => out.push_str(series),
            "year" => out.push_str(&year.to_string()),
            "seq" => seq(&mut out, 0),
            _ => {
                let width = name.strip_prefix("seq:0").and_then(|w| w.parse::<usize>().ok()).unwrap_or(0);
                seq(&mut out, width);
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
