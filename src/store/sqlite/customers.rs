//! Customers, schedules and occurrences on SQLite (SPEC 14): the SQL of
//! [`crate::store::customers`].

use super::conn::{Sqlite, append_audit, store_error};
use super::tx::Tx;
use crate::error::Result;
use crate::store::customers::{
    Catalog, CustomerRow, CustomerWrite, Occurrence, ScheduleRow, ScheduleWrite, customer_audit, customer_row, exists,
    in_use, occurrence_issued, schedule_audit, schedule_row, unknown,
};
use crate::store::{Actor, now_utc};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// The tables, as the store's third migration.
pub(crate) const MIGRATION: &str = r"
CREATE TABLE customers (
    id         TEXT    PRIMARY KEY,
    document   TEXT    NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE TABLE schedules (
    id         TEXT PRIMARY KEY,
    customer   TEXT NOT NULL REFERENCES customers (id),
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Which invoice each occurrence produced; the key makes `recurring run` idempotent.
CREATE TABLE occurrences (
    schedule        TEXT NOT NULL REFERENCES schedules (id),
    occurrence_date TEXT NOT NULL,
    number          TEXT NOT NULL UNIQUE REFERENCES invoices (number),
    PRIMARY KEY (schedule, occurrence_date)
);
CREATE TRIGGER occurrences_are_never_changed BEFORE UPDATE ON occurrences
BEGIN
    SELECT RAISE(ABORT, 'issued occurrences never change');
END;
CREATE TRIGGER occurrences_are_never_deleted BEFORE DELETE ON occurrences
BEGIN
    SELECT RAISE(ABORT, 'issued occurrences are never deleted');
END;
ALTER TABLE invoices ADD COLUMN customer TEXT
    GENERATED ALWAYS AS (json_extract(document, '$.customer')) VIRTUAL;
CREATE INDEX invoices_customer ON invoices (customer);
";

impl Sqlite {
    pub(in crate::store::sqlite) fn customers(&self, id: Option<&str>) -> Result<Vec<CustomerRow>> {
        let fail = store_error("read customers");
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, document, archived, created_at, updated_at FROM customers
                 WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )
            .map_err(store_error("read customers"))?;
        let rows = st.query_map([id], |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                document: r.get(1)?,
                archived: r.get::<_, i64>(2)? != 0,
                created_at: r.get(3)?,
                updated_at: r.get(4)?,
            })
        });
        rows.and_then(Iterator::collect).map_err(fail)
    }

    pub(in crate::store::sqlite) fn write_customer(&self, write: &CustomerWrite, actor: &Actor) -> Result<()> {
        let tx = Tx::begin(&self.conn, "write a customer")?;
        let now = now_utc();
        let fail = || store_error("write a customer");
        match write {
            CustomerWrite::Insert(customer) => {
                let row = customer_row(customer, &now)?;
                let n = tx
                    .execute(
                        "INSERT INTO customers (id, document, archived, created_at, updated_at)
                         VALUES (?1, ?2, 0, ?3, ?3) ON CONFLICT (id) DO NOTHING",
                        params![row.id, row.document, now],
                    )
                    .map_err(fail())?;
                if n == 0 {
                    return Err(exists("customer", &customer.id));
                }
            }
            CustomerWrite::Update(customer) => {
                let row = customer_row(customer, &now)?;
                let n = tx
                    .execute(
                        "UPDATE customers SET document = ?2, updated_at = ?3 WHERE id = ?1",
                        params![row.id, row.document, now],
                    )
                    .map_err(fail())?;
                if n == 0 {
                    return Err(unknown("customer", &customer.id));
                }
            }
            CustomerWrite::Archive(id) => {
                let n = tx
                    .execute("UPDATE customers SET archived = 1, updated_at = ?2 WHERE id = ?1", params![id, now])
                    .map_err(fail())?;
                if n == 0 {
                    return Err(unknown("customer", id));
                }
            }
            CustomerWrite::Delete(id) => {
                let (invoices, schedules): (i64, i64) = tx
                    .query_row(
                        "SELECT (SELECT count(*) FROM invoices WHERE customer = ?1),
                                (SELECT count(*) FROM schedules WHERE customer = ?1)",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .map_err(fail())?;
                if invoices + schedules > 0 {
                    return Err(in_use(id, invoices, schedules));
                }
                let n = tx.execute("DELETE FROM customers WHERE id = ?1", [id]).map_err(fail())?;
                if n == 0 {
                    return Err(unknown("customer", id));
                }
            }
        }
        let (action, detail) = customer_audit(write);
        append_audit(&tx, actor, action, None, Some(&detail))?;
        tx.commit("commit a customer")
    }

    pub(in crate::store::sqlite) fn schedules(
        &self,
        id: Option<&str>,
    ) -> Result<Vec<(ScheduleRow, Option<NaiveDate>)>> {
        let fail = store_error("read schedules");
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, customer, document, created_at, updated_at,
                        (SELECT max(occurrence_date) FROM occurrences WHERE schedule = s.id)
                 FROM schedules s WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )
            .map_err(store_error("read schedules"))?;
        let rows = st.query_map([id], |r| {
            let last: Option<String> = r.get(5)?;
            Ok((
                ScheduleRow {
                    id: r.get(0)?,
                    customer: r.get(1)?,
                    document: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                },
                last.and_then(|d| d.parse().ok()),
            ))
        });
        rows.and_then(Iterator::collect).map_err(fail)
    }

    pub(in crate::store::sqlite) fn write_schedule(&self, write: &ScheduleWrite, actor: &Actor) -> Result<()> {
        let tx = Tx::begin(&self.conn, "write a schedule")?;
        let now = now_utc();
        let fail = || store_error("write a schedule");
        match write {
            ScheduleWrite::Insert(schedule) => {
                let row = schedule_row(schedule, &now);
                let n = tx
                    .execute(
                        "INSERT INTO schedules (id, customer, document, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (id) DO NOTHING",
                        params![row.id, row.customer, row.document, now],
                    )
                    .map_err(fail())?;
                if n == 0 {
                    return Err(exists("schedule", &schedule.id));
                }
            }
            ScheduleWrite::Update(schedule) => {
                let row = schedule_row(schedule, &now);
                let n = tx
                    .execute(
                        "UPDATE schedules SET document = ?2, updated_at = ?3 WHERE id = ?1",
                        params![row.id, row.document, now],
                    )
                    .map_err(fail())?;
                if n == 0 {
                    return Err(unknown("schedule", &schedule.id));
                }
            }
        }
        let (action, detail) = schedule_audit(write);
        append_audit(&tx, actor, action, None, Some(&detail))?;
        tx.commit("commit a schedule")
    }

    pub(in crate::store::sqlite) fn occurrences(&self, schedule: Option<&str>) -> Result<Vec<Occurrence>> {
        occurrences_in(&self.conn, schedule)
    }
}

