//! Size limits applied before any parsing work is done.

use std::io::Read;

/// Largest draft file `invoice validate`/`create` will read. A 1,000-line draft is
/// about 250 KB; this leaves ample room while keeping a hostile 100 MB file cheap.
pub const MAX_DRAFT_FILE: u64 = 16 * 1024 * 1024;

/// Reads at most `limit` bytes; `Ok(None)` when the input is longer.
///
/// # Errors
/// Any I/O error from `reader`.
pub fn read_capped(reader: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_over_the_cap_is_refused_without_reading_it_all() {
        assert_eq!(read_capped(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_capped(&b"abcd"[..], 3).unwrap(), None);
        let endless = std::io::repeat(b'x');
        assert_eq!(read_capped(endless, 1024).unwrap(), None);
    }
}
