//! The static key's home in the OS keyring: Secret Service on Linux and BSD desktops
//! (over D-Bus, spoken by the pure-Rust `zbus`, so no C library is needed to build),
//! Keychain on macOS, Credential Manager on Windows. This is the `keyring` crate's `v1`
//! platform store, never its in-memory mock (tests build mock entries themselves).
//!
//! On a headless machine (CI, a server without a D-Bus session) no keyring is
//! reachable: storing fails with a plain message that points to `INVOICE_API_KEY` and
//! `INVOICE_API_KEY_FILE`, and loading finds no key.

use super::static_key::check_static_secret;
use crate::error::{Error, Result};
use zeroize::Zeroizing;

/// The keyring service name of the static key's entry.
pub const KEYRING_SERVICE: &str = "invoice";

/// The keyring user name of the static key's entry.
pub const KEYRING_USER: &str = "static-api-key";

/// Where a failure says it was.
const WHERE: &str = "the OS keyring";

/// Stores `secret` as the static key in the OS keyring (what `invoice keys set-static`
/// does); the daemon finds it there when neither `INVOICE_API_KEY` nor
/// `INVOICE_API_KEY_FILE` is set.
///
/// # Errors
/// [`Error::Config`] for a key that cannot be sent in an HTTP header; [`Error::Io`]
/// when no keyring is reachable (headless machines, CI) or the keyring refuses, with a
/// message saying the environment variables remain the way.
pub fn store_static_key(secret: &str) -> Result<()> {
    check_static_secret(secret).map_err(|message| Error::Config { path: "the static key".into(), message })?;
    let entry = platform_entry().map_err(|e| unreachable(&e))?;
    store_in(&entry, secret)
}

/// Checks that the OS keyring can be reached, so `set-static` can say so before it asks
/// for the key.
///
/// # Errors
/// [`Error::Io`] when no keyring is reachable (headless machines, CI), with a message
/// saying the environment variables remain the way.
pub fn check_keyring() -> Result<()> {
    platform_entry().map(drop).map_err(|e| unreachable(&e))
}

/// Deletes the static key from the OS keyring (what `invoice keys delete-static` does).
/// Returns whether there was one.
///
/// # Errors
/// [`Error::Io`] when no keyring is reachable or the keyring refuses.
pub fn delete_static_key() -> Result<bool> {
    let entry = platform_entry().map_err(|e| delete_failed(&e))?;
    delete_in(&entry)
}

/// Deletes the entry; `Ok(false)` when there was none.
pub(crate) fn delete_in(entry: &keyring::Entry) -> Result<bool> {
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring::Error::NoEntry) => Ok(false),
        Err(e) => Err(delete_failed(&e)),
    }
}

/// Stores `secret` in `entry` and reads it back, so a keyring that accepts writes but
/// loses them is caught now rather than when the daemon starts.
pub(crate) fn store_in(entry: &keyring::Entry, secret: &str) -> Result<()> {
    entry.set_password(secret).map_err(refused)?;
    let stored = Zeroizing::new(entry.get_password().map_err(refused)?);
    if stored.as_str() != secret {
        return Err(refused_because("the key read back differs from the key written"));
    }
    Ok(())
}

