//! The store, from async code. Handlers call [`Db`]'s methods and never learn the engine:
//!
//! * **SQLite**: one dedicated thread owns the connection and runs jobs in order
//!   ([`StoreThread`]); the creates waiting on it are committed together (group commit,
//!   see [`StoreThread::write_grouped`]): one transaction, each create in its own
//!   savepoint, one durable `COMMIT` (`synchronous = FULL`), and only then the answers.
//! * **PostgreSQL**: async I/O on the daemon's own runtime through a pool of `--db-pool`
//!   connections ([`AsyncPostgres`]); no thread blocks on the database, and every create
//!   is its own transaction (PostgreSQL commits them in parallel). While the database is
//!   away calls fail with [`Error::Unavailable`] (a 503 with Retry-After), and the pool
//!   opens new connections once it is back.
//!
//! Why one thread for SQLite: [`Store`] is a SQLite connection, `Send` but not `Sync`,
//! and every call blocks, so store calls never run on the async workers.
//!
//! * Writers never wait on each other inside SQLite, whose busy handler sleeps in steps
//!   of milliseconds and would wreck tail latency; the thread and its page cache stay
//!   hot; and a 2xx is sent only after the job's transaction committed.
//! * Reads see every write acknowledged before them.
//! * `Store::open` runs once per process. It opens and closes the file before SQLite
//!   does (to set its mode); a second call would drop the POSIX locks of the connection
//!   already open, after which another process may checkpoint and delete the WAL under
//!   our feet (the `acknowledged_creates_survive_kill_9_and_cli_writes_alongside` test).
//!   The checkpointer's connection is opened by SQLite alone, which is safe.
//!
//! A panic inside a job is caught: the caller gets [`Error::Internal`] (a 500), the
//! open transaction rolls back as it is dropped, and the thread goes on.
//!
//! The operations that combine several store calls (crediting, paying, checking a key)
//! are composed in the handlers from the same store-free steps `ops` and `keys` use for
//! the CLI (`ops::credit_note`, `check_payment_date`, `keys::judge`, …).

use crate::error::{Error, Result};
use crate::invoice::Invoice;
use crate::store::{
    Actor, AsyncPostgres, Idempotency, Issued, KeyRow, ListFilter, Numbering, StatusChange, Store, Summary,
};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;
use tokio::sync::oneshot;

/// A job run alone, in the order it came.
type Alone = Box<dyn FnOnce(&mut Store) + Send>;
/// A job run inside a batch: it runs in its own savepoint and returns how to answer once the
/// batch's fate is known (`None`: committed; `Some(message)`: the commit failed).
type Grouped = Box<dyn FnOnce(&mut Store) -> Reply + Send>;
type Reply = Box<dyn FnOnce(Option<&str>) + Send>;

enum Job {
    Alone(Alone),
    Grouped(Grouped),
}

/// At most this many creates share one commit. Bounds the latency one batch adds to the
/// first job in it; under load batches are far smaller (about the number of clients).
const MAX_GROUP: usize = 256;

/// How the daemon numbers invoices (owned: it travels to the store thread).
#[derive(Debug, Clone)]
pub(crate) struct NumberingRule {
    /// The number pattern.
    pub(crate) pattern: Arc<str>,
    /// `[defaults] chronological`.
    pub(crate) chronological: bool,
}

impl NumberingRule {
    fn borrow(&self) -> Numbering<'_> {
        Numbering { pattern: &self.pattern, chronological: self.chronological }
    }
}

/// The daemon's store.
pub(crate) enum Db {
    /// A SQLite file, owned by one thread.
    Sqlite(StoreThread),
    /// A PostgreSQL database, through a pool of async connections.
    Postgres(AsyncPostgres),
}

