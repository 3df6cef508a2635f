//! Size limits applied before any parsing work is done.

use std::io::Read;

/// Largest draft file `invoice validate`/`create` will read. A 1,000-line draft is
/// about 250 KB; this leaves ample room while keeping a hostile 100 MB file cheap.
pub const MAX_DRAFT_FILE: u64 = 16 * 1024 * 1024;

/// Longest accepted idempotency key.
pub const MAX_IDEMPOTENCY_KEY: usize = 200;

/// Checks an idempotency key (`--idempotency-key`, the `Idempotency-Key` header): 1 to
/// 200 printable ASCII characters after trimming. Returns the trimmed key.
///
/// # Errors
/// A short reason, for the CLI's usage error and the daemon's 400.
pub fn check_idempotency_key(key: &str) -> Result<&str, &'static str> {
    let key = key.trim();
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY || !key.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err("it must be 1 to 200 printable ASCII characters");
    }
    Ok(key)
}

/// Reads at most `limit` bytes; `Ok(None)` when the input is longer.
///
/// # Errors
/// Any I/O error from `reader`.
pub fn read_capped(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads a file of at most `limit` bytes; `Ok(None)` when it is longer. The size is
/// checked before reading, so a huge file costs nothing, and the buffer is allocated once.
///
/// # Errors
/// Any I/O error from opening or reading the file.
pub fn read_file_capped(path: &std::path::Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Ok(None);
    }
    // The file may grow while we read; `take` keeps the cap honest either way.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    (&mut file).take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_printable_ascii() {
        assert_eq!(check_idempotency_key(" order-17 "), Ok("order-17"));
        assert!(check_idempotency_key("").is_err());
        assert!(check_idempotency_key(&"k".repeat(201)).is_err());
        assert!(check_idempotency_key("a\tb").is_err());
        assert!(check_idempotency_key("schlüssel").is_err());
    }

    #[test]
    fn input_over_the_cap_is_refused_without_reading_it_all() {
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_capped(&b"abcd"[..], 3).unwrap(), None);
        let endless = std::io::repeat(b'x');
        assert_eq!(read_capped(endless, 1024).unwrap(), None);
    }
}
