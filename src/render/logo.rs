//! The seller logo (`[defaults] logo = "PATH"`, SPEC 10): PNG, JPEG or SVG, at most 1 MiB,
//! checked to be a well-formed image of its kind before anything uses it, and embedded in
//! the HTML as a data URI so the page stays self-contained. An SVG logo is also parsed
//! here, once, into the tree the PDF draws ([`svg`]).
//!
//! Only the commands that draw a logo read it ([`load_for`], SPEC 15): the configuration
//! holds its path, so `list`, `pay` or `audit` never pay for parsing it and never fail
//! because of it.

mod svg;

use std::sync::Arc;

use base64::Engine as _;

use crate::config::Config;
use crate::error::Error;

/// The largest logo file accepted.
#[allow(clippy::cast_possible_truncation)] // 1 MiB fits every usize
pub const MAX_BYTES: usize = crate::config::MAX_LOGO_BYTES as usize;

/// Reads and checks the configured logo (`[defaults] logo`) when `format` draws it (HTML,
/// PDF, Factur-X); `None` when no logo is configured or the format draws none.
///
/// # Errors
/// [`Error::Config`] naming the logo file and why it cannot be used.
pub fn load_for(format: crate::render::Format, config: &Config) -> Result<Option<Logo>, Error> {
    use crate::render::Format;
    match format {
        Format::Html | Format::Pdf | Format::Facturx => load(config),
        Format::Text | Format::Json | Format::Ubl | Format::Cii => Ok(None),
    }
}

/// What a configuration check (`invoice doctor`, `config show`) says about the logo: why
/// it cannot be used, or the characters of its text the font lacks (one warning naming
/// them all, SPEC 15); empty when there is nothing to say.
#[must_use]
pub fn check(config: &Config) -> Vec<String> {
    match load(config) {
        Err(e) => vec![e.to_string()],
        Ok(Some(logo)) => {
            let missing = logo.missing_glyphs();
            if missing.is_empty() {
                return Vec::new();
            }
            let named: Vec<String> = missing.iter().map(|c| crate::security::text::describe_char(*c)).collect();
            vec![format!(
                "[defaults] logo: the font has no glyph for {} character(s) of the logo's text, which the PDF \
                 leaves out: {}",
                missing.len(),
                named.join(", ")
            )]
        }
        Ok(None) => Vec::new(),
    }
}

/// Reads and checks the configured logo (`[defaults] logo`), if any.
///
/// # Errors
/// [`Error::Config`] naming the logo file and why it cannot be used.
pub fn load(config: &Config) -> Result<Option<Logo>, Error> {
    let Some(file) = &config.logo else { return Ok(None) };
    let err = |why: String| Error::Config {
        path: config.file.clone().unwrap_or_else(|| file.clone()),
        message: format!("[defaults] logo {}: {why}", crate::security::text::display_safe(&file.display().to_string())),
    };
    let bytes = crate::security::limits::read_file_capped(file, crate::config::MAX_LOGO_BYTES)
        .map_err(|e| err(e.to_string()))?
        .ok_or_else(|| err(format!("the logo is larger than 1 MiB; at most {MAX_BYTES} bytes are allowed")))?;
    Logo::from_bytes(bytes).map(Some).map_err(err)
}

/// Image formats a logo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// SVG (shown as an image: its scripts never run).
    Svg,
}

impl Kind {
    /// The media type.
    #[must_use]
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Svg => "image/svg+xml",
        }
    }
}

/// A checked logo.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Its format.
    pub kind: Kind,
    /// The file's bytes, unchanged.
    pub bytes: Vec<u8>,
    /// An SVG logo as the PDF draws it, parsed when it was checked.
    svg: Option<Arc<usvg::Tree>>,
}

/// Two logos are the same when their files are (the parsed tree follows from the bytes).
impl PartialEq for Logo {
    fn eq(&self, other: &Logo) -> bool {
        self.kind == other.kind && self.bytes == other.bytes
    }
}

impl Eq for Logo {}

