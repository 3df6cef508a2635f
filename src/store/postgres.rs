//! The PostgreSQL engine: one database shared by every host.
//!
//! * Numbering: the counter row of a series and year is advanced with
//!   `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which locks the row until the
//!   transaction that stores the invoice commits or rolls back — gapless and unique across
//!   every process on every host.
//! * Issued invoices are immutable and the audit log is append-only: triggers refuse the
//!   forbidden updates, deletes and truncates, whoever connects.
//! * Migrations run under a transaction-scoped advisory lock, so hosts starting together
//!   wait for each other; a database from a newer version is refused.
//! * A connection that broke (the server restarted) is dropped by the pool and a new one
//!   opened on the next call; while the server cannot be reached every call is
//!   [`Error::Unavailable`].
//!
//! Everything is asynchronous, in [`AsyncPostgres`] (tokio-postgres, a deadpool pool,
//! statements prepared once per connection): the daemon's pool holds `--db-pool`
//! connections, a command's one. TLS is rustls (see [`super::pg_url`]).
//!
//! Text the server cannot store (a NUL) never reaches it: a number or cursor holding one
//! names nothing, so it is not found (SPEC 15), rather than a server error.

use super::GroupStats;
mod customers;
mod payments;
mod reminders;

use super::pg_url::Target;
use super::{
    Actor, AuditEntry, Dump, Engine, Fut, InvoiceRow, Issue, Issued, KeyDecision, KeyRow, ListFilter, Parts,
    ROW_COLUMNS, StatusChange, Summary, SummaryColumns, format_number, is_credit_note, now_utc, parts_to_invoice,
};
use crate::error::{Error, Result};
use crate::invoice::rules;
use crate::invoice::{Invoice, Status};
use chrono::NaiveDate;
use deadpool_postgres::{GenericClient, Pool};
use payments::{PendingPayment, payment_rows};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio_postgres::types::ToSql;
use tokio_postgres::{IsolationLevel, Row};

/// The schema version this build writes; a database with a higher one is refused.
const SCHEMA_VERSION: i64 = 7;
/// The advisory lock payments are numbered under (one payment numbered at a time).
const PAYMENT_LOCK: i64 = 0x0070_6179_6d65_6e74;

/// Advisory lock key for migrations (any constant; "invoice" in ASCII).
const MIGRATION_LOCK: i64 = 0x0069_6e76_6f69_6365;

/// A PostgreSQL error while doing something, as the store's error.
type PgError = tokio_postgres::Error;

/// Runs `sql` as a statement prepared once per connection and kept: a create runs the same
/// few statements every time, and preparing each again would cost a round trip while the
/// counter row is locked.
async fn query(client: &impl GenericClient, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>, PgError> {
    let statement = client.prepare_cached(sql).await?;
    client.query(&statement, params).await
}

async fn query_opt(
    client: &impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Option<Row>, PgError> {
    let statement = client.prepare_cached(sql).await?;
    client.query_opt(&statement, params).await
}

async fn execute(client: &impl GenericClient, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, PgError> {
    let statement = client.prepare_cached(sql).await?;
    client.execute(&statement, params).await
}

/// The PostgreSQL store for async callers: a pool of connections, each call taking one.
/// Cloning it shares the pool.
#[derive(Clone)]
pub(crate) struct AsyncPostgres {
    pool: Pool,
    target: Arc<Target>,
}

impl AsyncPostgres {
    /// Connects with a pool of up to `size` connections, checks the schema version and
    /// migrates under the advisory lock.
    ///
    /// # Errors
    /// [`Error::Usage`] for a malformed URL, [`Error::Unavailable`] when the server cannot
    /// be reached (naming the host), [`Error::Store`] for a newer schema or a failed migration.
    pub(crate) async fn open(url: &str, size: usize) -> Result<AsyncPostgres> {
        let target = Arc::new(Target::parse(url)?);
        let store = AsyncPostgres { pool: target.pool(size, super::pg_url::POOL_WAIT)?, target };
        store.migrate().await?;
        Ok(store)
    }

    /// A connection from the pool (a new one when none is idle and the pool has room).
    async fn client(&self) -> Result<deadpool_postgres::Client> {
        self.target.checkout(&self.pool).await
    }

    fn err(&self, action: impl Into<String>) -> impl FnOnce(PgError) -> Error + '_ {
        let action = action.into();
        move |e| self.target.error(action, &e)
    }

    /// Closes the pool: idle connections are closed, busy ones when they come back.
    pub(crate) fn close(&self) {
        self.pool.close();
    }

    /// The pool's gauges in the Prometheus text format, appended to `out`.
    pub(crate) fn render_pool_metrics(&self, out: &mut String) {
        let status = self.pool.status();
        let gauges = [
            ("invoice_store_pool_connections", "Open connections to PostgreSQL (busy or idle).", status.size),
            ("invoice_store_pool_idle", "Idle connections to PostgreSQL.", status.available),
            ("invoice_store_pool_waiting", "Requests waiting for a PostgreSQL connection.", status.waiting),
        ];
        for (name, help, value) in gauges {
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"));
        }
    }

    async fn migrate(&self) -> Result<()> {
        let fail = |e: PgError| self.target.error("migrate the store", &e);
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(fail)?;
        tx.batch_execute("CREATE TABLE IF NOT EXISTS invoice_schema (version BIGINT NOT NULL)").await.map_err(fail)?;
        let version: Option<i64> = tx
            .query_opt("SELECT max(version) FROM invoice_schema", &[])
            .await
            .map_err(fail)?
            .and_then(|row| row.get(0));
        let version = version.unwrap_or(0);
        if version > SCHEMA_VERSION {
            return Err(Error::Store {
                action: format!("open the store {}", self.target.shown()),
                message: format!(
                    "it was written by a newer version of invoice (schema {version}, this one knows {SCHEMA_VERSION}); \
                     upgrade invoice to use it"
                ),
            });
        }
        if version < 1 {
            tx.batch_execute(SCHEMA_1).await.map_err(fail)?;
        }
        if version < 2 {
            tx.batch_execute(SCHEMA_2).await.map_err(fail)?;
        }
        if version < 3 {
            tx.batch_execute(SCHEMA_3).await.map_err(fail)?;
        }
        if version < 4 {
            tx.batch_execute(customers::SCHEMA_4).await.map_err(fail)?;
        }
        if version < 5 {
            tx.batch_execute(super::payments::POSTGRES_PAID_AFTER).await.map_err(fail)?;
        }
        if version < 6 {
            tx.batch_execute(SCHEMA_6).await.map_err(fail)?;
        }
        if version < 7 {
            tx.batch_execute(super::payments::POSTGRES_PARTIAL_UNIQUES).await.map_err(fail)?;
        }
        if version < SCHEMA_VERSION {
            tx.execute("DELETE FROM invoice_schema", &[]).await.map_err(fail)?;
            tx.execute("INSERT INTO invoice_schema (version) VALUES ($1)", &[&SCHEMA_VERSION]).await.map_err(fail)?;
        }
        tx.commit().await.map_err(fail)
    }
}

/// The first schema: the same tables and rules as the SQLite store's.
const SCHEMA_1: &str = r"
CREATE TABLE invoices (
    id                BIGSERIAL PRIMARY KEY,
    number            TEXT   NOT NULL UNIQUE,
    seq_series        TEXT   NOT NULL,
    seq_year          BIGINT NOT NULL,
    seq               BIGINT NOT NULL,
    kind              TEXT   NOT NULL,
    status            TEXT   NOT NULL,
    issue_date        TEXT   NOT NULL,
    buyer_name        TEXT   NOT NULL,
    currency          TEXT   NOT NULL,
    gross             TEXT   NOT NULL,
    due               TEXT   NOT NULL,
    created_at        TEXT   NOT NULL,
    document          TEXT   NOT NULL,
    paid_date         TEXT,
    void_reason       TEXT,
    credited_by       TEXT,
    status_changed_at TEXT,
    UNIQUE (seq_series, seq_year, seq)
);
CREATE INDEX invoices_status ON invoices (status);
CREATE INDEX invoices_issue_date ON invoices (issue_date);

CREATE FUNCTION invoice_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
END $$;

-- An issued invoice's content never changes (SPEC 2.4); only its status columns do.
CREATE TRIGGER invoices_content_is_immutable
BEFORE UPDATE OF id, number, seq_series, seq_year, seq, kind, issue_date, buyer_name, currency, gross, due,
                 created_at, document ON invoices
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('issued invoices are immutable');
CREATE TRIGGER invoices_are_never_deleted BEFORE DELETE ON invoices
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('issued invoices are never deleted');
CREATE TRIGGER invoices_are_never_truncated BEFORE TRUNCATE ON invoices
FOR EACH STATEMENT EXECUTE FUNCTION invoice_refuse('issued invoices are never deleted');

CREATE TABLE sequences (
    series TEXT   NOT NULL,
    year   BIGINT NOT NULL,
    last   BIGINT NOT NULL,
    PRIMARY KEY (series, year)
);

CREATE TABLE idempotency_keys (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    number      TEXT NOT NULL REFERENCES invoices (number),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    time       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    number     TEXT,
    request_id TEXT,
    detail     TEXT
);
CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('the audit log is append-only');
CREATE TRIGGER audit_log_is_never_truncated BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION invoice_refuse('the audit log is append-only');

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    client       TEXT NOT NULL,
    hash         TEXT NOT NULL UNIQUE,
    scopes       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    revoked_at   TEXT,
    last_used_at TEXT
);
";

/// Credit notes point at their invoice in a column derived from the (immutable) document,
/// so an invoice's credits are summed and listed through an index (SPEC 11); an index on
/// issue dates per series and year serves `[defaults] chronological`. As in SQLite's
/// second migration.
const SCHEMA_2: &str = r"
ALTER TABLE invoices ADD COLUMN preceding_invoice TEXT
    GENERATED ALWAYS AS ((document::jsonb) ->> 'preceding_invoice') STORED;
CREATE INDEX invoices_preceding_invoice ON invoices (preceding_invoice);
CREATE INDEX invoices_series_dates ON invoices (seq_series, seq_year, issue_date);
";

/// The first two migrations, for the test that migrates a store written before payments.
#[cfg(test)]
pub(crate) const SCHEMA_BEFORE_PAYMENTS: [&str; 2] = [SCHEMA_1, SCHEMA_2];

/// Payments and reminders (SPEC 12.7), as in SQLite's third migration: rows never changed
/// or deleted; invoices paid before get one payment row for their amount due.
const SCHEMA_3: &str = r"
CREATE TABLE payments (
    seq                BIGINT PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    invoice            TEXT NOT NULL REFERENCES invoices (number),
    date               TEXT NOT NULL,
    amount             TEXT NOT NULL,
    currency           TEXT NOT NULL,
    method             TEXT,
    reference          TEXT,
    reverses           TEXT UNIQUE REFERENCES payments (id),
    reason             TEXT,
    outstanding_before TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    actor              TEXT NOT NULL,
    request_id         TEXT,
    idem_scope         TEXT,
    idem_key           TEXT,
    fingerprint        TEXT,
    UNIQUE (idem_scope, idem_key)
);
CREATE INDEX payments_invoice ON payments (invoice);
CREATE INDEX payments_date ON payments (date);
CREATE TRIGGER payments_are_immutable BEFORE UPDATE ON payments
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('payments are never changed; reverse one instead');
CREATE TRIGGER payments_are_never_deleted BEFORE DELETE ON payments
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('payments are never deleted; reverse one instead');
CREATE TRIGGER payments_are_never_truncated BEFORE TRUNCATE ON payments
FOR EACH STATEMENT EXECUTE FUNCTION invoice_refuse('payments are never deleted; reverse one instead');
INSERT INTO payments (seq, id, invoice, date, amount, currency, reference, outstanding_before, created_at, actor)
SELECT n, 'PAY-' || lpad(n::text, 6, '0'), number, paid_date, due, currency, 'recorded before payments were kept', due,
       coalesce(status_changed_at, created_at), 'migration'
FROM (SELECT row_number() OVER (ORDER BY id) AS n, number, paid_date, due, currency, status_changed_at, created_at
      FROM invoices
      WHERE kind = 'invoice' AND paid_date IS NOT NULL AND due::numeric <> 0) AS paid;
CREATE TABLE reminders (
    invoice    TEXT   NOT NULL REFERENCES invoices (number),
    level      BIGINT NOT NULL,
    date       TEXT   NOT NULL,
    fee        TEXT   NOT NULL,
    interest   TEXT   NOT NULL,
    balance    TEXT   NOT NULL,
    pay_by     TEXT   NOT NULL,
    currency   TEXT   NOT NULL,
    actor      TEXT   NOT NULL,
    created_at TEXT   NOT NULL,
    PRIMARY KEY (invoice, level)
);
CREATE TRIGGER reminders_are_immutable BEFORE UPDATE OR DELETE ON reminders
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('reminders are never changed');
";

/// The columns a document determines (the invoice a credit note credits, its customer) are
/// written by the create instead of derived by the server: deriving them parsed each
/// document as JSON twice per insert, most of an insert's cost while the counter row is
/// locked (issue #20). The values stay (`DROP EXPRESSION`), and the immutability trigger
/// now covers the two columns; `store check` compares them with the documents.
const SCHEMA_6: &str = r"
ALTER TABLE invoices ALTER COLUMN preceding_invoice DROP EXPRESSION;
ALTER TABLE invoices ALTER COLUMN customer DROP EXPRESSION;
DROP TRIGGER invoices_content_is_immutable ON invoices;
CREATE TRIGGER invoices_content_is_immutable
BEFORE UPDATE OF id, number, seq_series, seq_year, seq, kind, issue_date, buyer_name, currency, gross, due,
                 created_at, document, preceding_invoice, customer ON invoices
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('issued invoices are immutable');
";

const COLUMNS: &str = "number, status, document, paid_date, void_reason, credited_by";

const KEY_COLUMNS: &str = "id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at";

/// Reads a summary's columns ([`super::summary_select`]; the document never reaches
/// Rust, the server extracts the due date itself).
fn summary(row: &Row) -> Result<SummaryColumns, PgError> {
    Ok(SummaryColumns {
        text: [
            row.try_get(0)?,
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
            row.try_get(4)?,
            row.try_get(5)?,
            row.try_get(6)?,
            row.try_get(7)?,
        ],
        optional: [row.try_get(8)?, row.try_get(9)?, row.try_get(10)?, row.try_get(11)?, row.try_get(12)?],
    })
}

fn parts(row: &Row) -> Result<Parts, PgError> {
    Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?, row.try_get(3)?, row.try_get(4)?, row.try_get(5)?))
}

