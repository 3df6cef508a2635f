//! The single static key (SPEC 4): from `INVOICE_API_KEY`, else the owner-only file named
//! by `INVOICE_API_KEY_FILE`, else the OS keyring entry written by `invoice keys
//! set-static`. It has every scope. Only its SHA-256 digest is kept in memory; the text
//! read lives in a zeroizing buffer until it is hashed.

use super::os_keyring;
use super::secret::Digest32;
use crate::config::Config;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The principal id of the static key (in logs and the audit log: `key:static`).
pub const STATIC_KEY_ID: &str = "static";

/// The longest static key accepted, in bytes.
const MAX_STATIC_KEY_BYTES: usize = 1024;

/// Shorter static keys are accepted with a warning: they can be guessed.
const MIN_RECOMMENDED_CHARS: usize = 32;

/// Where the static key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticKeySource {
    /// `INVOICE_API_KEY`.
    Env,
    /// The file named by `INVOICE_API_KEY_FILE`.
    File(PathBuf),
    /// The OS keyring (`invoice keys set-static`).
    Keyring,
    /// Given directly to [`StaticKey::from_secret`].
    Direct,
}

/// The single static key from `INVOICE_API_KEY`, `INVOICE_API_KEY_FILE` or the OS keyring;
/// it has every scope. Holds only a hash of the key.
#[derive(Clone)]
pub struct StaticKey {
    digest: Digest32,
    source: StaticKeySource,
}

impl std::fmt::Debug for StaticKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaticKey").field("source", &self.source).finish_non_exhaustive()
    }
}

impl StaticKey {
    /// Loads the static key, if one is configured: `INVOICE_API_KEY`, else
    /// `INVOICE_API_KEY_FILE`, else the OS keyring. An unreachable keyring (headless
    /// machine, CI) simply means no keyring key.
    ///
    /// The file must be a regular file owned by the current user and neither readable
    /// nor writable by group or others (mode 0600 or stricter); one trailing newline
    /// (`\n` or `\r\n`) is removed. A systemd credential (a file inside
    /// `$CREDENTIALS_DIRECTORY`, from `LoadCredential=`) may instead be owned by root and
    /// show a group read bit: that is how systemd hands it to the service user (see
    /// [`check_private`]).
    ///
    /// # Errors
    /// [`Error::Config`] for an unreadable key file, one with a loose mode or another
    /// owner, or a key that is empty, too long, or holds characters an HTTP header
    /// cannot carry.
    pub fn load(config: &Config) -> Result<Option<StaticKey>> {
        Self::load_with(config, os_keyring::read_static_key)
    }

    /// [`StaticKey::load`] with the keyring lookup supplied (tests use a mock keyring).
    pub(crate) fn load_with(
        config: &Config,
        keyring: impl FnOnce() -> Option<Zeroizing<String>>,
    ) -> Result<Option<StaticKey>> {
        if let Some(key) = &config.static_api_key {
            let source = StaticKeySource::Env;
            return Self::checked(key, source, Path::new("INVOICE_API_KEY")).map(Some);
        }
        if let Some(path) = &config.static_api_key_file {
            let text = read_key_file(path, config.credentials_directory.as_deref())?;
            return Self::checked(&text, StaticKeySource::File(path.clone()), path).map(Some);
        }
        match keyring() {
            Some(text) => Self::checked(&text, StaticKeySource::Keyring, Path::new("the OS keyring")).map(Some),
            None => Ok(None),
        }
    }

    /// A static key from its text (for embedding and tests).
    ///
    /// # Errors
    /// [`Error::Config`] for a key that is empty, longer than 1024 bytes, or holds
    /// characters other than visible ASCII.
    pub fn from_secret(secret: &str) -> Result<StaticKey> {
        Self::checked(secret, StaticKeySource::Direct, Path::new("the static key"))
    }

    /// Where this key came from.
    #[must_use]
    pub fn source(&self) -> &StaticKeySource {
        &self.source
    }

    /// Constant-time comparison with a presented key's digest.
    pub(crate) fn matches(&self, presented: &Digest32) -> bool {
        self.digest.ct_eq(presented)
    }

    fn checked(secret: &str, source: StaticKeySource, origin: &Path) -> Result<StaticKey> {
        check_static_secret(secret).map_err(|message| Error::Config { path: origin.to_owned(), message })?;
        if secret.chars().count() < MIN_RECOMMENDED_CHARS {
            log::warn!(
                "the static API key from {} is shorter than {MIN_RECOMMENDED_CHARS} characters and may be guessed; \
                 use a long random one, e.g. from `openssl rand -base64 32`",
                origin.display()
            );
        }
        Ok(StaticKey { digest: Digest32::of(secret.as_bytes()), source })
    }
}