impl Logo {
    /// Checks `bytes` as a logo.
    ///
    /// # Errors
    /// A message saying why the file is not a usable logo.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Logo, String> {
        if bytes.len() > MAX_BYTES {
            return Err(format!("the logo is {} bytes; at most 1 MiB ({MAX_BYTES} bytes) is allowed", bytes.len()));
        }
        let (kind, svg) = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            check_png(&bytes)?;
            (Kind::Png, None)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            check_jpeg(&bytes)?;
            (Kind::Jpeg, None)
        } else if looks_like_svg(&bytes) {
            let text = check_svg(&bytes)?;
            (Kind::Svg, Some(Arc::new(svg::parse(text)?)))
        } else {
            return Err("the logo is not a PNG, JPEG or SVG image".into());
        };
        Ok(Logo { kind, bytes, svg })
    }

    /// An SVG logo's drawing (usvg tree), for the PDF; `None` for PNG and JPEG.
    #[must_use]
    pub fn svg_tree(&self) -> Option<&Arc<usvg::Tree>> {
        self.svg.as_ref()
    }

    /// The characters an SVG logo's text needs that the embedded font (Noto Sans) has no
    /// glyph for, each once, in order of appearance; empty for PNG and JPEG. The PDF
    /// leaves them out, so the configuration checks (`invoice doctor`, `config show`) warn
    /// about them once instead of the SVG library logging on every command (SPEC 15).
    #[must_use]
    pub fn missing_glyphs(&self) -> Vec<char> {
        if self.kind != Kind::Svg {
            return Vec::new();
        }
        std::str::from_utf8(&self.bytes).map(svg::missing_glyphs).unwrap_or_default()
    }

    /// `data:image/png;base64,...`, for an `<img src>`.
    #[must_use]
    pub fn data_uri(&self) -> String {
        let encoded = base64::engine::general_purpose::STANDARD.encode(&self.bytes);
        format!("data:{};base64,{encoded}", self.kind.media_type())
    }
}

/// A PNG starts with its IHDR chunk (13 bytes, width and height above 0) and ends with IEND.
fn check_png(bytes: &[u8]) -> Result<(), String> {
    let broken = || "the logo is not a well-formed PNG image".to_owned();
    let header = bytes.get(8..33).ok_or_else(broken)?;
    if header[0..4] != [0, 0, 0, 13] || &header[4..8] != b"IHDR" {
        return Err(broken());
    }
    let width = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
    let height = u32::from_be_bytes([header[12], header[13], header[14], header[15]]);
    if width == 0 || height == 0 || !bytes.ends_with(b"IEND\xaeB`\x82") {
        return Err(broken());
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!("the logo is {width} × {height} pixels; at most {MAX_SIDE} on a side"));
    }
    // Decode it whole (checksums, compressed data), as the PDF writer will.
    let mut reader =
        png::Decoder::new(std::io::Cursor::new(bytes)).read_info().map_err(|e| format!("{}: {e}", broken()))?;
    let mut pixels = vec![0; reader.output_buffer_size().ok_or_else(broken)?];
    reader.next_frame(&mut pixels).map_err(|e| format!("{}: {e}", broken()))?;
    Ok(())
}

/// The largest logo side in pixels (a logo is small; this bounds decoding memory).
const MAX_SIDE: u32 = 4096;

/// A JPEG is a chain of marker segments from SOI to a start-of-frame with a size above 0.
fn check_jpeg(bytes: &[u8]) -> Result<(), String> {
    let broken = || "the logo is not a well-formed JPEG image".to_owned();
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2).ok_or_else(broken)?,
            *bytes.get(at + 3).ok_or_else(broken)?,
        ]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let frame = bytes.get(at + 4..at + 9).ok_or_else(broken)?;
            let height = u16::from_be_bytes([frame[1], frame[2]]);
            let width = u16::from_be_bytes([frame[3], frame[4]]);
            if width == 0 || height == 0 || !bytes.ends_with(&[0xFF, 0xD9]) {
                return Err(broken());
            }
            // The same bound as a PNG (issue #21: a JPEG could claim 65535 × 65535).
            if u32::from(width) > MAX_SIDE || u32::from(height) > MAX_SIDE {
                return Err(format!("the logo is {width} × {height} pixels; at most {MAX_SIDE} on a side"));
            }
            return Ok(());
        }
        at += 2 + length;
    }
    Err(broken())
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| text.contains("<svg"))
}