fn audit_entry(row: &Row) -> Result<AuditEntry, PgError> {
    Ok(AuditEntry {
        time: row.try_get(0)?,
        actor: row.try_get(1)?,
        action: row.try_get(2)?,
        number: row.try_get(3)?,
        request_id: row.try_get(4)?,
        detail: row.try_get(5)?,
    })
}

fn key_row(row: &Row) -> Result<KeyRow, PgError> {
    Ok(KeyRow {
        id: row.try_get(0)?,
        client: row.try_get(1)?,
        hash: row.try_get(2)?,
        scopes: row.try_get(3)?,
        created_at: row.try_get(4)?,
        expires_at: row.try_get(5)?,
        revoked_at: row.try_get(6)?,
        last_used_at: row.try_get(7)?,
    })
}

async fn get_in(client: &impl GenericClient, target: &Target, number: &str, lock: bool) -> Result<Invoice> {
    let sql = format!("SELECT {COLUMNS} FROM invoices WHERE number = $1{}", if lock { " FOR UPDATE" } else { "" });
    let read = |e: PgError| target.error(format!("read invoice {number}"), &e);
    let row = query_opt(client, &sql, &[&number])
        .await
        .map_err(read)?
        .ok_or_else(|| Error::NotFound { what: format!("invoice {}", crate::security::text::display_safe(number)) })?;
    let mut invoice = parts_to_invoice(parts(&row).map_err(read)?)?;
    invoice.credit_notes = credit_note_column(client, target, number, "number").await?;
    Ok(invoice)
}

/// One column (`number` or `gross`) of the credit notes issued against `number`, oldest first.
async fn credit_note_column(
    client: &impl GenericClient,
    target: &Target,
    number: &str,
    column: &str,
) -> Result<Vec<String>> {
    let read = |e: PgError| target.error(format!("read the credit notes of {number}"), &e);
    let sql =
        format!("SELECT {column} FROM invoices WHERE preceding_invoice = $1 AND kind = 'credit_note' ORDER BY id");
    let rows = query(client, &sql, &[&number]).await.map_err(read)?;
    rows.iter().map(|row| row.try_get(0).map_err(read)).collect()
}

async fn append_audit(
    client: &impl GenericClient,
    target: &Target,
    actor: &Actor,
    action: &str,
    number: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    execute(
        client,
        "INSERT INTO audit_log (time, actor, action, number, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        &[&now_utc(), &actor.name, &action, &number, &actor.request_id, &detail],
    )
    .await
    .map_err(|e| target.error("write the audit log", &e))?;
    Ok(())
}

async fn insert_key(client: &impl GenericClient, target: &Target, row: &KeyRow) -> Result<bool> {
    let inserted = execute(
        client,
        "INSERT INTO api_keys (id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
        &[
            &row.id,
            &row.client,
            &row.hash,
            &row.scopes,
            &row.created_at,
            &row.expires_at,
            &row.revoked_at,
            &row.last_used_at,
        ],
    )
    .await
    .map_err(|e| target.error("issue an API key", &e))?;
    Ok(inserted == 1)
}

impl AsyncPostgres {
    /// The rows `filter` selects, in creation order, each read by `read` (the buyer filter
    /// is applied by `Store`, the same for both engines).
    ///
    /// A page (`limit` set) is read under a SHARE lock on the invoices: it waits for the
    /// creates and changes in flight and holds new ones back for the read. Ids are taken
    /// when a row is inserted, so with several series (or hosts) a later id can commit
    /// before an earlier one; a page read in between would end past the earlier row, and
    /// a client paging on with `after` would never see it. Under the lock every id below
    /// the page's last is committed (or never will be).
    async fn select<T>(&self, filter: &ListFilter, columns: &str, read: impl Fn(&Row) -> Result<T>) -> Result<Vec<T>> {
        if let Some(cursor) = filter.after.as_ref().filter(|a| a.contains('\0')) {
            return Err(Error::UnknownCursor { cursor: cursor.clone() });
        }
        let mut client = self.client().await?;
        let client = client.transaction().await.map_err(self.err("list invoices"))?;
        if filter.limit.is_some() {
            client.batch_execute("LOCK TABLE invoices IN SHARE MODE").await.map_err(self.err("list invoices"))?;
        }
        let after_id: i64 = match &filter.after {
            Some(number) => query_opt(&client, "SELECT id FROM invoices WHERE number = $1", &[number])
                .await
                .map_err(self.err("list invoices"))?
                .ok_or_else(|| Error::UnknownCursor { cursor: number.clone() })?
                .try_get(0)
                .map_err(self.err("list invoices"))?,
            None => 0,
        };
        let limit = filter.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
        let sql = format!(
            "SELECT {columns} FROM invoices
             WHERE id > $1
               AND ($2::text IS NULL OR status = $2)
               AND ($3::text IS NULL OR issue_date >= $3)
               AND ($4::text IS NULL OR issue_date <= $4)
               AND ($6::text IS NULL OR (kind = 'invoice' AND status IN ('issued', 'partially_paid')
                                         AND (document::jsonb) ->> 'due_date' < $6))
             ORDER BY id LIMIT $5"
        );
        let rows = query(
            &client,
            &sql,
            &[
                &after_id,
                &filter.status.map(Status::as_str),
                &filter.from.map(|d| d.to_string()),
                &filter.to.map(|d| d.to_string()),
                &limit,
                &filter.overdue_on.map(|d| d.to_string()),
            ],
        )
        .await
        .map_err(self.err("list invoices"))?;
        let page = rows.iter().map(&read).collect::<Result<Vec<T>>>()?;
        client.commit().await.map_err(self.err("list invoices"))?;
        Ok(page)
    }

