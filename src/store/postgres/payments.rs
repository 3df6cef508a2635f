//! Payments on PostgreSQL (SPEC 12.2, 12.7): see `store::payments` for what both engines
//! share.
//!
//! Payments waiting together are recorded as one batch, in one transaction, under the
//! payment-number lock (so every host draws from one sequence): the batch reads its
//! invoices (locked), what each was paid so far and their credit notes in one round trip,
//! decides every payment in memory in the order they came — each one against the balance
//! the ones before it in the batch left — and writes all its rows, the invoices' new
//! status and the audit entries in another. A payment thus costs the batch no round trip
//! of its own, and no read that grows with the invoice's earlier payments (issue #22: a
//! payment should cost no more than a create).

use super::{
    AsyncPostgres, BATCH_ATTEMPTS, COLUMNS, HandDriven, PAYMENT_LOCK, PgError, answer, not_found, parts, retry_pause,
};
use crate::error::Result;
use crate::invoice::Invoice;
use crate::receivables::PaymentRecord;
use crate::store::payments::{self, PaymentTarget, PaymentWrite, Recorded};
use crate::store::pg_url::{Target, is_conflict};
use crate::store::{now_utc, parts_to_invoice};
use chrono::NaiveDate;
use deadpool_postgres::GenericClient;
use rust_decimal::Decimal;
use std::collections::HashMap;
use tokio::sync::oneshot;
use tokio_postgres::Row;
use tokio_postgres::types::ToSql;

/// A payment waiting for its batch.
pub(super) struct PendingPayment {
    pub(super) write: PaymentWrite,
    pub(super) reply: oneshot::Sender<Result<Recorded>>,
}

/// The next payment number, read once the batch holds the payment lock.
const NEXT_SEQ: &str = "SELECT coalesce(max(seq), 0) + 1 FROM payments";
/// Each invoice's latest payment row: its running total (`paid_after`), found through the
/// index on (invoice, seq) whatever the number of earlier rows.
const LATEST_PAYMENTS: &str = "SELECT held.number, latest.paid_after FROM unnest($1::text[]) AS held (number)
    CROSS JOIN LATERAL (SELECT paid_after FROM payments WHERE invoice = held.number ORDER BY seq DESC LIMIT 1) AS latest";
/// Every amount of the invoices whose latest row predates the running total.
const AMOUNTS: &str = "SELECT invoice, amount FROM payments WHERE invoice = ANY($1) ORDER BY seq";
/// The credit notes issued against the batch's invoices (credited invoice, number, gross),
/// oldest first.
const CREDIT_NOTES: &str = "SELECT preceding_invoice, number, gross FROM invoices
    WHERE preceding_invoice = ANY($1) AND kind = 'credit_note' ORDER BY id";
/// The earlier payments under the batch's idempotency keys.
const IDEMPOTENT_PAYMENTS: &str = "SELECT idem_scope, idem_key, id, fingerprint FROM payments
    WHERE idem_key IS NOT NULL AND (idem_scope, idem_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))";
/// The payments the batch's reversals undo, and their reversals if they have one.
const REVERSED: &str =
    "SELECT {} FROM payments WHERE id = ANY($1) OR (reverses IS NOT NULL AND reverses = ANY($1)) ORDER BY seq";