/// An SVG is UTF-8 text whose root element is `<svg>`, closed, with no script, event
/// handler or reference to anything outside the file.
fn check_svg(bytes: &[u8]) -> Result<&str, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the SVG logo is not UTF-8 text".to_owned())?;
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<svg").ok_or("the SVG logo has no <svg> element")?;
    let before = &lower[..start];
    if before.contains('<') && !before.trim_start().starts_with("<?xml") && !before.contains("<!--") {
        return Err("the SVG logo's root element is not <svg>".into());
    }
    if !lower.trim_end().ends_with("</svg>") && !lower.trim_end().ends_with("/>") {
        return Err("the SVG logo's <svg> element is not closed".into());
    }
    if lower.contains("<script") || lower.contains("javascript:") || lower.contains("<foreignobject") {
        return Err("the SVG logo contains a script".into());
    }
    let handler = lower.match_indices(" on").any(|(i, _)| {
        lower[i + 3..].chars().take_while(|c| c.is_ascii_alphabetic()).count() > 0
            && lower[i + 3..].trim_start_matches(|c: char| c.is_ascii_alphabetic()).trim_start().starts_with('=')
    });
    if handler {
        return Err("the SVG logo contains an event handler".into());
    }
    // Every reference, in any spelling (character references, `xlink:`, relative paths,
    // other SVGs), is checked on the parsed attributes by `svg::check_references`.
    Ok(text)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A 1×1 PNG.
    /// A 2×1 RGB PNG.
    pub(crate) const PNG: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\x00\x04\xff\x01\x07\x00\x01\xff\xe2\x23\x9e\x59\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

    #[test]
    fn png_jpeg_and_svg_logos_are_accepted_and_embedded_as_data_uris() {
        let png = Logo::from_bytes(PNG.to_vec()).unwrap();
        assert_eq!(png.kind, Kind::Png);
        assert!(png.data_uri().starts_with("data:image/png;base64,iVBORw0KGgo"));
        let jpeg = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xFF, 0xD9];
        assert_eq!(Logo::from_bytes(jpeg.to_vec()).unwrap().kind, Kind::Jpeg);
        let svg = br##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#1f3a5f"/></svg>"##;
        assert_eq!(Logo::from_bytes(svg.to_vec()).unwrap().kind, Kind::Svg);
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        let refused = |bytes: &[u8]| Logo::from_bytes(bytes.to_vec()).unwrap_err();
        assert!(refused(b"GIF89a").contains("not a PNG, JPEG or SVG"));
        assert!(refused(&PNG[..20]).contains("not a well-formed PNG"));
        let mut corrupt = PNG.to_vec();
        corrupt[45] ^= 0xFF; // inside the compressed pixels: the IDAT checksum fails
        assert!(refused(&corrupt).contains("not a well-formed PNG"), "{}", refused(&corrupt));
        assert!(refused(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0]).contains("not a well-formed JPEG"));
        assert!(refused(b"<svg><script>alert(1)</script></svg>").contains("script"));
        assert!(refused(b"<svg onload='x()'></svg>").contains("event handler"));
        assert!(refused(b"<svg><image href=\"https://x.example/a.png\"/></svg>").contains("outside"));
        // Issue #21: a JPEG as large as a PNG may not be.
        let huge = [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0, 0xFF, 0xD9];
        assert!(refused(&huge).contains("65535 × 65535 pixels; at most 4096"), "{}", refused(&huge));
        assert!(refused(&vec![b' '; MAX_BYTES + 1]).contains("at most 1 MiB"));
    }
}
