//! API keys for the daemon: issue, store as hashes, verify in constant time, expire,
//! revoke, rotate; and the single static key (environment, owner-only file, OS keyring).
//!
//! This module owns the `api_keys` table (the store creates it, nothing else reads it)
//! and the key format (`invk_<id>_<secret>`; the `secret` submodule says why SHA-256 is the right hash).
//! It does not own the HTTP side: how a key is taken from a request, the 401/403
//! answers and the audit entries for failed authentications belong to the daemon, which
//! calls [`verify`] on every request. `verify` reads the database each time, so a key
//! revoked by `invoice keys revoke` fails at once in a daemon that is already running.
//!
//! Times are stored as UTC RFC 3339 strings with whole seconds (`2026-11-27T10:15:00Z`),
//! like the rest of the store. A key is revoked once `revoked_at <= now` (a rotation with
//! a grace period stores a future `revoked_at`) and expired once `expires_at <= now`.

mod os_keyring;
mod secret;
mod static_key;

pub use os_keyring::{KEYRING_SERVICE, KEYRING_USER, check_keyring, store_static_key};
pub use secret::{KEY_PREFIX, is_key_id};
pub use static_key::{STATIC_KEY_ID, StaticKey, StaticKeySource};

use crate::error::{Error, Result};
use crate::security::text::{display_safe, forbidden_char};
use crate::store::{Actor, Store};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use secret::Digest32;
use std::time::Duration;

/// The default lifetime of a key (SPEC 4: 90 days).
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(90 * DAY_SECS);

/// The longest lifetime a key may be given (SPEC 7: at most 365 days).
pub const MAX_LIFETIME: Duration = Duration::from_secs(365 * DAY_SECS);

/// The longest client name, in characters.
pub const MAX_CLIENT_CHARS: usize = 100;

/// `last_used_at` is written at most this often per key, to spare the store a write on
/// every request.
const LAST_USED_RESOLUTION: TimeDelta = TimeDelta::seconds(60);

const DAY_SECS: u64 = 24 * HOUR_SECS;
const HOUR_SECS: u64 = 60 * 60;

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

impl Scope {
    /// Every scope, in order (what the static key has).
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Admin];

    /// The scope's name: `read`, `write` or `admin`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    /// Parses one scope name (exact, lowercase).
    ///
    /// # Errors
    /// [`Error::Usage`] naming the unknown scope and the valid ones.
    pub fn parse(name: &str) -> Result<Scope> {
        match name {
            "read" => Ok(Scope::Read),
            "write" => Ok(Scope::Write),
            "admin" => Ok(Scope::Admin),
            other => Err(Error::Usage(format!(
                "unknown scope `{}`: use read, write or admin (comma-separated)",
                display_safe(other)
            ))),
        }
    }

    /// Parses a comma-separated list (`read,write`); the result is sorted and without
    /// duplicates. Blanks around names are ignored.
    ///
    /// # Errors
    /// [`Error::Usage`] for an unknown scope or an empty list.
    pub fn parse_list(list: &str) -> Result<Vec<Scope>> {
        let scopes = list.split(',').map(|s| Scope::parse(s.trim())).collect::<Result<Vec<_>>>()?;
        normalize_scopes(&scopes)
    }

    /// The comma-separated form stored and printed (`read,write`).
    #[must_use]
    pub fn join(scopes: &[Scope]) -> String {
        scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scope {
    type Err = Error;

    fn from_str(s: &str) -> Result<Scope> {
        Scope::parse(s)
    }
}

fn normalize_scopes(scopes: &[Scope]) -> Result<Vec<Scope>> {
    let mut scopes = scopes.to_vec();
    scopes.sort_unstable();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(Error::Usage("a key needs at least one scope: read, write or admin".into()));
    }
    Ok(scopes)
}

/// A key's state at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyState {
    /// Usable (possibly with a revocation scheduled by a rotation grace period).
    Active,
    /// Past its expiry time.
    Expired,
    /// Revoked (its revocation time has come).
    Revoked,
}

