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

/// Reads a file of at most `limit` bytes; `Ok(None)` when it is longer.
///
/// # Errors
/// Any I/O error from opening or reading the file.
pub fn read_file_capped(path: &std::path::Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    Ok(read_file_capped_into(path, limit, &mut bytes)?.then_some(bytes))
}

/// Bytes read before the size of a file is looked at. Drafts are smaller, so reading
/// one costs an open, two reads and a close, with no `stat`.
const FIRST_CHUNK: u64 = 64 * 1024;

/// [`read_file_capped`] into a buffer the caller reuses: replaces the contents of
/// `bytes` with the file and returns `Ok(false)` (contents unspecified) when the file is
/// longer than `limit`. A file larger than its first 64 KiB has its size checked
/// before the rest is read, so a huge file is refused without reading it.
///
/// # Errors
/// Any I/O error from opening or reading the file.
pub fn read_file_capped_into(path: &std::path::Path, limit: u64, bytes: &mut Vec<u8>) -> std::io::Result<bool> {
    bytes.clear();
    let mut file = std::fs::File::open(path)?;
    let first = FIRST_CHUNK.min(limit + 1);
    bytes.reserve(usize::try_from(first).unwrap_or(0));
    let read = (&mut file).take(first).read_to_end(bytes)? as u64;
    if read < first {
        return Ok(true); // the whole file
    }
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Ok(false);
    }
    // The file may grow while we read; `take` keeps the cap honest either way.
    bytes.reserve(usize::try_from(size.saturating_sub(read)).unwrap_or(0) + 1);
    (&mut file).take(limit + 1 - read).read_to_end(bytes)?;
    Ok(bytes.len() as u64 <= limit)
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

    #[test]
    fn files_are_read_whole_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.json");
        let mut buffer = b"old contents".to_vec();
        for size in [0, 1, 100, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024] {
            let contents: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            std::fs::write(&path, &contents).unwrap();
            assert!(read_file_capped_into(&path, 200 * 1024, &mut buffer).unwrap(), "size {size}");
            assert_eq!(buffer, contents, "size {size}");
            assert_eq!(read_file_capped(&path, 200 * 1024).unwrap(), Some(contents));
        }
        // Over the cap, below and above the first chunk.
        std::fs::write(&path, vec![b'x'; 101]).unwrap();
        assert!(!read_file_capped_into(&path, 100, &mut buffer).unwrap());
        std::fs::write(&path, vec![b'x'; 200 * 1024 + 1]).unwrap();
        assert!(!read_file_capped_into(&path, 200 * 1024, &mut buffer).unwrap());
        assert_eq!(read_file_capped(&path, 200 * 1024).unwrap(), None);
        assert!(read_file_capped_into(&dir.path().join("missing.json"), 100, &mut buffer).is_err());
    }
}
