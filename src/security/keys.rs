//! API keys: issue, store as hashes, verify in constant time, expire, revoke, rotate.
//!
//! (Interface stub: the bodies are being written; signatures are the contract the
//! daemon codes against.)

use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::{Actor, Store};
use std::time::Duration;

/// What a key may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Read invoices, validate drafts, render.
    Read,
    /// Create invoices and change their status.
    Write,
    /// Metrics and administration.
    Admin,
}

/// A stored key's public facts (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyRecord {
    /// Public key id (appears in logs and the audit log).
    pub id: String,
    /// Client name given at creation.
    pub client: String,
    /// Granted scopes.
    pub scopes: Vec<Scope>,
    /// Creation time (UTC, RFC 3339).
    pub created_at: String,
    /// Expiry time (UTC, RFC 3339).
    pub expires_at: String,
    /// Revocation time, if revoked (may lie in the future during a rotation grace period).
    pub revoked_at: Option<String>,
    /// Last successful use.
    pub last_used_at: Option<String>,
}

/// Who a request authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The key id, or `static` for the single static key.
    pub key_id: String,
    /// Granted scopes.
    pub scopes: Vec<Scope>,
}

/// The outcome of checking a presented key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// A usable key.
    Valid(Principal),
    /// Matches no key.
    Unknown,
    /// A revoked key (by id, for the audit log).
    Revoked {
        /// Key id.
        id: String,
    },
    /// An expired key (by id, for the audit log).
    Expired {
        /// Key id.
        id: String,
    },
}

/// The single static key from `INVOICE_API_KEY`, `INVOICE_API_KEY_FILE` or the OS keyring;
/// it has every scope. Holds only a hash of the key.
#[derive(Debug, Clone)]
pub struct StaticKey {
    hash: [u8; 32],
}

impl StaticKey {
    /// Loads the static key, if one is configured.
    ///
    /// # Errors
    /// [`Error::Config`] for an unreadable key file or one readable by others.
    pub fn load(_config: &Config) -> Result<Option<StaticKey>> {
        let _ = StaticKey { hash: [0; 32] }.hash;
        Ok(None)
    }
}

/// Checks a presented key (constant-time) and records its use.
///
/// # Errors
/// [`Error::Store`] on database failures.
pub fn verify(_store: &Store, _presented: &str, _static_key: Option<&StaticKey>) -> Result<Verification> {
    Err(Error::Internal("API keys are not implemented yet".into()))
}

/// Whether any key could authenticate now (a usable stored key or a static key).
///
/// # Errors
/// [`Error::Store`] on database failures.
pub fn any_usable_key(_store: &Store, static_key: Option<&StaticKey>) -> Result<bool> {
    Ok(static_key.is_some())
}

/// Issues a new key; returns its record and the secret, which is shown once and never stored.
///
/// # Errors
/// [`Error::Usage`] for a bad client name, [`Error::Store`].
pub fn create_key(
    _store: &Store,
    _client: &str,
    _scopes: &[Scope],
    _expires_in: Duration,
    _actor: &Actor,
) -> Result<(KeyRecord, String)> {
    Err(Error::Internal("API keys are not implemented yet".into()))
}
