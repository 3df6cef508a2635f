//! The SQLite connection and the SQL of every store operation on it: one file, WAL mode,
//! `synchronous = FULL`. Synchronous; the worker (`super`) runs these methods on its
//! threads.
//!
//! Every write is one `BEGIN IMMEDIATE` transaction (or a savepoint inside the daemon's
//! batch), so the write lock is taken before anything is read: the next number is read and
//! used under that lock and commits with the invoice, which makes numbering gapless and
//! unique even with several CLI processes and the daemon writing at once. WAL mode lets
//! readers run alongside.

use super::tx::Tx;
use crate::error::{Error, Result};
use crate::invoice::rules;
use crate::invoice::{Invoice, Status};
use crate::store::{
    Actor, AuditEntry, Dump, Idempotency, InvoiceRow, Issued, KeyDecision, KeyRow, ListFilter, Numbering, Parts,
    ROW_COLUMNS, StatusChange, Summary, SummaryColumns, format_number, is_credit_note, now_utc, parts_to_invoice,
    payments, schema, summary_select,
};
use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::Path;
use std::time::Duration;

/// How long a writer waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Statements kept per connection. Statements are prepared once and kept (`prepare_cached`):
/// parsing the same INSERTs for every create showed in the daemon's profile. Room for every
/// statement a create, a read and a list run (rusqlite keeps 16).
const STATEMENT_CACHE: usize = 64;

/// An open SQLite store.
#[derive(Debug)]
pub(crate) struct Sqlite {
    pub(super) conn: Connection,
}