impl KeyState {
    /// `active`, `expired` or `revoked`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Active => "active",
            KeyState::Expired => "expired",
            KeyState::Revoked => "revoked",
        }
    }
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

impl KeyRecord {
    /// The key's state at `now`. A revoked key reads as revoked even when it has also
    /// expired.
    #[must_use]
    pub fn state_at(&self, now: DateTime<Utc>) -> KeyState {
        if self.revoked_at.as_deref().and_then(parse_time).is_some_and(|t| t <= now) {
            KeyState::Revoked
        } else if parse_time(&self.expires_at).is_none_or(|t| t <= now) {
            // An unreadable expiry fails closed.
            KeyState::Expired
        } else {
            KeyState::Active
        }
    }

    /// The key's state now.
    #[must_use]
    pub fn state(&self) -> KeyState {
        self.state_at(Utc::now())
    }
}

/// Who a request authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The key id, or `static` for the single static key.
    pub key_id: String,
    /// Granted scopes.
    pub scopes: Vec<Scope>,
}

impl Principal {
    /// Whether this principal holds `scope`.
    #[must_use]
    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }

    /// The audit actor for requests made with this key (`key:<id>`).
    #[must_use]
    pub fn actor(&self, request_id: Option<String>) -> Actor {
        Actor { name: format!("key:{}", self.key_id), request_id }
    }
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

/// Checks a presented key and records its use.
///
/// The static key is compared first (constant time, on SHA-256 digests). Otherwise the
/// key's id is read from its format, that one row is loaded, and the digests are
/// compared in constant time; only a key whose secret matches is reported as
/// [`Verification::Revoked`] or [`Verification::Expired`], so guessing an id (ids are
/// public) learns nothing. A malformed key or a wrong secret is
/// [`Verification::Unknown`]. The row is read on every call: revocations apply at once.
///
/// On success `last_used_at` is updated when it is more than a minute old; a failure to
/// write it is logged and does not fail the request.
///
/// # Errors
/// [`Error::Store`] when the row cannot be read or is damaged.
pub fn verify(store: &Store, presented: &str, static_key: Option<&StaticKey>) -> Result<Verification> {
    let digest = Digest32::of(presented.as_bytes());
    if let Some(static_key) = static_key
        && static_key.matches(&digest)
    {
        return Ok(Verification::Valid(Principal { key_id: STATIC_KEY_ID.to_owned(), scopes: Scope::ALL.to_vec() }));
    }
    let Some(id) = secret::key_id(presented) else {
        return Ok(Verification::Unknown);
    };
    let conn = store.connection();
    let Some((record, stored)) = load(conn, id)? else {
        return Ok(Verification::Unknown);
    };
    if !stored.ct_eq(&digest) {
        return Ok(Verification::Unknown);
    }
    let now = Utc::now();
    match record.state_at(now) {
        KeyState::Revoked => return Ok(Verification::Revoked { id: record.id }),
        KeyState::Expired => return Ok(Verification::Expired { id: record.id }),
        KeyState::Active => {}
    }
    let stale = record.last_used_at.as_deref().and_then(parse_time).is_none_or(|t| now - t >= LAST_USED_RESOLUTION);
    if stale
        && let Err(e) =
            conn.execute("UPDATE api_keys SET last_used_at = ?1 WHERE id = ?2", params![format_time(now), record.id])
    {
        log::warn!("failed to record the use of API key {}: {e}", record.id);
    }
    Ok(Verification::Valid(Principal { key_id: record.id, scopes: record.scopes }))
}

/// Whether any key could authenticate now (a usable stored key or a static key); the
/// daemon refuses to start without one.
///
/// # Errors
/// [`Error::Store`] on database failures.
pub fn any_usable_key(store: &Store, static_key: Option<&StaticKey>) -> Result<bool> {
    if static_key.is_some() {
        return Ok(true);
    }
    let now = Utc::now();
    Ok(list_keys(store)?.iter().any(|k| k.state_at(now) == KeyState::Active))
}