    /// Stores one create inside `tx` (a savepoint of a batch) under sequence number `seq`
    /// of its series and year, whose counter row the batch holds: everything of
    /// [`super::Store::issue`] but advancing the counter and the commit. A replay (its
    /// idempotency key already names an invoice) takes no number.
    async fn issue_in(&self, tx: &impl GenericClient, issue: Issue, seq: i64) -> Result<Issued> {
        let Issue { mut invoice, pattern, chronological, idempotency, actor, occurrence } = issue;
        let (number_pattern, idempotency, actor, occurrence) =
            (pattern.as_str(), idempotency.as_ref(), &actor, occurrence.as_ref());
        let target = &self.target;
        if let Some(idem) = idempotency {
            // Two hosts with one key wait for each other here instead of racing.
            let lock_key = format!("{}\u{1f}{}", idem.scope, idem.key);
            execute(tx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", &[&lock_key])
                .await
                .map_err(self.err("lock the idempotency key"))?;
            execute(
                tx,
                "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND created_at < $3",
                &[&idem.scope, &idem.key, &super::idempotency_cutoff()],
            )
            .await
            .map_err(self.err("expire idempotency keys"))?;
            let earlier = query_opt(
                tx,
                "SELECT fingerprint, number FROM idempotency_keys WHERE scope = $1 AND key = $2",
                &[&idem.scope, &idem.key],
            )
            .await
            .map_err(self.err("read idempotency keys"))?;
            if let Some(row) = earlier {
                let (fingerprint, number): (String, String) = match (row.try_get(0), row.try_get(1)) {
                    (Ok(f), Ok(n)) => (f, n),
                    (Err(e), _) | (_, Err(e)) => return Err(self.err("read idempotency keys")(e)),
                };
                if fingerprint != idem.fingerprint {
                    return Err(Error::Conflict {
                        kind: crate::error::ConflictKind::IdempotencyKeyReused,
                        message: format!(
                            "idempotency key `{}` was already used for a different draft (invoice {number})",
                            idem.key
                        ),
                    });
                }
                let invoice = get_in(tx, target, &number, false).await?;
                return Ok(Issued { invoice, replayed: true });
            }
        }

        let (year, seq_series, seq_year) = super::sequence_key(&invoice, number_pattern);
        if chronological {
            // The batch holds the counter row of this series and year: the check is
            // serialized with every other create of it, on every host.
            let latest = query_opt(
                tx,
                "SELECT issue_date, number FROM invoices WHERE seq_series = $1 AND seq_year = $2
                 ORDER BY issue_date DESC LIMIT 1",
                &[&seq_series, &seq_year],
            )
            .await
            .map_err(self.err("read the latest issue date"))?;
            let latest = match latest {
                Some(row) => {
                    let (date, number): (String, String) = match (row.try_get(0), row.try_get(1)) {
                        (Ok(d), Ok(n)) => (d, n),
                        (Err(e), _) | (_, Err(e)) => return Err(self.err("read the latest issue date")(e)),
                    };
                    date.parse::<NaiveDate>().ok().map(|d| (d, number))
                }
                None => None,
            };
            rules::check_chronological(invoice.issue_date, latest)?;
        }
        let number = format_number(number_pattern, &invoice.series, year, seq);
        if let Some(occurrence) = occurrence {
            customers::check_occurrence(tx, self, occurrence).await?;
        }
        let created_at = super::stamp(&mut invoice, &number);
        if let Some(preceding) = invoice.preceding_invoice.clone().filter(|_| is_credit_note(&invoice)) {
            // The invoice's row stays locked: two credit notes for it are checked in turn.
            let original = get_in(tx, target, &preceding, true).await?;
            let credited_before =
                super::sum_gross(&preceding, &credit_note_column(tx, target, &preceding, "gross").await?)?;
            rules::check_credit(&preceding, &original, credited_before, &mut invoice)?;
            // The credited invoice's status follows its balance (SPEC 12.1), as on SQLite.
            let payments = payment_rows(tx, target, Some(&preceding), None, None).await?;
            let grosses = credit_note_column(tx, target, &preceding, "gross").await?;
            let change = super::reminders::after_credit(
                &original,
                &payments,
                &grosses,
                invoice.totals.gross,
                invoice.issue_date,
            )?;
            if let Some(change) = change {
                let credited_by = (change.status == Status::Credited).then_some(&number);
                execute(
                    tx,
                    "UPDATE invoices SET status = $2, paid_date = $3, credited_by = coalesce($4, credited_by),
                                         status_changed_at = $5 WHERE number = $1",
                    &[&preceding, &change.status.as_str(), &change.paid_date, &credited_by, &created_at],
                )
                .await
                .map_err(self.err("mark the invoice credited"))?;
            }
        }
        let row = IssuedRow::of(&invoice, &number, (&seq_series, seq_year, seq), &created_at, actor)?;
        let (scope, key, fingerprint) = match idempotency {
            Some(idem) => (Some(&idem.scope), Some(&idem.key), Some(&idem.fingerprint)),
            None => (None, None, None),
        };
        // The invoice, its idempotency key and its audit entry in one statement: one round
        // trip fewer while the counter row is locked.
        execute(
            tx,
            "WITH inv AS (
                 INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name,
                                       currency, gross, due, created_at, document, preceding_invoice, customer)
                 VALUES ($1, $2, $3, $4, $5, 'issued', $6, $7, $8, $9, $10, $11, $12, $20, $21)
                 RETURNING number
             ), idem AS (
                 INSERT INTO idempotency_keys (scope, key, fingerprint, number, created_at)
                 SELECT $13, $14, $15, number, $11 FROM inv WHERE $13::text IS NOT NULL
             )
             INSERT INTO audit_log (time, actor, action, number, request_id, detail)
             SELECT $11, $16, $17, number, $18, $19 FROM inv",
            &[
                &row.number,
                &row.seq_series,
                &row.seq_year,
                &row.seq,
                &row.kind,
                &row.issue_date,
                &row.buyer_name,
                &row.currency,
                &row.gross,
                &row.due,
                &row.created_at,
                &row.document,
                &scope,
                &key,
                &fingerprint,
                &row.actor,
                &row.action,
                &row.request_id,
                &row.detail,
                &row.preceding_invoice,
                &row.customer,
            ],
        )
        .await
        .map_err(self.err(format!("store invoice {number}")))?;
        if let Some(occurrence) = occurrence {
            customers::link_occurrence(tx, self, occurrence, &number).await?;
        }
        Ok(Issued { invoice, replayed: false })
    }

    /// See [`super::Store::get`].
    pub(crate) async fn get(&self, number: &str) -> Result<Invoice> {
        if number.contains('\0') {
            return Err(not_found(number));
        }
        let client = self.client().await?;
        get_in(&client, &self.target, number, false).await
    }

    /// A table's columns and rows, every value as text, for `store copy` (SPEC 12.7).
    async fn table_rows(&self, client: &impl GenericClient, name: &str, order: &str) -> Result<super::TableRows> {
        let columns: Vec<String> = query(
            client,
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position",
            &[&name],
        )
        .await
        .map_err(self.err(format!("read {name}")))?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, PgError>>()
        .map_err(self.err(format!("read {name}")))?;
        let sql = super::table_select(name, &columns, |c| format!("{c}::text"), order);
        let rows = query(client, &sql, &[])
            .await
            .map_err(self.err(format!("read {name}")))?
            .iter()
            .map(|r| (0..columns.len()).map(|i| r.try_get::<_, Option<String>>(i)).collect())
            .collect::<Result<_, PgError>>()
            .map_err(self.err(format!("read {name}")))?;
        Ok(super::TableRows { name: name.to_owned(), columns, rows })
    }

    /// See [`super::Store::list`].
    pub(crate) async fn list(&self, filter: &ListFilter) -> Result<Vec<Invoice>> {
        self.select(filter, COLUMNS, |row| parts_to_invoice(parts(row).map_err(self.err("list invoices"))?)).await
    }

    /// See [`super::Store::list_summaries`].
    pub(crate) async fn list_summaries(&self, filter: &ListFilter) -> Result<Vec<Summary>> {
        let columns = super::summary_select("string_agg", "(document::jsonb) ->> 'due_date'");
        self.select(filter, &columns, |row| summary(row).map_err(self.err("list invoices"))?.summary()).await
    }

    /// See [`super::Store::change_status`].
    pub(crate) async fn change_status(&self, number: &str, change: &StatusChange, actor: &Actor) -> Result<Invoice> {
        if number.contains('\0') {
            return Err(not_found(number));
        }
        let target = &self.target;
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err("start a transaction"))?;
        let current = get_in(&tx, target, number, true).await?;
        if matches!(change, StatusChange::Void { .. }) {
            // The invoice row is locked (`FOR UPDATE`) as a payment locks it: a payment
            // waits for this transaction, or this one sees it. First, so that a paid
            // invoice's refusal names the remedy (a credit note).
            let rows = payment_rows(&tx, target, Some(number), None, None).await?;
            let grosses = credit_note_column(&tx, target, number, "gross").await?;
            super::payments::check_void(&current, &rows, &grosses)?;
        }
        let (action, detail) = rules::check_status_change(number, current.status, change)?;
        let now = now_utc();
        match change {
            StatusChange::Paid { date } => {
                execute(
                    &tx,
                    "UPDATE invoices SET status = 'paid', paid_date = $2, status_changed_at = $3 WHERE number = $1",
                    &[&number, &date.to_string(), &now],
                )
                .await
            }
            StatusChange::Void { reason } => {
                execute(
                    &tx,
                    "UPDATE invoices SET status = 'void', void_reason = $2, status_changed_at = $3 WHERE number = $1",
                    &[&number, reason, &now],
                )
                .await
            }
        }
        .map_err(self.err(format!("update invoice {number}")))?;
        append_audit(&tx, target, actor, action, Some(number), Some(&detail)).await?;
        let updated = get_in(&tx, target, number, false).await?;
        tx.commit().await.map_err(self.err(format!("commit the change of invoice {number}")))?;
        Ok(updated)
    }

    /// See [`super::Store::audit`].
    pub(crate) async fn audit(
        &self,
        actor: &Actor,
        action: &str,
        number: Option<&str>,
        detail: Option<&str>,
    ) -> Result<()> {
        let client = self.client().await?;
        append_audit(&client, &self.target, actor, action, number, detail).await
    }

    async fn audit_log(&self, since: Option<NaiveDate>) -> Result<Vec<AuditEntry>> {
        let client = self.client().await?;
        let rows = query(
            &client,
            "SELECT time, actor, action, number, request_id, detail FROM audit_log
             WHERE ($1::text IS NULL OR time >= $1) ORDER BY id",
            &[&since.map(|d| d.to_string())],
        )
        .await
        .map_err(self.err("read the audit log"))?;
        rows.iter().map(audit_entry).collect::<Result<_, _>>().map_err(self.err("read the audit log"))
    }

    async fn integrity_check(&self) -> Result<()> {
        // PostgreSQL checks its own pages; what can be asked is that the store answers, and
        // that the columns the creates derive from a document (SCHEMA_6) agree with it.
        let client = self.client().await?;
        let disagreeing = client
            .query(
                "SELECT number FROM invoices
                 WHERE preceding_invoice IS DISTINCT FROM (document::jsonb) ->> 'preceding_invoice'
                    OR customer IS DISTINCT FROM (document::jsonb) ->> 'customer'
                 ORDER BY id LIMIT 5",
                &[],
            )
            .await
            .map_err(self.err("check the store"))?;
        let numbers: Vec<String> = disagreeing.iter().filter_map(|row| row.try_get(0).ok()).collect();
        if disagreeing.is_empty() {
            return Ok(());
        }
        Err(Error::Store {
            action: "check the store".into(),
            message: format!(
                "the credited invoice or customer column of invoice(s) {} disagrees with the document",
                numbers.join(", ")
            ),
        })
    }

    /// See [`super::Store::key_rows`].
    pub(crate) async fn key_rows(&self, id: Option<&str>) -> Result<Vec<KeyRow>> {
        if id.is_some_and(|id| id.contains('\0')) {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        // Two statements, not one with `$1 IS NULL OR id = $1`: the daemon reads its key on
        // every request, and the server plans such a statement anew for each (a generic plan
        // cannot use the index), which was a fifth of its CPU time under load.
        let rows = match id {
            Some(id) => query(&client, &format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = $1"), &[&id]).await,
            None => query(&client, &format!("SELECT {KEY_COLUMNS} FROM api_keys ORDER BY created_at, id"), &[]).await,
        }
        .map_err(self.err("read API keys"))?;
        rows.iter().map(key_row).collect::<Result<_, _>>().map_err(self.err("read API keys"))
    }

    /// See [`super::Store::touch_key`].
    pub(crate) async fn touch_key(&self, id: &str, at: &str) -> Result<()> {
        let client = self.client().await?;
        execute(&client, "UPDATE api_keys SET last_used_at = $1 WHERE id = $2", &[&at, &id])
            .await
            .map_err(self.err("record the use of an API key"))?;
        Ok(())
    }

    async fn dump(&self) -> Result<Dump> {
        let mut client = self.client().await?;
        let tx = client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await
            .map_err(self.err("read the store"))?;
        let row = |r: &Row| -> Result<InvoiceRow, PgError> {
            let mut text: [String; 11] = Default::default();
            for (i, field) in text.iter_mut().enumerate() {
                *field = r.try_get(i)?;
            }
            Ok(InvoiceRow {
                text,
                ints: [r.try_get(11)?, r.try_get(12)?],
                optional: [r.try_get(13)?, r.try_get(14)?, r.try_get(15)?, r.try_get(16)?],
            })
        };
        let invoices = tx
            .query(&format!("SELECT {ROW_COLUMNS} FROM invoices ORDER BY id"), &[])
            .await
            .map_err(self.err("read invoices"))?
            .iter()
            .map(row)
            .collect::<Result<_, _>>()
            .map_err(self.err("read invoices"))?;
        let sequences = tx
            .query("SELECT series, year, last FROM sequences ORDER BY series, year", &[])
            .await
            .map_err(self.err("read counters"))?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
            .collect::<Result<_, PgError>>()
            .map_err(self.err("read counters"))?;
        let idempotency = tx
            .query("SELECT scope, key, fingerprint, number, created_at FROM idempotency_keys ORDER BY scope, key", &[])
            .await
            .map_err(self.err("read idempotency keys"))?
            .iter()
            .map(|r| Ok([r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?, r.try_get(4)?]))
            .collect::<Result<_, PgError>>()
            .map_err(self.err("read idempotency keys"))?;
        let audit = tx
            .query("SELECT time, actor, action, number, request_id, detail FROM audit_log ORDER BY id", &[])
            .await
            .map_err(self.err("read the audit log"))?
            .iter()
            .map(audit_entry)
            .collect::<Result<_, _>>()
            .map_err(self.err("read the audit log"))?;
        let keys = tx
            .query(&format!("SELECT {KEY_COLUMNS} FROM api_keys ORDER BY created_at, id"), &[])
            .await
            .map_err(self.err("read API keys"))?
            .iter()
            .map(key_row)
            .collect::<Result<_, _>>()
            .map_err(self.err("read API keys"))?;
        let catalog = customers::dump(&tx, self).await?;
        let mut tables = Vec::new();
        for (name, order) in super::COPIED_TABLES {
            tables.push(self.table_rows(&tx, name, order).await?);
        }
        tx.commit().await.map_err(self.err("read the store"))?;
        Ok(Dump { invoices, sequences, idempotency, audit, keys, catalog, tables })
    }

    async fn load(&self, dump: &Dump) -> Result<()> {
        let target = &self.target;
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err("write the copy"))?;
        tx.batch_execute("LOCK TABLE invoices, sequences, idempotency_keys, audit_log, api_keys IN EXCLUSIVE MODE")
            .await
            .map_err(self.err("lock the target"))?;
        let count: i64 = tx
            .query_one(
                "SELECT (SELECT count(*) FROM invoices) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM api_keys)
                      + (SELECT count(*) FROM sequences) + (SELECT count(*) FROM idempotency_keys)",
                &[],
            )
            .await
            .and_then(|r| r.try_get(0))
            .map_err(self.err("check that the target is empty"))?;
        let mut count = count + customers::count(&tx, self).await?;
        for (name, _) in super::COPIED_TABLES {
            let rows: i64 = tx
                .query_one(&format!("SELECT count(*) FROM {name}"), &[])
                .await
                .and_then(|r| r.try_get(0))
                .map_err(self.err("check that the target is empty"))?;
            count += rows;
        }
        if count > 0 {
            return Err(super::not_empty(&format!("{count} rows")));
        }
        customers::load_definitions(&tx, self, &dump.catalog).await?;
        let insert = tx
            .prepare(&format!(
                "INSERT INTO invoices ({ROW_COLUMNS}, preceding_invoice, customer)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                         ($11::text::jsonb) ->> 'preceding_invoice', ($11::text::jsonb) ->> 'customer')"
            ))
            .await
            .map_err(self.err("copy invoices"))?;
        for row in &dump.invoices {
            let t = &row.text;
            let o = &row.optional;
            tx.execute(
                &insert,
                &[
                    &t[0],
                    &t[1],
                    &t[2],
                    &t[3],
                    &t[4],
                    &t[5],
                    &t[6],
                    &t[7],
                    &t[8],
                    &t[9],
                    &t[10],
                    &row.ints[0],
                    &row.ints[1],
                    &o[0],
                    &o[1],
                    &o[2],
                    &o[3],
                ],
            )
            .await
            .map_err(self.err(format!("copy invoice {}", row.number())))?;
        }
        for (series, year, last) in &dump.sequences {
            tx.execute("INSERT INTO sequences (series, year, last) VALUES ($1, $2, $3)", &[series, year, last])
                .await
                .map_err(self.err("copy counters"))?;
        }
        for [scope, key, fingerprint, number, created_at] in &dump.idempotency {
            tx.execute(
                "INSERT INTO idempotency_keys (scope, key, fingerprint, number, created_at) VALUES ($1, $2, $3, $4, $5)",
                &[scope, key, fingerprint, number, created_at],
            )
            .await
            .map_err(self.err("copy idempotency keys"))?;
        }
        for e in &dump.audit {
            tx.execute(
                "INSERT INTO audit_log (time, actor, action, number, request_id, detail) VALUES ($1, $2, $3, $4, $5, $6)",
                &[&e.time, &e.actor, &e.action, &e.number, &e.request_id, &e.detail],
            )
            .await
            .map_err(self.err("copy the audit log"))?;
        }
        for key in &dump.keys {
            insert_key(&tx, target, key).await?;
        }
        customers::load_occurrences(&tx, self, &dump.catalog).await?;
        for table in &dump.tables {
            // The server turns each text value into its column's type.
            let columns = super::column_list(&table.columns);
            let sql = format!(
                "INSERT INTO {name} ({columns}) SELECT {columns} FROM json_populate_record(NULL::{name}, $1::text::json)",
                name = table.name
            );
            let insert = tx.prepare(&sql).await.map_err(self.err(format!("copy {}", table.name)))?;
            for row in &table.rows {
                let object: serde_json::Map<String, serde_json::Value> = table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.clone(), v.clone().map_or(serde_json::Value::Null, serde_json::Value::String)))
                    .collect();
                let json = serde_json::Value::Object(object).to_string();
                tx.execute(&insert, &[&json]).await.map_err(self.err(format!("copy {}", table.name)))?;
            }
        }
        tx.commit().await.map_err(self.err("commit the copy"))
    }

    /// Runs a batch of creates in one transaction, each in its own savepoint, and answers
    /// each once the batch committed (see [`Postgres`]). A batch that met a concurrent
    /// transaction in a deadlock (or a serialization failure) was rolled back as a whole:
    /// it runs again, after a short random pause, up to [`BATCH_ATTEMPTS`] times.
    ///
    /// With `queue`, the creates that arrived while the batch waited for its counter rows
    /// join it once it holds them ([`Queue::latecomers`]): another host's batch holds the
    /// counters most of the time when several share one database, and the creates that
    /// queue meanwhile would otherwise wait for a batch of their own — batches would shrink
    /// as hosts are added, and each costs a commit.
    async fn issue_batch(
        &self,
        batch: Vec<Pending>,
        queue: Option<&tokio::sync::Mutex<Queue>>,
        stats: Option<&GroupStats>,
    ) {
        let (mut issues, mut replies): (Vec<Issue>, Vec<_>) = batch.into_iter().map(|p| (p.issue, p.reply)).unzip();
        let mut attempt = 1;
        let result = loop {
            let mut joined: Vec<Pending> = Vec::new();
            // Asked once, or twice when a batch issued at once falls back (the room is shared).
            let mut room = MAX_GROUP.saturating_sub(issues.len());
            let mut late = |locked: &dyn Fn(&Issue) -> bool| -> Vec<Issue> {
                let Some(mut queue) = queue.and_then(|q| q.try_lock().ok()) else { return Vec::new() };
                let more = queue.latecomers(locked, room);
                room -= more.len();
                let issues = more.iter().map(|p| p.issue.clone()).collect();
                joined.extend(more);
                issues
            };
            let result = self.run_batch_with(issues.clone(), &mut late).await;
            for pending in joined {
                issues.push(pending.issue);
                replies.push(pending.reply);
            }
            match result {
                Err(e) if super::pg_url::is_conflict(&e) && attempt < BATCH_ATTEMPTS => {
                    log::warn!("a batch of {} creates met a concurrent transaction; retrying: {e}", issues.len());
                    tokio::time::sleep(retry_pause(attempt)).await;
                    attempt += 1;
                }
                result => break result,
            }
        };
        // Counted before anyone is answered, so whoever saw its answer sees the count.
        if let Some(stats) = stats {
            stats.count(replies.len());
        }
        answer(replies, result);
    }

    /// [`Self::run_batch_with`] without latecomers.
    #[cfg(test)]
    async fn run_batch(&self, issues: Vec<Issue>) -> Result<Vec<Result<Issued>>> {
        self.run_batch_with(issues, &mut |_| Vec::new()).await
    }

    /// One transaction for `issues`: the counter row of each series and year among them is
    /// locked once, first, in one order for every batch (so two batches, two hosts, never
    /// wait for each other in a circle over counters), each create runs all-or-nothing in
    /// its savepoint under the next number of its series, a refused one rolling back only
    /// itself and taking no number, then each counter is advanced once by the creates that
    /// stored, and one commit. `Err` when the batch as a whole failed (nothing of it is
    /// stored), also when one create met a deadlock or serialization failure: the
    /// transaction has then lost its place, and the caller runs the whole batch again.
    ///
    /// Once the counters are locked, `late` is asked for more creates whose counters are
    /// among them; they join the batch at its end.
    async fn run_batch_with(&self, mut issues: Vec<Issue>, late: &mut Latecomers<'_>) -> Result<Vec<Result<Issued>>> {
        if issues.iter().all(plain) {
            match self.issue_at_once(&issues, late).await? {
                AtOnce::Issued(outcomes) => return Ok(outcomes),
                AtOnce::Apart(joined) => issues.extend(joined),
            }
        }
        let mut keys: Vec<(String, i64)> = issues.iter().map(counter_key).collect();
        let mut counters: Vec<(String, i64)> = keys.clone();
        counters.sort();
        counters.dedup();
        let (series, years): (Vec<String>, Vec<i64>) = counters.into_iter().unzip();
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err("start a batch of creates"))?;
        // As a batch issued at once (see BEGIN_BATCH): the counters free at the commit
        // record, the creates answered after FLUSH_WAL.
        tx.batch_execute("SET LOCAL synchronous_commit = off").await.map_err(self.err("start a batch of creates"))?;
        let locked =
            query(&tx, LOCK_COUNTERS, &[&series, &years]).await.map_err(self.err("lock the number sequences"))?;
        let mut last = HashMap::with_capacity(locked.len());
        for row in &locked {
            let (series, year, value): (String, i64, i64) = match (row.try_get(0), row.try_get(1), row.try_get(2)) {
                (Ok(s), Ok(y), Ok(l)) => (s, y, l),
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                    return Err(self.err("lock the number sequences")(e));
                }
            };
            last.insert((series, year), (value, value));
        }
        for issue in late(&|issue| last.contains_key(&counter_key(issue))) {
            keys.push(counter_key(&issue));
            issues.push(issue);
        }
        // One savepoint stands open for the create in hand: a refused create rolls back to
        // it (which keeps it); after a stored one it is released and opened again, sent
        // with the next statement rather than on its own (the commit ends the last).
        let mut savepoint: Option<&str> = Some("SAVEPOINT one_create");
        let mut counters_advanced = false;
        let mut outcomes = Vec::with_capacity(issues.len());
        let mut rest = issues.into_iter().zip(keys).peekable();
        while let Some(first) = rest.next() {
            let mut run = vec![first];
            if plain(&run[0].0) {
                while let Some(next) = rest.next_if(|(issue, _)| plain(issue)) {
                    run.push(next);
                }
            }
            if run.len() > 1 {
                let ends_batch = rest.peek().is_none();
                let stored =
                    self.store_together(&tx, &run, &mut last, &mut outcomes, savepoint.take(), ends_batch).await?;
                if stored {
                    savepoint = Some("RELEASE SAVEPOINT one_create; SAVEPOINT one_create");
                    counters_advanced = ends_batch;
                    continue;
                }
            }
            for (issue, key) in run {
                let Some((_, next)) = last.get_mut(&key) else { return Err(unlocked(&key)) };
                if let Some(sql) = savepoint.take() {
                    tx.batch_execute(sql).await.map_err(self.err("start a savepoint"))?;
                }
                let outcome = self.issue_in(&tx, issue, *next + 1).await;
                match &outcome {
                    Ok(issued) => {
                        savepoint = Some("RELEASE SAVEPOINT one_create; SAVEPOINT one_create");
                        if !issued.replayed {
                            *next += 1;
                        }
                    }
                    Err(e) if super::pg_url::is_conflict(e) => return Err(same_error(e)),
                    Err(_) => {
                        tx.batch_execute("ROLLBACK TO SAVEPOINT one_create")
                            .await
                            .map_err(self.err("roll back a savepoint"))?;
                    }
                }
                outcomes.push(outcome);
            }
        }
        if !counters_advanced {
            let advanced = advanced_counters(&last);
            if !advanced.0.is_empty() {
                execute(&tx, ADVANCE_COUNTERS, &[&advanced.0, &advanced.1, &advanced.2])
                    .await
                    .map_err(self.err("advance the number sequences"))?;
            }
        }
        tx.commit().await.map_err(self.err("commit a batch of creates"))?;
        client.batch_execute(FLUSH_WAL).await.map_err(self.err("commit a batch of creates"))?;
        Ok(outcomes)
    }

    /// Issues a batch of plain creates ([`plain`]) in two round trips: `BEGIN` and the
    /// counters' lock sent together; then, with the creates that queued meanwhile (see
    /// [`Queue::latecomers`]: while other hosts hold the counters, this host's creates
    /// queue, and a batch that waited takes them all), one statement that advances the
    /// counters, numbers the creates and stores their invoices and audit entries, sent with
    /// the `COMMIT` and [`FLUSH_WAL`]. So the counter rows are locked for one wake-up of this
    /// process and the statement, not the flush ([`BEGIN_BATCH`]): each round trip under the
    /// lock waited, under load, for a busy daemon to be scheduled, and several daemons'
    /// batches queue behind each other's locks. The numbers are made by the server from each
    /// pattern split around its sequence number ([`super::number_around_seq`]); a random
    /// placeholder stands for the number in each document until the statement puts it in.
    ///
    /// [`AtOnce::Apart`] when nothing was stored and the batch is to be issued the other
    /// way ([`Self::run_batch_with`]): a create this cannot number ([`AtOnceBatch::add`]),
    /// or a statement that failed (a create the database refused: the other way finds
    /// which, and stores the rest).
    async fn issue_at_once(&self, issues: &[Issue], late: &mut Latecomers<'_>) -> Result<AtOnce> {
        let mut batch = AtOnceBatch { placeholder: number_placeholder()?, ..AtOnceBatch::default() };
        if !issues.iter().all(|issue| batch.add(issue.clone())) {
            return Ok(AtOnce::Apart(Vec::new()));
        }
        let mut counters: Vec<(String, i64)> = issues.iter().map(counter_key).collect();
        counters.sort();
        counters.dedup();
        let (series, years): (Vec<String>, Vec<i64>) = counters.into_iter().unzip();
        let pooled = self.client().await?;
        let lock = pooled.prepare_cached(LOCK_COUNTERS).await.map_err(self.err("prepare a batch of creates"))?;
        let statement = pooled.prepare_cached(ISSUE_AT_ONCE).await.map_err(self.err("prepare a batch of creates"))?;
        let transaction = HandDriven::new(pooled);
        let client = transaction.client()?;
        // Each statement is sent when first polled, in order (they are prepared already).
        let results = all_in_order::<Statement<'_>>(vec![
            simple(client, BEGIN_BATCH),
            Box::pin(client.query(&lock, &[&series, &years])),
        ])
        .await;
        let locked = match results.into_iter().collect::<Result<Vec<_>, _>>() {
            Ok(mut answers) => answers.pop().unwrap_or_default(),
            Err(e) => {
                transaction.roll_back().await;
                return Err(self.err("lock the number sequences")(e));
            }
        };
        // The creates that queued while the counters were locked by others join (another
        // host's batch holds them most of the time when several share one database).
        let held: std::collections::HashSet<(String, i64)> =
            locked.iter().filter_map(|row| Some((row.try_get(0).ok()?, row.try_get(1).ok()?))).collect();
        let joined = late(&|issue| plain(issue) && held.contains(&counter_key(issue)));
        if !joined.iter().all(|issue| batch.add(issue.clone())) {
            transaction.roll_back().await;
            return Ok(AtOnce::Apart(joined));
        }
        let params = batch.rows.params();
        let (before, width, after): (Vec<&str>, Vec<i32>, Vec<&str>) =
            batch.rows.number_parts.iter().map(|(b, w, a)| (b.as_str(), *w, a.as_str())).collect();
        let mut params: Vec<&(dyn ToSql + Sync)> = params.to_vec();
        params[0] = &before;
        params[3] = &width;
        params.extend([&after as &(dyn ToSql + Sync), &batch.placeholder]);
        let mut results = all_in_order::<Statement<'_>>(vec![
            Box::pin(client.query(&statement, &params)),
            simple(client, "COMMIT"),
            simple(client, FLUSH_WAL),
        ])
        .await;
        let numbered = match results.as_mut_slice() {
            [Ok(numbered), Ok(_), Ok(_)] => std::mem::take(numbered),
            // The statement failed, so the COMMIT rolled the transaction back.
            [Err(e), Ok(_), _] => {
                if !e.as_db_error().is_some_and(|e| e.code() == &tokio_postgres::error::SqlState::T_R_DEADLOCK_DETECTED)
                {
                    log::warn!("a batch of {} creates failed as one statement, issuing them apart: {e}", batch.len());
                }
                transaction.done();
                return Ok(AtOnce::Apart(joined));
            }
            // The COMMIT's outcome or its flush is unknown: the guard closes the connection.
            _ => {
                let e = results.into_iter().find_map(Result::err);
                return Err(match e {
                    Some(e) => self.err("commit a batch of creates")(e),
                    None => Error::Internal("a batch of creates was not sent".into()),
                });
            }
        };
        transaction.done();
        batch.answers(&numbered).map(AtOnce::Issued)
    }

    /// Stores a run of plain creates (see [`plain`]) in one statement, numbered in turn,
    /// sent together with `first` (the savepoint statement due, if any) and, when the run
    /// ends the batch (`ends_batch`), with the counters' advance: one round trip for the
    /// run while the counter rows are locked, and one statement for the server to plan
    /// instead of one per create. `Ok(false)` when the run failed: it is rolled back to the
    /// savepoint (the counters' advance with it), nothing of it stored and no number taken,
    /// and the caller stores its creates one by one.
    async fn store_together(
        &self,
        tx: &impl GenericClient,
        run: &[(Issue, (String, i64))],
        last: &mut HashMap<(String, i64), (i64, i64)>,
        outcomes: &mut Vec<Result<Issued>>,
        first: Option<&str>,
        ends_batch: bool,
    ) -> Result<bool> {
        let mut after = last.clone();
        let mut invoices = Vec::with_capacity(run.len());
        let mut rows = InvoiceRows::default();
        for (issue, key) in run {
            let counter = after.get_mut(key).ok_or_else(|| unlocked(key))?;
            counter.1 += 1;
            match plain_row(issue.clone(), counter.1) {
                Ok((invoice, row)) => {
                    rows.push(row);
                    invoices.push(invoice);
                }
                // One by one, that create gets its own error and the others their numbers.
                Err(_) => {
                    if let Some(sql) = first {
                        tx.batch_execute(sql).await.map_err(self.err("start a savepoint"))?;
                    }
                    return Ok(false);
                }
            }
        }
        let advanced = advanced_counters(&after);
        let params = rows.params();
        let mut statements: Vec<Statement<'_>> = Vec::with_capacity(3);
        if let Some(sql) = first {
            statements.push(simple(tx, sql));
        }
        statements.push(Box::pin(async { execute(tx, INSERT_PLAIN, &params).await.map(|_| Vec::new()) }));
        if ends_batch && !advanced.0.is_empty() {
            let advance: [&(dyn ToSql + Sync); 3] = [&advanced.0, &advanced.1, &advanced.2];
            statements.push(Box::pin(async move { execute(tx, ADVANCE_COUNTERS, &advance).await.map(|_| Vec::new()) }));
        }
        let mut results = all_in_order(statements).await.into_iter();
        if first.is_some()
            && let Some(Err(e)) = results.next()
        {
            return Err(self.err("start a savepoint")(e));
        }
        match results.next() {
            Some(Ok(_)) => {}
            Some(Err(e)) => {
                let e = self.err("store a batch of invoices")(e);
                if super::pg_url::is_conflict(&e) {
                    return Err(same_error(&e));
                }
                log::warn!("a run of {} creates failed together, storing them one by one: {e}", run.len());
                tx.batch_execute("ROLLBACK TO SAVEPOINT one_create")
                    .await
                    .map_err(self.err("roll back a savepoint"))?;
                return Ok(false);
            }
            None => return Err(Error::Internal("a run of creates was not sent".into())),
        }
        if let Some(Err(e)) = results.next() {
            return Err(self.err("advance the number sequences")(e));
        }
        *last = after;
        outcomes.extend(invoices.into_iter().map(|invoice| Ok(Issued { invoice, replayed: false })));
        Ok(true)
    }

    /// See `Engine::change_key`.
    async fn change_key(&self, id: Option<&str>, action: &str, decide: KeyDecision) -> Result<bool> {
        let target = &self.target;
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err(action))?;
        // One key writer at a time, like SQLite's write lock.
        tx.batch_execute("LOCK TABLE api_keys IN SHARE ROW EXCLUSIVE MODE").await.map_err(self.err(action))?;
        let row = match id.filter(|id| !id.contains('\0')) {
            Some(id) => {
                let sql = format!("SELECT {KEY_COLUMNS} FROM api_keys WHERE id = $1");
                let row = query_opt(&tx, &sql, &[&id]).await.map_err(self.err("read an API key"))?;
                row.as_ref().map(key_row).transpose().map_err(self.err("read an API key"))?
            }
            None => None,
        };
        let write = decide(row)?;
        if let Some((id, at)) = &write.revoke {
            execute(&tx, "UPDATE api_keys SET revoked_at = $1 WHERE id = $2", &[at, id])
                .await
                .map_err(self.err("revoke an API key"))?;
        }
        if let Some(row) = &write.insert
            && !insert_key(&tx, target, row).await?
        {
            // Dropping `tx` rolls the revocation back too.
            return Ok(false);
        }
        if let Some((actor, action, detail)) = &write.audit {
            append_audit(&tx, target, actor, action, None, Some(detail)).await?;
        }
        tx.commit().await.map_err(self.err(action))?;
        Ok(true)
    }
}