pub(crate) fn store_error(action: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> Error {
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

impl Sqlite {
    /// Opens (creating if needed) the store at `path`: parent directory 0700, file 0600,
    /// WAL mode, migrations applied.
    ///
    /// # Errors
    /// [`Error::Store`] when the file is unreadable, not a store, corrupt, locked too
    /// long, or written by a newer version; [`Error::Io`] when it cannot be created.
    pub(crate) fn open(path: &Path) -> Result<Sqlite> {
        create_private_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let shown = path.display().to_string();
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(store_error(format!("open the store {shown}")))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(store_error("configure the store"))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // journal_mode returns a row, so it is read rather than executed.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(store_error(format!("open the store {shown}")))?;
        if !mode.eq_ignore_ascii_case("wal") {
            log::warn!("the store could not switch to WAL mode (got {mode})");
        }
        // FULL in WAL mode: every commit syncs the WAL before it returns, so an acknowledged
        // write (a printed number, a 201) survives power loss, not only a killed process.
        // The daemon keeps its throughput by group commit (`super`, the worker).
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
        Ok(Sqlite { conn })
    }
}

impl Sqlite {
    /// A second, read-only connection to the store at `path`, which its writer has already
    /// opened and migrated. Opened by SQLite alone (never by hand as in [`Sqlite::open`]),
    /// so the locks this process's writer holds on the file stay intact. In WAL mode it
    /// reads alongside the writer and sees every transaction committed before each read.
    ///
    /// # Errors
    /// [`Error::Store`] when it cannot be opened.
    pub(crate) fn open_reader(path: &Path) -> Result<Sqlite> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(path, flags).map_err(store_error(format!("open the store {shown}")))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(store_error("configure the store"))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        conn.execute_batch("PRAGMA query_only = ON").map_err(store_error("configure the store"))?;
        Ok(Sqlite { conn })
    }

    /// The rows `filter` selects, in creation order, each read by `read` (the buyer filter
    /// is applied by `Store`, the same for both engines).
    fn select<T>(
        &self,
        filter: &ListFilter,
        columns: &str,
        read: impl Fn(&rusqlite::Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let after_id: i64 = match &filter.after {
            Some(number) => self
                .conn
                .query_row("SELECT id FROM invoices WHERE number = ?1", [number], |row| row.get(0))
                .optional()
                .map_err(store_error("list invoices"))?
                .ok_or_else(|| Error::UnknownCursor { cursor: number.clone() })?,
            None => 0,
        };
        let limit = filter.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut statement = self
            .conn
            .prepare_cached(&format!(
                "SELECT {columns} FROM invoices
                 WHERE id > ?1
                   AND (?2 IS NULL OR status = ?2)
                   AND (?3 IS NULL OR issue_date >= ?3)
                   AND (?4 IS NULL OR issue_date <= ?4)
                   AND (?6 IS NULL OR (kind = 'invoice' AND status IN ('issued', 'partially_paid')
                                       AND json_extract(document, '$.due_date') < ?6))
                 ORDER BY id LIMIT ?5"
            ))
            .map_err(store_error("list invoices"))?;
        let mut rows = statement
            .query(params![
                after_id,
                filter.status.map(Status::as_str),
                filter.from.map(|d| d.to_string()),
                filter.to.map(|d| d.to_string()),
                limit,
                filter.overdue_on.map(|d| d.to_string())
            ])
            .map_err(store_error("list invoices"))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(store_error("list invoices"))? {
            out.push(read(row)?);
        }
        Ok(out)
    }
}

impl Sqlite {
    /// Issues a checked invoice: assigns the next number of its series and year, stores
    /// it, records the idempotency key and an audit entry, and for a credit note marks
    /// the preceding invoice `credited` — all in one transaction.
    ///
    /// # Errors
    /// [`Error::Conflict`] when the idempotency key was used for another draft or a credit
    /// note's invoice cannot be credited; [`Error::NotFound`] when that invoice does not
    /// exist; [`Error::Store`] on database failures.
    pub(super) fn issue(
        &self,
        mut invoice: Invoice,
        numbering: Numbering<'_>,
        idempotency: Option<&Idempotency>,
        actor: &Actor,
        occurrence: Option<&crate::store::Occurrence>,
    ) -> Result<Issued> {
        let number_pattern = numbering.pattern;
        let tx = Tx::begin(&self.conn, "start a transaction")?;
        if let Some(occurrence) = occurrence {
            super::customers::check_occurrence(&tx, occurrence)?;
        }
        if let Some(idem) = idempotency {
            let cutoff = crate::store::idempotency_cutoff();
            tx.prepare_cached("DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND created_at < ?3")
                .and_then(|mut st| st.execute(params![idem.scope, idem.key, cutoff]))
                .map_err(store_error("expire idempotency keys"))?;
            let earlier: Option<(String, String)> = tx
                .prepare_cached("SELECT fingerprint, number FROM idempotency_keys WHERE scope = ?1 AND key = ?2")
                .and_then(|mut st| st.query_row(params![idem.scope, idem.key], |row| Ok((row.get(0)?, row.get(1)?))))
                .optional()
                .map_err(store_error("read idempotency keys"))?;
            if let Some((fingerprint, number)) = earlier {
                if fingerprint != idem.fingerprint {
                    return Err(Error::Conflict {
                        kind: crate::error::ConflictKind::IdempotencyKeyReused,
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

        let (year, seq_series, seq_year) = crate::store::sequence_key(&invoice, number_pattern);
        if numbering.chronological {
            let latest: Option<(String, String)> = tx
                .query_row(
                    "SELECT issue_date, number FROM invoices WHERE seq_series = ?1 AND seq_year = ?2
                     ORDER BY issue_date DESC LIMIT 1",
                    params![seq_series, seq_year],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()
                .map_err(store_error("read the latest issue date"))?;
            let latest = latest.and_then(|(date, number)| date.parse::<NaiveDate>().ok().map(|d| (d, number)));
            rules::check_chronological(invoice.issue_date, latest)?;
        }
        let last: i64 = tx
            .prepare_cached("SELECT last FROM sequences WHERE series = ?1 AND year = ?2")
            .and_then(|mut st| st.query_row(params![seq_series, seq_year], |row| row.get(0)))
            .optional()
            .map_err(store_error("read the number sequence"))?
            .unwrap_or(0);
        let seq = last + 1;
        tx.prepare_cached(
            "INSERT INTO sequences (series, year, last) VALUES (?1, ?2, ?3)
             ON CONFLICT (series, year) DO UPDATE SET last = excluded.last",
        )
        .and_then(|mut st| st.execute(params![seq_series, seq_year, seq]))
        .map_err(store_error("advance the number sequence"))?;
        let number = format_number(number_pattern, &invoice.series, year, seq);
        let created_at = crate::store::stamp(&mut invoice, &number);

        if let Some(preceding) = invoice.preceding_invoice.clone().filter(|_| is_credit_note(&invoice)) {
            let original = get_in(&tx, &preceding)?;
            let credited_before = crate::store::sum_gross(&preceding, &credit_note_column(&tx, &preceding, "gross")?)?;
            rules::check_credit(&preceding, &original, credited_before, &mut invoice)?;
            // The credited invoice's status follows its balance (SPEC 12.1): `credited`
            // when the credit notes reach its gross, `paid` when this one settles it.
            let payments = payment_rows(&tx, Some(&preceding), None, None)?;
            let grosses = credit_note_column(&tx, &preceding, "gross")?;
            let change = crate::store::reminders::after_credit(
                &original,
                &payments,
                &grosses,
                invoice.totals.gross,
                invoice.issue_date,
            )?;
            if let Some(change) = change {
                let credited_by = (change.status == crate::invoice::Status::Credited).then_some(&number);
                tx.execute(
                    "UPDATE invoices SET status = ?2, paid_date = ?3, credited_by = coalesce(?4, credited_by),
                                         status_changed_at = ?5 WHERE number = ?1",
                    params![preceding, change.status.as_str(), change.paid_date, credited_by, created_at],
                )
                .map_err(store_error("mark the invoice credited"))?;
            }
        }

        let document = serde_json::to_string(&invoice)
            .map_err(|e| Error::Internal(format!("failed to serialize invoice {number}: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency,
                                   gross, due, created_at, document)
             VALUES (?1, ?2, ?3, ?4, ?5, 'issued', ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .and_then(|mut st| {
            st.execute(params![
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
            ])
        })
        .map_err(store_error(format!("store invoice {number}")))?;
        if let Some(idem) = idempotency {
            tx.prepare_cached("INSERT INTO idempotency_keys (scope, key, fingerprint, number, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
                .and_then(|mut st| st.execute(params![idem.scope, idem.key, idem.fingerprint, number, created_at]))
            .map_err(store_error("record the idempotency key"))?;
        }
        if let Some(occurrence) = occurrence {
            super::customers::link_occurrence(&tx, occurrence, &number)?;
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
    pub(super) fn get(&self, number: &str) -> Result<Invoice> {
        get_in(&self.conn, number)
    }

    /// Lists invoices in creation order.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown `after` cursor; [`Error::Store`] on database failures.
    pub(super) fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>> {
        self.select(filter, COLUMNS, |row| parts_to_invoice(row_to_parts(row).map_err(store_error("list invoices"))?))
    }

    pub(super) fn list_summaries(&self, filter: &ListFilter) -> Result<Vec<Summary>> {
        let columns = summary_select("group_concat", "json_extract(document, '$.due_date')");
        self.select(filter, &columns, |row| row_to_summary(row).map_err(store_error("list invoices"))?.summary())
    }

    /// Moves an invoice to `paid` or `void`, if its lifecycle allows (SPEC 2.4).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown number; [`Error::Conflict`] (`illegal_transition`)
    /// when the move is not allowed; [`Error::Store`] on database failures.
    pub(super) fn change_status(&self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice> {
        let tx = Tx::begin(&self.conn, "start a transaction")?;
        let current = get_in(&tx, number)?;
        if matches!(change, StatusChange::Void { .. }) {
            // Under the write lock taken by `BEGIN IMMEDIATE`: no payment can come between.
            // First, so that a paid invoice's refusal names the remedy (a credit note).
            let rows = payment_rows(&tx, Some(number), None, None)?;
            payments::check_void(&current, &rows, &credit_note_column(&tx, number, "gross")?)?;
        }
        let (action, detail) = rules::check_status_change(number, current.status, change)?;
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
    pub(super) fn audit(&self, actor: &Actor, action: &str, number: Option<&str>, detail: Option<&str>) -> Result<()> {
        append_audit(&self.conn, actor, action, number, detail)
    }

    /// Reads the audit log, oldest first, optionally from a date on (UTC).
    ///
    /// # Errors
    /// [`Error::Store`] on database failures.
    pub(super) fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
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
    pub(super) fn integrity_check(&self) -> Result<()> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(store_error("check the store"))?;
        if result == "ok" { Ok(()) } else { Err(Error::Store { action: "check the store".into(), message: result }) }
    }

    pub(super) fn key_rows(&self, id: Option<&str>) -> Result<Vec<KeyRow>> {
        // By id (every request to the daemon) a lookup in the primary key, which the form
        // `?1 IS NULL OR id = ?1` would not use.
        let sql = match id {
            Some(_) => format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"),
            None => format!("SELECT {KEY_COLUMNS} FROM api_keys ORDER BY created_at, id"),
        };
        let mut statement = self.conn.prepare_cached(&sql).map_err(store_error("read API keys"))?;
        let rows = match id {
            Some(id) => statement.query_map([id], row_to_key),
            None => statement.query_map([], row_to_key),
        }
        .map_err(store_error("read API keys"))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(store_error("read API keys"))
    }

    pub(super) fn touch_key(&self, id: &str, at: &str) -> Result<()> {
        self.conn
            .execute("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2", params![at, id])
            .map_err(store_error("record the use of an API key"))?;
        Ok(())
    }

    pub(super) fn dump(&self) -> Result<Dump> {
        // One read transaction: a consistent snapshot.
        let tx = Tx::begin(&self.conn, "read the store")?;
        let fail = store_error("read the store");
        let invoices = {
            let mut st = tx.prepare(&format!("SELECT {ROW_COLUMNS} FROM invoices ORDER BY id")).map_err(fail)?;
            let rows = st.query_map([], |r| {
                let mut text: [String; 11] = Default::default();
                for (i, field) in text.iter_mut().enumerate() {
                    *field = r.get(i)?;
                }
                Ok(InvoiceRow {
                    text,
                    ints: [r.get(11)?, r.get(12)?],
                    optional: [r.get(13)?, r.get(14)?, r.get(15)?, r.get(16)?],
                })
            });
            rows.and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>).map_err(store_error("read invoices"))?
        };
        let sequences = {
            let mut st = tx
                .prepare("SELECT series, year, last FROM sequences ORDER BY series, year")
                .map_err(store_error("read counters"))?;
            let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)));
            rows.and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>).map_err(store_error("read counters"))?
        };
        let idempotency = {
            let mut st = tx
                .prepare("SELECT scope, key, fingerprint, number, created_at FROM idempotency_keys ORDER BY scope, key")
                .map_err(store_error("read idempotency keys"))?;
            let rows = st.query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]));
            rows.and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(store_error("read idempotency keys"))?
        };
        let audit = self.audit_log(None)?;
        let keys = self.key_rows(None)?;
        let catalog = super::customers::dump(self)?;
        let tables = crate::store::COPIED_TABLES
            .iter()
            .map(|(name, order)| table_rows(&tx, name, order))
            .collect::<Result<Vec<_>>>()?;
        tx.commit("read the store")?;
        Ok(Dump { invoices, sequences, idempotency, audit, keys, catalog, tables })
    }

    pub(super) fn load(&self, dump: &Dump) -> Result<()> {
        let tx = Tx::begin(&self.conn, "write the copy")?;
        let count: i64 = tx
            .query_row(
                "SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM api_keys)
                      + (SELECT count(*) FROM sequences) + (SELECT count(*) FROM idempotency_keys)",
                [],
                |r| r.get(0),
            )
            .map_err(store_error("check that the target is empty"))?;
        let mut count = count + super::customers::count(&tx)?;
        for (name, _) in crate::store::COPIED_TABLES {
            count += tx
                .query_row(&format!("SELECT count(*) FROM {name}"), [], |r| r.get::<_, i64>(0))
                .map_err(store_error("check that the target is empty"))?;
        }
        if count > 0 {
            return Err(crate::store::not_empty(&format!("{count} rows")));
        }
        super::customers::load_definitions(&tx, &dump.catalog)?;
        for row in &dump.invoices {
            let [a, b, c, d, e, f, g, h, i, j, k] = &row.text;
            let [p, q, r2, s2] = &row.optional;
            tx.execute(
                &format!("INSERT INTO invoices ({ROW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"),
                params![a, b, c, d, e, f, g, h, i, j, k, row.ints[0], row.ints[1], p, q, r2, s2],
            )
            .map_err(store_error(format!("copy invoice {}", row.number())))?;
        }
        for (series, year, last) in &dump.sequences {
            tx.execute("INSERT INTO sequences (series, year, last) VALUES (?1, ?2, ?3)", params![series, year, last])
                .map_err(store_error("copy counters"))?;
        }
        for [scope, key, fingerprint, number, created_at] in &dump.idempotency {
            tx.execute(
                "INSERT INTO idempotency_keys (scope, key, fingerprint, number, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![scope, key, fingerprint, number, created_at],
            )
            .map_err(store_error("copy idempotency keys"))?;
        }
        for e in &dump.audit {
            tx.execute(
                "INSERT INTO audit_log (time, actor, action, number, request_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![e.time, e.actor, e.action, e.number, e.request_id, e.detail],
            )
            .map_err(store_error("copy the audit log"))?;
        }
        for key in &dump.keys {
            insert_key(&tx, key)?;
        }
        super::customers::load_occurrences(&tx, &dump.catalog)?;
        for table in &dump.tables {
            let marks: Vec<String> = (1..=table.columns.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                table.name,
                crate::store::column_list(&table.columns),
                marks.join(", ")
            );
            let mut insert = tx.prepare(&sql).map_err(store_error(format!("copy {}", table.name)))?;
            for row in &table.rows {
                insert
                    .execute(rusqlite::params_from_iter(row.iter()))
                    .map_err(store_error(format!("copy {}", table.name)))?;
            }
        }
        tx.commit("commit the copy")
    }

    /// See `Engine::change_key`.
    pub(super) fn change_key(&self, id: Option<&str>, action: &str, decide: KeyDecision) -> Result<bool> {
        let tx = Tx::begin(&self.conn, action)?;
        let row = match id {
            Some(id) => tx
                .query_row(&format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = ?1"), [id], row_to_key)
                .optional()
                .map_err(store_error("read an API key"))?,
            None => None,
        };
        let write = decide(row)?;
        if let Some((id, at)) = &write.revoke {
            tx.execute("UPDATE api_keys SET revoked_at = ?1 WHERE id = ?2", params![at, id])
                .map_err(store_error("revoke an API key"))?;
        }
        if let Some(row) = &write.insert
            && !insert_key(&tx, row)?
        {
            // Dropping `tx` rolls the revocation back too.
            return Ok(false);
        }
        if let Some((actor, action, detail)) = &write.audit {
            append_audit(&tx, actor, action, None, Some(detail))?;
        }
        tx.commit(action)?;
        Ok(true)
    }
}

const KEY_COLUMNS: &str = "id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at";

fn row_to_key(row: &rusqlite::Row<'_>) -> rusqlite::Result<KeyRow> {
    Ok(KeyRow {
        id: row.get(0)?,
        client: row.get(1)?,
        hash: row.get(2)?,
        scopes: row.get(3)?,
        created_at: row.get(4)?,
        expires_at: row.get(5)?,
        revoked_at: row.get(6)?,
        last_used_at: row.get(7)?,
    })
}

/// Inserts a key; `false` (nothing written) when its id is taken.
fn insert_key(conn: &Connection, row: &KeyRow) -> Result<bool> {
    let inserted = conn
        .execute(
            "INSERT INTO api_keys (id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
            params![
                row.id,
                row.client,
                row.hash,
                row.scopes,
                row.created_at,
                row.expires_at,
                row.revoked_at,
                row.last_used_at
            ],
        )
        .map_err(store_error("issue an API key"))?;
    Ok(inserted == 1)
}

pub(super) fn append_audit(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    number: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (time, actor, action, number, request_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut st| st.execute(params![now_utc(), actor.name, action, number, actor.request_id, detail]))
    .map_err(store_error("write the audit log"))?;
    Ok(())
}

const COLUMNS: &str = "number, status, document, paid_date, void_reason, credited_by";

fn row_to_parts(row: &rusqlite::Row<'_>) -> rusqlite::Result<Parts> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

pub(super) fn get_in(conn: &Connection, number: &str) -> Result<Invoice> {
    let parts = conn
        .query_row(&format!("SELECT {COLUMNS} FROM invoices WHERE number = ?1"), [number], row_to_parts)
        .optional()
        .map_err(store_error(format!("read invoice {number}")))?
        .ok_or_else(|| Error::NotFound { what: format!("invoice {}", crate::security::text::display_safe(number)) })?;
    let mut invoice = parts_to_invoice(parts)?;
    invoice.credit_notes = credit_note_column(conn, number, "number")?;
    Ok(invoice)
}

/// One column (`number` or `gross`) of the credit notes issued against `number`, oldest first.
fn credit_note_column(conn: &Connection, number: &str, column: &str) -> Result<Vec<String>> {
    let mut statement = conn
        .prepare_cached(&format!(
            "SELECT {column} FROM invoices WHERE preceding_invoice = ?1 AND kind = 'credit_note' ORDER BY id"
        ))
        .map_err(store_error(format!("read the credit notes of {number}")))?;
    statement
        .query_map([number], |row| row.get(0))
        .and_then(Iterator::collect)
        .map_err(store_error(format!("read the credit notes of {number}")))
}

/// Reads a summary's columns ([`super::super::summary_select`]; the document never
/// reaches Rust, SQLite extracts the due date itself).
fn row_to_summary(row: &rusqlite::Row<'_>) -> rusqlite::Result<SummaryColumns> {
    Ok(SummaryColumns {
        text: [row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?],
        optional: [row.get(8)?, row.get(9)?, row.get(10)?, row.get(11)?, row.get(12)?],
    })
}

/// Creates the store's directory (0700) and file (0600) before SQLite opens it, so the
/// file is never readable by others, not even for a moment; refuses an existing one that
/// others may read.
fn create_private_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(dir).map_err(|e| Error::io("create the store directory", dir, e))?;
    }
    // An existing store is only looked at (stat), never opened here: closing a file
    // descriptor of the database would drop this process's SQLite locks on it (see
    // `create::a_second_open_in_one_process_does_not_let_another_process_delete_the_wal`).
    match std::fs::metadata(path) {
        Ok(meta) => return check_private(path, &meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io("open the store", path, e)),
    }
    // Not `create_new`: through a symlink whose target does not exist yet, the target is
    // created here with mode 0600 (SQLite would create it with the umask's 0644).
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|e| Error::io("create the store", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("read the permissions of", path, e))?;
    check_private(path, &meta)
}

/// SPEC 11: a store that grants any access to group or others is refused, with the
/// `chmod` that fixes it.
#[cfg(unix)]
fn check_private(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(Error::Store {
            action: format!("open the store {}", path.display()),
            message: format!(
                "it is readable or writable by other users (mode {:04o}); invoices are private: run `chmod 600 {}`",
                mode & 0o7777,
                path.display()
            ),
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Payments (SPEC 12.2, 12.7): see `store::payments` for what both engines share.

impl Sqlite {
    /// Records a payment or reversal in one transaction (the writer thread serializes
    /// payments, so the balance read is the one the row changes).
    ///
    /// # Errors
    /// The decision's error; [`Error::NotFound`]; [`Error::Conflict`] for a reused
    /// idempotency key; [`Error::Store`].
    pub(super) fn record_payment(&self, write: payments::PaymentWrite) -> Result<payments::Recorded> {
        let payments::PaymentWrite { target, decide, idempotency, actor } = write;
        let tx = Tx::begin(&self.conn, "start a transaction")?;
        if let Some(key) = &idempotency {
            let seen: Option<(String, String)> = tx
                .prepare_cached("SELECT id, fingerprint FROM payments WHERE idem_key IS NOT NULL AND idem_scope = ?1 AND idem_key = ?2")
                .and_then(|mut st| st.query_row(params![key.scope, key.key], |row| Ok((row.get(0)?, row.get(1)?))))
                .optional()
                .map_err(store_error("read an idempotency key"))?;
            if let Some((id, fingerprint)) = seen {
                let first = payment_by_id(&tx, &id)?;
                let payment = payments::replay(key, &fingerprint, first)?;
                let (invoice, grosses) = invoice_and_credits(&tx, &payment.invoice)?;
                let balance = payments::balance_paid(&invoice, paid_so_far(&tx, &payment.invoice)?, &grosses)?;
                let balance = payments::shown_balance(&invoice, balance);
                return Ok(payments::Recorded { payment, invoice, balance, replayed: true });
            }
        }
        let (number, rows) = match &target {
            payments::PaymentTarget::Invoice(number) => (number.clone(), Vec::new()),
            payments::PaymentTarget::Reversal(id) => {
                let original = payment_by_id(&tx, id)?;
                let reversal = payment_where(&tx, "reverses", id)?;
                (original.invoice.clone(), payments::reversal_rows(original, reversal))
            }
        };
        let (mut invoice, grosses) = invoice_and_credits(&tx, &number)?;
        let balance = payments::balance_paid(&invoice, paid_so_far(&tx, &number)?, &grosses)?;
        let new = decide(&invoice, &balance, &rows)?;
        let seq: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM payments")
            .and_then(|mut st| st.query_row([], |row| row.get(0)))
            .map_err(store_error("number a payment"))?;
        let apply = payments::apply(&invoice, &balance, new, seq, &actor)?;
        let r = &apply.record;
        let (scope, key, fingerprint) = match &idempotency {
            Some(k) => (Some(k.scope.as_str()), Some(k.key.as_str()), Some(k.fingerprint.as_str())),
            None => (None, None, None),
        };
        tx.prepare_cached(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, method, reference, reverses, reason,
                                   outstanding_before, created_at, actor, request_id, idem_scope, idem_key, fingerprint,
                                   paid_after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )
        .and_then(|mut st| {
            st.execute(params![
                seq,
                r.id,
                r.invoice,
                r.date.to_string(),
                r.amount.to_string(),
                r.currency,
                r.method,
                r.reference,
                r.reverses,
                r.reason,
                apply.outstanding_before.to_string(),
                r.created_at,
                r.actor,
                r.request_id,
                scope,
                key,
                fingerprint,
                apply.after.paid.to_string()
            ])
        })
        .map_err(store_error(format!("record a payment of {number}")))?;
        if payments::changes_invoice(&invoice, &apply) {
            tx.prepare_cached(
                "UPDATE invoices SET status = ?2, paid_date = ?3, status_changed_at = ?4 WHERE number = ?1",
            )
            .and_then(|mut st| st.execute(params![number, apply.status.as_str(), apply.paid_date, r.created_at]))
            .map_err(store_error(format!("update invoice {number}")))?;
        }
        append_audit(&tx, &actor, apply.audit.0, Some(&number), Some(&apply.audit.1))?;
        payments::after_payment(&mut invoice, &apply);
        tx.commit(&format!("commit the payment of {number}"))?;
        Ok(payments::Recorded { payment: apply.record, invoice, balance: apply.after, replayed: false })
    }

    /// Payments, oldest first, filtered.
    ///
    /// # Errors
    /// [`Error::Store`].
    pub(super) fn payments(&self, filter: &payments::PaymentFilter) -> Result<Vec<crate::receivables::PaymentRecord>> {
        payment_rows(&self.conn, filter.invoice.as_deref(), filter.from, filter.to)
    }
}

fn payment_by_id(conn: &Connection, id: &str) -> Result<crate::receivables::PaymentRecord> {
    payment_where(conn, "id", id)?.ok_or_else(|| payments::payment_not_found(id))
}

/// The payment whose `column` (`id`, or `reverses` for the reversal of a payment) is `value`.
fn payment_where(conn: &Connection, column: &str, value: &str) -> Result<Option<crate::receivables::PaymentRecord>> {
    let sql = format!("SELECT {} FROM payments WHERE {column} = ?1", payments::PAYMENT_COLUMNS);
    conn.prepare_cached(&sql)
        .and_then(|mut st| st.query_row([value], payment_columns).optional())
        .map_err(store_error(format!("read payment {value}")))?
        .map(payments::record_from)
        .transpose()
}

/// An invoice (with the numbers of its credit notes) and its credit notes' gross amounts,
/// oldest first: what a payment is checked against besides what was paid.
fn invoice_and_credits(conn: &Connection, number: &str) -> Result<(Invoice, Vec<String>)> {
    let parts = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM invoices WHERE number = ?1"))
        .and_then(|mut st| st.query_row([number], row_to_parts).optional())
        .map_err(store_error(format!("read invoice {number}")))?
        .ok_or_else(|| Error::NotFound { what: format!("invoice {}", crate::security::text::display_safe(number)) })?;
    let mut invoice = parts_to_invoice(parts)?;
    let credits: Vec<(String, String)> = conn
        .prepare_cached(
            "SELECT number, gross FROM invoices WHERE preceding_invoice = ?1 AND kind = 'credit_note' ORDER BY id",
        )
        .and_then(|mut st| st.query_map([number], |row| Ok((row.get(0)?, row.get(1)?)))?.collect())
        .map_err(store_error(format!("read the credit notes of {number}")))?;
    let (numbers, grosses) = credits.into_iter().unzip();
    invoice.credit_notes = numbers;
    Ok((invoice, grosses))
}

/// What invoice `number` was paid so far, from its latest payment row's running total
/// (one index lookup), or summed from its rows when that row predates the total.
fn paid_so_far(conn: &Connection, number: &str) -> Result<rust_decimal::Decimal> {
    let read = || store_error(format!("read the payments of {number}"));
    let latest: Option<Option<String>> = conn
        .prepare_cached("SELECT paid_after FROM payments WHERE invoice = ?1 ORDER BY seq DESC LIMIT 1")
        .and_then(|mut st| st.query_row([number], |row| row.get(0)).optional())
        .map_err(read())?;
    payments::paid_so_far(number, latest, || {
        conn.prepare_cached("SELECT amount FROM payments WHERE invoice = ?1 ORDER BY seq")
            .and_then(|mut st| st.query_map([number], |row| row.get(0))?.collect())
            .map_err(read())
    })
}

fn payment_columns(row: &rusqlite::Row<'_>) -> rusqlite::Result<[Option<String>; 12]> {
    let mut columns: [Option<String>; 12] = Default::default();
    for (i, column) in columns.iter_mut().enumerate() {
        *column = row.get(i)?;
    }
    Ok(columns)
}

pub(super) fn payment_rows(
    conn: &Connection,
    invoice: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<crate::receivables::PaymentRecord>> {
    let sql = payments::select_payments(invoice.is_some(), |n| format!("?{n}"));
    let mut statement = conn.prepare_cached(&sql).map_err(store_error("read payments"))?;
    let rows = statement
        .query_map(params![invoice, from.map(|d| d.to_string()), to.map(|d| d.to_string())], payment_columns)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(store_error("read payments"))?;
    rows.into_iter().map(payments::record_from).collect()
}

/// A table's columns and rows, every value as text, for `store copy` (SPEC 12.7).
fn table_rows(conn: &Connection, name: &str, order: &str) -> Result<crate::store::TableRows> {
    let fail = || store_error(format!("read {name}"));
    let columns: Vec<String> = {
        let mut st =
            conn.prepare(&format!("SELECT name FROM pragma_table_info('{name}') ORDER BY cid")).map_err(fail())?;
        let rows = st.query_map([], |r| r.get(0));
        rows.and_then(Iterator::collect::<rusqlite::Result<Vec<String>>>).map_err(fail())?
    };
    let sql = crate::store::table_select(name, &columns, |c| format!("CAST({c} AS TEXT)"), order);
    let mut st = conn.prepare(&sql).map_err(fail())?;
    let width = columns.len();
    let rows = st.query_map([], |r| (0..width).map(|i| r.get::<_, Option<String>>(i)).collect());
    let rows = rows.and_then(Iterator::collect::<rusqlite::Result<Vec<Vec<Option<String>>>>>).map_err(fail())?;
    Ok(crate::store::TableRows { name: name.to_owned(), columns, rows })
}