impl Db {
    /// Starts the store: the store thread and checkpointer on SQLite, a pool of `pool`
    /// connections on PostgreSQL (`store`'s own connection is closed then).
    ///
    /// # Errors
    /// [`Error::Io`] when a thread cannot be started, [`Error::Internal`] when the pool
    /// cannot be set up.
    pub(crate) fn start(store: Store, pool: usize) -> Result<Db> {
        match store.postgres_pool(pool) {
            Some(pooled) => Ok(Db::Postgres(pooled?)),
            None => Ok(Db::Sqlite(StoreThread::start(store)?)),
        }
    }

    /// The store's own metrics, in the Prometheus text format: group commit counters on
    /// SQLite, the connection pool's gauges on PostgreSQL.
    pub(crate) fn render_metrics(&self, out: &mut String) {
        match self {
            Db::Sqlite(thread) => thread.stats.render_into(out),
            Db::Postgres(pg) => pg.render_pool_metrics(out),
        }
    }

    /// Numbers and stores a checked invoice ([`Store::issue`]); acknowledged once durable.
    pub(crate) async fn issue(
        &self,
        invoice: Invoice,
        numbering: NumberingRule,
        idempotency: Option<Idempotency>,
        actor: Actor,
    ) -> Result<Issued> {
        match self {
            Db::Sqlite(thread) => {
                thread
                    .write_grouped(move |store| store.issue(invoice, numbering.borrow(), idempotency.as_ref(), &actor))
                    .await
            }
            Db::Postgres(pg) => pg.issue(invoice, numbering.borrow(), idempotency.as_ref(), &actor).await,
        }
    }

    /// One invoice ([`Store::get`]).
    pub(crate) async fn get(&self, number: String) -> Result<Invoice> {
        match self {
            Db::Sqlite(thread) => thread.read(move |store| store.get(&number)).await,
            Db::Postgres(pg) => pg.get(&number).await,
        }
    }

    /// A page of summaries ([`Store::list_summaries`]).
    pub(crate) async fn list_summaries(&self, filter: ListFilter) -> Result<Vec<Summary>> {
        match self {
            Db::Sqlite(thread) => thread.read(move |store| store.list_summaries(&filter)).await,
            Db::Postgres(pg) => pg.list_summaries(&filter).await,
        }
    }

    /// A status change ([`Store::change_status`]).
    pub(crate) async fn change_status(&self, number: String, change: StatusChange, actor: Actor) -> Result<Invoice> {
        match self {
            Db::Sqlite(thread) => thread.write(move |store| store.change_status(&number, &change, &actor)).await,
            Db::Postgres(pg) => pg.change_status(&number, &change, &actor).await,
        }
    }

    /// The stored row of API key `id` ([`Store::key_rows`]).
    pub(crate) async fn key_rows(&self, id: String) -> Result<Vec<KeyRow>> {
        match self {
            Db::Sqlite(thread) => thread.read(move |store| store.key_rows(Some(&id))).await,
            Db::Postgres(pg) => pg.key_rows(Some(&id)).await,
        }
    }

    /// Records the use of a key ([`Store::touch_key`]).
    pub(crate) async fn touch_key(&self, id: String, at: String) -> Result<()> {
        match self {
            Db::Sqlite(thread) => thread.write(move |store| store.touch_key(&id, &at)).await,
            Db::Postgres(pg) => pg.touch_key(&id, &at).await,
        }
    }

    /// Appends an audit entry ([`Store::audit`]).
    pub(crate) async fn audit(&self, actor: Actor, action: &'static str, detail: String) -> Result<()> {
        match self {
            Db::Sqlite(thread) => thread.write(move |store| store.audit(&actor, action, None, Some(&detail))).await,
            Db::Postgres(pg) => pg.audit(&actor, action, None, Some(&detail)).await,
        }
    }

    /// Stops the store: on SQLite after the thread's queued jobs (waiting at most
    /// `grace`); on PostgreSQL the pool is closed.
    pub(crate) fn finish(self, grace: Duration) {
        match self {
            Db::Sqlite(thread) => thread.finish(grace),
            Db::Postgres(pg) => pg.close(),
        }
    }
}

