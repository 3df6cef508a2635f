//! The SQLite engine: a worker that owns the store's connection, and its group commit.
//!
//! * One dedicated thread owns the writing connection and runs jobs in order ([`Worker`]);
//!   the creates waiting on it are committed together (group commit, see
//!   [`Worker::write_grouped`]): one transaction, each create in its own savepoint, one
//!   durable `COMMIT` (`synchronous = FULL`), and only then the answers.
//! * For the daemon, reads (every request's key check, invoices, lists) run on a second,
//!   read-only connection on a thread of its own, so they neither wait behind nor slow the
//!   commits; a third connection checkpoints the WAL ([`checkpointer`]).
//! * The SQL of each operation is in [`conn`], transactions and savepoints in [`tx`].
//!
//! Why one thread: a SQLite connection is `Send` but not `Sync`, and every call blocks, so
//! store calls never run on the async workers.
//!
//! * Writers never wait on each other inside SQLite, whose busy handler sleeps in steps
//!   of milliseconds and would wreck tail latency; the thread and its page cache stay
//!   hot; and an answer is sent only after the job's transaction committed.
//! * Reads see every write acknowledged before them.
//! * The file is opened by hand (to set its mode) once per store; a second open in one
//!   process would drop the POSIX locks of the connection already open, after which
//!   another process may checkpoint and delete the WAL under our feet (the
//!   `acknowledged_creates_survive_kill_9_and_cli_writes_alongside` test). The reader's
//!   and the checkpointer's connections are opened by SQLite alone, which is safe.
//!
//! A panic inside a job is caught: the caller gets [`Error::Internal`] (a 500), the
//! open transaction rolls back as it is dropped, and the thread goes on.

mod conn;
mod customers;
mod reminders;
mod tx;

pub(crate) use conn::store_error;

use super::{
    Actor, AuditEntry, Dump, Engine, Fut, GroupStats, Issue, Issued, KeyDecision, KeyRow, ListFilter, StatusChange,
    Summary,
};
use crate::error::{Error, Result};
use crate::invoice::Invoice;
use chrono::NaiveDate;
use conn::Sqlite;

/// The customer, schedule and occurrence tables (SPEC 14), as a migration.
pub(crate) const CUSTOMERS: &str = customers::MIGRATION;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;
use tokio::sync::oneshot;

/// A job run alone, in the order it came.
type Alone = Box<dyn FnOnce(&Sqlite) + Send>;
/// A job run inside a batch: it runs in its own savepoint and returns how to answer once the
/// batch's fate is known (`None`: committed; `Some(message)`: the commit failed).
type Grouped = Box<dyn FnOnce(&Sqlite) -> Reply + Send>;
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;

enum Job {
    Alone(Alone),
    Grouped(Grouped),
    /// Finish: the jobs queued before it run, then the thread closes the connection.
    Stop,
}

/// At most this many creates share one commit. Bounds the latency one batch adds to the
/// first job in it; under load batches are far smaller (about the number of clients).
const MAX_GROUP: usize = 256;

/// How long dropping a store waits for its writer to finish.
const DROP_GRACE: Duration = Duration::from_secs(30);