fn occurrences_in(conn: &Connection, schedule: Option<&str>) -> Result<Vec<Occurrence>> {
    let fail = store_error("read occurrences");
    let mut st = conn
        .prepare_cached(
            "SELECT schedule, occurrence_date, number FROM occurrences
             WHERE ?1 IS NULL OR schedule = ?1 ORDER BY schedule, occurrence_date",
        )
        .map_err(store_error("read occurrences"))?;
    let rows = st.query_map([schedule], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)));
    let rows: Vec<(String, String, String)> = rows.and_then(Iterator::collect).map_err(fail)?;
    Ok(rows
        .into_iter()
        .filter_map(|(schedule, date, number)| Some(Occurrence { schedule, date: date.parse().ok()?, number }))
        .collect())
}

/// Refuses an occurrence issued before; called first in the issuing transaction, which
/// holds the write lock, so the answer stands until it commits.
pub(super) fn check_occurrence(conn: &Connection, occurrence: &Occurrence) -> Result<()> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM occurrences WHERE schedule = ?1 AND occurrence_date = ?2")
        .and_then(|mut st| {
            st.query_row(params![occurrence.schedule, occurrence.date.to_string()], |r| r.get(0)).optional()
        })
        .map_err(store_error("read occurrences"))?;
    match found {
        Some(_) => Err(occurrence_issued(occurrence)),
        None => Ok(()),
    }
}

/// Links the occurrence to the invoice just stored (same transaction).
pub(super) fn link_occurrence(conn: &Connection, occurrence: &Occurrence, number: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "INSERT INTO occurrences (schedule, occurrence_date, number) VALUES (?1, ?2, ?3)
             ON CONFLICT (schedule, occurrence_date) DO NOTHING",
        )
        .and_then(|mut st| st.execute(params![occurrence.schedule, occurrence.date.to_string(), number]))
        .map_err(store_error("link the occurrence to its invoice"))?;
    if n == 0 { Err(occurrence_issued(occurrence)) } else { Ok(()) }
}

/// The catalog tables, for a dump.
pub(super) fn dump(conn: &Sqlite) -> Result<Catalog> {
    Ok(Catalog {
        customers: conn.customers(None)?,
        schedules: conn.schedules(None)?.into_iter().map(|(row, _)| row).collect(),
        occurrences: occurrences_in(&conn.conn, None)?,
    })
}

/// Rows already in the catalog tables (a copy goes into an empty store only).
pub(super) fn count(conn: &Connection) -> Result<i64> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM schedules) + (SELECT count(*) FROM occurrences)",
        [],
        |r| r.get(0),
    )
    .map_err(store_error("check that the target is empty"))
}

/// Writes the customers and schedules of a copy (before its invoices).
pub(super) fn load_definitions(conn: &Connection, catalog: &Catalog) -> Result<()> {
    for c in &catalog.customers {
        conn.execute(
            "INSERT INTO customers (id, document, archived, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.id, c.document, i64::from(c.archived), c.created_at, c.updated_at],
        )
        .map_err(store_error(format!("copy customer {}", c.id)))?;
    }
    for s in &catalog.schedules {
        conn.execute(
            "INSERT INTO schedules (id, customer, document, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![s.id, s.customer, s.document, s.created_at, s.updated_at],
        )
        .map_err(store_error(format!("copy schedule {}", s.id)))?;
    }
    Ok(())
}

/// Writes the occurrences of a copy (after its invoices).
pub(super) fn load_occurrences(conn: &Connection, catalog: &Catalog) -> Result<()> {
    for o in &catalog.occurrences {
        link_occurrence(conn, o, &o.number)?;
    }
    Ok(())
}