/// How many batches were committed and how many grouped jobs they held.
#[derive(Debug, Default)]
pub(crate) struct GroupStats {
    batches: AtomicU64,
    jobs: AtomicU64,
}

impl GroupStats {
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

/// A read job, run on the reader connection.
type ReadJob = Box<dyn FnOnce(&Store) + Send>;

/// Handle to the SQLite store thread (and its reader).
pub(crate) struct StoreThread {
    writer: Option<mpsc::Sender<Job>>,
    /// Reads (every request's key check, invoices, lists) run on a second connection on its
    /// own thread, so they neither wait behind nor slow the commits; `None` when that
    /// connection could not be opened (reads then run on the writer).
    reader: Option<mpsc::Sender<ReadJob>>,
    writer_done: Mutex<mpsc::Receiver<()>>,
    /// Dropping it stops the checkpointer.
    checkpointer: Option<mpsc::Sender<()>>,
    stats: Arc<GroupStats>,
}

impl StoreThread {
    /// Starts the store thread on `store`, the reader and the checkpointer.
    ///
    /// # Errors
    /// [`Error::Io`] when a thread cannot be started.
    pub(crate) fn start(store: Store) -> Result<StoreThread> {
        let checkpointer = checkpointer(&store)?;
        let reader = reader(&store)?;
        let (tx, rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel();
        let stats = Arc::new(GroupStats::default());
        let thread_stats = Arc::clone(&stats);
        std::thread::Builder::new()
            .name("invoice-store".into())
            .spawn(move || {
                let mut store = store;
                let mut held: Option<Job> = None;
                while let Some(job) = held.take().or_else(|| rx.recv().ok()) {
                    match job {
                        Job::Alone(job) => job(&mut store),
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
                            run_group(&mut store, group, &thread_stats);
                        }
                    }
                }
                drop(store);
                let _ = done_tx.send(());
            })
            .map_err(|e| Error::io("start", "the store writer thread", e))?;
        Ok(StoreThread { writer: Some(tx), reader, writer_done: Mutex::new(done_rx), checkpointer, stats })
    }

    fn send(&self, job: Job) -> Result<()> {
        let sender = self.writer.as_ref().ok_or_else(|| Error::Internal("the store writer is stopped".into()))?;
        sender.send(job).map_err(|_| Error::Internal("the store writer is gone".into()))
    }

    /// Runs `f` on the store thread, after every job queued before it.
    ///
    /// # Errors
    /// Whatever `f` returns; [`Error::Internal`] if `f` panicked or the writer is gone.
    pub(crate) async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Alone = Box::new(move |store: &mut Store| answer(tx, || f(store)));
        self.send(Job::Alone(job))?;
        rx.await.map_err(|_| dropped())?
    }

    /// Runs `f` on the store thread inside a batch with the other grouped jobs waiting there
    /// (group commit), each in its own savepoint: an `Err` (or a panic) undoes only `f`'s
    /// changes. The result is delivered only after the batch committed durably; if that
    /// commit fails, every job of the batch gets the error and nothing of it is stored.
    ///
    /// The job is queued when this is called, not when the future is first polled.
    pub(crate) fn write_grouped<T, F>(&self, f: F) -> impl Future<Output = Result<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let job: Grouped = Box::new(move |store: &mut Store| {
            let result = store.in_savepoint(f);
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
    ///
    /// # Errors
    /// Whatever `f` returns; [`Error::Internal`] if `f` panicked or the thread is gone.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let Some(reader) = &self.reader else {
            return self.write(move |store| f(store)).await;
        };
        let (tx, rx) = oneshot::channel();
        let job: ReadJob = Box::new(move |store: &Store| answer(tx, || f(store)));
        reader.send(job).map_err(|_| Error::Internal("the store reader is gone".into()))?;
        rx.await.map_err(|_| dropped())?
    }