/// Everything a batch writes, in one statement: its payment rows in payment-number order
/// ($1–$18), the status, paid date and time of change of the invoices it changes
/// ($19–$22), and its audit entries in the order of its payments ($23–$28). One statement
/// instead of three: each costs the server its own execution while the payment lock is
/// held (issue #22). The parts see one snapshot, which is enough: they write different
/// tables, and the invoices' rows are this transaction's (locked); the payments' foreign
/// key is checked at the statement's end.
const WRITE_BATCH: &str = "WITH paid AS (
        INSERT INTO payments (seq, id, invoice, date, amount, currency, method, reference, reverses, reason,
            outstanding_before, created_at, actor, request_id, idem_scope, idem_key, fingerprint, paid_after)
        SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
            $16::text[], $17::text[], $18::text[])
    ), changed AS (
        UPDATE invoices SET status = changed.status, paid_date = changed.paid_date, status_changed_at = changed.at
        FROM unnest($19::text[], $20::text[], $21::text[], $22::text[]) AS changed (number, status, paid_date, at)
        WHERE invoices.number = changed.number
    )
    INSERT INTO audit_log (time, actor, action, number, request_id, detail)
    SELECT time, actor, action, number, request_id, detail
    FROM unnest($23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[])
        WITH ORDINALITY AS entry (time, actor, action, number, request_id, detail, position)
    ORDER BY position";

/// An invoice a batch holds (locked): as the batch's payments so far left it.
struct Held {
    invoice: Invoice,
    /// Its payments net of reversals.
    paid: Decimal,
    /// Its credit notes' gross amounts.
    grosses: Vec<String>,
}

/// The payments a batch knows by id: those its reversals name, with their reversals, read
/// before the batch; then every payment the batch records.
#[derive(Default)]
struct Known {
    by_id: HashMap<String, PaymentRecord>,
    /// Payment id → its reversal.
    reversal_of: HashMap<String, PaymentRecord>,
}

impl Known {
    fn add(&mut self, record: &PaymentRecord) {
        if let Some(original) = &record.reverses {
            self.reversal_of.insert(original.clone(), record.clone());
        }
        self.by_id.insert(record.id.clone(), record.clone());
    }
}

/// What a batch writes, column by column (the payment rows and audit entries of
/// [`WRITE_BATCH`]), and each changed invoice's last change.
#[derive(Default)]
struct Writes {
    seq: Vec<i64>,
    payment: [Vec<Option<String>>; 17],
    audit: [Vec<Option<String>>; 6],
    /// Each changed invoice's (number, [status, paid date, changed at]), in the order first
    /// changed.
    changed: Vec<(String, [Option<String>; 3])>,
    /// Where an invoice is in `changed`.
    position: HashMap<String, usize>,
}

impl Writes {
    /// Adds a payment; `changes` says whether it changes its invoice's status or paid date
    /// ([`payments::changes_invoice`]): only then is the invoice's row written.
    fn add(&mut self, seq: i64, apply: &payments::Apply, write: &PaymentWrite, changes: bool) {
        let r = &apply.record;
        let (scope, key, fingerprint) = match &write.idempotency {
            Some(k) => (Some(k.scope.clone()), Some(k.key.clone()), Some(k.fingerprint.clone())),
            None => (None, None, None),
        };
        let row = [
            Some(r.id.clone()),
            Some(r.invoice.clone()),
            Some(r.date.to_string()),
            Some(r.amount.to_string()),
            Some(r.currency.clone()),
            r.method.clone(),
            r.reference.clone(),
            r.reverses.clone(),
            r.reason.clone(),
            Some(apply.outstanding_before.to_string()),
            Some(r.created_at.clone()),
            Some(r.actor.clone()),
            r.request_id.clone(),
            scope,
            key,
            fingerprint,
            Some(apply.after.paid.to_string()),
        ];
        self.seq.push(seq);
        for (column, value) in self.payment.iter_mut().zip(row) {
            column.push(value);
        }
        let (action, detail) = &apply.audit;
        let entry = [
            Some(now_utc()),
            Some(write.actor.name.clone()),
            Some((*action).to_owned()),
            Some(r.invoice.clone()),
            write.actor.request_id.clone(),
            Some(detail.clone()),
        ];
        for (column, value) in self.audit.iter_mut().zip(entry) {
            column.push(value);
        }
        if !changes {
            return;
        }
        let change = [Some(apply.status.as_str().to_owned()), apply.paid_date.clone(), Some(r.created_at.clone())];
        match self.position.get(&r.invoice) {
            Some(&at) => self.changed[at].1 = change,
            None => {
                self.position.insert(r.invoice.clone(), self.changed.len());
                self.changed.push((r.invoice.clone(), change));
            }
        }
    }
}