/// Checks that a static key can be sent in `x-api-key`/`Authorization` at all.
///
/// # Errors
/// A message saying what is wrong (never the key).
pub(crate) fn check_static_secret(secret: &str) -> std::result::Result<(), String> {
    if secret.is_empty() {
        return Err("the static API key is empty".into());
    }
    if secret.len() > MAX_STATIC_KEY_BYTES {
        return Err(format!("the static API key is longer than {MAX_STATIC_KEY_BYTES} bytes"));
    }
    if super::secret::key_id(secret).is_some() {
        // It would pass as the static key with every scope, and `keys revoke` could not
        // stop it.
        return Err("the static API key has the format of a key issued by `invoice keys create`; a static key has \
                    every scope and cannot be revoked, so it must be a separate secret, e.g. from \
                    `openssl rand -base64 32`"
            .into());
    }
    if !secret.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("the static API key may only hold visible ASCII characters (no spaces or control \
                    characters), since it travels in an HTTP header"
            .into());
    }
    Ok(())
}

/// Reads the key file after checking its owner and mode on the opened handle (so the
/// file checked is the file read). `credentials` is systemd's `$CREDENTIALS_DIRECTORY`.
fn read_key_file(path: &Path, credentials: Option<&Path>) -> Result<Zeroizing<String>> {
    let config_error = |message: String| Error::Config { path: path.to_owned(), message };
    // A FIFO or device would block or never end; refuse anything but a regular file
    // before opening it.
    let before = std::fs::metadata(path).map_err(|e| config_error(format!("cannot read INVOICE_API_KEY_FILE: {e}")))?;
    if !before.is_file() {
        return Err(config_error("INVOICE_API_KEY_FILE is not a regular file".into()));
    }
    let file = std::fs::File::open(path).map_err(|e| config_error(format!("cannot read INVOICE_API_KEY_FILE: {e}")))?;
    let meta = file.metadata().map_err(|e| config_error(format!("cannot read INVOICE_API_KEY_FILE: {e}")))?;
    if !meta.is_file() {
        return Err(config_error("INVOICE_API_KEY_FILE is not a regular file".into()));
    }
    check_private(&meta, is_systemd_credential(path, credentials)).map_err(config_error)?;
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_STATIC_KEY_BYTES + 8));
    file.take(MAX_STATIC_KEY_BYTES as u64 + 3)
        .read_to_end(&mut bytes)
        .map_err(|e| config_error(format!("cannot read INVOICE_API_KEY_FILE: {e}")))?;
    let mut end = bytes.len();
    if bytes[..end].ends_with(b"\n") {
        end -= 1;
        if bytes[..end].ends_with(b"\r") {
            end -= 1;
        }
    }
    let text = std::str::from_utf8(&bytes[..end])
        .map_err(|_| config_error("INVOICE_API_KEY_FILE does not hold UTF-8 text".into()))?;
    Ok(Zeroizing::new(text.to_owned()))
}

/// Whether `path` lies inside systemd's credentials directory (both resolved, so a link
/// out of it does not count).
fn is_systemd_credential(path: &Path, credentials: Option<&Path>) -> bool {
    let Some(dir) = credentials.and_then(|d| std::fs::canonicalize(d).ok()) else {
        return false;
    };
    std::fs::canonicalize(path).is_ok_and(|file| file.starts_with(&dir) && file != dir)
}

/// Owner-only: mode 0600 or stricter, owned by the effective user.
///
/// A systemd credential is private in systemd's own way: systemd writes it with mode 0400
/// into a per-unit directory only the service can enter, and either gives it to the
/// service user or (on a file system with ACLs) keeps it owned by root and adds a read ACL
/// entry for the service user, which `stat` shows as a group read bit (the ACL mask). So
/// for a credential, root may own it and the group read bit is allowed; group write and
/// any access for others are still refused.
#[cfg(unix)]
fn check_private(meta: &std::fs::Metadata, systemd_credential: bool) -> std::result::Result<(), String> {
    use std::os::unix::fs::MetadataExt as _;
    let mode = meta.mode() & 0o7777;
    let me = rustix::process::geteuid().as_raw();
    if systemd_credential {
        if mode & 0o037 != 0 || (meta.uid() != me && meta.uid() != 0) {
            return Err(format!(
                "INVOICE_API_KEY_FILE is a systemd credential with mode {mode:04o} owned by uid {}; systemd \
                 writes credentials with mode 0400 for the service user or root, so something else changed it",
                meta.uid()
            ));
        }
        return Ok(());
    }
    if mode & 0o077 != 0 {
        return Err(format!(
            "INVOICE_API_KEY_FILE must be readable and writable only by its owner (mode 0600 or stricter), \
             but its mode is {mode:04o}; fix it with `chmod 600 FILE`"
        ));
    }
    if meta.uid() != me {
        return Err(format!(
            "INVOICE_API_KEY_FILE belongs to another user (uid {}); it must be owned by the user running \
             invoice (uid {me})",
            meta.uid()
        ));
    }
    Ok(())
}

/// On Windows, files are private through their ACLs (a user profile directory by
/// default); there is no mode to check.
#[cfg(not(unix))]
fn check_private(_meta: &std::fs::Metadata, _systemd_credential: bool) -> std::result::Result<(), String> {
    Ok(())
}
