//! Customers, schedules and occurrences on PostgreSQL (SPEC 14): the SQL of
//! [`crate::store::customers`], the same tables and rules as on SQLite.

use super::{AsyncPostgres, PgError, append_audit, execute, query, query_opt};
use crate::error::Result;
use crate::store::customers::{
    Catalog, CustomerRow, CustomerWrite, Occurrence, ScheduleRow, ScheduleWrite, customer_audit, customer_row, exists,
    in_use, occurrence_issued, schedule_audit, schedule_row, unknown,
};
use crate::store::{Actor, now_utc};
use chrono::NaiveDate;
use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

/// The tables, as the store's third schema version.
pub(super) const SCHEMA_4: &str = r"
CREATE TABLE customers (
    id         TEXT    PRIMARY KEY,
    document   TEXT    NOT NULL,
    archived   BOOLEAN NOT NULL DEFAULT FALSE,
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
-- Which invoice each occurrence produced; the key makes `recurring run` idempotent
-- across processes and hosts.
CREATE TABLE occurrences (
    schedule        TEXT NOT NULL REFERENCES schedules (id),
    occurrence_date TEXT NOT NULL,
    number          TEXT NOT NULL UNIQUE REFERENCES invoices (number),
    PRIMARY KEY (schedule, occurrence_date)
);
CREATE TRIGGER occurrences_are_never_changed BEFORE UPDATE OR DELETE ON occurrences
FOR EACH ROW EXECUTE FUNCTION invoice_refuse('issued occurrences never change');
ALTER TABLE invoices ADD COLUMN customer TEXT
    GENERATED ALWAYS AS ((document::jsonb) ->> 'customer') STORED;
CREATE INDEX invoices_customer ON invoices (customer);
";

fn customer_of(row: &Row) -> Result<CustomerRow, PgError> {
    Ok(CustomerRow {
        id: row.try_get(0)?,
        document: row.try_get(1)?,
        archived: row.try_get(2)?,
        created_at: row.try_get(3)?,
        updated_at: row.try_get(4)?,
    })
}

fn schedule_of(row: &Row) -> Result<(ScheduleRow, Option<NaiveDate>), PgError> {
    let last: Option<String> = row.try_get(5)?;
    Ok((
        ScheduleRow {
            id: row.try_get(0)?,
            customer: row.try_get(1)?,
            document: row.try_get(2)?,
            created_at: row.try_get(3)?,
            updated_at: row.try_get(4)?,
        },
        last.and_then(|d| d.parse().ok()),
    ))
}

fn occurrence_of(row: &Row) -> Result<Option<Occurrence>, PgError> {
    let (schedule, date, number): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    Ok(date.parse().ok().map(|date| Occurrence { schedule, date, number }))
}

impl AsyncPostgres {
    pub(super) async fn customers(&self, id: Option<&str>) -> Result<Vec<CustomerRow>> {
        if id.is_some_and(|id| id.contains('\0')) {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        customers_in(&client, self, id).await
    }

    pub(super) async fn write_customer(&self, write: &CustomerWrite, actor: &Actor) -> Result<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err("write a customer"))?;
        let now = now_utc();
        match write {
            CustomerWrite::Insert(customer) => {
                let row = customer_row(customer, &now)?;
                let n = execute(
                    &tx,
                    "INSERT INTO customers (id, document, archived, created_at, updated_at)
                     VALUES ($1, $2, FALSE, $3, $3) ON CONFLICT (id) DO NOTHING",
                    &[&row.id, &row.document, &now],
                )
                .await
                .map_err(self.err("write a customer"))?;
                if n == 0 {
                    return Err(exists("customer", &customer.id));
                }
            }
            CustomerWrite::Update(customer) => {
                let row = customer_row(customer, &now)?;
                let n = execute(
                    &tx,
                    "UPDATE customers SET document = $2, updated_at = $3 WHERE id = $1",
                    &[&row.id, &row.document, &now],
                )
                .await
                .map_err(self.err("write a customer"))?;
                if n == 0 {
                    return Err(unknown("customer", &customer.id));
                }
            }
            CustomerWrite::Archive(id) => {
                let n =
                    execute(&tx, "UPDATE customers SET archived = TRUE, updated_at = $2 WHERE id = $1", &[id, &now])
                        .await
                        .map_err(self.err("archive a customer"))?;
                if n == 0 {
                    return Err(unknown("customer", id));
                }
            }
            CustomerWrite::Delete(id) => {
                // The row lock keeps a create for this customer from slipping in between.
                let found = query_opt(&tx, "SELECT id FROM customers WHERE id = $1 FOR UPDATE", &[id])
                    .await
                    .map_err(self.err("delete a customer"))?;
                if found.is_none() {
                    return Err(unknown("customer", id));
                }
                let counts = query_opt(
                    &tx,
                    "SELECT (SELECT count(*) FROM invoices WHERE customer = $1),
                            (SELECT count(*) FROM schedules WHERE customer = $1)",
                    &[id],
                )
                .await
                .map_err(self.err("delete a customer"))?;
                let (invoices, schedules): (i64, i64) = match counts {
                    Some(row) => (
                        row.try_get(0).map_err(self.err("delete a customer"))?,
                        row.try_get(1).map_err(self.err("delete a customer"))?,
                    ),
                    None => (0, 0),
                };
                if invoices + schedules > 0 {
                    return Err(in_use(id, invoices, schedules));
                }
                execute(&tx, "DELETE FROM customers WHERE id = $1", &[id])
                    .await
                    .map_err(self.err("delete a customer"))?;
            }
        }
        let (action, detail) = customer_audit(write);
        append_audit(&tx, &self.target, actor, action, None, Some(&detail)).await?;
        tx.commit().await.map_err(self.err("commit a customer"))
    }

    pub(super) async fn schedules(&self, id: Option<&str>) -> Result<Vec<(ScheduleRow, Option<NaiveDate>)>> {
        if id.is_some_and(|id| id.contains('\0')) {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        schedules_in(&client, self, id).await
    }

    pub(super) async fn write_schedule(&self, write: &ScheduleWrite, actor: &Actor) -> Result<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(self.err("write a schedule"))?;
        let now = now_utc();
        match write {
            ScheduleWrite::Insert(schedule) => {
                let row = schedule_row(schedule, &now);
                let n = execute(
                    &tx,
                    "INSERT INTO schedules (id, customer, document, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (id) DO NOTHING",
                    &[&row.id, &row.customer, &row.document, &now],
                )
                .await
                .map_err(self.err("write a schedule"))?;
                if n == 0 {
                    return Err(exists("schedule", &schedule.id));
                }
            }
            ScheduleWrite::Update(schedule) => {
                let row = schedule_row(schedule, &now);
                let n = execute(
                    &tx,
                    "UPDATE schedules SET document = $2, updated_at = $3 WHERE id = $1",
                    &[&row.id, &row.document, &now],
                )
                .await
                .map_err(self.err("write a schedule"))?;
                if n == 0 {
                    return Err(unknown("schedule", &schedule.id));
                }
            }
        }
        let (action, detail) = schedule_audit(write);
        append_audit(&tx, &self.target, actor, action, None, Some(&detail)).await?;
        tx.commit().await.map_err(self.err("commit a schedule"))
    }

    pub(super) async fn occurrences(&self, schedule: Option<&str>) -> Result<Vec<Occurrence>> {
        if schedule.is_some_and(|id| id.contains('\0')) {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        occurrences_in(&client, self, schedule).await
    }
}

async fn customers_in(client: &impl GenericClient, pg: &AsyncPostgres, id: Option<&str>) -> Result<Vec<CustomerRow>> {
    let rows = query(
        client,
        "SELECT id, document, archived, created_at, updated_at FROM customers
         WHERE $1::text IS NULL OR id = $1 ORDER BY id",
        &[&id],
    )
    .await
    .map_err(pg.err("read customers"))?;
    rows.iter().map(customer_of).collect::<Result<_, _>>().map_err(pg.err("read customers"))
}

async fn schedules_in(
    client: &impl GenericClient,
    pg: &AsyncPostgres,
    id: Option<&str>,
) -> Result<Vec<(ScheduleRow, Option<NaiveDate>)>> {
    let rows = query(
        client,
        "SELECT id, customer, document, created_at, updated_at,
                (SELECT max(occurrence_date) FROM occurrences WHERE schedule = s.id)
         FROM schedules s WHERE $1::text IS NULL OR id = $1 ORDER BY id",
        &[&id],
    )
    .await
    .map_err(pg.err("read schedules"))?;
    rows.iter().map(schedule_of).collect::<Result<_, _>>().map_err(pg.err("read schedules"))
}

async fn occurrences_in(
    client: &impl GenericClient,
    pg: &AsyncPostgres,
    schedule: Option<&str>,
) -> Result<Vec<Occurrence>> {
    let rows = query(
        client,
        "SELECT schedule, occurrence_date, number FROM occurrences
         WHERE $1::text IS NULL OR schedule = $1 ORDER BY schedule, occurrence_date",
        &[&schedule],
    )
    .await
    .map_err(pg.err("read occurrences"))?;
    let found = rows.iter().map(occurrence_of).collect::<Result<Vec<_>, _>>().map_err(pg.err("read occurrences"))?;
    Ok(found.into_iter().flatten().collect())
}

/// Refuses an occurrence issued before. Run after the counter row is locked: under READ
/// COMMITTED this statement sees every occurrence committed by then, and a create of the
/// same occurrence still in flight holds the counter lock, so it has committed too.
pub(super) async fn check_occurrence(
    client: &impl GenericClient,
    pg: &AsyncPostgres,
    occurrence: &Occurrence,
) -> Result<()> {
    let found = query_opt(
        client,
        "SELECT 1 FROM occurrences WHERE schedule = $1 AND occurrence_date = $2",
        &[&occurrence.schedule, &occurrence.date.to_string()],
    )
    .await
    .map_err(pg.err("read occurrences"))?;
    match found {
        Some(_) => Err(occurrence_issued(occurrence)),
        None => Ok(()),
    }
}

/// Links the occurrence to the invoice just stored (same transaction); the key is the
/// last guard when two series' counters let two creates of one occurrence overlap.
pub(super) async fn link_occurrence(
    client: &impl GenericClient,
    pg: &AsyncPostgres,
    occurrence: &Occurrence,
    number: &str,
) -> Result<()> {
    let n = execute(
        client,
        "INSERT INTO occurrences (schedule, occurrence_date, number) VALUES ($1, $2, $3)
         ON CONFLICT (schedule, occurrence_date) DO NOTHING",
        &[&occurrence.schedule, &occurrence.date.to_string(), &number],
    )
    .await
    .map_err(pg.err("link the occurrence to its invoice"))?;
    if n == 0 { Err(occurrence_issued(occurrence)) } else { Ok(()) }
}

/// The catalog tables, for a dump (inside the dump's transaction).
pub(super) async fn dump(client: &impl GenericClient, pg: &AsyncPostgres) -> Result<Catalog> {
    Ok(Catalog {
        customers: customers_in(client, pg, None).await?,
        schedules: schedules_in(client, pg, None).await?.into_iter().map(|(row, _)| row).collect(),
        occurrences: occurrences_in(client, pg, None).await?,
    })
}

/// Rows already in the catalog tables.
pub(super) async fn count(client: &impl GenericClient, pg: &AsyncPostgres) -> Result<i64> {
    let row = query_opt(
        client,
        "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM schedules) + (SELECT count(*) FROM occurrences)",
        &[],
    )
    .await
    .map_err(pg.err("check that the target is empty"))?;
    Ok(row.and_then(|r| r.try_get::<_, i64>(0).ok()).unwrap_or(0))
}

/// Writes the customers and schedules of a copy (before its invoices).
pub(super) async fn load_definitions(client: &impl GenericClient, pg: &AsyncPostgres, catalog: &Catalog) -> Result<()> {
    for c in &catalog.customers {
        execute(
            client,
            "INSERT INTO customers (id, document, archived, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)",
            &[&c.id, &c.document, &c.archived, &c.created_at, &c.updated_at],
        )
        .await
        .map_err(pg.err(format!("copy customer {}", c.id)))?;
    }
    for s in &catalog.schedules {
        execute(
            client,
            "INSERT INTO schedules (id, customer, document, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)",
            &[&s.id, &s.customer, &s.document, &s.created_at, &s.updated_at],
        )
        .await
        .map_err(pg.err(format!("copy schedule {}", s.id)))?;
    }
    Ok(())
}

/// Writes the occurrences of a copy (after its invoices).
pub(super) async fn load_occurrences(client: &impl GenericClient, pg: &AsyncPostgres, catalog: &Catalog) -> Result<()> {
    for o in &catalog.occurrences {
        link_occurrence(client, pg, o, &o.number).await?;
    }
    Ok(())
}
