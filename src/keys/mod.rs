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

pub use os_keyring::{
    KEYRING_SERVICE, KEYRING_USER, check_keyring, delete_static_key, probe_keyring, store_static_key,
};
pub use secret::{KEY_PREFIX, is_key_id};
pub use static_key::{STATIC_KEY_ID, StaticKey, StaticKeySource};

use crate::error::{Error, Result};
use crate::security::text::{display_safe, forbidden_char};
use crate::store::{Actor, KeyRow, KeyWrite, Store};
use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
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
pub async fn verify(store: &Store, presented: &str, static_key: Option<&StaticKey>) -> Result<Verification> {
    let id = match stored_key_id(presented, static_key) {
        Ok(id) => id,
        Err(decided) => return Ok(decided),
    };
    let (verification, touch) = judge(presented, store.key_rows(Some(id)).await?)?;
    if let Some(touch) = touch {
        touch.done(store.touch_key(&touch.id, &touch.at).await);
    }
    Ok(verification)
}

/// The first step of [`verify`], before the store: `Err` with the verdict when the key
/// is the static key or has no key id in it; otherwise the id whose row decides.
fn stored_key_id<'a>(presented: &'a str, static_key: Option<&StaticKey>) -> std::result::Result<&'a str, Verification> {
    if let Some(static_key) = static_key
        && static_key.matches(&Digest32::of(presented.as_bytes()))
    {
        return Err(Verification::Valid(Principal { key_id: STATIC_KEY_ID.to_owned(), scopes: Scope::ALL.to_vec() }));
    }
    secret::key_id(presented).ok_or(Verification::Unknown)
}

/// The second step of [`verify`]: the presented key against the rows read for its id
/// (none or one), and the use to record, if any.
///
/// # Errors
/// [`Error::Store`] when the row is damaged.
fn judge(presented: &str, rows: Vec<KeyRow>) -> Result<(Verification, Option<KeyUse>)> {
    let Some((record, stored)) = load_from(rows)? else {
        return Ok((Verification::Unknown, None));
    };
    if !stored.ct_eq(&Digest32::of(presented.as_bytes())) {
        return Ok((Verification::Unknown, None));
    }
    let now = Utc::now();
    match record.state_at(now) {
        KeyState::Revoked => return Ok((Verification::Revoked { id: record.id }, None)),
        KeyState::Expired => return Ok((Verification::Expired { id: record.id }, None)),
        KeyState::Active => {}
    }
    let stale = record.last_used_at.as_deref().and_then(parse_time).is_none_or(|t| now - t >= LAST_USED_RESOLUTION);
    let touch = stale.then(|| KeyUse { id: record.id.clone(), at: format_time(now) });
    Ok((Verification::Valid(Principal { key_id: record.id, scopes: record.scopes }), touch))
}

/// A use of a key to record (`last_used_at`), at most once a minute per key.
#[derive(Debug)]
struct KeyUse {
    /// Key id.
    id: String,
    /// The time of use, RFC 3339.
    at: String,
}

impl KeyUse {
    /// Takes the outcome of recording it: a failure is logged and does not fail the request.
    fn done(&self, outcome: Result<()>) {
        if let Err(e) = outcome {
            log::warn!("failed to record the use of API key {}: {e}", self.id);
        }
    }
}

