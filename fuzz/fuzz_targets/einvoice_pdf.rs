//! The Factur-X / ZUGFeRD extraction (SPEC 13.1, 13.3) on arbitrary bytes: lopdf's loader
//! behind the bounded-inflate filter, the name-tree and `/AF` walk, the stream decoding.
//!
//! Oracles: no panic (lopdf's own included: under libFuzzer a panic aborts even though the
//! product turns it into a finding), and an extracted invoice is at most 16 MiB and was
//! embedded under one of the three names.

#![no_main]

use invoice::received::pdf::{INVOICE_NAMES, MAX_XML, extract};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(attachment) = extract(data) {
        assert!(attachment.xml.len() <= MAX_XML);
        let name = attachment.name.rsplit(['/', '\\']).next().unwrap_or_default().to_ascii_lowercase();
        assert!(INVOICE_NAMES.contains(&name.as_str()), "{name}");
    }
});
