//! The store, from async code: one thread owns the store connection (SQLite), or a pool of
//! threads each owning one connection (PostgreSQL, `--db-pool`, see [`start_pool`]).
//!
//! On SQLite the creates waiting on the thread are committed together (group commit, see
//! [`Db::write_grouped`]): one transaction, each create in its own savepoint, one durable
//! `COMMIT` (`synchronous = FULL`), and only then the answers.
//!
//! [`Store`] is a SQLite connection: `Send` but not `Sync`, and every call blocks. Store
//! calls therefore never run on the async workers: every one is a job for **one
//! dedicated thread** that owns the connection and runs jobs in order.
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

use crate::error::{Error, Result};
use crate::store::Store;
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

/// Handle to the store thread.
pub(crate) struct Db {
    writer: Option<mpsc::Sender<Job>>,
    writer_done: Mutex<mpsc::Receiver<()>>,
    /// Dropping it stops the checkpointer.
    checkpointer: Option<mpsc::Sender<()>>,
    stats: Arc<GroupStats>,
}

impl Db {
    /// Starts the store thread on `store`, and the checkpointer.
    ///
    /// # Errors
    /// [`Error::Io`] when a thread cannot be started.
    pub(crate) fn start(store: Store, pool: usize) -> Result<Db> {
        if store.is_postgres() {
            return start_pool(store, pool);
        }
        let checkpointer = checkpointer(&store)?;
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
        Ok(Db { writer: Some(tx), writer_done: Mutex::new(done_rx), checkpointer, stats })
    }

    /// Batch counters (for tests and benchmarks).
    pub(crate) fn group_stats(&self) -> &GroupStats {
        &self.stats
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
        let job: Alone = Box::new(move |store: &mut Store| {
            let result = catch_unwind(AssertUnwindSafe(|| f(store)))
                .unwrap_or_else(|_| Err(Error::Internal("a store job panicked".into())));
            let _ = tx.send(result);
        });
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

    /// Runs a read-only `f` on the store thread.
    ///
    /// # Errors
    /// Whatever `f` returns; [`Error::Internal`] if `f` panicked or the thread is gone.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        self.write(move |store| f(store)).await
    }

    /// Stops the writer after its queued jobs, waiting at most `grace`.
    pub(crate) fn finish(mut self, grace: Duration) {
        drop(self.checkpointer.take());
        drop(self.writer.take());
        let _ = self.writer_done.lock().unwrap_or_else(PoisonError::into_inner).recv_timeout(grace);
    }
}

/// Starts `size` store threads on PostgreSQL, each owning one connection (the pool): they
/// take jobs from one queue, so up to `size` requests use the database at once while the
/// async workers never block. The first thread uses `store`; the others connect on their
/// first job. A connection that broke is reopened by the engine on its next call, so the
/// daemon recovers by itself when the database is back. Grouped jobs run on their own:
/// every create is its own transaction (PostgreSQL commits in parallel).
fn start_pool(store: Store, size: usize) -> Result<Db> {
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    let (done_tx, done_rx) = mpsc::channel();
    let location = store.path().to_owned();
    let mut first = Some(store);
    for n in 0..size.max(1) {
        let rx = Arc::clone(&rx);
        let done_tx = done_tx.clone();
        let location = location.clone();
        let mut store = first.take();
        std::thread::Builder::new()
            .name(format!("invoice-store-{n}"))
            .spawn(move || {
                loop {
                    let job = rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(job) = job else { break };
                    if store.is_none() {
                        match Store::open(&location) {
                            Ok(opened) => store = Some(opened),
                            Err(e) => {
                                fail_job(job, &e);
                                continue;
                            }
                        }
                    }
                    if let Some(store) = store.as_mut() {
                        match job {
                            Job::Alone(job) => job(store),
                            Job::Grouped(job) => job(store)(None),
                        }
                    }
                }
                drop(store);
                let _ = done_tx.send(());
            })
            .map_err(|e| Error::io("start", "a store connection thread", e))?;
    }
    drop(done_tx);
    Ok(Db { writer: Some(tx), writer_done: Mutex::new(done_rx), checkpointer: None, stats: Arc::default() })
}

/// A job that could not run because no connection could be opened: it is dropped, and its
/// caller gets [`Error::Unavailable`] (a 503) when the reply channel closes.
fn fail_job(job: Job, error: &Error) {
    log::warn!("{error}");
    drop(job);
}

/// What a caller gets when its job was dropped unanswered.
fn dropped() -> Error {
    Error::Unavailable {
        action: "reach the store".into(),
        message: "no connection to the database could be opened; it is retried on the next request".into(),
    }
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
        let db = Db::start(Store::open(&path).unwrap(), 1).unwrap();
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
        let db = Db::start(Store::open(&path).unwrap(), 1).unwrap();
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
        assert_eq!(db.group_stats().counts(), (1, 6));
        db.finish(Duration::from_secs(5));
    }
}
