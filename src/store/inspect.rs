//! A look at a store without changing it, for `invoice doctor`: its schema version
//! against the one this build writes, a quick integrity check, and what it holds. The
//! file is opened read-only and never created or migrated.

use super::sqlite::store_error;
use super::{now_utc, schema};
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// What [`inspect`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreReport {
    /// `PRAGMA user_version`: how far the file has been migrated.
    pub schema_version: u32,
    /// The schema version this build of invoice writes.
    pub latest_version: u32,
    /// `PRAGMA quick_check` said "ok".
    pub intact: bool,
    /// Stored invoices and credit notes (when the schema is current).
    pub invoices: Option<u64>,
    /// Issued API keys neither revoked nor expired (when the schema is current).
    pub active_keys: Option<u64>,
}

/// The schema version of a fresh store: the migrations applied to an empty database.
///
/// # Errors
/// [`Error::Store`] if SQLite cannot run in memory (a bug).
pub fn latest_schema_version() -> Result<u32> {
    let mut conn = Connection::open_in_memory().map_err(store_error("open an in-memory database"))?;
    schema::migrations()
        .to_latest(&mut conn)
        .map_err(|e| Error::Internal(format!("the embedded migrations do not apply: {e}")))?;
    user_version(&conn)
}

/// Opens the store at `path` read-only and reports on it.
///
/// # Errors
/// [`Error::Store`] when the file cannot be opened or is not a store.
pub fn inspect(path: &Path) -> Result<StoreReport> {
    let shown = path.display().to_string();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(store_error(format!("open the store {shown}")))?;
    let schema_version = user_version(&conn).map_err(|_| Error::Store {
        action: format!("read the store {shown}"),
        message: "it is not an SQLite database (or it is damaged)".into(),
    })?;
    let latest_version = latest_schema_version()?;
    let check: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(store_error(format!("check the store {shown}")))?;
    let intact = check == "ok";
    let (mut invoices, mut active_keys) = (None, None);
    if schema_version == latest_version && intact {
        let count = |sql: &str| -> Result<u64> {
            let n: i64 = conn.query_row(sql, [now_utc()], |row| row.get(0)).map_err(store_error("count rows"))?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        invoices = Some(count("SELECT count(*) FROM invoices WHERE ?1 IS NOT NULL")?);
        active_keys = Some(count(
            "SELECT count(*) FROM api_keys WHERE expires_at > ?1 AND (revoked_at IS NULL OR revoked_at > ?1)",
        )?);
    }
    Ok(StoreReport { schema_version, latest_version, intact, invoices, active_keys })
}

fn user_version(conn: &Connection) -> Result<u32> {
    let version: i64 =
        conn.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(store_error("read the schema version"))?;
    Ok(u32::try_from(version).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Location, Store};

    #[tokio::test]
    async fn a_fresh_store_is_current_intact_and_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        drop(Store::open(&Location::Sqlite(path.clone())).await.unwrap());
        let report = inspect(&path).unwrap();
        assert_eq!(report.schema_version, latest_schema_version().unwrap());
        assert!(report.schema_version >= 1);
        assert!(report.intact);
        assert_eq!((report.invoices, report.active_keys), (Some(0), Some(0)));
    }

    #[test]
    fn a_file_that_is_not_a_store_is_an_error_and_stays_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        std::fs::write(&path, "not sqlite at all, just some text that is long enough").unwrap();
        let error = inspect(&path).unwrap_err();
        assert_eq!(error.exit_code(), 5);
        assert!(error.to_string().contains("not an SQLite database"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "not sqlite at all, just some text that is long enough");
    }

    #[test]
    fn a_missing_store_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing.db");
        assert!(inspect(&path).is_err());
        assert!(!path.exists());
    }
}