/// The SQLite engine.
pub(crate) struct SqliteStore {
    worker: Worker,
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path` and starts its writer thread; for the
    /// daemon (`daemon`) also the reader and the checkpointer.
    ///
    /// # Errors
    /// As `Sqlite::open`; [`Error::Io`] when a thread cannot be started.
    pub(crate) fn open(path: &Path, daemon: bool) -> Result<SqliteStore> {
        let sqlite = Sqlite::open(path)?;
        Ok(SqliteStore { worker: Worker::start(sqlite, path, daemon)? })
    }
}

impl Engine for SqliteStore {
    fn issue(&self, issue: Issue) -> Fut<'_, Issued> {
        Box::pin(self.worker.write_grouped(move |db| {
            let numbering = super::Numbering { pattern: &issue.pattern, chronological: issue.chronological };
            db.issue(issue.invoice, numbering, issue.idempotency.as_ref(), &issue.actor, issue.occurrence.as_ref())
        }))
    }

    fn get(&self, number: String) -> Fut<'_, Invoice> {
        Box::pin(self.worker.read(move |db| db.get(&number)))
    }

    fn list(&self, filter: ListFilter) -> Fut<'_, Vec<Invoice>> {
        Box::pin(self.worker.read(move |db| db.list(&filter)))
    }

    fn list_summaries(&self, filter: ListFilter) -> Fut<'_, Vec<Summary>> {
        Box::pin(self.worker.read(move |db| db.list_summaries(&filter)))
    }

    fn change_status(&self, number: String, change: StatusChange, actor: Actor) -> Fut<'_, Invoice> {
        Box::pin(self.worker.write(move |db| db.change_status(&number, &change, &actor)))
    }

    fn record_payment(&self, write: super::payments::PaymentWrite) -> Fut<'_, super::payments::Recorded> {
        // Grouped like creates (issue #22: a payment should cost no more than a create): in
        // the daemon, payments waiting together share one durable commit, each in its own
        // savepoint, so a refused one (over the balance) undoes only itself.
        Box::pin(self.worker.write_grouped(move |db| db.record_payment(write)))
    }

    fn payments(&self, filter: super::payments::PaymentFilter) -> Fut<'_, Vec<crate::receivables::PaymentRecord>> {
        Box::pin(self.worker.read(move |db| db.payments(&filter)))
    }

    fn reminders(&self, invoice: Option<String>) -> Fut<'_, Vec<crate::receivables::reminder::ReminderRecord>> {
        Box::pin(self.worker.read(move |db| db.reminders(invoice.as_deref())))
    }

    fn record_reminder(&self, record: crate::receivables::reminder::ReminderRecord, actor: Actor) -> Fut<'_, bool> {
        Box::pin(self.worker.write(move |db| db.record_reminder(&record, &actor)))
    }

    fn customer_invoices(&self, customer: String) -> Fut<'_, Vec<Invoice>> {
        Box::pin(self.worker.read(move |db| db.customer_invoices(&customer)))
    }

    fn audit(&self, actor: Actor, action: String, number: Option<String>, detail: Option<String>) -> Fut<'_, ()> {
        Box::pin(self.worker.write(move |db| db.audit(&actor, &action, number.as_deref(), detail.as_deref())))
    }

    fn audit_log(&self, since: Option<NaiveDate>) -> Fut<'_, Vec<AuditEntry>> {
        Box::pin(self.worker.read(move |db| db.audit_log(since)))
    }

    fn key_rows(&self, id: Option<String>) -> Fut<'_, Vec<KeyRow>> {
        Box::pin(self.worker.read(move |db| db.key_rows(id.as_deref())))
    }

    fn touch_key(&self, id: String, at: String) -> Fut<'_, ()> {
        Box::pin(self.worker.write(move |db| db.touch_key(&id, &at)))
    }

    fn change_key(&self, id: Option<String>, action: String, decide: KeyDecision) -> Fut<'_, bool> {
        Box::pin(self.worker.write(move |db| db.change_key(id.as_deref(), &action, decide)))
    }

    fn integrity_check(&self) -> Fut<'_, ()> {
        Box::pin(self.worker.write(Sqlite::integrity_check))
    }

    fn dump(&self) -> Fut<'_, Dump> {
        // On the writer: one transaction there is a consistent snapshot.
        Box::pin(self.worker.write(Sqlite::dump))
    }

    fn load(&self, dump: Arc<Dump>) -> Fut<'_, ()> {
        Box::pin(self.worker.write(move |db| db.load(&dump)))
    }

    fn customers(&self, id: Option<String>) -> Fut<'_, Vec<crate::store::customers::CustomerRow>> {
        Box::pin(self.worker.read(move |db| db.customers(id.as_deref())))
    }

    fn write_customer(&self, write: crate::store::CustomerWrite, actor: Actor) -> Fut<'_, ()> {
        Box::pin(self.worker.write(move |db| db.write_customer(&write, &actor)))
    }

    fn schedules(&self, id: Option<String>) -> Fut<'_, Vec<(crate::store::customers::ScheduleRow, Option<NaiveDate>)>> {
        Box::pin(self.worker.read(move |db| db.schedules(id.as_deref())))
    }

    fn write_schedule(&self, write: crate::store::ScheduleWrite, actor: Actor) -> Fut<'_, ()> {
        Box::pin(self.worker.write(move |db| db.write_schedule(&write, &actor)))
    }

    fn occurrences(&self, schedule: Option<String>) -> Fut<'_, Vec<crate::store::Occurrence>> {
        Box::pin(self.worker.read(move |db| db.occurrences(schedule.as_deref())))
    }

    fn render_metrics(&self, out: &mut String) {
        self.worker.stats.render_into(out);
    }

    fn close(&self, grace: Duration) {
        self.worker.finish(grace);
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        self.worker.finish(DROP_GRACE);
    }
}

/// A read job, run on the reader connection.
type ReadJob = Box<dyn FnOnce(&Sqlite) + Send>;

/// Handle to the writer thread (and the daemon's reader and checkpointer).
pub(crate) struct Worker {
    writer: mpsc::Sender<Job>,
    /// `None` for a command, or when the reader's connection could not be opened (reads
    /// then run on the writer).
    reader: Option<mpsc::Sender<ReadJob>>,
    writer_done: Mutex<Option<mpsc::Receiver<()>>>,
    /// Dropping it stops the checkpointer.
    checkpointer: Mutex<Option<mpsc::Sender<()>>>,
    stats: Arc<GroupStats>,
}

impl Worker {
    /// Starts the writer thread on `sqlite`; with `daemon`, the reader and the
    /// checkpointer too (on connections of their own to `path`).
    ///
    /// # Errors
    /// [`Error::Io`] when a thread cannot be started.
    fn start(sqlite: Sqlite, path: &Path, daemon: bool) -> Result<Worker> {
        let (checkpointer, reader) = if daemon { (checkpointer(&sqlite, path)?, reader(path)?) } else { (None, None) };
        let (tx, rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel();
        let stats = Arc::new(GroupStats::default());
        let thread_stats = Arc::clone(&stats);
        std::thread::Builder::new()
            .name("invoice-store".into())
            .spawn(move || {
                let db = sqlite;
                let mut held: Option<Job> = None;
                while let Some(job) = held.take().or_else(|| rx.recv().ok()) {
                    match job {
                        Job::Stop => break,
                        Job::Alone(job) => job(&db),
                        Job::Grouped(first) => {
                            let mut group = vec![first];
                            while group.len() < MAX_GROUP {
                                match rx.try_recv() {
                                    Ok(Job::Grouped(next)) => group.push(next),
                                    Ok(other) => {
                                        held = Some(other);
                                        break;
                                    }
                                    Err(_) => break,
                                }
                            }
                            run_group(&db, group, &thread_stats);
                        }
                    }
                }
                drop(db);
                let _ = done_tx.send(());
            })
            .map_err(|e| Error::io("start", "the store writer thread", e))?;
        Ok(Worker {
            writer: tx,
            reader,
            writer_done: Mutex::new(Some(done_rx)),
            checkpointer: Mutex::new(checkpointer),
            stats,
        })
    }

    fn send(&self, job: Job) -> Result<()> {
        self.writer.send(job).map_err(|_| Error::Internal("the store writer is stopped".into()))
    }

    /// Runs `f` on the writer thread, after every job queued before it.
    ///
    /// The job is queued when this is called, not when the future is first polled.
    pub(crate) fn write<T, F>(&self, f: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Sqlite) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Alone = Box::new(move |db: &Sqlite| answer(tx, || f(db)));
        let sent = self.send(Job::Alone(job));
        async move {
            sent?;
            rx.await.map_err(|_| dropped())?
        }
    }

    /// Runs `f` on the writer thread inside a batch with the other grouped jobs waiting
    /// there (group commit), each in its own savepoint: an `Err` (or a panic) undoes only
    /// `f`'s changes. The result is delivered only after the batch committed durably; if
    /// that commit fails, every job of the batch gets the error and nothing of it is stored.
    ///
    /// The job is queued when this is called, not when the future is first polled.
    pub(crate) fn write_grouped<T, F>(&self, f: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Sqlite) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Grouped = Box::new(move |db: &Sqlite| {
            let result = in_savepoint(db, f);
            Box::new(move |commit_failed: Option<&str>| {
                let result = match (result, commit_failed) {
                    (Ok(_), Some(message)) => {
                        Err(Error::Store { action: "commit a batch of writes".into(), message: message.to_owned() })
                    }
                    (result, _) => result,
                };
                let _ = tx.send(result);
            })
        });
        let sent = self.send(Job::Grouped(job));
        async move {
            sent?;
            rx.await.map_err(|_| dropped())?
        }
    }

    /// Runs a read-only `f` on the reader connection (on the writer when there is none).
    pub(crate) fn read<T, F>(&self, f: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&Sqlite) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job = move |db: &Sqlite| answer(tx, || f(db));
        let sent = match &self.reader {
            Some(reader) => reader.send(Box::new(job)).map_err(|_| Error::Internal("the store reader is gone".into())),
            None => self.send(Job::Alone(Box::new(job))),
        };
        async move {
            sent?;
            rx.await.map_err(|_| dropped())?
        }
    }

    /// Stops the writer after its queued jobs, waiting at most `grace`; stops the
    /// checkpointer. Idempotent.
    fn finish(&self, grace: Duration) {
        drop(self.checkpointer.lock().unwrap_or_else(PoisonError::into_inner).take());
        let done = self.writer_done.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(done) = done {
            let _ = self.writer.send(Job::Stop);
            let _ = done.recv_timeout(grace);
        }
    }
}

/// Runs a job and sends its result; a panic becomes [`Error::Internal`].
fn answer<T>(tx: oneshot::Sender<Result<T>>, f: impl FnOnce() -> Result<T>) {
    let result =
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(Error::Internal("a store job panicked".into())));
    let _ = tx.send(result);
}

/// What a caller gets when its job was dropped unanswered (the thread is gone).
fn dropped() -> Error {
    Error::Internal("the store writer stopped before answering".into())
}

/// Runs `f` in a savepoint of the open batch: its changes are kept when it returns `Ok`
/// and undone when it returns `Err` or panics (the panic is reported as
/// [`Error::Internal`]).
fn in_savepoint<T>(db: &Sqlite, f: impl FnOnce(&Sqlite) -> Result<T>) -> Result<T> {
    let run = || {
        catch_unwind(AssertUnwindSafe(|| f(db))).unwrap_or_else(|_| Err(Error::Internal("a store job panicked".into())))
    };
    if db.conn.is_autocommit() {
        // No batch open (it could not be started): the job is its own transaction.
        return run();
    }
    db.conn.execute_batch("SAVEPOINT job").map_err(store_error("start a savepoint"))?;
    let result = run();
    let sql = if result.is_ok() { "RELEASE job" } else { "ROLLBACK TO job; RELEASE job" };
    match db.conn.execute_batch(sql) {
        Ok(()) => result,
        Err(e) => Err(store_error("finish a savepoint")(e)),
    }
}

/// Runs a batch: one transaction, each job in its own savepoint, one durable commit; the
/// replies go out after it.
fn run_group(db: &Sqlite, group: Vec<Grouped>, stats: &GroupStats) {
    stats.count(group.len());
    if let Err(e) = db.conn.execute_batch("BEGIN IMMEDIATE") {
        let message = store_error("start a batch of writes")(e).to_string();
        // Nothing ran: each job runs (and fails or succeeds) on its own instead.
        for job in group {
            log::warn!("{message}; running a create on its own");
            let reply = job(db);
            reply(None);
        }
        return;
    }
    let replies: Vec<Reply> = group.into_iter().map(|job| job(db)).collect();
    let failed = match db.conn.execute_batch("COMMIT") {
        Ok(()) => None,
        Err(e) => {
            if !db.conn.is_autocommit() {
                let _ = db.conn.execute_batch("ROLLBACK");
            }
            Some(store_error("commit a batch of writes")(e).to_string())
        }
    };
    for reply in replies {
        reply(failed.as_deref());
    }
}

/// Starts the reader: a second connection on its own thread, running read jobs in order.
/// If the connection cannot be opened the daemon reads on the writer.
fn reader(path: &Path) -> Result<Option<mpsc::Sender<ReadJob>>> {
    let reader = match Sqlite::open_reader(path) {
        Ok(reader) => reader,
        Err(e) => {
            log::warn!("reads share the store writer: {e}");
            return Ok(None);
        }
    };
    let (tx, rx) = mpsc::channel::<ReadJob>();
    std::thread::Builder::new()
        .name("invoice-read".into())
        .spawn(move || {
            while let Ok(job) = rx.recv() {
                job(&reader);
            }
        })
        .map_err(|e| Error::io("start", "the store reader thread", e))?;
    Ok(Some(tx))
}

/// How often the checkpointer copies the WAL into the database file while writes come
/// in; it backs off to [`CHECKPOINT_IDLE`] when nothing changes. Measured: frequent small
/// checkpoints keep the WAL short and hot in the page cache, which keeps commit latency
/// flat (p99 under load: 11 ms at 20 ms, 17 ms at 100 ms, 53 ms at 2 s).
const CHECKPOINT_BUSY: Duration = Duration::from_millis(20);
const CHECKPOINT_IDLE: Duration = Duration::from_secs(1);
/// The store connection still checkpoints by itself past this many WAL pages (64 MiB),
/// so the WAL stays bounded even if the checkpointer cannot run.
const FALLBACK_AUTOCHECKPOINT: u32 = 16 * 1024;

/// Moves WAL checkpoints (which `fsync`) off the store thread: a second connection, on
/// its own thread, runs passive checkpoints (every [`CHECKPOINT_BUSY`] under load). Passive
/// checkpoints never block the writer, so commits stay plain appends to the WAL and
/// tail latency stays flat. Durability is unchanged: a commit is in the WAL (which
/// survives the process being killed) before the request is answered.
///
/// The connection is opened by SQLite only (not through `Sqlite::open`, which also opens
/// the file by hand), so this process's locks on the store stay intact. If it cannot be
/// opened the daemon runs without it and the store connection checkpoints as usual.
fn checkpointer(store: &Sqlite, path: &Path) -> Result<Option<mpsc::Sender<()>>> {
    use rusqlite::{Connection, OpenFlags};
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(path, flags) else { return Ok(None) };
    if conn.busy_timeout(Duration::from_millis(100)).is_err()
        || store.conn.pragma_update(None, "wal_autocheckpoint", FALLBACK_AUTOCHECKPOINT).is_err()
    {
        return Ok(None);
    }
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("invoice-checkpoint".into())
        .spawn(move || {
            let mut wait = CHECKPOINT_IDLE;
            let mut last_frames = -1i64;
            while let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(wait) {
                // (busy, frames in the WAL, frames copied); a failure (another process is
                // checkpointing) is retried next time.
                let frames = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get::<_, i64>(1));
                wait = match frames {
                    Ok(frames) if frames != last_frames => {
                        last_frames = frames;
                        CHECKPOINT_BUSY
                    }
                    _ => (wait * 2).min(CHECKPOINT_IDLE),
                };
            }
        })
        .map_err(|e| Error::io("start", "the store checkpointer thread", e))?;
    Ok(Some(stop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Numbering;

    fn worker(path: &Path, daemon: bool) -> Worker {
        Worker::start(Sqlite::open(path).unwrap(), path, daemon).unwrap()
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
    }

    const PATTERN: &str = crate::config::DEFAULT_NUMBER_PATTERN;

    fn issue(db: &Sqlite, invoice: Invoice) -> Result<Issued> {
        db.issue(invoice, Numbering::from(PATTERN), None, &Actor::cli("t"), None)
    }

    #[test]
    fn jobs_run_and_panics_become_errors() {
        let dir = tempfile::tempdir().unwrap();
        let db = worker(&dir.path().join("s.db"), true);
        runtime().block_on(async {
            assert_eq!(db.write(|_| Ok(1)).await.unwrap(), 1);
            let e = db.write::<(), _>(|_| panic!("boom")).await.unwrap_err();
            assert!(matches!(e, Error::Internal(_)));
            // The writer survived the panic.
            assert!(db.write(|_| Ok(1)).await.is_ok());
            let e = db.read::<(), _>(|_| panic!("boom")).await.unwrap_err();
            assert!(matches!(e, Error::Internal(_)));
            assert_eq!(db.read(|_| Ok(2)).await.unwrap(), 2);
        });
        db.finish(Duration::from_secs(5));
        // Finished: further jobs are refused, not lost silently.
        let late = runtime().block_on(db.write(|_| Ok(3)));
        assert!(matches!(late, Err(Error::Internal(_))), "{late:?}");
    }

    #[test]
    fn reads_pass_a_busy_writer_and_see_every_acknowledged_write() {
        let dir = tempfile::tempdir().unwrap();
        let db = worker(&dir.path().join("s.db"), true);
        assert!(db.reader.is_some(), "the reader connection should open");
        runtime().block_on(async {
            let first = db.write(move |db| issue(db, invoice("INV"))).await;
            let number = first.unwrap().invoice.number.unwrap();
            // The writer is held; a read is answered anyway, and sees the acknowledged create.
            let (release, wait) = std::sync::mpsc::channel::<()>();
            db.send(Job::Alone(Box::new(move |_| wait.recv().unwrap()))).unwrap();
            let read = db.read(move |db| db.get(&number));
            let read = tokio::time::timeout(Duration::from_secs(10), read).await;
            assert_eq!(read.expect("a read waited for the writer").unwrap().number.as_deref(), Some("INV-2026-0001"));
            // The reader cannot write.
            let refused = db.read(|db| db.touch_key("k", "2026-01-01T00:00:00Z")).await;
            assert!(matches!(refused, Err(Error::Store { .. })), "{refused:?}");
            release.send(()).unwrap();
        });
        db.finish(Duration::from_secs(5));
    }

    fn invoice(series: &str) -> Invoice {
        let json = format!(
            r#"{{"series":"{series}","issue_date":"2026-03-01","currency":"EUR","seller":{{"name":"S"}},
                "buyer":{{"name":"B"}},"lines":[{{"description":"x","quantity":1,"unit_price":"10.00","tax_rate":19}}]}}"#
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    /// A credit note of `amount` (gross, no tax) against `preceding`.
    fn credit_note(preceding: &str, amount: &str) -> Invoice {
        let json = format!(
            r#"{{"type":"credit_note","preceding_invoice":"{preceding}","series":"INV","issue_date":"2026-03-01",
                "currency":"EUR","seller":{{"name":"S"}},"buyer":{{"name":"B"}},
                "lines":[{{"description":"x","quantity":1,"unit_price":"{amount}","tax_rate":0}}]}}"#
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    /// Numbers visible to another connection: only what is committed.
    fn committed_numbers(path: &Path) -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut statement = conn.prepare("SELECT number FROM invoices ORDER BY number").unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn the_store_syncs_every_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Sqlite::open(&dir.path().join("s.db")).unwrap();
        // 2 = FULL: in WAL mode every commit syncs the WAL before returning.
        let synchronous: i64 = store.conn.query_row("PRAGMA synchronous", [], |row| row.get(0)).unwrap();
        assert_eq!(synchronous, 2);
    }

    /// Issue #20: a batch with refused creates in the middle (a credit note over the
    /// invoice's gross, one for an invoice that does not exist): the others commit with
    /// consecutive numbers, none is acknowledged before the batch's commit, no gap.
    #[test]
    fn grouped_creates_are_acknowledged_after_one_commit_and_a_bad_one_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let db = worker(&path, true);
        let rt = runtime();
        let original = rt.block_on(db.write(move |db| issue(db, invoice("INV")))).unwrap().invoice;
        assert_eq!(original.number.as_deref(), Some("INV-2026-0001"));
        // Hold the store thread so that the creates below queue up behind it.
        let (release_first, wait_first) = std::sync::mpsc::channel::<()>();
        db.send(Job::Alone(Box::new(move |_| wait_first.recv().unwrap()))).unwrap();
        let grouped = |invoice: Invoice| db.write_grouped(move |db| issue(db, invoice));
        let mut good = vec![grouped(invoice("INV")), grouped(invoice("INV"))];
        // Over the gross (11.90): it advances the counter, then is refused.
        let over = grouped(credit_note("INV-2026-0001", "11.91"));
        let missing = grouped(credit_note("NOPE-1", "1.00"));
        good.push(grouped(invoice("INV")));
        good.push(grouped(invoice("X")));
        // The last job of the batch waits: the batch is open, its creates done, not committed.
        let (release_last, wait_last) = std::sync::mpsc::channel::<()>();
        let (entered_tx, entered_rx) = std::sync::mpsc::channel::<()>();
        let last = db.write_grouped(move |_| {
            entered_tx.send(()).unwrap();
            wait_last.recv().unwrap();
            Ok(())
        });
        rt.block_on(async {
            release_first.send(()).unwrap();
            entered_rx.recv_timeout(Duration::from_secs(10)).unwrap();
            // Every create of the batch has run, yet none is acknowledged or visible.
            let mut first = Box::pin(good.remove(0));
            let early = tokio::time::timeout(Duration::from_millis(300), &mut first).await;
            assert!(early.is_err(), "a create was acknowledged before its batch committed");
            assert_eq!(committed_numbers(&path), ["INV-2026-0001"]);
            release_last.send(()).unwrap();
            let first = first.await.unwrap();
            // On acknowledgement, the invoice is on disk and visible to other connections.
            assert!(committed_numbers(&path).contains(first.invoice.number.as_ref().unwrap()));
            let mut numbers = vec![first.invoice.number.unwrap()];
            for create in good {
                numbers.push(create.await.unwrap().invoice.number.unwrap());
            }
            let over = over.await.unwrap_err();
            assert_eq!((over.exit_code(), over.entries()[0].1), (1, "out_of_range"));
            assert!(matches!(missing.await.unwrap_err(), Error::NotFound { .. }));
            last.await.unwrap();
            // The refused ones took no number: the others stay gapless.
            assert_eq!(numbers, ["INV-2026-0002", "INV-2026-0003", "INV-2026-0004", "X-2026-0001"]);
        });
        assert_eq!(
            committed_numbers(&path),
            ["INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "INV-2026-0004", "X-2026-0001"]
        );
        // One batch held all seven grouped jobs.
        assert_eq!(db.stats.counts(), (1, 7));
        db.finish(Duration::from_secs(5));
    }
}