/// Issues a new key; returns its record and the key, which is shown once and never
/// stored (only its SHA-256 digest is). Writes a `key_create` audit entry (detail: the
/// key id) in the same transaction.
///
/// Scopes are sorted and deduplicated. The client name is trimmed; it must be 1–100
/// characters without control, bidi or invisible characters.
///
/// # Errors
/// [`Error::Usage`] for a bad client name, no scopes, or a lifetime that is zero or
/// longer than [`MAX_LIFETIME`]; [`Error::Store`] on database failures.
pub fn create_key(
    store: &Store,
    client: &str,
    scopes: &[Scope],
    expires_in: Duration,
    actor: &Actor,
) -> Result<(KeyRecord, String)> {
    let client = check_client(client)?;
    let scopes = normalize_scopes(scopes)?;
    let lifetime = check_lifetime(expires_in)?;
    let tx = begin(store, "issue an API key")?;
    let (record, key) = insert_key(&tx, client, &scopes, lifetime)?;
    store.audit(actor, "key_create", None, Some(&record.id))?;
    tx.commit("issue an API key")?;
    Ok((record, key))
}

/// Every stored key, oldest first (never secrets or hashes).
///
/// # Errors
/// [`Error::Store`] on database failures or a damaged row.
pub fn list_keys(store: &Store) -> Result<Vec<KeyRecord>> {
    let conn = store.connection();
    let mut statement = conn
        .prepare(&format!("SELECT {COLUMNS} FROM api_keys ORDER BY created_at, id"))
        .map_err(store_error("list API keys"))?;
    let rows = statement.query_map([], row_to_raw).map_err(store_error("list API keys"))?;
    let mut keys = Vec::new();
    for row in rows {
        keys.push(raw_to_record(row.map_err(store_error("list API keys"))?)?.0);
    }
    Ok(keys)
}

/// One stored key by id.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id; [`Error::Store`] on database failures.
pub fn get_key(store: &Store, id: &str) -> Result<KeyRecord> {
    load(store.connection(), id)?.map(|(record, _)| record).ok_or_else(|| not_found(id))
}

/// What [`revoke_key`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// The key is revoked from now on.
    Revoked(KeyRecord),
    /// The key had already been revoked; nothing changed.
    AlreadyRevoked(KeyRecord),
}

/// Revokes a key at once (also one whose revocation a rotation had scheduled for later).
/// Revoking a revoked key changes nothing and is not an error, so scripts may repeat it.
/// Writes a `key_revoke` audit entry (detail: the key id) when something changed.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id; [`Error::Store`] on database failures.
pub fn revoke_key(store: &Store, id: &str, actor: &Actor) -> Result<Revocation> {
    let tx = begin(store, "revoke an API key")?;
    let (mut record, _) = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    let now = Utc::now();
    if record.state_at(now) == KeyState::Revoked {
        return Ok(Revocation::AlreadyRevoked(record));
    }
    let revoked_at = format_time(now);
    tx.execute("UPDATE api_keys SET revoked_at = ?1 WHERE id = ?2", params![revoked_at, record.id])
        .map_err(store_error(format!("revoke API key {}", record.id)))?;
    store.audit(actor, "key_revoke", None, Some(&record.id))?;
    tx.commit(&format!("revoke API key {}", record.id))?;
    record.revoked_at = Some(revoked_at);
    Ok(Revocation::Revoked(record))
}

/// The result of [`rotate_key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rotation {
    /// The old key, with its (possibly future) revocation time.
    pub old: KeyRecord,
    /// The new key's record.
    pub new: KeyRecord,
    /// The new key, shown once.
    pub key: String,
}