    /// Stops the writer after its queued jobs, waiting at most `grace`.
    pub(crate) fn finish(mut self, grace: Duration) {
        drop(self.checkpointer.take());
        drop(self.reader.take());
        drop(self.writer.take());
        let _ = self.writer_done.lock().unwrap_or_else(PoisonError::into_inner).recv_timeout(grace);
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

/// Runs a batch: one transaction, each job in its own savepoint, one durable commit; the
/// replies go out after it.
fn run_group(store: &mut Store, group: Vec<Grouped>, stats: &GroupStats) {
    stats.batches.fetch_add(1, Ordering::Relaxed);
    stats.jobs.fetch_add(group.len() as u64, Ordering::Relaxed);
    if let Err(e) = store.begin_batch() {
        let message = e.to_string();
        // Nothing ran: each job runs (and fails or succeeds) on its own instead.
        for job in group {
            log::warn!("{message}; running a create on its own");
            let reply = job(store);
            reply(None);
        }
        return;
    }
    let replies: Vec<Reply> = group.into_iter().map(|job| job(store)).collect();
    let failed = store.commit_batch().err().map(|e| e.to_string());
    for reply in replies {
        reply(failed.as_deref());
    }
}

/// Starts the reader: a second connection on its own thread, running read jobs in order.
/// If the connection cannot be opened the daemon reads on the writer, as before.
fn reader(store: &Store) -> Result<Option<mpsc::Sender<ReadJob>>> {
    let reader = match store.sqlite_reader() {
        Some(Ok(reader)) => reader,
        Some(Err(e)) => {
            log::warn!("reads share the store writer: {e}");
            return Ok(None);
        }
        None => return Ok(None),
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
/// The connection is opened by SQLite only (not through `Store::open`, which also opens
/// the file by hand), so this process's locks on the store stay intact. If it cannot be
/// opened the daemon runs without it and the store connection checkpoints as usual.
fn checkpointer(store: &Store) -> Result<Option<mpsc::Sender<()>>> {
    use rusqlite::{Connection, OpenFlags};
    let Some(store_conn) = store.sqlite() else { return Ok(None) };
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let Ok(conn) = Connection::open_with_flags(store.path(), flags) else { return Ok(None) };
    if conn.busy_timeout(Duration::from_millis(100)).is_err()
        || store_conn.pragma_update(None, "wal_autocheckpoint", FALLBACK_AUTOCHECKPOINT).is_err()
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

    #[test]
    fn jobs_run_and_panics_become_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let db = StoreThread::start(Store::open(&path).unwrap()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let n = db.write(|store| Ok(store.path().to_owned())).await.unwrap();
            assert_eq!(n, path);
            let e = db.write::<(), _>(|_| panic!("boom")).await.unwrap_err();
            assert!(matches!(e, Error::Internal(_)));
            // The writer survived the panic.
            assert!(db.write(|_| Ok(1)).await.is_ok());
            let e = db.read::<(), _>(|_| panic!("boom")).await.unwrap_err();
            assert!(matches!(e, Error::Internal(_)));
            assert_eq!(db.read(|_| Ok(2)).await.unwrap(), 2);
        });
        db.finish(Duration::from_secs(5));
    }

    #[test]
    fn reads_pass_a_busy_writer_and_see_every_acknowledged_write() {
        use crate::store::Actor;
        let dir = tempfile::tempdir().unwrap();
        let db = StoreThread::start(Store::open(&dir.path().join("s.db")).unwrap()).unwrap();
        assert!(db.reader.is_some(), "the reader connection should open");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let pattern = crate::config::DEFAULT_NUMBER_PATTERN;
            let first = db.write(move |store| store.issue(invoice("INV"), pattern, None, &Actor::cli("t"))).await;
            let number = first.unwrap().invoice.number.unwrap();
            // The writer is held; a read is answered anyway, and sees the acknowledged create.
            let (release, wait) = std::sync::mpsc::channel::<()>();
            db.send(Job::Alone(Box::new(move |_| wait.recv().unwrap()))).unwrap();
            let read = db.read(move |store| store.get(&number));
            let read = tokio::time::timeout(Duration::from_secs(10), read).await;
            assert_eq!(read.expect("a read waited for the writer").unwrap().number.as_deref(), Some("INV-2026-0001"));
            // The reader cannot write.
            let refused = db.read(|store| store.touch_key("k", "2026-01-01T00:00:00Z")).await;
            assert!(matches!(refused, Err(Error::Store { .. })), "{refused:?}");
            release.send(()).unwrap();
        });
        db.finish(Duration::from_secs(5));
    }