/// A create that only inserts its invoice (no idempotency key, no credit note, no
/// chronological check, no occurrence): one statement, which fails only when the database
/// does, so a run of them can be sent together.
fn plain(issue: &Issue) -> bool {
    issue.idempotency.is_none() && !issue.chronological && issue.occurrence.is_none() && !is_credit_note(&issue.invoice)
}

/// One statement of a pipeline ([`all_in_order`]) and the rows it answered (none for a
/// statement that answers none).
type Statement<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<Row>, PgError>> + Send + 'a>>;

/// A statement of the simple protocol (`BEGIN`, `COMMIT`, savepoints) as a [`Statement`].
fn simple<'a>(client: &'a impl GenericClient, sql: &'a str) -> Statement<'a> {
    Box::pin(async move { client.batch_execute(sql).await.map(|()| Vec::new()) })
}

/// Begins a batch of creates (or of payments, `postgres/payments.rs`). Its commit does not
/// wait for the WAL flush (`synchronous_commit = off`), so the counter rows (the payment
/// lock) are free again as soon as its commit record is written, not after the flush (a disk
/// sync, 0.3–3 ms here): several hosts' batches queue for those rows, and each held them
/// through its own sync. Nobody is answered before [`FLUSH_WAL`] made the batch durable, and
/// numbering stays gapless through a server crash: a batch that took the counters after this
/// one wrote its commit record after this one's, so a crash that loses this batch loses that
/// one too. What others may see for those few milliseconds is an invoice whose create was not
/// answered yet. A generic plan: with arrays as parameters the server plans the statements'
/// CTEs anew for every batch otherwise.
pub(super) const BEGIN_BATCH: &str =
    "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL synchronous_commit = off";

