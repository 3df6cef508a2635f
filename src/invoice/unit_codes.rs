//! The UN/ECE unit codes (Recommendations 20 and 21) a draft may use: every code the
//! `cefact-units` crate lists as not deleted, in the pointer-free table `build.rs` writes.

include!(concat!(env!("OUT_DIR"), "/unit_codes.rs"));

/// The code `unit` spells (case-sensitive), if it is a unit code that is not deleted.
pub(crate) fn known(unit: &str) -> Option<&'static str> {
    let key = match *unit.as_bytes() {
        [a, b] => [a, b, 0],
        [a, b, c] => [a, b, c],
        _ => return None,
    };
    let entry = UNIT_CODES.get(UNIT_CODES.binary_search(&key).ok()?)?;
    let len = if entry[2] == 0 { 2 } else { 3 };
    std::str::from_utf8(entry.get(..len)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_exactly_the_crates_codes_that_are_not_deleted() {
        let mut expected = 0;
        for code in cefact_units::UnitCode::ALL {
            let text = code.as_str();
            let live = code.status() != cefact_units::Status::Deleted;
            assert_eq!(known(text), live.then_some(text), "{text} ({:?})", code.status());
            expected += usize::from(live);
        }
        assert_eq!(UNIT_CODES.len(), expected, "the table has codes the crate does not list as live");
        assert!(expected > 1000, "only {expected} codes");
    }

    #[test]
    fn other_strings_are_no_code() {
        for s in ["", "C", "c62", "C62 ", "C6\0", "XXXX", "H87a", "ä", "\0\0\0"] {
            assert_eq!(known(s), None, "{s:?}");
        }
        assert_eq!(known("C62"), Some("C62"));
        assert_eq!(known("H87"), Some("H87"));
        assert_eq!(known("KGM"), Some("KGM"));
    }
}