impl AsyncPostgres {
    /// Records a batch of payments (see [`crate::store::Store::record_payment`]) in one
    /// transaction and answers each once the batch committed — the group commit creates
    /// have. A refused payment (over the balance, unknown invoice) writes nothing and takes
    /// no payment number. A batch that met a concurrent transaction in a deadlock runs
    /// again, up to [`BATCH_ATTEMPTS`] times; each payment is then checked again against
    /// the balance as it is by then.
    pub(super) async fn pay_batch(&self, batch: Vec<PendingPayment>) {
        let (writes, replies): (Vec<_>, Vec<_>) = batch.into_iter().map(|p| (p.write, p.reply)).unzip();
        let mut attempt = 1;
        let result = loop {
            match self.run_payments(&writes).await {
                Err(e) if is_conflict(&e) && attempt < BATCH_ATTEMPTS => {
                    log::warn!("a batch of {} payments met a concurrent transaction; retrying: {e}", writes.len());
                    tokio::time::sleep(retry_pause(attempt)).await;
                    attempt += 1;
                }
                result => break result,
            }
        };
        answer(replies, result);
    }

    /// One transaction for `writes`. Payment numbers are drawn under one advisory lock,
    /// taken first and held to the commit, so every host draws from one sequence and no
    /// other payment comes between the batch's reads and its writes; the invoice rows are
    /// locked (`FOR UPDATE`) before anything about them is read, so a credit note or a
    /// void (which lock the row first) is either wholly before the batch or after it.
    pub(super) async fn run_payments(&self, writes: &[PaymentWrite]) -> Result<Vec<Result<Recorded>>> {
        let transaction = HandDriven::new(self.client().await?);
        match self.pay_in_transaction(&transaction, writes).await {
            Ok(outcomes) => {
                transaction.done();
                Ok(outcomes)
            }
            Err(e) => {
                transaction.roll_back().await;
                Err(e)
            }
        }
    }

    /// [`Self::run_payments`] in `transaction`: its `BEGIN` goes with the lock and the
    /// number, its `COMMIT` with the writes (two round trips fewer, one of them under the
    /// payment lock); on `Err` the caller rolls back.
    async fn pay_in_transaction(
        &self,
        transaction: &HandDriven,
        writes: &[PaymentWrite],
    ) -> Result<Vec<Result<Recorded>>> {
        let tx = transaction.client()?;
        let number_err = |e: PgError| self.target.error("number a payment", &e);
        let (lock, next) = (
            tx.prepare_cached("SELECT pg_advisory_xact_lock($1)").await.map_err(number_err)?,
            tx.prepare_cached(NEXT_SEQ).await.map_err(number_err)?,
        );
        // One round trip: the server runs them in order, so the number is read under the lock.
        // Generic plans and the payment lock freed at the commit record, not after the flush,
        // as for a batch of creates (`BEGIN_BATCH`; answered after `FLUSH_WAL`).
        let numbered = async {
            tokio::try_join!(
                tx.batch_execute(super::BEGIN_BATCH),
                tx.execute(&lock, &[&PAYMENT_LOCK]),
                tx.query_one(&next, &[])
            )
            .map_err(number_err)
        };
        let reverses = writes.iter().any(|w| matches!(w.target, PaymentTarget::Reversal(_)));
        let (next, known, held) = if reverses {
            // A reversal's invoice is known once the payment it reverses was read.
            let (_, _, next) = numbered.await?;
            let known = self.known_payments(tx, writes).await?;
            let held = self.hold(tx, &invoices_paid(writes, &known), true).await?;
            (next, known, held)
        } else {
            // The invoices' reads go in the same round trip, sent after the lock (the server
            // runs them after it): one round trip fewer under the payment lock.
            let none = Known::default();
            let numbers = invoices_paid(writes, &none);
            let (numbered, held) = tokio::join!(numbered, self.hold(tx, &numbers, true));
            let (_, _, next) = numbered?;
            (next, Known::default(), held?)
        };
        let mut batch = Batch {
            seq: next.try_get(0).map_err(number_err)?,
            held,
            seen: self.idempotent_payments(tx, writes).await?,
            known,
            writes: Writes::default(),
        };
        let mut outcomes = Vec::with_capacity(writes.len());
        for write in writes {
            let outcome = batch.record(self, tx, write).await;
            if let Err(e) = &outcome
                && is_conflict(e)
            {
                return Err(super::same_error(e));
            }
            outcomes.push(outcome);
        }
        self.write_batch(tx, &batch.writes).await?;
        Ok(outcomes)
    }

