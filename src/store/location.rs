//! Where a store is: a SQLite file or a PostgreSQL URL (SPEC 9, SPEC 15 "Files and
//! input"). Parsed once from the setting; its `Display` and `Debug` never show a password.

use crate::error::{Error, Result};
use std::fmt;
use std::path::{Path, PathBuf};

/// A store's location, checked.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL database (`postgres://` or `postgresql://`); may hold a password.
    Postgres(String),
}

/// Whether `text` names a PostgreSQL database rather than a SQLite file.
#[must_use]
pub fn is_postgres_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Location {
    /// Reads the store setting: a `postgres://` or `postgresql://` URL, or else a path.
    /// A value with leading or trailing blanks, or in libpq's `key=value` form, is
    /// refused with the URL form to use instead: taken as a path it would silently
    /// create a SQLite file with a strange name.
    ///
    /// # Errors
    /// [`Error::Usage`] naming the problem (never a password).
    pub fn parse(setting: &Path) -> Result<Location> {
        let Some(text) = setting.to_str() else {
            // Not UTF-8: only a path can be that.
            return Ok(Location::Sqlite(setting.to_owned()));
        };
        let url_form = "postgres://USER:PASSWORD@HOST:5432/DBNAME?sslmode=require";
        if text.is_empty() {
            return Err(Error::Usage("the store setting is empty: give a file path or a postgres:// URL".into()));
        }
        if text.trim() != text {
            return Err(Error::Usage(format!(
                "the store setting {} has leading or trailing blanks; remove them (a PostgreSQL store is \
                 written {url_form})",
                quoted(&Self::shown_text(text))
            )));
        }
        if is_postgres_url(text) {
            return Ok(Location::Postgres(text.to_owned()));
        }
        if looks_like_libpq(text) {
            return Err(Error::Usage(format!(
                "the store setting {} is in libpq key=value form, which is not supported; write it as a URL: \
                 {url_form}",
                quoted(&redact_pairs(text))
            )));
        }
        Ok(Location::Sqlite(setting.to_owned()))
    }

    /// Whether this is a PostgreSQL database.
    #[must_use]
    pub fn is_postgres(&self) -> bool {
        matches!(self, Location::Postgres(_))
    }

    /// The SQLite file, if this is one.
    #[must_use]
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }

    fn shown_text(text: &str) -> String {
        if is_postgres_url(text.trim()) { super::pg_url::redact_url(text) } else { text.to_owned() }
    }
}

fn quoted(text: &str) -> String {
    format!("`{}`", crate::security::text::display_safe(text))
}

/// `host=x dbname=y` and the like: a word of letters and underscores, then `=`.
fn looks_like_libpq(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .and_then(|first| first.split_once('='))
        .is_some_and(|(key, _)| !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
}

/// A libpq string with the password's value hidden.
fn redact_pairs(text: &str) -> String {
    text.split_whitespace()
        .map(|pair| match pair.split_once('=') {
            Some(("password", _)) => "password=***".to_owned(),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&super::pg_url::redact_url(url)),
        }
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            Location::Postgres(url) => f.debug_tuple("Postgres").field(&super::pg_url::redact_url(url)).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn parse(text: &str) -> Result<Location> {
        Location::parse(Path::new(text))
    }

    #[test]
    fn paths_and_urls_are_stores() {
        assert_eq!(parse("invoices.db").unwrap(), Location::Sqlite("invoices.db".into()));
        assert_eq!(parse("/a b/x=y.db").unwrap(), Location::Sqlite("/a b/x=y.db".into()));
        assert!(parse("postgres://u@h/db").unwrap().is_postgres());
        assert!(parse("PostgreSQL://u@h/db").unwrap().is_postgres());
    }

    #[test]
    fn blanks_and_libpq_strings_are_refused_with_the_url_form() {
        for bad in [" postgres://u@h/db", "postgres://u@h/db\n", "x.db ", "\tx.db"] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad:?}");
            assert!(e.to_string().contains("leading or trailing blanks"), "{e}");
            assert!(e.to_string().contains("postgres://USER:PASSWORD@HOST"), "{e}");
        }
        let e = parse("host=db.example dbname=inv user=app password=hunter2").unwrap_err();
        let message = e.to_string();
        assert!(message.contains("key=value form") && message.contains("postgres://"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        assert!(parse("").is_err());
    }

    #[test]
    fn passwords_never_show() {
        let location = parse("postgres://app:hunter2@db.example/inv").unwrap();
        assert!(!location.to_string().contains("hunter2"), "{location}");
        assert!(!format!("{location:?}").contains("hunter2"), "{location:?}");
        assert!(location.to_string().contains("db.example"));
        let e = parse(" postgres://app:hunter2@db.example/inv").unwrap_err();
        assert!(!e.to_string().contains("hunter2"), "{e}");
    }
}