    fn invoice(series: &str) -> crate::invoice::Invoice {
        let json = format!(
            r#"{{"series":"{series}","issue_date":"2026-03-01","currency":"EUR","seller":{{"name":"S"}},
                "buyer":{{"name":"B"}},"lines":[{{"description":"x","quantity":1,"unit_price":"10.00","tax_rate":19}}]}}"#
        );
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        crate::invoice::check_bytes(json.as_bytes(), Default::default(), &Default::default(), today).unwrap().invoice
    }

    /// Numbers visible to another connection: only what is committed.
    fn committed_numbers(path: &std::path::Path) -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut statement = conn.prepare("SELECT number FROM invoices ORDER BY number").unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn the_store_syncs_every_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("s.db")).unwrap();
        // 2 = FULL: in WAL mode every commit syncs the WAL before returning.
        let synchronous: i64 = store.sqlite().unwrap().query_row("PRAGMA synchronous", [], |row| row.get(0)).unwrap();
        assert_eq!(synchronous, 2);
    }

    #[test]
    fn grouped_creates_are_acknowledged_after_one_commit_and_a_bad_one_fails_alone() {
        use crate::store::Actor;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let db = StoreThread::start(Store::open(&path).unwrap()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let pattern = crate::config::DEFAULT_NUMBER_PATTERN;
        // Hold the store thread so that the creates below queue up behind it.
        let (release_first, wait_first) = std::sync::mpsc::channel::<()>();
        db.send(Job::Alone(Box::new(move |_| wait_first.recv().unwrap()))).unwrap();
        let issue = |invoice: crate::invoice::Invoice| {
            db.write_grouped(move |store| store.issue(invoice, pattern, None, &Actor::cli("t")))
        };
        let mut good = vec![issue(invoice("INV")), issue(invoice("INV"))];
        // A credit note for an invoice that does not exist: it advances the counter, then fails.
        let mut bad = invoice("INV");
        bad.kind = crate::invoice::model::DocumentType::CreditNote;
        bad.preceding_invoice = Some("NOPE-1".into());
        let bad = issue(bad);
        good.push(issue(invoice("INV")));
        good.push(issue(invoice("X")));
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
            assert!(committed_numbers(&path).is_empty());
            release_last.send(()).unwrap();
            let first = first.await.unwrap();
            // On acknowledgement, the invoice is on disk and visible to other connections.
            assert!(committed_numbers(&path).contains(first.invoice.number.as_ref().unwrap()));
            let mut numbers = vec![first.invoice.number.unwrap()];
            for create in good {
                numbers.push(create.await.unwrap().invoice.number.unwrap());
            }
            assert!(matches!(bad.await.unwrap_err(), Error::NotFound { .. }));
            last.await.unwrap();
            // The failed one took no number: the others stay gapless.
            assert_eq!(numbers, ["INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "X-2026-0001"]);
        });
        assert_eq!(committed_numbers(&path), ["INV-2026-0001", "INV-2026-0002", "INV-2026-0003", "X-2026-0001"]);
        // One batch held all six grouped jobs.
        assert_eq!(db.stats.counts(), (1, 6));
        db.finish(Duration::from_secs(5));
    }
}