/// Waits until every commit written so far is on disk: a transaction of its own, with the
/// default synchronous commit, that writes a WAL record (a logical-decoding message, which
/// nothing reads unless logical decoding asks for its prefix) — so its commit flushes the WAL
/// up to its own commit record, and with it every earlier commit. A transaction that only
/// took a transaction id (`SELECT pg_current_xact_id()`) is not enough: the server commits a
/// transaction that wrote nothing else asynchronously, and `scripts/multi-host.sh`'s crash
/// found numbers acknowledged twice that way.
pub(super) const FLUSH_WAL: &str = "SELECT pg_logical_emit_message(true, 'invoice-flush', '')";

/// Locks the counter rows of a batch ($1 series, $2 years), made when missing, in the one
/// order every batch uses; answers their last numbers.
const LOCK_COUNTERS: &str = "INSERT INTO sequences (series, year, last)
     SELECT s, y, 0 FROM unnest($1::text[], $2::bigint[]) AS k (s, y) ORDER BY s COLLATE \"C\", y
     ON CONFLICT (series, year) DO UPDATE SET last = sequences.last RETURNING series, year, last";

/// Sets each counter a batch advanced to its new last number ([`advanced_counters`]).
const ADVANCE_COUNTERS: &str =
    "UPDATE sequences SET last = k.l FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS k (s, y, l)
     WHERE series = k.s AND year = k.y";

/// Stores a run of plain creates ([`InvoiceRows`]): their invoices and audit entries, in
/// the run's order (ids and audit entries follow the numbers).
const INSERT_PLAIN: &str = "WITH k AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                              $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[])
                              WITH ORDINALITY
             AS k (number, seq_series, seq_year, seq, kind, issue_date, buyer_name, currency, gross, due,
                   created_at, document, actor, action, request_id, detail, preceding_invoice, customer, ord)
     ), inv AS (
         INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name,
                               currency, gross, due, created_at, document, preceding_invoice, customer)
         SELECT number, seq_series, seq_year, seq, kind, 'issued', issue_date, buyer_name, currency, gross, due,
                created_at, document, preceding_invoice, customer
         FROM k ORDER BY ord
     )
     INSERT INTO audit_log (time, actor, action, number, request_id, detail)
     SELECT created_at, actor, action, number, request_id, detail FROM k ORDER BY ord";

/// Issues a batch of plain creates at once ([`AsyncPostgres::issue_at_once`]). Parameters:
/// the columns of [`INSERT_PLAIN`] with what comes before each sequence number in place of
/// `number` ($1) and its zero-padded width in place of `seq` ($4); what comes after it
/// ($19); the placeholder the number replaces in the documents ($20). Counters are locked
/// in the one order every batch uses. Answers each create's number, in order.
const ISSUE_AT_ONCE: &str = "WITH k AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                              $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
                              $19::text[])
                              WITH ORDINALITY
             AS k (before, seq_series, seq_year, width, kind, issue_date, buyer_name, currency, gross, due,
                   created_at, document, actor, action, request_id, detail, preceding_invoice, customer, after, ord)
     ), wanted AS (
         SELECT seq_series, seq_year, count(*) AS n FROM k GROUP BY seq_series, seq_year
     ), counters AS (
         INSERT INTO sequences (series, year, last)
         SELECT seq_series, seq_year, n FROM wanted ORDER BY seq_series COLLATE \"C\", seq_year
         ON CONFLICT (series, year) DO UPDATE SET last = sequences.last + EXCLUDED.last
         RETURNING series, year, last
     ), numbered AS (
         SELECT k.*, c.last - w.n + row_number() OVER (PARTITION BY k.seq_series, k.seq_year ORDER BY k.ord) AS seq
         FROM k JOIN wanted w USING (seq_series, seq_year)
                JOIN counters c ON c.series = k.seq_series AND c.year = k.seq_year
     ), named AS (
         SELECT numbered.*,
                before || CASE WHEN length(seq::text) >= width THEN seq::text ELSE lpad(seq::text, width, '0') END
                       || after AS number
         FROM numbered
     ), inv AS (
         INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name,
                               currency, gross, due, created_at, document, preceding_invoice, customer)
         SELECT number, seq_series, seq_year, seq, kind, 'issued', issue_date, buyer_name, currency, gross, due,
                created_at, replace(document, $20, number), preceding_invoice, customer
         FROM named ORDER BY ord
     ), audit AS (
         INSERT INTO audit_log (time, actor, action, number, request_id, detail)
         SELECT created_at, actor, action, number, request_id, detail FROM named ORDER BY ord
     )
     SELECT number FROM named ORDER BY ord";

/// A pooled connection in a transaction driven by hand — its `BEGIN` and `COMMIT` sent
/// together with other statements, which tokio-postgres' `Transaction` cannot do. Handed
/// back to the pool by [`HandDriven::done`] once the transaction ended (committed or rolled
/// back). Dropped before that (a panic or an early return between `BEGIN` and the end), it
/// closes the connection instead, so the server rolls the transaction back and no later
/// caller is handed a connection inside it.
pub(super) struct HandDriven(Option<deadpool_postgres::Client>);

impl HandDriven {
    pub(super) fn new(client: deadpool_postgres::Client) -> HandDriven {
        HandDriven(Some(client))
    }

    /// The connection (always there: only `done` and `Drop`, which end the guard, take it).
    pub(super) fn client(&self) -> Result<&deadpool_postgres::Client> {
        self.0.as_ref().ok_or_else(|| Error::Internal("a hand-driven transaction lost its connection".into()))
    }

    /// The transaction ended: the connection goes back to the pool.
    pub(super) fn done(mut self) {
        drop(self.0.take());
    }

    /// Rolls back after an error (the transaction may have ended already: then the
    /// server only warns), and hands the connection back.
    pub(super) async fn roll_back(self) {
        if let Ok(client) = self.client() {
            let _ = client.batch_execute("ROLLBACK").await;
        }
        self.done();
    }
}

impl Drop for HandDriven {
    fn drop(&mut self) {
        if let Some(client) = self.0.take() {
            drop(deadpool_postgres::Object::take(client));
        }
    }
}

/// What [`AsyncPostgres::issue_at_once`] did with a batch.
enum AtOnce {
    /// Stored and committed: each create's outcome, those that joined at the end.
    Issued(Vec<Result<Issued>>),
    /// Nothing stored: the batch is to be issued the other way, with the creates that
    /// joined it (at its end).
    Apart(Vec<Issue>),
}

/// A batch being made for [`ISSUE_AT_ONCE`]: each create stamped with the placeholder its
/// number replaces, and its row.
#[derive(Default)]
struct AtOnceBatch {
    placeholder: String,
    invoices: Vec<Invoice>,
    rows: InvoiceRows,
}

impl AtOnceBatch {
    fn len(&self) -> usize {
        self.invoices.len()
    }

    /// Adds a plain create; false when it cannot be issued at once: a pattern without a
    /// single `{seq}`, text JSON must escape around it, or a document that holds the
    /// placeholder by chance.
    fn add(&mut self, issue: Issue) -> bool {
        let Issue { mut invoice, pattern, actor, .. } = issue;
        let (year, seq_series, seq_year) = super::sequence_key(&invoice, &pattern);
        let Some((before, width, after)) = super::number_around_seq(&pattern, &invoice.series, year) else {
            return false;
        };
        let (Ok(width), true) = (i32::try_from(width), json_verbatim(&before) && json_verbatim(&after)) else {
            return false;
        };
        let referenced = invoice.payment.as_ref().is_some_and(|p| p.reference.is_some());
        let created_at = super::stamp(&mut invoice, &self.placeholder);
        let Ok(row) = IssuedRow::of(&invoice, &self.placeholder, (&seq_series, seq_year, 0), &created_at, &actor)
        else {
            return false;
        };
        // The number, and the payment reference when the number stands in for it.
        let expected = if invoice.payment.is_some() && !referenced { 2 } else { 1 };
        if row.document.matches(self.placeholder.as_str()).count() != expected {
            return false;
        }
        self.rows.push(row);
        self.rows.number_parts.push((before, width, after));
        self.invoices.push(invoice);
        true
    }

    /// The answers, from the numbers the statement gave, in order.
    fn answers(self, numbered: &[Row]) -> Result<Vec<Result<Issued>>> {
        if numbered.len() != self.invoices.len() {
            return Err(Error::Internal(format!(
                "a batch of {} creates was stored as {} invoices",
                self.invoices.len(),
                numbered.len()
            )));
        }
        let mut outcomes = Vec::with_capacity(self.invoices.len());
        for (mut invoice, row) in self.invoices.into_iter().zip(numbered) {
            let number: String = row
                .try_get(0)
                .map_err(|e| Error::Internal(format!("the numbers of a stored batch are unreadable: {e}")))?;
            if let Some(payment) = &mut invoice.payment
                && payment.reference.as_deref() == Some(self.placeholder.as_str())
            {
                payment.reference = Some(number.clone());
            }
            invoice.number = Some(number);
            outcomes.push(Ok(Issued { invoice, replayed: false }));
        }
        Ok(outcomes)
    }
}

/// A placeholder for a number in a document: random, so no invoice text holds it but by a
/// chance [`AsyncPostgres::issue_at_once`] checks for; letters and digits, so JSON keeps it
/// as it is.
fn number_placeholder() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("no randomness for a batch: {e}")))?;
    Ok(bytes.iter().fold(String::from("number-"), |mut out, b| {
        out.push_str(&format!("{b:02x}"));
        out
    }))
}

/// True when JSON writes `text` as it is (no quote, backslash or control character), so
/// it can replace a placeholder inside a JSON string.
fn json_verbatim(text: &str) -> bool {
    !text.chars().any(|c| c == '"' || c == '\\' || c.is_control())
}

/// The counters of `last` (before, after) that moved, as the columns of [`ADVANCE_COUNTERS`].
fn advanced_counters(last: &HashMap<(String, i64), (i64, i64)>) -> (Vec<String>, Vec<i64>, Vec<i64>) {
    let mut columns: (Vec<String>, Vec<i64>, Vec<i64>) = Default::default();
    for ((series, year), (before, after)) in last {
        if after > before {
            columns.0.push(series.clone());
            columns.1.push(*year);
            columns.2.push(*after);
        }
    }
    columns
}

/// An issued invoice's row and its audit entry, as a create writes them.
struct IssuedRow {
    number: String,
    seq_series: String,
    seq_year: i64,
    seq: i64,
    kind: &'static str,
    issue_date: String,
    buyer_name: String,
    currency: String,
    gross: String,
    due: String,
    created_at: String,
    document: String,
    actor: String,
    action: &'static str,
    request_id: Option<String>,
    detail: Option<String>,
    /// The columns the document determines (see `SCHEMA_6`).
    preceding_invoice: Option<String>,
    customer: Option<String>,
}