    /// The payments the batch's reversals name, with their reversals (one query, none when
    /// the batch reverses nothing). Read under the payment lock: no other batch adds one
    /// before this one commits.
    async fn known_payments(&self, tx: &impl GenericClient, writes: &[PaymentWrite]) -> Result<Known> {
        let ids: Vec<&str> = writes
            .iter()
            .filter_map(|w| match &w.target {
                PaymentTarget::Reversal(id) if !id.contains('\0') => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let mut known = Known::default();
        if ids.is_empty() {
            return Ok(known);
        }
        let read = |e: PgError| self.target.error("read the payments to reverse", &e);
        let sql = REVERSED.replacen("{}", payments::PAYMENT_COLUMNS, 1);
        let statement = tx.prepare_cached(&sql).await.map_err(read)?;
        for row in tx.query(&statement, &[&ids]).await.map_err(read)? {
            known.add(&payments::record_from(payment_columns(&row).map_err(read)?)?);
        }
        Ok(known)
    }

    /// The invoices `numbers` (locked when `lock`) with what each was paid so far and its
    /// credit notes, read in one round trip: the statements are sent together and the
    /// server runs them in order, so the rows are locked before the rest is read.
    async fn hold(&self, tx: &impl GenericClient, numbers: &[&str], lock: bool) -> Result<HashMap<String, Held>> {
        let read = |e: PgError| self.target.error("read the invoices paid", &e);
        // Locked in one order (by number), so that two transactions locking some of the
        // same rows cannot each wait for the other.
        let lock = if lock { " ORDER BY number FOR UPDATE" } else { "" };
        let invoices_sql = format!("SELECT {COLUMNS} FROM invoices WHERE number = ANY($1){lock}");
        let statements = (
            tx.prepare_cached(&invoices_sql).await.map_err(read)?,
            tx.prepare_cached(LATEST_PAYMENTS).await.map_err(read)?,
            tx.prepare_cached(CREDIT_NOTES).await.map_err(read)?,
        );
        let by_number: [&(dyn ToSql + Sync); 1] = [&numbers];
        let (invoice_rows, latest_rows, credit_rows) = tokio::try_join!(
            tx.query(&statements.0, &by_number),
            tx.query(&statements.1, &by_number),
            tx.query(&statements.2, &by_number),
        )
        .map_err(read)?;
        let mut latest: HashMap<String, Option<String>> = HashMap::with_capacity(latest_rows.len());
        for row in &latest_rows {
            latest.insert(row.try_get(0).map_err(read)?, row.try_get(1).map_err(read)?);
        }
        // Rows written before the running total: every amount of those invoices, summed.
        let unknown: Vec<&str> =
            latest.iter().filter(|(_, paid)| paid.is_none()).map(|(number, _)| number.as_str()).collect();
        let mut amounts: HashMap<String, Vec<String>> = HashMap::new();
        if !unknown.is_empty() {
            let statement = tx.prepare_cached(AMOUNTS).await.map_err(read)?;
            for row in tx.query(&statement, &[&unknown]).await.map_err(read)? {
                let (invoice, amount): (String, String) =
                    (row.try_get(0).map_err(read)?, row.try_get(1).map_err(read)?);
                amounts.entry(invoice).or_default().push(amount);
            }
        }
        let mut held = HashMap::with_capacity(invoice_rows.len());
        for row in &invoice_rows {
            let invoice = parts_to_invoice(parts(row).map_err(read)?)?;
            let number = invoice.number.clone().unwrap_or_default();
            let paid = payments::paid_so_far(&number, latest.remove(&number), || {
                Ok(amounts.remove(&number).unwrap_or_default())
            })?;
            held.insert(number, Held { invoice, paid, grosses: Vec::new() });
        }
        for row in &credit_rows {
            let (credited, note, gross): (String, String, String) =
                (row.try_get(0).map_err(read)?, row.try_get(1).map_err(read)?, row.try_get(2).map_err(read)?);
            if let Some(invoice) = held.get_mut(&credited) {
                invoice.invoice.credit_notes.push(note);
                invoice.grosses.push(gross);
            }
        }
        Ok(held)
    }

    /// The payments already recorded under the batch's idempotency keys: (scope, key) →
    /// (payment id, fingerprint). Read after the invoices were locked, so a retry waiting
    /// for the first request's batch finds its key once that committed.
    async fn idempotent_payments(
        &self,
        tx: &impl GenericClient,
        writes: &[PaymentWrite],
    ) -> Result<HashMap<(String, String), (String, String)>> {
        let (scopes, keys): (Vec<&str>, Vec<&str>) = writes
            .iter()
            .filter_map(|w| w.idempotency.as_ref())
            .map(|k| (k.scope.as_str(), k.key.as_str()))
            .filter(|(scope, key)| !scope.contains('\0') && !key.contains('\0'))
            .unzip();
        let mut seen = HashMap::new();
        if keys.is_empty() {
            return Ok(seen);
        }
        let read = |e: PgError| self.target.error("read an idempotency key", &e);
        let statement = tx.prepare_cached(IDEMPOTENT_PAYMENTS).await.map_err(read)?;
        for row in tx.query(&statement, &[&scopes, &keys]).await.map_err(read)? {
            let key = (row.try_get(0).map_err(read)?, row.try_get(1).map_err(read)?);
            seen.insert(key, (row.try_get(2).map_err(read)?, row.try_get(3).map_err(read)?));
        }
        Ok(seen)
    }

    /// Writes what the batch decided: its rows, its invoices' status and its audit
    /// entries, in one statement sent with the `COMMIT` (only the `COMMIT` when every payment
    /// was refused or replayed), and [`super::FLUSH_WAL`]: nobody is answered before what the
    /// batch wrote or read (a replay may answer a payment another batch committed but has
    /// not flushed yet) is on disk.
    async fn write_batch(&self, tx: &deadpool_postgres::Client, writes: &Writes) -> Result<()> {
        if writes.seq.is_empty() {
            let (committed, flushed) = tokio::join!(tx.batch_execute("COMMIT"), tx.batch_execute(super::FLUSH_WAL));
            committed.map_err(self.err("commit a batch of payments"))?;
            return flushed.map_err(self.err("commit a batch of payments"));
        }
        let write = |e: PgError| self.target.error("record a batch of payments", &e);
        let statement = tx.prepare_cached(WRITE_BATCH).await.map_err(write)?;
        let mut changed: [Vec<Option<String>>; 4] = Default::default();
        for (number, [status, paid_date, at]) in &writes.changed {
            changed[0].push(Some(number.clone()));
            changed[1].push(status.clone());
            changed[2].push(paid_date.clone());
            changed[3].push(at.clone());
        }
        let (p, a) = (&writes.payment, &writes.audit);
        let params: [&(dyn ToSql + Sync); 28] = [
            &writes.seq,
            &p[0],
            &p[1],
            &p[2],
            &p[3],
            &p[4],
            &p[5],
            &p[6],
            &p[7],
            &p[8],
            &p[9],
            &p[10],
            &p[11],
            &p[12],
            &p[13],
            &p[14],
            &p[15],
            &p[16],
            &changed[0],
            &changed[1],
            &changed[2],
            &changed[3],
            &a[0],
            &a[1],
            &a[2],
            &a[3],
            &a[4],
            &a[5],
        ];
        // With the COMMIT: if the write fails, the COMMIT rolls the transaction back.
        let (written, committed, flushed) = tokio::join!(
            tx.execute(&statement, &params),
            tx.batch_execute("COMMIT"),
            tx.batch_execute(super::FLUSH_WAL)
        );
        written.map_err(write)?;
        committed.map_err(self.err("commit a batch of payments"))?;
        flushed.map_err(self.err("commit a batch of payments"))
    }
}

/// The invoices a batch pays or reverses payments of, each once, in the order they come
/// (`known` names a reversed payment's invoice).
fn invoices_paid<'a>(writes: &'a [PaymentWrite], known: &'a Known) -> Vec<&'a str> {
    let mut numbers: Vec<&str> = Vec::with_capacity(writes.len());
    for write in writes {
        let number = match &write.target {
            PaymentTarget::Invoice(number) => Some(number.as_str()),
            PaymentTarget::Reversal(id) => known.by_id.get(id).map(|p| p.invoice.as_str()),
        };
        if let Some(number) = number.filter(|n| !n.contains('\0') && !numbers.contains(n)) {
            numbers.push(number);
        }
    }
    numbers
}

/// A batch being decided: the next payment number, the invoices it holds, the idempotency
/// keys seen (stored before it or used in it: (scope, key) → (payment id, fingerprint)),
/// the payments it knows by id, and what it will write.
struct Batch {
    seq: i64,
    held: HashMap<String, Held>,
    seen: HashMap<(String, String), (String, String)>,
    known: Known,
    writes: Writes,
}

impl Batch {
    /// Decides one payment against its invoice as the batch holds it (the payments before
    /// it in the batch included), and leaves the invoice as the payment does; a retried
    /// request gets the first payment.
    async fn record(&mut self, db: &AsyncPostgres, tx: &impl GenericClient, write: &PaymentWrite) -> Result<Recorded> {
        let (number, rows) = match &write.target {
            PaymentTarget::Invoice(number) => (number.clone(), Vec::new()),
            PaymentTarget::Reversal(id) => {
                let original = self.known.by_id.get(id).cloned().ok_or_else(|| payments::payment_not_found(id))?;
                let reversal = self.known.reversal_of.get(id).cloned();
                (original.invoice.clone(), payments::reversal_rows(original, reversal))
            }
        };
        if !self.held.contains_key(&number) {
            return Err(not_found(&number));
        }
        if let Some(key) = &write.idempotency
            && let Some((id, fingerprint)) = self.seen.get(&(key.scope.clone(), key.key.clone()))
        {
            let first = match self.known.by_id.get(id) {
                Some(first) => first.clone(),
                None => payment_by_id(tx, &db.target, id).await?,
            };
            let payment = payments::replay(key, fingerprint, first)?;
            return self.replayed(db, tx, payment).await;
        }
        let invoice = self.held.get_mut(&number).ok_or_else(|| not_found(&number))?;
        let balance = payments::balance_paid(&invoice.invoice, invoice.paid, &invoice.grosses)?;
        let new = (write.decide)(&invoice.invoice, &balance, &rows)?;
        let apply = payments::apply(&invoice.invoice, &balance, new, self.seq, &write.actor)?;
        let changes = payments::changes_invoice(&invoice.invoice, &apply);
        payments::after_payment(&mut invoice.invoice, &apply);
        invoice.paid = apply.after.paid;
        let recorded = Recorded {
            payment: apply.record.clone(),
            invoice: invoice.invoice.clone(),
            balance: apply.after,
            replayed: false,
        };
        self.writes.add(self.seq, &apply, write, changes);
        self.seq += 1;
        self.known.add(&recorded.payment);
        if let Some(k) = &write.idempotency {
            let first = (recorded.payment.id.clone(), k.fingerprint.clone());
            self.seen.insert((k.scope.clone(), k.key.clone()), first);
        }
        Ok(recorded)
    }

    /// The answer to a retried request: the first payment with its invoice as it now is.
    /// The same request names the same invoice, which the batch holds; it is read
    /// otherwise.
    async fn replayed(&self, db: &AsyncPostgres, tx: &impl GenericClient, payment: PaymentRecord) -> Result<Recorded> {
        let read;
        let held = match self.held.get(&payment.invoice) {
            Some(held) => held,
            None => {
                read = db.hold(tx, &[payment.invoice.as_str()], false).await?;
                read.get(&payment.invoice).ok_or_else(|| not_found(&payment.invoice))?
            }
        };
        let balance = payments::balance_paid(&held.invoice, held.paid, &held.grosses)?;
        let balance = payments::shown_balance(&held.invoice, balance);
        Ok(Recorded { payment, invoice: held.invoice.clone(), balance, replayed: true })
    }
}

fn payment_columns(row: &Row) -> Result<[Option<String>; 12], PgError> {
    let mut columns: [Option<String>; 12] = Default::default();
    for (i, column) in columns.iter_mut().enumerate() {
        *column = row.try_get(i)?;
    }
    Ok(columns)
}

async fn payment_by_id(client: &impl GenericClient, target: &Target, id: &str) -> Result<PaymentRecord> {
    if id.contains('\0') {
        return Err(payments::payment_not_found(id));
    }
    let read = |e: PgError| target.error(format!("read payment {id}"), &e);
    let sql = format!("SELECT {} FROM payments WHERE id = $1", payments::PAYMENT_COLUMNS);
    let row =
        super::query_opt(client, &sql, &[&id]).await.map_err(read)?.ok_or_else(|| payments::payment_not_found(id))?;
    payments::record_from(payment_columns(&row).map_err(read)?)
}

/// Payments, oldest first: of one invoice or all, within dates.
pub(super) async fn payment_rows(
    client: &impl GenericClient,
    target: &Target,
    invoice: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<PaymentRecord>> {
    if invoice.is_some_and(|n| n.contains('\0')) {
        return Ok(Vec::new());
    }
    let read = |e: PgError| target.error("read payments", &e);
    let sql = payments::select_payments(invoice.is_some(), |n| format!("${n}::text"));
    let (from, to) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
    let rows = super::query(client, &sql, &[&invoice, &from, &to]).await.map_err(read)?;
    rows.iter().map(|row| payments::record_from(payment_columns(row).map_err(read)?)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_payments_find_a_reversal_recorded_in_the_batch() {
        let record = |id: &str, reverses: Option<&str>| PaymentRecord {
            id: id.into(),
            invoice: "INV-1".into(),
            date: NaiveDate::default(),
            amount: Decimal::ONE,
            currency: "EUR".into(),
            method: None,
            reference: None,
            reverses: reverses.map(Into::into),
            reason: None,
            created_at: String::new(),
            actor: String::new(),
            request_id: None,
        };
        let mut known = Known::default();
        known.add(&record("PAY-000001", None));
        assert!(!known.reversal_of.contains_key("PAY-000001"));
        known.add(&record("PAY-000002", Some("PAY-000001")));
        assert_eq!(known.reversal_of.get("PAY-000001").map(|r| r.id.as_str()), Some("PAY-000002"));
        assert!(known.by_id.contains_key("PAY-000002"));
    }
}
