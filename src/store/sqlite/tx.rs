//! Transactions on the SQLite connection: one of their own, or a savepoint when a batch
//! (the group commit) is already open.
//!
//! Every write of the store goes through [`Tx`], so the same code is atomic on its own
//! (`BEGIN IMMEDIATE` … `COMMIT`) and inside a batch (`SAVEPOINT` … `RELEASE`): a
//! transaction that fails or is dropped early rolls back only its own changes, never the
//! batch's.

use crate::error::Result;
use rusqlite::Connection;
use std::ops::Deref;

/// One transaction (or savepoint); rolls back when dropped without [`Tx::commit`].
pub(crate) struct Tx<'a> {
    conn: &'a Connection,
    nested: bool,
    done: bool,
}

impl<'a> Tx<'a> {
    /// Starts a transaction: `BEGIN IMMEDIATE` (the write lock is taken before anything is read)
    /// outside a transaction, a savepoint inside one.
    ///
    /// # Errors
    /// [`Error::Store`] naming `action` when the lock or savepoint cannot be taken.
    pub(crate) fn begin(conn: &'a Connection, action: &str) -> Result<Tx<'a>> {
        let nested = !conn.is_autocommit();
        let sql = if nested { "SAVEPOINT tx" } else { "BEGIN IMMEDIATE" };
        conn.execute_batch(sql).map_err(super::conn::store_error(action))?;
        Ok(Tx { conn, nested, done: false })
    }

    /// Makes the transaction's changes part of the database (or of the open batch).
    ///
    /// # Errors
    /// [`Error::Store`] naming `action`; it is then rolled back.
    pub(crate) fn commit(mut self, action: &str) -> Result<()> {
        let sql = if self.nested { "RELEASE tx" } else { "COMMIT" };
        self.conn.execute_batch(sql).map_err(super::conn::store_error(action))?;
        self.done = true;
        Ok(())
    }
}

impl Deref for Tx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let sql = if self.nested { "ROLLBACK TO tx; RELEASE tx" } else { "ROLLBACK" };
        if let Err(e) = self.conn.execute_batch(sql) {
            log::warn!("rolling back a store transaction failed: {e}");
        }
    }
}