impl IssuedRow {
    /// The row of `invoice`, stamped (see `super::stamp`) under `number`, the `seq`-th of
    /// its series and year.
    fn of(
        invoice: &Invoice,
        number: &str,
        (seq_series, seq_year, seq): (&str, i64, i64),
        created_at: &str,
        actor: &Actor,
    ) -> Result<IssuedRow> {
        let document = serde_json::to_string(invoice)
            .map_err(|e| Error::Internal(format!("failed to serialize invoice {number}: {e}")))?;
        let credit_note = is_credit_note(invoice);
        Ok(IssuedRow {
            number: number.to_owned(),
            seq_series: seq_series.to_owned(),
            seq_year,
            seq,
            kind: if credit_note { "credit_note" } else { "invoice" },
            issue_date: invoice.issue_date.to_string(),
            buyer_name: invoice.buyer.name.clone().unwrap_or_default(),
            currency: invoice.currency.clone(),
            gross: invoice.totals.gross.to_string(),
            due: invoice.totals.due.to_string(),
            created_at: created_at.to_owned(),
            document,
            actor: actor.name.clone(),
            action: if credit_note { "credit" } else { "create" },
            request_id: actor.request_id.clone(),
            detail: invoice.preceding_invoice.as_ref().map(|p| format!("credits {p}")),
            preceding_invoice: invoice.preceding_invoice.clone(),
            customer: invoice.customer.clone(),
        })
    }
}

/// A plain create ([`plain`]) numbered `seq`: its stamped invoice and its row.
fn plain_row(issue: Issue, seq: i64) -> Result<(Invoice, IssuedRow)> {
    let Issue { mut invoice, pattern, actor, .. } = issue;
    let (year, seq_series, seq_year) = super::sequence_key(&invoice, &pattern);
    let number = format_number(&pattern, &invoice.series, year, seq);
    let created_at = super::stamp(&mut invoice, &number);
    let row = IssuedRow::of(&invoice, &number, (&seq_series, seq_year, seq), &created_at, &actor)?;
    Ok((invoice, row))
}

/// The rows of a run of plain creates, column by column: the parameters of [`INSERT_PLAIN`].
#[derive(Default)]
struct InvoiceRows {
    number: Vec<String>,
    seq_series: Vec<String>,
    seq_year: Vec<i64>,
    seq: Vec<i64>,
    kind: Vec<&'static str>,
    issue_date: Vec<String>,
    buyer_name: Vec<String>,
    currency: Vec<String>,
    gross: Vec<String>,
    due: Vec<String>,
    created_at: Vec<String>,
    document: Vec<String>,
    actor: Vec<String>,
    action: Vec<&'static str>,
    request_id: Vec<Option<String>>,
    detail: Vec<Option<String>>,
    preceding_invoice: Vec<Option<String>>,
    customer: Vec<Option<String>>,
    /// For [`ISSUE_AT_ONCE`]: each number's pattern split around its sequence number.
    number_parts: Vec<(String, i32, String)>,
}

impl InvoiceRows {
    fn push(&mut self, row: IssuedRow) {
        self.number.push(row.number);
        self.seq_series.push(row.seq_series);
        self.seq_year.push(row.seq_year);
        self.seq.push(row.seq);
        self.kind.push(row.kind);
        self.issue_date.push(row.issue_date);
        self.buyer_name.push(row.buyer_name);
        self.currency.push(row.currency);
        self.gross.push(row.gross);
        self.due.push(row.due);
        self.created_at.push(row.created_at);
        self.document.push(row.document);
        self.actor.push(row.actor);
        self.action.push(row.action);
        self.request_id.push(row.request_id);
        self.detail.push(row.detail);
        self.preceding_invoice.push(row.preceding_invoice);
        self.customer.push(row.customer);
    }

    fn params(&self) -> [&(dyn ToSql + Sync); 18] {
        [
            &self.number,
            &self.seq_series,
            &self.seq_year,
            &self.seq,
            &self.kind,
            &self.issue_date,
            &self.buyer_name,
            &self.currency,
            &self.gross,
            &self.due,
            &self.created_at,
            &self.document,
            &self.actor,
            &self.action,
            &self.request_id,
            &self.detail,
            &self.preceding_invoice,
            &self.customer,
        ]
    }
}

/// A create whose counter row the batch did not lock (cannot happen: every key is locked).
fn unlocked(key: &(String, i64)) -> Error {
    Error::Internal(format!("the counter of series `{}` {} was not locked", key.0, key.1))
}

/// Runs `futures` together, polling them in order (so a connection sends their statements
/// in order, pipelined), and returns their outputs in order.
async fn all_in_order<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *output = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

fn not_found(number: &str) -> Error {
    Error::NotFound { what: format!("invoice {}", crate::security::text::display_safe(number)) }
}

/// An error of a whole batch, for each of its creates.
fn same_error(e: &Error) -> Error {
    match e {
        Error::Unavailable { action, message } => {
            Error::Unavailable { action: action.clone(), message: message.clone() }
        }
        Error::Store { action, message } => Error::Store { action: action.clone(), message: message.clone() },
        other => Error::Store { action: "commit a batch of creates".into(), message: other.to_string() },
    }
}

/// Answers each waiting request of a batch: its own outcome, or the batch's error.
fn answer<T>(replies: Vec<oneshot::Sender<Result<T>>>, result: Result<Vec<Result<T>>>) {
    match result {
        Ok(outcomes) => {
            for (reply, outcome) in replies.into_iter().zip(outcomes) {
                let _ = reply.send(outcome);
            }
        }
        Err(e) => {
            for reply in replies {
                let _ = reply.send(Err(same_error(&e)));
            }
        }
    }
}

/// A create waiting for its batch.
struct Pending {
    issue: Issue,
    reply: oneshot::Sender<Result<Issued>>,
}

/// What a batch asks, once it holds its counter rows, for the creates waiting meanwhile
/// whose counters are among them (the argument says which are).
type Latecomers<'a> = dyn FnMut(&dyn Fn(&Issue) -> bool) -> Vec<Issue> + Send + 'a;

/// The counter a create takes its number from: (series, year).
fn counter_key(issue: &Issue) -> (String, i64) {
    let (_, series, year) = super::sequence_key(&issue.invoice, &issue.pattern);
    (series, year)
}

/// The creates waiting in this process: those sent to the batching task, and those a
/// batch passed over because their counters were not among the ones it held (they go
/// first in the next batch).
struct Queue {
    waiting: mpsc::Receiver<Pending>,
    held: std::collections::VecDeque<Pending>,
}

impl Queue {
    /// The next batch: the creates held back first, then every create waiting, at most
    /// [`MAX_GROUP`]; `None` when the engine is closed.
    async fn next_batch(&mut self) -> Option<Vec<Pending>> {
        let mut batch: Vec<Pending> = self.held.drain(..self.held.len().min(MAX_GROUP)).collect();
        if batch.is_empty() {
            batch.push(self.waiting.recv().await?);
        }
        while batch.len() < MAX_GROUP {
            match self.waiting.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        Some(batch)
    }

    /// The creates waiting now whose counters a batch holds (`locked`), at most `room`;
    /// the others are held back for the next batch (at most [`MAX_GROUP`] of them: the rest
    /// stay in the channel).
    fn latecomers(&mut self, locked: &dyn Fn(&Issue) -> bool, room: usize) -> Vec<Pending> {
        let mut joined = Vec::new();
        while joined.len() < room && self.held.len() < MAX_GROUP {
            match self.waiting.try_recv() {
                Ok(next) if locked(&next.issue) => joined.push(next),
                Ok(next) => self.held.push_back(next),
                Err(_) => break,
            }
        }
        joined
    }
}

/// How often a batch runs when it keeps meeting concurrent transactions in a deadlock;
/// after the last attempt its creates are answered unavailable (503, retry later).
const BATCH_ATTEMPTS: u32 = 6;

/// The pause before attempt `attempt + 1` of a batch: random, and growing, so two
/// batches that met do not meet again at once.
fn retry_pause(attempt: u32) -> Duration {
    let mut bytes = [0u8; 2];
    let jitter = if getrandom::fill(&mut bytes).is_ok() { u64::from(u16::from_le_bytes(bytes)) } else { 0 };
    Duration::from_micros(1_000 * u64::from(attempt) + jitter % (4_000 * u64::from(attempt)))
}

/// At most this many creates share one transaction.
const MAX_GROUP: usize = 256;
/// At most this many creates wait for a batch; more are answered unavailable (503).
const MAX_WAITING: usize = 8192;

/// The PostgreSQL engine: [`AsyncPostgres`] plus group commit for creates and for payments
/// ([`AsyncPostgres::pay_batch`]).
///
/// Creates are not each their own transaction (one WAL flush per invoice while the
/// counter row is locked, which made three hosts slower than one): a task of their own
/// takes the creates waiting in this process and issues them together, in one transaction
/// with one savepoint each and one commit; each is answered after that commit. Batches
/// lock counter rows in one order, and a batch holds the counter row of its series until
/// it commits, so every process on every host still draws from one gapless numbering.
pub(crate) struct Postgres {
    db: AsyncPostgres,
    queue: mpsc::Sender<Pending>,
    payments: mpsc::Sender<PendingPayment>,
    stats: Arc<GroupStats>,
}

impl Postgres {
    /// Opens the database ([`AsyncPostgres::open`]) and starts the batching task on the
    /// current runtime.
    ///
    /// # Errors
    /// As [`AsyncPostgres::open`].
    pub(crate) async fn open(url: &str, size: usize) -> Result<Postgres> {
        let db = AsyncPostgres::open(url, size).await?;
        let (queue, waiting) = mpsc::channel::<Pending>(MAX_WAITING);
        let stats = Arc::new(GroupStats::default());
        let (batcher, counts) = (db.clone(), Arc::clone(&stats));
        let waiting = Arc::new(tokio::sync::Mutex::new(Queue { waiting, held: std::collections::VecDeque::new() }));
        tokio::spawn(async move {
            // The lock is free while a batch runs (this loop waits for it), so the batch
            // can take the latecomers.
            while let Some(batch) = { waiting.lock().await.next_batch().await } {
                // A task of its own: a panic in a batch fails its creates (their answers
                // are dropped: 500), not every create after it.
                let (db, queue, counts) = (batcher.clone(), Arc::clone(&waiting), Arc::clone(&counts));
                let run = async move { db.issue_batch(batch, Some(&queue), Some(&counts)).await };
                if let Err(e) = tokio::spawn(run).await {
                    log::error!("a batch of creates failed: {e}");
                }
            }
        });
        let (payments, mut waiting_payments) = mpsc::channel::<PendingPayment>(MAX_WAITING);
        let payer = db.clone();
        tokio::spawn(async move {
            while let Some(first) = waiting_payments.recv().await {
                let mut batch = vec![first];
                while batch.len() < MAX_GROUP {
                    match waiting_payments.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                let db = payer.clone();
                if let Err(e) = tokio::spawn(async move { db.pay_batch(batch).await }).await {
                    log::error!("a batch of payments failed: {e}");
                }
            }
        });
        Ok(Postgres { db, queue, payments, stats })
    }
}

impl Engine for Postgres {
    fn issue(&self, issue: Issue) -> Fut<'_, Issued> {
        let (reply, answer) = oneshot::channel();
        let queued = self.queue.try_send(Pending { issue, reply });
        Box::pin(async move {
            queued.map_err(|_| Error::Unavailable {
                action: "issue an invoice".into(),
                message: "too many creates are waiting for the database; try again".into(),
            })?;
            answer.await.map_err(|_| Error::Internal("the batch of creates stopped before answering".into()))?
        })
    }

    fn get(&self, number: String) -> Fut<'_, Invoice> {
        Box::pin(async move { AsyncPostgres::get(&self.db, &number).await })
    }

