//! Test databases: a fresh PostgreSQL database per test when `INVOICE_TEST_POSTGRES` names
//! a server (e.g. `postgres://postgres@127.0.0.1/test`), dropped afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::pg_url::Target;
use super::{Location, Store};
use std::sync::atomic::{AtomicU32, Ordering};

/// A database made for one test; dropped (with its connections) when this is dropped.
pub(crate) struct TestDb {
    admin: String,
    name: String,
    url: String,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

/// Runs blocking `f` (the synchronous PostgreSQL client starts a runtime of its own) also
/// from inside an async test, which must then run on the multi-thread runtime.
pub(crate) fn outside<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => tokio::task::block_in_place(f),
        Err(_) => f(),
    }
}

/// A fresh database, or `None` (with a notice) when `INVOICE_TEST_POSTGRES` is unset.
pub(crate) fn postgres(test: &str) -> Option<TestDb> {
    outside(|| postgres_now(test))
}

fn postgres_now(test: &str) -> Option<TestDb> {
    let Some(admin) = crate::config::test_postgres_url() else {
        eprintln!("skipped on PostgreSQL: {test} (set INVOICE_TEST_POSTGRES=postgres://user@host/db to run it)");
        return None;
    };
    let name = format!("invoice_t{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let mut client = Target::parse(&admin).unwrap().connect().expect("INVOICE_TEST_POSTGRES is set but unreachable");
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).unwrap();
    client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (base, query) = admin.split_once('?').map_or((admin.as_str(), String::new()), |(b, q)| (b, format!("?{q}")));
    let prefix = base.rsplit_once('/').map_or(base, |(p, _)| p);
    let url = format!("{prefix}/{name}{query}");
    Some(TestDb { admin, name, url })
}

impl TestDb {
    /// The database's URL.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// A plain client on the database (for checks behind the store's back).
    pub(crate) fn client(&self) -> postgres::Client {
        Target::parse(&self.url).unwrap().connect().unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        outside(|| {
            if let Ok(mut client) = Target::parse(&self.admin).and_then(|t| t.connect()) {
                let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
            }
        });
    }
}

/// Where a test's store lives, removed when dropped: a temporary directory, or a fresh
/// PostgreSQL database.
pub(crate) enum Place {
    File(#[allow(dead_code)] tempfile::TempDir, Location),
    Postgres(TestDb),
}

impl Place {
    /// The store's location.
    pub(crate) fn location(&self) -> Location {
        match self {
            Place::File(_, location) => location.clone(),
            Place::Postgres(db) => Location::Postgres(db.url().to_owned()),
        }
    }
}

/// A fresh store on PostgreSQL (`on_postgres`; `None`, with a notice, when no test server is
/// set) or on SQLite in a temporary directory.
pub(crate) async fn store(on_postgres: bool, test: &str) -> Option<(Place, Store)> {
    let place = if on_postgres {
        Place::Postgres(postgres(test)?)
    } else {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::Sqlite(dir.path().join("invoices.db"));
        Place::File(dir, location)
    };
    let store = Store::open(&place.location()).await.unwrap();
    Some((place, store))
}