/// Issues a new key for the same client and scopes as key `id`, and revokes the old one
/// at once (`grace` zero) or when `grace` has passed (a future `revoked_at`; the old key
/// keeps working until then, but never past its own expiry). Writes one `key_rotate`
/// audit entry (detail: `<old id> -> <new id>`), all in one transaction.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id; [`Error::Conflict`] (`key_revoked`) for a key
/// that is revoked or already has a revocation scheduled; [`Error::Usage`] for a lifetime
/// that is zero or too long, or a grace period longer than [`MAX_LIFETIME`];
/// [`Error::Store`] on database failures.
pub fn rotate_key(store: &Store, id: &str, grace: Duration, expires_in: Duration, actor: &Actor) -> Result<Rotation> {
    let lifetime = check_lifetime(expires_in)?;
    if grace > MAX_LIFETIME {
        return Err(Error::Usage(format!("the grace period may be at most 365d, not {}", format_duration(grace))));
    }
    let grace = TimeDelta::from_std(grace).map_err(|_| Error::Usage("the grace period is too long".into()))?;
    let tx = begin(store, "rotate an API key")?;
    let (mut old, _) = load(&tx, id)?.ok_or_else(|| not_found(id))?;
    if let Some(revoked_at) = &old.revoked_at {
        return Err(Error::Conflict {
            code: "key_revoked",
            message: format!(
                "API key {} is already revoked (revoked_at {revoked_at}); issue a new one with `invoice keys create`",
                old.id
            ),
        });
    }
    let now = Utc::now();
    let revoked_at = format_time(now + grace);
    tx.execute("UPDATE api_keys SET revoked_at = ?1 WHERE id = ?2", params![revoked_at, old.id])
        .map_err(store_error(format!("rotate API key {}", old.id)))?;
    let (new, key) = insert_key(&tx, &old.client, &old.scopes, lifetime)?;
    let detail = if grace.is_zero() {
        format!("{} -> {}", old.id, new.id)
    } else {
        format!("{} -> {} (old key revoked at {revoked_at})", old.id, new.id)
    };
    store.audit(actor, "key_rotate", None, Some(&detail))?;
    tx.commit(&format!("rotate API key {}", old.id))?;
    old.revoked_at = Some(revoked_at);
    Ok(Rotation { old, new, key })
}

/// Parses a duration written as `Nd` (days) or `Nh` (hours), e.g. `90d`, `12h`, `0h`.
///
/// # Errors
/// A message saying what is wrong (for clap value parsers), e.g. for `90`, `1.5d`,
/// `-1d`, `90m` or an absurdly large number.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let bad =
        || format!("invalid duration `{}`: use a whole number of days or hours, like 90d or 12h", display_safe(text));
    let (digits, unit) = if let Some(d) = text.strip_suffix('d') {
        (d, DAY_SECS)
    } else if let Some(h) = text.strip_suffix('h') {
        (h, HOUR_SECS)
    } else {
        return Err(bad());
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let n: u64 = digits.parse().map_err(|_| bad())?;
    n.checked_mul(unit).map(Duration::from_secs).ok_or_else(bad)
}

/// Parses a key lifetime (`--expires-in`): a [`parse_duration`] of at least one hour and
/// at most 365 days.
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_lifetime(text: &str) -> std::result::Result<Duration, String> {
    let duration = parse_duration(text)?;
    check_lifetime(duration).map(|_| duration).map_err(|e| e.to_string())
}

/// Parses a rotation grace period (`--grace`): a [`parse_duration`] of at most 365 days
/// (`0h` revokes at once).
///
/// # Errors
/// A message saying what is wrong.
pub fn parse_grace(text: &str) -> std::result::Result<Duration, String> {
    let duration = parse_duration(text)?;
    if duration > MAX_LIFETIME {
        return Err(format!("the grace period may be at most 365d, not {}", display_safe(text)));
    }
    Ok(duration)
}

/// Writes a duration the way [`parse_duration`] reads it (`90d`, `36h`).
#[must_use]
pub fn format_duration(duration: Duration) -> String {
    let secs = duration.as_secs();
    if secs.is_multiple_of(DAY_SECS) {
        format!("{}d", secs / DAY_SECS)
    } else {
        format!("{}h", secs.div_ceil(HOUR_SECS))
    }
}