    fn list(&self, filter: ListFilter) -> Fut<'_, Vec<Invoice>> {
        Box::pin(async move { AsyncPostgres::list(&self.db, &filter).await })
    }

    fn list_summaries(&self, filter: ListFilter) -> Fut<'_, Vec<Summary>> {
        Box::pin(async move { AsyncPostgres::list_summaries(&self.db, &filter).await })
    }

    fn change_status(&self, number: String, change: StatusChange, actor: Actor) -> Fut<'_, Invoice> {
        Box::pin(async move { AsyncPostgres::change_status(&self.db, &number, &change, &actor).await })
    }

    fn record_payment(&self, write: super::payments::PaymentWrite) -> Fut<'_, super::payments::Recorded> {
        let (reply, answer) = oneshot::channel();
        let queued = self.payments.try_send(PendingPayment { write, reply });
        Box::pin(async move {
            queued.map_err(|_| Error::Unavailable {
                action: "record a payment".into(),
                message: "too many payments are waiting for the database; try again".into(),
            })?;
            answer.await.map_err(|_| Error::Internal("the batch of payments stopped before answering".into()))?
        })
    }

    fn payments(&self, filter: super::payments::PaymentFilter) -> Fut<'_, Vec<crate::receivables::PaymentRecord>> {
        Box::pin(async move {
            let client = self.db.client().await?;
            payment_rows(&client, &self.db.target, filter.invoice.as_deref(), filter.from, filter.to).await
        })
    }

    fn audit(&self, actor: Actor, action: String, number: Option<String>, detail: Option<String>) -> Fut<'_, ()> {
        Box::pin(
            async move { AsyncPostgres::audit(&self.db, &actor, &action, number.as_deref(), detail.as_deref()).await },
        )
    }

    fn audit_log(&self, since: Option<NaiveDate>) -> Fut<'_, Vec<AuditEntry>> {
        Box::pin(AsyncPostgres::audit_log(&self.db, since))
    }

    fn key_rows(&self, id: Option<String>) -> Fut<'_, Vec<KeyRow>> {
        Box::pin(async move { AsyncPostgres::key_rows(&self.db, id.as_deref()).await })
    }

    fn touch_key(&self, id: String, at: String) -> Fut<'_, ()> {
        Box::pin(async move { AsyncPostgres::touch_key(&self.db, &id, &at).await })
    }

    fn change_key(&self, id: Option<String>, action: String, decide: KeyDecision) -> Fut<'_, bool> {
        Box::pin(async move { AsyncPostgres::change_key(&self.db, id.as_deref(), &action, decide).await })
    }

    fn integrity_check(&self) -> Fut<'_, ()> {
        Box::pin(AsyncPostgres::integrity_check(&self.db))
    }

    fn dump(&self) -> Fut<'_, Dump> {
        Box::pin(AsyncPostgres::dump(&self.db))
    }

    fn load(&self, dump: Arc<Dump>) -> Fut<'_, ()> {
        Box::pin(async move { AsyncPostgres::load(&self.db, &dump).await })
    }

    fn customers(&self, id: Option<String>) -> Fut<'_, Vec<super::customers::CustomerRow>> {
        Box::pin(async move { AsyncPostgres::customers(&self.db, id.as_deref()).await })
    }

    fn write_customer(&self, write: super::CustomerWrite, actor: Actor) -> Fut<'_, ()> {
        Box::pin(async move { AsyncPostgres::write_customer(&self.db, &write, &actor).await })
    }

    fn schedules(&self, id: Option<String>) -> Fut<'_, Vec<(super::customers::ScheduleRow, Option<NaiveDate>)>> {
        Box::pin(async move { AsyncPostgres::schedules(&self.db, id.as_deref()).await })
    }

    fn write_schedule(&self, write: super::ScheduleWrite, actor: Actor) -> Fut<'_, ()> {
        Box::pin(async move { AsyncPostgres::write_schedule(&self.db, &write, &actor).await })
    }

    fn occurrences(&self, schedule: Option<String>) -> Fut<'_, Vec<super::Occurrence>> {
        Box::pin(async move { AsyncPostgres::occurrences(&self.db, schedule.as_deref()).await })
    }

    fn reminders(&self, invoice: Option<String>) -> Fut<'_, Vec<crate::receivables::reminder::ReminderRecord>> {
        Box::pin(async move { AsyncPostgres::reminders(&self.db, invoice.as_deref()).await })
    }

    fn record_reminder(&self, record: crate::receivables::reminder::ReminderRecord, actor: Actor) -> Fut<'_, bool> {
        Box::pin(async move { AsyncPostgres::record_reminder(&self.db, &record, &actor).await })
    }

    fn customer_invoices(&self, customer: String) -> Fut<'_, Vec<Invoice>> {
        Box::pin(async move { AsyncPostgres::customer_invoices(&self.db, &customer).await })
    }

    fn render_metrics(&self, out: &mut String) {
        self.db.render_pool_metrics(out);
        self.stats.render_into(out);
    }

    fn close(&self, _grace: Duration) {
        AsyncPostgres::close(&self.db);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::store::Idempotency;

    fn invoice(series: &str) -> Invoice {
        let json = format!(
            r#"{{"series":"{series}","issue_date":"2026-03-01","currency":"EUR","seller":{{"name":"S"}},
                "buyer":{{"name":"B"}},"lines":[{{"description":"x","quantity":1,"unit_price":"10.00","tax_rate":19}}]}}"#
        );
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    /// A credit note of `amount` (gross, no tax) against `preceding`.
    fn credit_note(preceding: &str, amount: &str) -> Invoice {
        let json = format!(
            r#"{{"type":"credit_note","preceding_invoice":"{preceding}","series":"INV","issue_date":"2026-03-01",
                "currency":"EUR","seller":{{"name":"S"}},"buyer":{{"name":"B"}},
                "lines":[{{"description":"x","quantity":1,"unit_price":"{amount}","tax_rate":0}}]}}"#
        );
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    fn issue(invoice: Invoice, idempotency: Option<&str>) -> Issue {
        Issue {
            invoice,
            pattern: crate::config::DEFAULT_NUMBER_PATTERN.to_owned(),
            chronological: false,
            idempotency: idempotency.map(|key| Idempotency {
                scope: "cli".into(),
                key: key.into(),
                fingerprint: "f1".into(),
            }),
            actor: Actor::cli("t"),
            occurrence: None,
        }
    }

    /// Issue #20: one batch (one transaction, one commit) with refused creates in the
    /// middle — a credit note over the invoice's gross, one for an invoice that does not
    /// exist, an idempotency key reused for another draft: the others commit with
    /// consecutive numbers, the refused ones take none, and the audit log has exactly the
    /// committed ones.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_with_refused_creates_in_the_middle_commits_the_others_without_a_gap() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        let first = db.run_batch(vec![issue(invoice("INV"), Some("k1"))]).await.unwrap();
        assert_eq!(first[0].as_ref().unwrap().invoice.number.as_deref(), Some("INV-2026-0001"));
        let mut reused = issue(invoice("INV"), Some("k1"));
        if let Some(idem) = &mut reused.idempotency {
            idem.fingerprint = "another draft".into();
        }
        let outcomes = db
            .run_batch(vec![
                issue(invoice("INV"), None),
                issue(credit_note("INV-2026-0001", "11.91"), None),
                issue(invoice("INV"), None),
                issue(credit_note("INV-2026-0404", "1.00"), None),
                reused,
                issue(invoice("X"), None),
                issue(credit_note("INV-2026-0001", "11.90"), None),
            ])
            .await
            .unwrap();
        let numbers: Vec<Option<String>> =
            outcomes.iter().map(|o| o.as_ref().ok().and_then(|i| i.invoice.number.clone())).collect();
        let expected = [Some("INV-2026-0002"), None, Some("INV-2026-0003"), None, None, Some("X-2026-0001")];
        assert_eq!(numbers[..6], expected.map(|n| n.map(str::to_owned)));
        assert_eq!(numbers[6].as_deref(), Some("INV-2026-0004"), "the full credit after the refused ones");
        let codes: Vec<Option<u8>> = outcomes.iter().map(|o| o.as_ref().err().map(Error::exit_code)).collect();
        assert_eq!(codes, [None, Some(1), None, Some(3), Some(4), None, None]);
        let stored: Vec<String> =
            db.list_summaries(&ListFilter::default()).await.unwrap().into_iter().map(|s| s.number).collect();
        assert_eq!(stored, ["INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "X-2026-0001", "INV-2026-0004"]);
        assert_eq!(db.get("INV-2026-0001").await.unwrap().status, crate::invoice::Status::Credited);
        let audited: Vec<Option<String>> = db.audit_log(None).await.unwrap().into_iter().map(|e| e.number).collect();
        assert_eq!(audited.len(), 5, "{audited:?}");
        // Each counter was advanced once, by the creates that stored: no gap to the next.
        let counters = db.dump().await.unwrap().sequences;
        assert_eq!(counters, [("INV".to_owned(), 2026, 4), ("X".to_owned(), 2026, 1)]);
        let next = db.run_batch(vec![issue(invoice("INV"), None)]).await.unwrap();
        assert_eq!(next[0].as_ref().unwrap().invoice.number.as_deref(), Some("INV-2026-0005"));
        let report = crate::store::verify::check(&db.dump().await.unwrap());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        db.close();
    }

    /// A payment of `amount` on `number`, refused over the outstanding balance.
    fn pay(number: &str, amount: &str) -> super::super::payments::PaymentWrite {
        let amount: rust_decimal::Decimal = amount.parse().unwrap();
        super::super::payments::PaymentWrite {
            target: super::super::payments::PaymentTarget::Invoice(number.to_owned()),
            decide: Box::new(move |_, balance, _| {
                if amount > balance.outstanding {
                    return Err(Error::Internal(format!("over the balance of {}", balance.outstanding)));
                }
                Ok(crate::receivables::NewPayment {
                    amount,
                    date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                    method: None,
                    reference: None,
                    reverses: None,
                    reason: None,
                })
            }),
            idempotency: None,
            actor: Actor::cli("t"),
        }
    }

    /// Issue #22: payments share a transaction like creates; a refused one in the middle
    /// (over the balance, an unknown invoice) undoes only itself and takes no payment
    /// number, a later payment of the same invoice sees the earlier ones of the batch.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_of_payments_with_refusals_in_the_middle_commits_the_others_without_a_gap() {
        let Some(test_db) = crate::store::testdb::postgres("pg_pay_batch") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        db.run_batch(vec![issue(invoice("INV"), None), issue(invoice("INV"), None)]).await.unwrap();
        let outcomes = db
            .run_payments(&[
                pay("INV-2026-0001", "5.00"),
                pay("INV-2026-0002", "20.00"),
                pay("INV-2026-0404", "1.00"),
                pay("INV-2026-0001", "7.00"),
                pay("INV-2026-0001", "6.90"),
                pay("INV-2026-0002", "1.00"),
            ])
            .await
            .unwrap();
        let ids: Vec<Option<&str>> = outcomes.iter().map(|o| o.as_ref().ok().map(|r| r.payment.id.as_str())).collect();
        assert_eq!(ids, [Some("PAY-000001"), None, None, None, Some("PAY-000002"), Some("PAY-000003")]);
        let paid = db.get("INV-2026-0001").await.unwrap();
        assert_eq!(paid.status, crate::invoice::Status::Paid, "5.00 + 6.90 settle 11.90");
        // The batch's one write statement keeps its audit entries in the order of its payments.
        let audited: Vec<String> = db
            .audit_log(None)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "pay")
            .filter_map(|e| Some(e.detail?.split(' ').next()?.to_owned()))
            .collect();
        assert_eq!(audited, ["PAY-000001", "PAY-000002", "PAY-000003"]);
        let dump = db.dump().await.unwrap();
        let report = crate::store::verify::check(&dump);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let next = db.run_payments(&[pay("INV-2026-0002", "0.90")]).await.unwrap();
        assert_eq!(next[0].as_ref().unwrap().payment.id, "PAY-000004");
        db.close();
    }

    /// Plain creates go to the server together; when one of them fails (here a trigger of
    /// the test refuses one buyer) the run is rolled back and its creates stored one by
    /// one: the failed one alone fails, the others are numbered without a gap.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_create_in_a_run_sent_together_fails_alone() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch_run") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        db.client()
            .await
            .unwrap()
            .batch_execute(
                "CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN IF NEW.buyer_name = 'Refused' THEN RAISE EXCEPTION 'refused by the test'; END IF;
                 RETURN NEW; END $$;
                 CREATE TRIGGER refuse_one BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION refuse_one();",
            )
            .await
            .unwrap();
        let all_plain = db.run_batch((0..5).map(|_| issue(invoice("INV"), None)).collect()).await.unwrap();
        let numbers: Vec<String> = all_plain.into_iter().map(|o| o.unwrap().invoice.number.unwrap()).collect();
        assert_eq!(numbers, (1..=5).map(|n| format!("INV-2026-{n:04}")).collect::<Vec<_>>());
        // A run is one statement: its invoices' ids and audit entries still follow the numbers.
        let audited: Vec<Option<String>> = db.audit_log(None).await.unwrap().into_iter().map(|e| e.number).collect();
        assert_eq!(audited, numbers.iter().cloned().map(Some).collect::<Vec<_>>());
        let by_id: Vec<String> = db.dump().await.unwrap().invoices.iter().map(|row| row.text[0].clone()).collect();
        assert_eq!(by_id, numbers);
        let mut refused = invoice("INV");
        refused.buyer.name = Some("Refused".into());
        let outcomes = db
            .run_batch(vec![
                issue(invoice("INV"), None),
                issue(invoice("X"), None),
                issue(refused, None),
                issue(invoice("INV"), None),
            ])
            .await
            .unwrap();
        let numbers: Vec<Option<String>> =
            outcomes.iter().map(|o| o.as_ref().ok().and_then(|i| i.invoice.number.clone())).collect();
        assert_eq!(
            numbers,
            [Some("INV-2026-0006"), Some("X-2026-0001"), None, Some("INV-2026-0007")].map(|n| n.map(str::to_owned))
        );
        assert!(matches!(&outcomes[2], Err(Error::Store { message, .. }) if message.contains("refused by the test")));
        let dump = db.dump().await.unwrap();
        assert_eq!(dump.sequences, [("INV".to_owned(), 2026, 7), ("X".to_owned(), 2026, 1)]);
        assert_eq!(dump.invoices.len(), 8);
        let report = crate::store::verify::check(&dump);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        db.close();
    }

    /// The creates write the columns a document determines (SCHEMA_6): credits are found
    /// through them, the trigger keeps them, and `store check` notices one changed behind
    /// the trigger's back.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_columns_a_document_determines_are_written_kept_and_checked() {
        let Some(test_db) = crate::store::testdb::postgres("pg_derived_columns") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        let mut for_customer = invoice("INV");
        for_customer.customer = Some("acme".into());
        db.run_batch(vec![issue(for_customer, None), issue(invoice("INV"), None)]).await.unwrap();
        db.run_batch(vec![issue(credit_note("INV-2026-0001", "5.00"), None)]).await.unwrap().remove(0).unwrap();
        let client = db.client().await.unwrap();
        let rows =
            client.query("SELECT number, preceding_invoice, customer FROM invoices ORDER BY id", &[]).await.unwrap();
        let columns: Vec<(String, Option<String>, Option<String>)> =
            rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect();
        assert_eq!(
            columns,
            [
                ("INV-2026-0001".to_owned(), None, Some("acme".to_owned())),
                ("INV-2026-0002".to_owned(), None, None),
                ("INV-2026-0003".to_owned(), Some("INV-2026-0001".to_owned()), None),
            ]
        );
        db.integrity_check().await.unwrap();
        let refused =
            client.batch_execute("UPDATE invoices SET customer = 'other' WHERE number = 'INV-2026-0002'").await;
        let refused = refused.unwrap_err();
        assert_eq!(refused.as_db_error().map(|e| e.message()), Some("issued invoices are immutable"));
        client
            .batch_execute(
                "ALTER TABLE invoices DISABLE TRIGGER invoices_content_is_immutable;
                 UPDATE invoices SET customer = 'other' WHERE number = 'INV-2026-0002';
                 ALTER TABLE invoices ENABLE TRIGGER invoices_content_is_immutable;",
            )
            .await
            .unwrap();
        let found = db.integrity_check().await.unwrap_err().to_string();
        assert!(found.contains("INV-2026-0002") && !found.contains("INV-2026-0001"), "{found}");
        db.close();
    }

    /// `FLUSH_WAL` puts on disk a commit made without waiting for the flush (as a batch's):
    /// the WAL is flushed past that commit when it returns. (A transaction that only takes a
    /// transaction id, tried first, left the probe unflushed 19 times in 20: the server
    /// commits it asynchronously too, and the crash in `scripts/multi-host.sh` found numbers
    /// acknowledged twice.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn flush_wal_puts_an_asynchronous_commit_on_disk() {
        let Some(test_db) = crate::store::testdb::postgres("pg_flush_wal") else { return };
        let db = AsyncPostgres::open(test_db.url(), 1).await.unwrap();
        let client = db.client().await.unwrap();
        client.batch_execute("CREATE TABLE flush_probe (n int)").await.unwrap();
        for n in 0..5 {
            client.batch_execute("BEGIN; SET LOCAL synchronous_commit = off").await.unwrap();
            client.execute("INSERT INTO flush_probe VALUES ($1)", &[&n]).await.unwrap();
            let written: String =
                client.query_one("SELECT pg_current_wal_insert_lsn()::text", &[]).await.unwrap().get(0);
            client.batch_execute("COMMIT").await.unwrap();
            client.batch_execute(FLUSH_WAL).await.unwrap();
            let flushed: bool = client
                .query_one("SELECT pg_current_wal_flush_lsn() >= $1::text::pg_lsn", &[&written])
                .await
                .unwrap()
                .get(0);
            assert!(flushed, "round {n}: the WAL was not flushed past {written}");
        }
    }

    /// A batch's commit does not wait for the flush (`BEGIN_BATCH`), but that setting is
    /// the batch's own: the connection it hands back commits synchronously again, so no
    /// later write (a payment, a key, a CLI create) is acknowledged before it is on disk.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_hands_back_its_connection_committing_synchronously() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch_sync_commit") else { return };
        let db = AsyncPostgres::open(test_db.url(), 1).await.unwrap();
        let setting = |db: &AsyncPostgres| {
            let db = db.clone();
            async move {
                let client = db.client().await.unwrap();
                client.query_one("SHOW synchronous_commit", &[]).await.unwrap().get::<_, String>(0)
            }
        };
        assert_eq!(setting(&db).await, "on");
        let at_once = db.issue_at_once(&[issue(invoice("INV"), None)], &mut |_| Vec::new()).await.unwrap();
        assert!(matches!(at_once, AtOnce::Issued(ref outcomes) if outcomes.iter().all(Result::is_ok)));
        assert_eq!(setting(&db).await, "on");
        let mut apart = issue(invoice("T"), None);
        apart.pattern = "{series}-{seq}-{seq:03}".into();
        assert!(db.run_batch(vec![apart]).await.unwrap().remove(0).is_ok());
        assert_eq!(setting(&db).await, "on");
    }

    /// A batch issued in one statement (`issue_at_once`) stores what creates issued one by
    /// one would: each number in its row, its document (also as the payment reference when
    /// the draft had none) and its audit entry, in order; patterns it cannot number, and
    /// text JSON must escape, go the other way with the same result.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_issued_at_once_stores_what_creates_one_by_one_would() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch_at_once") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        let mut paid_by_transfer = invoice("INV");
        paid_by_transfer.payment =
            serde_json::from_str(r#"{"means":"credit_transfer","iban":"DE89370400440532013000"}"#).unwrap();
        let mut own_reference = paid_by_transfer.clone();
        own_reference.payment.as_mut().unwrap().reference = Some("PO-7".into());
        let mut twice = issue(invoice("T"), None);
        twice.pattern = "{series}-{seq}-{seq:03}".into();
        let mut quoted = issue(invoice("Q"), None);
        quoted.invoice.series = "Q\"x".into();
        quoted.pattern = "{series}/{seq:02}".into();
        let mut wide = issue(invoice("W"), None);
        wide.pattern = "W{seq:01}".into();
        let at_once = vec![issue(paid_by_transfer, None), issue(invoice("X"), None), issue(own_reference, None), wide];
        let mut answered: Vec<Invoice> = match db.issue_at_once(&at_once, &mut |_| Vec::new()).await.unwrap() {
            AtOnce::Issued(outcomes) => outcomes.into_iter().map(|o| o.unwrap().invoice).collect(),
            AtOnce::Apart(_) => panic!("the batch was not issued at once"),
        };
        for apart in [twice, quoted] {
            assert!(matches!(
                db.issue_at_once(std::slice::from_ref(&apart), &mut |_| Vec::new()).await.unwrap(),
                AtOnce::Apart(_)
            ));
            answered.push(db.run_batch(vec![apart]).await.unwrap().remove(0).unwrap().invoice);
        }
        let numbers: Vec<&str> = answered.iter().map(|i| i.number.as_deref().unwrap()).collect();
        assert_eq!(numbers, ["INV-2026-0001", "X-2026-0001", "INV-2026-0002", "W1", "T-1-001", "Q\"x/01"]);
        let references: Vec<Option<&str>> =
            answered.iter().map(|i| i.payment.as_ref().and_then(|p| p.reference.as_deref())).collect();
        assert_eq!(references[..3], [Some("INV-2026-0001"), None, Some("PO-7")]);
        let dump = db.dump().await.unwrap();
        for (row, invoice) in dump.invoices.iter().zip(&answered) {
            let stored: Invoice = serde_json::from_str(&row.text[10]).unwrap();
            assert_eq!(&stored, invoice, "the stored document of {}", row.text[0]);
            assert_eq!(row.text[0], invoice.number.clone().unwrap());
        }
        assert_eq!(dump.invoices.len(), answered.len());
        let audited: Vec<Option<String>> = db.audit_log(None).await.unwrap().into_iter().map(|e| e.number).collect();
        assert_eq!(audited, numbers.iter().map(|n| Some((*n).to_owned())).collect::<Vec<_>>());
        let report = crate::store::verify::check(&dump);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        db.close();
    }

    /// A hand-driven transaction dropped before it ended (a panic, an early return) closes
    /// its connection: the server rolls it back, and the pool (of one) never hands out a
    /// connection still inside it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_hand_driven_transaction_dropped_before_its_end_leaves_nothing_open() {
        let Some(test_db) = crate::store::testdb::postgres("pg_hand_driven") else { return };
        let db = AsyncPostgres::open(test_db.url(), 1).await.unwrap();
        let transaction = HandDriven::new(db.client().await.unwrap());
        let client = transaction.client().unwrap();
        client.batch_execute("BEGIN; INSERT INTO sequences (series, year, last) VALUES ('Z', 2026, 5)").await.unwrap();
        drop(transaction);
        let next = db.client().await.unwrap();
        let seen: i64 = next.query_one("SELECT count(*) FROM sequences WHERE series = 'Z'", &[]).await.unwrap().get(0);
        assert_eq!(seen, 0, "the dropped transaction's insert is visible: its connection came back inside it");
        db.close();
    }

    /// A batch that only replays or is refused takes no number, and advances no counter.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_of_refusals_and_replays_takes_no_number() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch_none") else { return };
        let db = AsyncPostgres::open(test_db.url(), 2).await.unwrap();
        db.run_batch(vec![issue(invoice("INV"), Some("k1"))]).await.unwrap().remove(0).unwrap();
        let outcomes = db
            .run_batch(vec![issue(invoice("INV"), Some("k1")), issue(credit_note("INV-2026-0001", "99.00"), None)])
            .await
            .unwrap();
        let replay = outcomes[0].as_ref().unwrap();
        assert!(replay.replayed);
        assert_eq!(replay.invoice.number.as_deref(), Some("INV-2026-0001"));
        assert_eq!(outcomes[1].as_ref().err().map(Error::exit_code), Some(1));
        assert_eq!(db.dump().await.unwrap().sequences, [("INV".to_owned(), 2026, 1)]);
        db.close();
    }

    /// Two batches (two daemons) that lock idempotency keys in opposite orders meet in a
    /// deadlock; the server rolls one back, and that batch runs again instead of answering
    /// its creates with an error: every create of both succeeds, numbering stays gapless.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_rolled_back_for_a_deadlock_runs_again() {
        let Some(test_db) = crate::store::testdb::postgres("pg_batch_deadlock") else { return };
        let db = AsyncPostgres::open(test_db.url(), 4).await.unwrap();
        let deadlocks = |client: deadpool_postgres::Client| async move {
            let row = client
                .query_one("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", &[])
                .await
                .unwrap();
            row.get::<_, i64>(0)
        };
        let before = deadlocks(db.client().await.unwrap()).await;
        // Both batches wait for `kx` (held here) while holding the key the other needs
        // after it: one takes `kx`, then waits for the other, which waits for `kx`.
        let mut holder = db.client().await.unwrap();
        let hold = holder.transaction().await.unwrap();
        hold.execute("SELECT pg_advisory_xact_lock(hashtextextended('cli' || chr(31) || 'kx', 0))", &[]).await.unwrap();
        let batch = |series: &str, keys: [&str; 3]| {
            let mut answers = Vec::new();
            let pending = keys
                .iter()
                .map(|key| {
                    let (reply, answer) = oneshot::channel();
                    answers.push(answer);
                    Pending { issue: issue(invoice(series), Some(key)), reply }
                })
                .collect::<Vec<_>>();
            let db = db.clone();
            (tokio::spawn(async move { db.issue_batch(pending, None, None).await }), answers)
        };
        let (a, a_answers) = batch("A", ["k1", "kx", "k2"]);
        let (b, b_answers) = batch("B", ["k2", "kx", "k1"]);
        tokio::time::sleep(Duration::from_millis(500)).await;
        hold.commit().await.unwrap();
        a.await.unwrap();
        b.await.unwrap();
        let mut numbers = Vec::new();
        for answer in a_answers.into_iter().chain(b_answers) {
            let issued = answer.await.unwrap().unwrap();
            numbers.push(issued.invoice.number.unwrap());
        }
        // Three keys, three invoices: each key's second create replays the first.
        let mut distinct = numbers.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 3, "{numbers:?}");
        let stored: Vec<String> =
            db.list_summaries(&ListFilter::default()).await.unwrap().into_iter().map(|s| s.number).collect();
        assert_eq!(stored.len(), 3, "{stored:?}");
        let report = crate::store::verify::check(&db.dump().await.unwrap());
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        // The server did detect a deadlock (its statistics arrive within a second or so).
        let mut seen = 0;
        for _ in 0..50 {
            seen = deadlocks(db.client().await.unwrap()).await - before;
            if seen > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(seen, 1, "deadlocks detected by the server");
        db.close();
    }

    /// Issue #20: creates that arrive while a batch waits for its counter rows (another
    /// host's batch holds them) join that batch once it has them, rather than waiting for a
    /// batch (and a commit) of their own; creates of a series it does not hold wait for the
    /// next batch, and everything stays gapless.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn creates_arriving_while_a_batch_waits_for_the_counters_join_it() {
        let Some(test_db) = crate::store::testdb::postgres("pg_latecomers") else { return };
        let engine = Postgres::open(test_db.url(), 4).await.unwrap();
        engine.issue(issue(invoice("INV"), None)).await.unwrap();
        // Another host's batch holds the counter rows.
        let mut holder = engine.db.client().await.unwrap();
        let hold = holder.transaction().await.unwrap();
        hold.execute("SELECT last FROM sequences FOR UPDATE", &[]).await.unwrap();
        let first = engine.issue(issue(invoice("INV"), None));
        // The batch of `first` forms and waits for the counter row.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let late: Vec<_> = (0..20).map(|_| engine.issue(issue(invoice("INV"), None))).collect();
        let other: Vec<_> = (0..5).map(|_| engine.issue(issue(invoice("B"), None))).collect();
        tokio::time::sleep(Duration::from_millis(300)).await;
        hold.commit().await.unwrap();
        let mut numbers = vec![first.await.unwrap().invoice.number.unwrap()];
        for create in late.into_iter().chain(other) {
            numbers.push(create.await.unwrap().invoice.number.unwrap());
        }
        numbers.sort();
        let mut expected: Vec<String> = (1..=5).map(|n| format!("B-2026-{n:04}")).collect();
        expected.extend((2..=22).map(|n| format!("INV-2026-{n:04}")));
        assert_eq!(numbers, expected);
        // The first create alone, then `first` with its 20 latecomers, then series B.
        assert_eq!(engine.stats.counts(), (3, 27));
        engine.close(Duration::from_secs(1));
    }

    /// Creates sent together through the engine are grouped, and numbered without gaps.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn creates_waiting_together_share_batches_and_stay_gapless() {
        let Some(test_db) = crate::store::testdb::postgres("pg_grouped") else { return };
        let engine = Postgres::open(test_db.url(), 4).await.unwrap();
        let creates: Vec<_> = (0..64).map(|_| engine.issue(issue(invoice("INV"), None))).collect();
        let mut numbers = Vec::new();
        for create in creates {
            numbers.push(create.await.unwrap().invoice.number.unwrap());
        }
        numbers.sort();
        let expected: Vec<String> = (1..=64).map(|n| format!("INV-2026-{n:04}")).collect();
        assert_eq!(numbers, expected);
        let (batches, jobs) = engine.stats.counts();
        assert_eq!(jobs, 64);
        assert!(batches < 64, "{batches} batches for 64 creates sent together");
        engine.close(Duration::from_secs(1));
    }
}
