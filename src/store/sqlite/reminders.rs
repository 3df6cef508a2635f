//! Reminders and statement reads on SQLite (SPEC 12.5, 12.6): the SQL of
//! [`crate::store::reminders`].

use super::conn::{Sqlite, append_audit, store_error};
use super::tx::Tx;
use crate::error::Result;
use crate::invoice::Invoice;
use crate::receivables::reminder::ReminderRecord;
use crate::store::Actor;
use crate::store::reminders::{REMINDER_COLUMNS, audit_of, record_from, text_columns};
use rusqlite::params;

impl Sqlite {
    /// Stored reminders, of one invoice or all, by invoice and level.
    pub(in crate::store::sqlite) fn reminders(&self, invoice: Option<&str>) -> Result<Vec<ReminderRecord>> {
        let sql = format!(
            "SELECT {REMINDER_COLUMNS} FROM reminders WHERE ?1 IS NULL OR invoice = ?1 ORDER BY invoice, level"
        );
        let mut statement = self.conn.prepare_cached(&sql).map_err(store_error("read reminders"))?;
        let rows: Vec<(i64, [String; 9])> = statement
            .query_map([invoice], |r| {
                Ok((
                    r.get(1)?,
                    [r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
                ))
            })
            .and_then(Iterator::collect)
            .map_err(store_error("read reminders"))?;
        rows.into_iter().map(|(level, text)| record_from(level, text)).collect()
    }

    /// Writes a reminder and its audit entry; `false` (nothing written) when this level
    /// of this invoice was issued already.
    pub(in crate::store::sqlite) fn record_reminder(&self, record: &ReminderRecord, actor: &Actor) -> Result<bool> {
        let tx = Tx::begin(&self.conn, "record a reminder")?;
        let [date, fee, interest, balance, pay_by, currency, by, created_at] = text_columns(record);
        let inserted = tx
            .execute(
                "INSERT INTO reminders (invoice, level, date, fee, interest, balance, pay_by, currency, actor, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (invoice, level) DO NOTHING",
                params![record.invoice, record.level, date, fee, interest, balance, pay_by, currency, by, created_at],
            )
            .map_err(store_error(format!("record a reminder of {}", record.invoice)))?;
        if inserted == 0 {
            return Ok(false);
        }
        let (action, detail) = audit_of(record);
        append_audit(&tx, actor, action, Some(&record.invoice), Some(&detail))?;
        tx.commit(&format!("commit the reminder of {}", record.invoice))?;
        Ok(true)
    }

    /// Every invoice and credit note issued from customer `id`'s record, in creation order.
    pub(in crate::store::sqlite) fn customer_invoices(&self, id: &str) -> Result<Vec<Invoice>> {
        let numbers: Vec<String> = self
            .conn
            .prepare_cached("SELECT number FROM invoices WHERE customer = ?1 ORDER BY id")
            .and_then(|mut st| st.query_map([id], |r| r.get(0)).and_then(Iterator::collect))
            .map_err(store_error(format!("read the invoices of customer {id}")))?;
        numbers.iter().map(|number| super::conn::get_in(&self.conn, number)).collect()
    }
}