fn check_lifetime(lifetime: Duration) -> Result<TimeDelta> {
    if lifetime.is_zero() {
        return Err(Error::Usage("a key's lifetime must be at least 1h".into()));
    }
    if lifetime > MAX_LIFETIME {
        return Err(Error::Usage(format!(
            "a key may live at most 365d, not {}; rotate it before it expires instead",
            format_duration(lifetime)
        )));
    }
    TimeDelta::from_std(lifetime).map_err(|_| Error::Usage("the lifetime is too long".into()))
}

fn check_client(client: &str) -> Result<&str> {
    let client = client.trim();
    if client.is_empty() {
        return Err(Error::Usage("the client name must not be empty".into()));
    }
    if client.chars().count() > MAX_CLIENT_CHARS {
        return Err(Error::Usage(format!("the client name may be at most {MAX_CLIENT_CHARS} characters")));
    }
    if let Some(c) = forbidden_char(client, false) {
        return Err(Error::Usage(format!(
            "the client name contains {}, which is not allowed",
            crate::security::text::describe_char(c)
        )));
    }
    Ok(client)
}

/// How many times to draw a new id when the random one is taken (48 random bits make a
/// clash rare; three in a row mean something else is wrong).
const ID_ATTEMPTS: usize = 3;

fn insert_key(conn: &Connection, client: &str, scopes: &[Scope], lifetime: TimeDelta) -> Result<(KeyRecord, String)> {
    let now = Utc::now();
    let created_at = format_time(now);
    let expires_at = format_time(now + lifetime);
    let joined = Scope::join(scopes);
    for _ in 0..ID_ATTEMPTS {
        let id = secret::new_id()?;
        let taken: bool = conn
            .query_row("SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = ?1)", [&id], |row| row.get(0))
            .map_err(store_error("issue an API key"))?;
        if taken {
            continue;
        }
        let new = secret::new_key(&id)?;
        let hash = Digest32::of(new.as_bytes()).to_hex();
        conn.execute(
            "INSERT INTO api_keys (id, client, hash, scopes, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, client, hash, joined, created_at, expires_at],
        )
        .map_err(store_error("issue an API key"))?;
        let record = KeyRecord {
            id,
            client: client.to_owned(),
            scopes: scopes.to_vec(),
            created_at,
            expires_at,
            revoked_at: None,
            last_used_at: None,
        };
        // The caller shows the key once; from here on it is the caller's to drop.
        return Ok((record, new.as_str().to_owned()));
    }
    Err(Error::Internal("could not draw an unused API key id".into()))
}

const COLUMNS: &str = "id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at";

type RawRow = (String, String, String, String, String, String, Option<String>, Option<String>);

fn row_to_raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?))
}

fn raw_to_record(raw: RawRow) -> Result<(KeyRecord, Digest32)> {
    let (id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at) = raw;
    let damaged = |what: &str| Error::Store {
        action: format!("read API key {}", display_safe(&id)),
        message: format!("the stored {what} is damaged"),
    };
    let digest = Digest32::from_hex(&hash).ok_or_else(|| damaged("hash"))?;
    let scopes = Scope::parse_list(&scopes).map_err(|_| damaged("scope list"))?;
    let record = KeyRecord { id, client, scopes, created_at, expires_at, revoked_at, last_used_at };
    Ok((record, digest))
}

fn load(conn: &Connection, id: &str) -> Result<Option<(KeyRecord, Digest32)>> {
    let action = || format!("read API key {}", display_safe(id));
    conn.query_row(&format!("SELECT {COLUMNS} FROM api_keys WHERE id = ?1"), [id], row_to_raw)
        .optional()
        .map_err(store_error(action()))?
        .map(raw_to_record)
        .transpose()
}

fn begin<'a>(store: &'a Store, action: &str) -> Result<crate::store::Unit<'a>> {
    // IMMEDIATE takes the write lock before reading, like every write in the store, so a
    // concurrent revoke and rotate of one key cannot interleave.
    crate::store::Unit::begin(store.connection(), action)
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: format!("API key {}", display_safe(id)) }
}

fn store_error(action: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> Error {
    let action = action.into();
    move |e| Error::Store { action, message: e.to_string() }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
