//! Units of work on the SQLite connection: a transaction of their own, or a savepoint
//! when a batch (the daemon's group commit) is already open.
//!
//! Every write of the store goes through [`Unit`], so the same code is atomic on its own
//! (`BEGIN IMMEDIATE` … `COMMIT`) and inside a batch (`SAVEPOINT` … `RELEASE`): a unit
//! that fails or is dropped early rolls back only its own changes, never the batch's.

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::ops::Deref;

/// One atomic piece of work; rolls back when dropped without [`Unit::commit`].
pub(crate) struct Unit<'a> {
    conn: &'a Connection,
    nested: bool,
    done: bool,
}

impl<'a> Unit<'a> {
    /// Starts a unit: `BEGIN IMMEDIATE` (the write lock is taken before anything is read)
    /// outside a transaction, a savepoint inside one.
    ///
    /// # Errors
    /// [`Error::Store`] naming `action` when the lock or savepoint cannot be taken.
    pub(crate) fn begin(conn: &'a Connection, action: &str) -> Result<Unit<'a>> {
        let nested = !conn.is_autocommit();
        let sql = if nested { "SAVEPOINT unit" } else { "BEGIN IMMEDIATE" };
        conn.execute_batch(sql).map_err(super::sqlite::store_error(action))?;
        Ok(Unit { conn, nested, done: false })
    }

    /// Makes the unit's changes part of the database (or of the open batch).
    ///
    /// # Errors
    /// [`Error::Store`] naming `action`; the unit is then rolled back.
    pub(crate) fn commit(mut self, action: &str) -> Result<()> {
        let sql = if self.nested { "RELEASE unit" } else { "COMMIT" };
        self.conn.execute_batch(sql).map_err(super::sqlite::store_error(action))?;
        self.done = true;
        Ok(())
    }
}

impl Deref for Unit<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Unit<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let sql = if self.nested { "ROLLBACK TO unit; RELEASE unit" } else { "ROLLBACK" };
        if let Err(e) = self.conn.execute_batch(sql) {
            log::warn!("rolling back a store transaction failed: {e}");
        }
    }
}

/// The connection of a SQLite store, or an error for a store that has none.
fn conn(store: &super::Store) -> Result<&Connection> {
    store.sqlite().ok_or_else(|| Error::Internal("group commit needs a SQLite store".into()))
}

impl super::Store {
    /// Opens a batch: one `BEGIN IMMEDIATE` transaction in which several jobs run, each in
    /// its own savepoint ([`Store::in_savepoint`]), made durable by one [`Store::commit_batch`].
    ///
    /// # Errors
    /// [`Error::Store`] when the write lock cannot be taken.
    pub(crate) fn begin_batch(&mut self) -> Result<()> {
        conn(self)?.execute_batch("BEGIN IMMEDIATE").map_err(super::sqlite::store_error("start a batch of writes"))
    }

    /// Commits the open batch (one `fsync` of the WAL for all its jobs); on failure the whole
    /// batch is rolled back and nothing of it is stored.
    ///
    /// # Errors
    /// [`Error::Store`] when the commit fails.
    pub(crate) fn commit_batch(&mut self) -> Result<()> {
        let conn = conn(self)?;
        match conn.execute_batch("COMMIT") {
            Ok(()) => Ok(()),
            Err(e) => {
                if !conn.is_autocommit() {
                    let _ = conn.execute_batch("ROLLBACK");
                }
                Err(super::sqlite::store_error("commit a batch of writes")(e))
            }
        }
    }

    /// Runs `f` in a savepoint (on SQLite; elsewhere on its own): its changes are kept when it returns `Ok` and undone when it
    /// returns `Err` or panics (the panic is reported as [`Error::Internal`]).
    ///
    /// # Errors
    /// `f`'s error, [`Error::Internal`] for a panic, [`Error::Store`] when the savepoint
    /// cannot be taken or released.
    pub(crate) fn in_savepoint<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let run = |store: &mut Self| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(store)))
                .unwrap_or_else(|_| Err(Error::Internal("a store job panicked".into())))
        };
        if self.sqlite().is_none() {
            // Other engines have no batch: each job is its own transaction.
            return run(self);
        }
        conn(self)?.execute_batch("SAVEPOINT job").map_err(super::sqlite::store_error("start a savepoint"))?;
        let result = run(self);
        let sql = if result.is_ok() { "RELEASE job" } else { "ROLLBACK TO job; RELEASE job" };
        match conn(self)?.execute_batch(sql) {
            Ok(()) => result,
            Err(e) => Err(super::sqlite::store_error("finish a savepoint")(e)),
        }
    }
}
