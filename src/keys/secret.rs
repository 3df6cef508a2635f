//! The key format and its hashing: `invk_<id>_<secret>`.
//!
//! * `invk_` is a fixed prefix, so a leaked key is easy to recognize (secret scanners,
//!   log filters) and cannot be mistaken for another credential.
//! * `<id>` is 12 lowercase hex digits (48 random bits). It is public: it names the key
//!   in `keys list`, logs and the audit log, and lets `verify` find the one row to check.
//! * `<secret>` is 32 bytes (256 bits) from the operating system's CSPRNG, base64url
//!   without padding (43 characters).
//!
//! Only SHA-256 of the whole key string is stored. A slow password hash (Argon2, bcrypt,
//! scrypt) exists to make guessing *low-entropy* passwords expensive; a 256-bit random
//! secret cannot be guessed at any hashing speed (2^256 preimage work), so a fast hash
//! loses nothing, and it keeps every authenticated request cheap, which a slow KDF would
//! turn into a denial-of-service lever. Hashing the id together with the secret binds
//! them: a secret is only valid under the id it was issued with.

use crate::error::{Error, Result};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Every issued key starts with this.
pub const KEY_PREFIX: &str = "invk_";

/// Hex digits in a key id.
pub(crate) const ID_LEN: usize = 12;

/// Random bytes in a key's secret part (256 bits).
const SECRET_BYTES: usize = 32;

/// Base64url characters that encode [`SECRET_BYTES`] without padding.
const SECRET_CHARS: usize = 43;

/// A SHA-256 digest of a presented or issued key.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Digest32(pub(crate) [u8; 32]);

impl std::fmt::Debug for Digest32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A digest is not a secret, but there is no reason to print it either.
        f.write_str("Digest32(..)")
    }
}

impl Digest32 {
    /// SHA-256 of `key`.
    pub(crate) fn of(key: &[u8]) -> Self {
        Digest32(Sha256::digest(key).into())
    }

    /// Constant-time equality: the time taken does not depend on where the digests differ.
    pub(crate) fn ct_eq(&self, other: &Digest32) -> bool {
        bool::from(self.0.ct_eq(&other.0))
    }

    /// Lowercase hex, as stored in `api_keys.hash`.
    pub(crate) fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    /// Reads a stored hex digest.
    pub(crate) fn from_hex(text: &str) -> Option<Self> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(text, &mut out).ok()?;
        Some(Digest32(out))
    }
}

fn random_bytes<const N: usize>() -> Result<Zeroizing<[u8; N]>> {
    let mut bytes = Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut_slice())
        .map_err(|e| Error::Internal(format!("the operating system's random number generator failed: {e}")))?;
    Ok(bytes)
}

/// A new random key id (12 hex digits).
pub(crate) fn new_id() -> Result<String> {
    Ok(hex::encode(*random_bytes::<{ ID_LEN / 2 }>()?))
}

/// Generates a new key `invk_<id>_<secret>` (zeroized on drop).
pub(crate) fn new_key(id: &str) -> Result<Zeroizing<String>> {
    let secret = random_bytes::<SECRET_BYTES>()?;
    let mut key = Zeroizing::new(String::with_capacity(KEY_PREFIX.len() + ID_LEN + 1 + SECRET_CHARS));
    key.push_str(KEY_PREFIX);
    key.push_str(id);
    key.push('_');
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode_string(secret.as_slice(), &mut key);
    Ok(key)
}

/// Whether `id` has the shape of a key id (12 lowercase hex digits).
#[must_use]
pub fn is_key_id(id: &str) -> bool {
    id.len() == ID_LEN && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The id part of a presented key, if it has the key format at all.
///
/// Only the shape is checked (prefix, id, secret length and alphabet); whether the key
/// is real is decided by comparing digests.
pub(crate) fn key_id(presented: &str) -> Option<&str> {
    let rest = presented.strip_prefix(KEY_PREFIX)?;
    let (id, secret) = rest.split_at_checked(ID_LEN)?;
    let secret = secret.strip_prefix('_')?;
    let well_formed = is_key_id(id)
        && secret.len() == SECRET_CHARS
        && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    well_formed.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_has_the_prefix_its_id_and_a_256_bit_secret() {
        let id = new_id().unwrap();
        assert!(is_key_id(&id), "{id}");
        let key = new_key(&id).unwrap();
        assert!(key.starts_with(&format!("invk_{id}_")), "{}", key.as_str());
        let secret = &key[KEY_PREFIX.len() + ID_LEN + 1..];
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(secret).unwrap();
        assert_eq!(bytes.len(), 32);
        assert_eq!(key_id(&key), Some(id.as_str()));
    }

    #[test]
    fn two_keys_differ() {
        let a = new_key("000000000000").unwrap();
        let b = new_key("000000000000").unwrap();
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn malformed_keys_have_no_id() {
        let good = format!("invk_0123456789ab_{}", "A".repeat(43));
        assert_eq!(key_id(&good), Some("0123456789ab"));
        for bad in [
            String::new(),
            "invk_".to_owned(),
            format!("invk_0123456789AB_{}", "A".repeat(43)),
            format!("invk_0123456789a_{}", "A".repeat(43)),
            format!("invk_0123456789ab_{}", "A".repeat(42)),
            format!("invk_0123456789ab_{}", "A".repeat(44)),
            format!("invk_0123456789ab_{}=", "A".repeat(42)),
            format!("INVK_0123456789ab_{}", "A".repeat(43)),
            format!("invk_0123456789ab-{}", "A".repeat(43)),
            "invk_é".to_owned(),
        ] {
            assert_eq!(key_id(&bad), None, "{bad}");
        }
    }

    #[test]
    fn digests_round_trip_through_hex_and_compare() {
        let a = Digest32::of(b"a");
        let b = Digest32::of(b"b");
        assert!(a.ct_eq(&a));
        assert!(!a.ct_eq(&b));
        assert_eq!(Digest32::from_hex(&a.to_hex()), Some(a));
        assert_eq!(Digest32::from_hex("zz"), None);
        // The known SHA-256 of "abc", so the stored format never changes by accident.
        assert_eq!(Digest32::of(b"abc").to_hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
