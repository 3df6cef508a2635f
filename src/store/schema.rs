//! The store's schema as embedded, append-only migrations.
//!
//! Never edit a released migration: add a new one. `PRAGMA user_version` records how
//! far a file has been migrated; a file from a newer version is refused.

use rusqlite_migration::{M, Migrations};

/// Every migration, oldest first.
pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(INITIAL),
        M::up(CREDITS),
        M::up(PAYMENTS),
        M::up(super::sqlite::CUSTOMERS),
        M::up(super::payments::SQLITE_PAID_AFTER),
        M::up(super::payments::SQLITE_PARTIAL_UNIQUES),
    ])
}

/// Credit notes point at their invoice in a column derived from the (immutable) document,
/// so the credits of an invoice are summed (SPEC 11: partial credits up to the gross) and
/// listed through an index rather than by reading documents; an index on issue dates per
/// series and year serves `[defaults] chronological`.
const CREDITS: &str = r"
ALTER TABLE invoices ADD COLUMN preceding_invoice TEXT
    GENERATED ALWAYS AS (json_extract(document, '$.preceding_invoice')) VIRTUAL;
CREATE INDEX invoices_preceding_invoice ON invoices (preceding_invoice);
CREATE INDEX invoices_series_dates ON invoices (seq_series, seq_year, issue_date);
";
/// Payments and reminders (SPEC 12.7): rows that are never changed or deleted. Invoices
/// paid before payments were recorded get one payment row for their amount due on their
/// paid date (the amount is copied as text: no arithmetic in SQL).
const PAYMENTS: &str = r"
CREATE TABLE payments (
    seq                INTEGER PRIMARY KEY,
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
BEGIN
    SELECT RAISE(ABORT, 'payments are never changed; reverse one instead');
END;
CREATE TRIGGER payments_are_never_deleted BEFORE DELETE ON payments
BEGIN
    SELECT RAISE(ABORT, 'payments are never deleted; reverse one instead');
END;
INSERT INTO payments (seq, id, invoice, date, amount, currency, method, reference, outstanding_before, created_at, actor)
SELECT n, printf('PAY-%06d', n), number, paid_date, due, currency, NULL, 'recorded before payments were kept', due,
       coalesce(status_changed_at, created_at), 'migration'
FROM (SELECT row_number() OVER (ORDER BY id) AS n, number, paid_date, due, currency, status_changed_at, created_at
      FROM invoices
      WHERE kind = 'invoice' AND paid_date IS NOT NULL AND CAST(due AS REAL) <> 0);

CREATE TABLE reminders (
    invoice    TEXT    NOT NULL REFERENCES invoices (number),
    level      INTEGER NOT NULL,
    date       TEXT    NOT NULL,
    fee        TEXT    NOT NULL,
    interest   TEXT    NOT NULL,
    balance    TEXT    NOT NULL,
    pay_by     TEXT    NOT NULL,
    currency   TEXT    NOT NULL,
    actor      TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (invoice, level)
);
CREATE TRIGGER reminders_are_immutable BEFORE UPDATE ON reminders
BEGIN
    SELECT RAISE(ABORT, 'reminders are never changed');
END;
";
const INITIAL: &str = r"
CREATE TABLE invoices (
    id                INTEGER PRIMARY KEY,
    number            TEXT    NOT NULL UNIQUE,
    seq_series        TEXT    NOT NULL,
    seq_year          INTEGER NOT NULL,
    seq               INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    issue_date        TEXT    NOT NULL,
    buyer_name        TEXT    NOT NULL,
    currency          TEXT    NOT NULL,
    gross             TEXT    NOT NULL,
    due               TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    document          TEXT    NOT NULL,
    paid_date         TEXT,
    void_reason       TEXT,
    credited_by       TEXT,
    status_changed_at TEXT,
    UNIQUE (seq_series, seq_year, seq)
);
CREATE INDEX invoices_status ON invoices (status);
CREATE INDEX invoices_issue_date ON invoices (issue_date);

-- An issued invoice's content never changes (SPEC 2.4); only its status columns do.
CREATE TRIGGER invoices_content_is_immutable
BEFORE UPDATE OF id, number, seq_series, seq_year, seq, kind, issue_date, buyer_name, currency, gross, due,
                 created_at, document ON invoices
BEGIN
    SELECT RAISE(ABORT, 'issued invoices are immutable');
END;
CREATE TRIGGER invoices_are_never_deleted BEFORE DELETE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'issued invoices are never deleted');
END;

CREATE TABLE sequences (
    series TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
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
    id         INTEGER PRIMARY KEY,
    time       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    number     TEXT,
    request_id TEXT,
    detail     TEXT
);
CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

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

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