/// Whether any key could authenticate now (a usable stored key or a static key); the
/// daemon refuses to start without one.
///
/// # Errors
/// [`Error::Store`] on database failures.
pub async fn any_usable_key(store: &Store, static_key: Option<&StaticKey>) -> Result<bool> {
    if static_key.is_some() {
        return Ok(true);
    }
    let now = Utc::now();
    Ok(list_keys(store).await?.iter().any(|k| k.state_at(now) == KeyState::Active))
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
pub async fn create_key(
    store: &Store,
    client: &str,
    scopes: &[Scope],
    expires_in: Duration,
    actor: &Actor,
) -> Result<(KeyRecord, String)> {
    let client = check_client(client)?;
    let scopes = normalize_scopes(scopes)?;
    let lifetime = check_lifetime(expires_in)?;
    for _ in 0..ID_ATTEMPTS {
        let (row, record, key) = new_key(client, &scopes, lifetime)?;
        let audit = (actor.clone(), "key_create".to_owned(), record.id.clone());
        let write = KeyWrite { insert: Some(row), audit: Some(audit), revoke: None };
        if store.change_key(None, "issue an API key", move |_| Ok((write, ()))).await?.is_some() {
            return Ok((record, key));
        }
    }
    Err(id_exhausted())
}

/// Every stored key, oldest first (never secrets or hashes).
///
/// # Errors
/// [`Error::Store`] on database failures or a damaged row.
pub async fn list_keys(store: &Store) -> Result<Vec<KeyRecord>> {
    store.key_rows(None).await?.into_iter().map(|row| row_to_record(row).map(|(record, _)| record)).collect()
}

/// One stored key by id.
///
/// # Errors
/// [`Error::NotFound`] for an unknown id; [`Error::Store`] on database failures.
pub async fn get_key(store: &Store, id: &str) -> Result<KeyRecord> {
    load_from(store.key_rows(Some(id)).await?)?.map(|(record, _)| record).ok_or_else(|| not_found(id))
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
pub async fn revoke_key(store: &Store, id: &str, actor: &Actor) -> Result<Revocation> {
    let (wanted, actor) = (id.to_owned(), actor.clone());
    let outcome = store
        .change_key(Some(id), "revoke an API key", move |row| {
            let (mut record, _) = load_from(row.into_iter().collect())?.ok_or_else(|| not_found(&wanted))?;
            let now = Utc::now();
            if record.state_at(now) == KeyState::Revoked {
                return Ok((KeyWrite::default(), Revocation::AlreadyRevoked(record)));
            }
            let revoked_at = format_time(now);
            let write = KeyWrite {
                revoke: Some((record.id.clone(), revoked_at.clone())),
                audit: Some((actor, "key_revoke".to_owned(), record.id.clone())),
                insert: None,
            };
            record.revoked_at = Some(revoked_at);
            Ok((write, Revocation::Revoked(record)))
        })
        .await?;
    outcome.ok_or_else(|| Error::Internal("revoking an API key wrote nothing".into()))
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
pub async fn rotate_key(
    store: &Store,
    id: &str,
    grace: Duration,
    expires_in: Duration,
    actor: &Actor,
) -> Result<Rotation> {
    let lifetime = check_lifetime(expires_in)?;
    if grace > MAX_LIFETIME {
        return Err(Error::Usage(format!("the grace period may be at most 365d, not {}", format_duration(grace))));
    }
    let grace = TimeDelta::from_std(grace).map_err(|_| Error::Usage("the grace period is too long".into()))?;
    for _ in 0..ID_ATTEMPTS {
        let (wanted, actor) = (id.to_owned(), actor.clone());
        let rotation = store
            .change_key(Some(id), "rotate an API key", move |row| {
                let (mut old, _) = load_from(row.into_iter().collect())?.ok_or_else(|| not_found(&wanted))?;
                if let Some(revoked_at) = &old.revoked_at {
                    return Err(Error::Conflict {
                        kind: crate::error::ConflictKind::KeyRevoked,
                        message: format!(
                            "API key {} is already revoked (revoked_at {revoked_at}); issue a new one with \
                             `invoice keys create`",
                            old.id
                        ),
                    });
                }
                let revoked_at = format_time(Utc::now() + grace);
                let (row, new, key) = new_key(&old.client, &old.scopes, lifetime)?;
                let detail = if grace.is_zero() {
                    format!("{} -> {}", old.id, new.id)
                } else {
                    format!("{} -> {} (old key revoked at {revoked_at})", old.id, new.id)
                };
                let write = KeyWrite {
                    revoke: Some((old.id.clone(), revoked_at.clone())),
                    insert: Some(row),
                    audit: Some((actor, "key_rotate".to_owned(), detail)),
                };
                old.revoked_at = Some(revoked_at);
                Ok((write, Rotation { old, new, key }))
            })
            .await?;
        if let Some(rotation) = rotation {
            return Ok(rotation);
        }
    }
    Err(id_exhausted())
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

/// A new key for `client` with `scopes`: its row to store, its record, and the key (shown
/// once, never stored).
fn new_key(client: &str, scopes: &[Scope], lifetime: TimeDelta) -> Result<(KeyRow, KeyRecord, String)> {
    let now = Utc::now();
    let created_at = format_time(now);
    let expires_at = format_time(now + lifetime);
    let id = secret::new_id()?;
    let new = secret::new_key(&id)?;
    let row = KeyRow {
        id: id.clone(),
        client: client.to_owned(),
        hash: Digest32::of(new.as_bytes()).to_hex(),
        scopes: Scope::join(scopes),
        created_at: created_at.clone(),
        expires_at: expires_at.clone(),
        revoked_at: None,
        last_used_at: None,
    };
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
    Ok((row, record, new.as_str().to_owned()))
}

fn id_exhausted() -> Error {
    Error::Internal("could not draw an unused API key id".into())
}

fn row_to_record(row: KeyRow) -> Result<(KeyRecord, Digest32)> {
    let KeyRow { id, client, hash, scopes, created_at, expires_at, revoked_at, last_used_at } = row;
    let damaged = |what: &str| Error::Store {
        action: format!("read API key {}", display_safe(&id)),
        message: format!("the stored {what} is damaged"),
    };
    let digest = Digest32::from_hex(&hash).ok_or_else(|| damaged("hash"))?;
    let scopes = Scope::parse_list(&scopes).map_err(|_| damaged("scope list"))?;
    let record = KeyRecord { id, client, scopes, created_at, expires_at, revoked_at, last_used_at };
    Ok((record, digest))
}

/// The one key of a lookup by id, if any.
fn load_from(rows: Vec<KeyRow>) -> Result<Option<(KeyRecord, Digest32)>> {
    rows.into_iter().next().map(row_to_record).transpose()
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: format!("API key {}", display_safe(id)) }
}

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

fn format_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests;
