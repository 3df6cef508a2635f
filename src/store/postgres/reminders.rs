//! Reminders and statement reads on PostgreSQL (SPEC 12.5, 12.6): the SQL of
//! [`crate::store::reminders`], the same table and rules as on SQLite. Two hosts issuing
//! the same level at once meet at the table's key: `ON CONFLICT DO NOTHING` waits for the
//! first to commit and then writes nothing.

use super::{AsyncPostgres, PgError, append_audit, execute, get_in, query};
use crate::error::Result;
use crate::invoice::Invoice;
use crate::receivables::reminder::ReminderRecord;
use crate::store::Actor;
use crate::store::reminders::{REMINDER_COLUMNS, audit_of, record_from, text_columns};
use tokio_postgres::Row;

fn reminder_of(row: &Row) -> Result<(i64, [String; 9]), PgError> {
    let mut text: [String; 9] = Default::default();
    text[0] = row.try_get(0)?;
    for (i, column) in text.iter_mut().enumerate().skip(1) {
        *column = row.try_get(i + 1)?;
    }
    Ok((row.try_get(1)?, text))
}

impl AsyncPostgres {
    pub(super) async fn reminders(&self, invoice: Option<&str>) -> Result<Vec<ReminderRecord>> {
        if invoice.is_some_and(|n| n.contains('\0')) {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        let sql = format!(
            "SELECT {REMINDER_COLUMNS} FROM reminders WHERE $1::text IS NULL OR invoice = $1 ORDER BY invoice, level"
        );
        let rows = query(&client, &sql, &[&invoice]).await.map_err(self.err("read reminders"))?;
        rows.iter()
            .map(|row| {
                let (level, text) = reminder_of(row).map_err(self.err("read reminders"))?;
                record_from(level, text)
            })
            .collect()
    }

    pub(super) async fn record_reminder(&self, record: &ReminderRecord, actor: &Actor) -> Result<bool> {
        let mut client = self.client().await?;
        let action = format!("record a reminder of {}", record.invoice);
        let tx = client.transaction().await.map_err(self.err(action.clone()))?;
        let [date, fee, interest, balance, pay_by, currency, by, created_at] = text_columns(record);
        let level = i64::from(record.level);
        let inserted = execute(
            &tx,
            "INSERT INTO reminders (invoice, level, date, fee, interest, balance, pay_by, currency, actor, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (invoice, level) DO NOTHING",
            &[&record.invoice, &level, &date, &fee, &interest, &balance, &pay_by, &currency, &by, &created_at],
        )
        .await
        .map_err(self.err(action.clone()))?;
        if inserted == 0 {
            return Ok(false);
        }
        let (audit, detail) = audit_of(record);
        append_audit(&tx, &self.target, actor, audit, Some(&record.invoice), Some(&detail)).await?;
        tx.commit().await.map_err(self.err(action))?;
        Ok(true)
    }

    pub(super) async fn customer_invoices(&self, id: &str) -> Result<Vec<Invoice>> {
        if id.contains('\0') {
            return Ok(Vec::new());
        }
        let client = self.client().await?;
        let action = format!("read the invoices of customer {id}");
        let rows = query(&client, "SELECT number FROM invoices WHERE customer = $1 ORDER BY id", &[&id])
            .await
            .map_err(self.err(action.clone()))?;
        let mut invoices = Vec::with_capacity(rows.len());
        for row in rows {
            let number: String = row.try_get(0).map_err(self.err(action.clone()))?;
            invoices.push(get_in(&client, &self.target, &number, false).await?);
        }
        Ok(invoices)
    }
}