/// The static key in `entry`, if there is one.
pub(crate) fn read_from(entry: &keyring::Entry) -> std::result::Result<Option<Zeroizing<String>>, keyring::Error> {
    match entry.get_password() {
        Ok(key) => Ok(Some(Zeroizing::new(key))),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The static key in the OS keyring; `None` when there is none or no keyring is
/// reachable (logged at debug level: that is the normal case on servers).
pub(crate) fn read_static_key() -> Option<Zeroizing<String>> {
    let result = platform_entry().and_then(|entry| read_from(&entry));
    match result {
        Ok(key) => key,
        Err(e) => {
            log::debug!("no static API key from the OS keyring: {}", describe(&e));
            None
        }
    }
}

/// Whether the OS keyring answers, for `invoice doctor`: `Ok(true)` when it holds the
/// static key, `Ok(false)` when it answers without one.
///
/// # Errors
/// Why no keyring is reachable (never the key).
pub fn probe_keyring() -> std::result::Result<bool, String> {
    match platform_entry().and_then(|entry| read_from(&entry)) {
        Ok(key) => Ok(key.is_some()),
        Err(e) => Err(describe(&e)),
    }
}

fn platform_entry() -> std::result::Result<keyring::Entry, keyring::Error> {
    keyring::Entry::new(KEYRING_SERVICE, KEYRING_USER)
}

/// Why the store could not be set up: `Entry::new` only says "no default store", the
/// cause is kept by `store_status`.
fn describe(error: &keyring::Error) -> String {
    match (error, keyring::Entry::store_status()) {
        (keyring::Error::NoDefaultStore, Err(cause)) => cause.to_string(),
        _ => error.to_string(),
    }
}

fn unreachable(error: &keyring::Error) -> Error {
    keyring_error(format!(
        "no OS keyring is reachable here ({}); the key was not stored. On a headless machine or in CI, \
         give the daemon its static key with INVOICE_API_KEY, or with INVOICE_API_KEY_FILE naming a file \
         only you can read (chmod 600)",
        describe(error)
    ))
}

fn delete_failed(error: &keyring::Error) -> Error {
    keyring_error(format!(
        "the static API key could not be deleted from the OS keyring ({}); nothing changed",
        describe(error)
    ))
}

fn refused(error: keyring::Error) -> Error {
    match error {
        keyring::Error::NoDefaultStore | keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => {
            unreachable(&error)
        }
        other => refused_because(&other.to_string()),
    }
}

fn refused_because(why: &str) -> Error {
    keyring_error(format!(
        "the keyring did not store the key ({why}); the key was not stored. INVOICE_API_KEY or \
         INVOICE_API_KEY_FILE (a file only you can read, chmod 600) remain the way to give the daemon a static key"
    ))
}

fn keyring_error(message: String) -> Error {
    Error::Io { action: "use", path: WHERE.into(), source: std::io::Error::other(message) }
}

/// An entry in a fresh in-memory mock keyring (tests never touch the OS keyring).
#[cfg(test)]
pub(crate) fn mock_entry() -> keyring::Entry {
    let store: std::sync::Arc<keyring_core::CredentialStore> = keyring_core::mock::Store::new().unwrap();
    keyring::Entry { inner: keyring_core::Entry::new_in_store(&store, KEYRING_SERVICE, KEYRING_USER).unwrap() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_static_key_reads_back() {
        let entry = mock_entry();
        assert!(read_from(&entry).unwrap().is_none());
        store_in(&entry, "a-static-secret").unwrap();
        assert_eq!(read_from(&entry).unwrap().unwrap().as_str(), "a-static-secret");
    }

    #[test]
    fn a_keyring_failure_says_the_key_was_not_stored_and_names_the_variables() {
        let entry = mock_entry();
        let mock: &keyring_core::mock::Cred = entry.inner.as_any().downcast_ref().unwrap();
        mock.set_error(keyring::Error::NoStorageAccess("locked".into()));
        let error = store_in(&entry, "k").unwrap_err();
        assert_eq!(error.exit_code(), 5);
        let text = error.to_string();
        assert!(text.starts_with("failed to use the OS keyring: no OS keyring is reachable here"), "{text}");
        assert!(text.contains("the key was not stored"), "{text}");
        assert!(text.contains("INVOICE_API_KEY_FILE"), "{text}");
        assert!(read_from(&entry).unwrap().is_none());
    }

    #[test]
    fn a_deleted_static_key_is_gone_and_a_second_delete_finds_nothing() {
        let entry = mock_entry();
        assert!(!delete_in(&entry).unwrap());
        store_in(&entry, "a-static-secret").unwrap();
        assert!(delete_in(&entry).unwrap());
        assert!(read_from(&entry).unwrap().is_none());
        assert!(!delete_in(&entry).unwrap());
    }

    #[test]
    fn a_keyring_that_refuses_a_delete_says_nothing_changed() {
        let entry = mock_entry();
        store_in(&entry, "a-static-secret").unwrap();
        let mock: &keyring_core::mock::Cred = entry.inner.as_any().downcast_ref().unwrap();
        mock.set_error(keyring::Error::NoStorageAccess("locked".into()));
        let error = delete_in(&entry).unwrap_err();
        assert_eq!(error.exit_code(), 5);
        assert!(error.to_string().ends_with("; nothing changed"), "{error}");
        assert_eq!(read_from(&entry).unwrap().unwrap().as_str(), "a-static-secret");
    }

    #[test]
    fn a_key_a_header_cannot_carry_is_refused_before_the_keyring_is_touched() {
        let error = store_static_key("two words").unwrap_err();
        assert_eq!(error.exit_code(), 5);
        assert!(matches!(error, Error::Config { .. }), "{error}");
    }
}
