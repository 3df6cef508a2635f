//! The invoice inside a Factur-X / ZUGFeRD / XRechnung PDF (SPEC 13.1): the embedded file
//! `factur-x.xml`, `zugferd-invoice.xml` or `xrechnung.xml`, found through the catalog's
//! `/Names /EmbeddedFiles` name tree or its `/AF` associated files.
//!
//! The PDF is hostile like any received file: the walk over the name tree is bounded in
//! nodes and depth and never loops, streams are inflated with a cap (a zip bomb stops at
//! [`MAX_XML`] bytes), and object streams that would inflate past the cap are left out when
//! the file is loaded. Anything the walk cannot use is a [`PdfError`], never a panic.

use einvoice_rules::{Finding, Severity};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashSet;
use std::io::Read;

/// The names of the embedded invoice, in the order they are looked for (Factur-X 1.0 and
/// ZUGFeRD 2.x, ZUGFeRD 1.0, XRechnung in a PDF). Compared without regard to case.
pub const INVOICE_NAMES: [&str; 3] = ["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

/// The largest embedded invoice read: the limit of a received XML file.
pub const MAX_XML: usize = einvoice_rules::input::MAX_BYTES;

/// The most name-tree nodes and embedded files looked at.
const MAX_NODES: usize = 10_000;
/// The deepest name tree walked.
const MAX_TREE_DEPTH: usize = 32;

/// Rule ids of PDF findings.
pub mod rule {
    /// The bytes are not a PDF lopdf can open.
    pub const UNREADABLE: &str = "PDF-UNREADABLE";
    /// The PDF has no embedded invoice under any of the expected names.
    pub const NO_INVOICE: &str = "PDF-NO-INVOICE";
    /// The embedded invoice's stream cannot be decoded (unknown filter, corrupt, too large).
    pub const ATTACHMENT: &str = "PDF-ATTACHMENT";
    /// A warning: the PDF's structure is broken, its invoice was recovered by a raw scan.
    pub const DAMAGED: &str = "PDF-DAMAGED";
}

/// The invoice embedded in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name it is embedded under, as the PDF spells it.
    pub name: String,
    /// Its bytes (the XML).
    pub xml: Vec<u8>,
    /// Why the PDF could not be opened as a whole, when the invoice was recovered by a
    /// scan of the raw file instead (a broken cross-reference table or trailer).
    pub damaged: Option<String>,
}

impl Attachment {
    /// The warning a recovered attachment adds to the report (`PDF-DAMAGED`).
    #[must_use]
    pub fn damage_finding(&self) -> Option<Finding> {
        self.damaged.as_ref().map(|why| Finding {
            rule: rule::DAMAGED.to_owned(),
            severity: Severity::Warning,
            location: String::new(),
            message: format!(
                "the PDF cannot be opened as a whole ({why}); its embedded {} was found by a scan of the raw file",
                crate::security::text::display_safe(&self.name)
            ),
        })
    }
}

/// Why no invoice came out of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Not a PDF, or one that cannot be opened.
    #[error("the PDF cannot be opened: {0}")]
    Unreadable(String),
    /// No embedded file with one of [`INVOICE_NAMES`]; lists the names that are there.
    #[error("{}", no_invoice(.0))]
    NoInvoice(Vec<String>),
    /// The embedded invoice's stream cannot be decoded.
    #[error("the embedded {name} cannot be read: {why}")]
    Attachment {
        /// The embedded file's name.
        name: String,
        /// What is wrong.
        why: String,
    },
}

fn no_invoice(found: &[String]) -> String {
    let expected = INVOICE_NAMES.join(", ");
    if found.is_empty() {
        format!("the PDF has no embedded files, so no e-invoice (a Factur-X/ZUGFeRD PDF embeds one of: {expected})")
    } else {
        let shown: Vec<String> = found.iter().take(10).map(|n| crate::security::text::display_safe(n)).collect();
        format!("the PDF embeds {} but no e-invoice (expected one of: {expected})", shown.join(", "))
    }
}

impl PdfError {
    /// The error as a fatal finding of the file's report.
    #[must_use]
    pub fn finding(&self) -> Finding {
        let rule = match self {
            PdfError::Unreadable(_) => rule::UNREADABLE,
            PdfError::NoInvoice(_) => rule::NO_INVOICE,
            PdfError::Attachment { .. } => rule::ATTACHMENT,
        };
        Finding { rule: rule.to_owned(), severity: Severity::Fatal, location: String::new(), message: self.to_string() }
    }
}

/// Whether `bytes` look like a PDF: `%PDF-` within the first 1,024 bytes (readers accept
/// leading junk that long), unless they start like XML (a note may quote `%PDF-`).
#[must_use]
pub fn is_pdf(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return false;
    }
    bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// The embedded e-invoice of a PDF.
///
/// # Errors
/// [`PdfError`]: the PDF cannot be opened, has no invoice attachment, or it cannot be decoded.
pub fn extract(bytes: &[u8]) -> Result<Attachment, PdfError> {
    check_structure_streams(bytes)?;
    let options = lopdf::LoadOptions { filter: Some(drop_bombs), ..Default::default() };
    // lopdf is a parser of untrusted input: a panic inside it is a finding, not a crash
    // (nothing outlives the closure, so no broken state can be seen afterwards).
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let doc = Document::load_mem_with_options(bytes, options).map_err(|e| PdfError::Unreadable(e.to_string()))?;
        find(&doc)
    }))
    .map_err(|_| PdfError::Unreadable("the PDF parser gave up on this file".to_owned()))?;
    match loaded {
        Err(PdfError::Unreadable(why)) => match scan_raw(bytes) {
            Some(Ok(attachment)) => Ok(Attachment { damaged: Some(why), ..attachment }),
            Some(Err(error)) => Err(error),
            None => Err(PdfError::Unreadable(why)),
        },
        other => other,
    }
}

/// The invoice of a PDF lopdf cannot open (a broken cross-reference table or trailer, as
/// mail gateways and hand edits leave them), found in the raw bytes: a file specification
/// naming one of [`INVOICE_NAMES`] as a literal string, the first `N G R` after its `/EF`,
/// and the stream of object `N G`, decoded within the cap.
fn scan_raw(bytes: &[u8]) -> Option<Result<Attachment, PdfError>> {
    let lower = bytes.to_ascii_lowercase();
    for wanted in INVOICE_NAMES {
        let needle = format!("({wanted})");
        let mut from = 0;
        while let Some(at) = find_from(&lower, from, needle.as_bytes()) {
            from = at + 1;
            let after = &bytes[at..bytes.len().min(at + 4096)];
            let Some(ef) = find_from(after, 0, b"/EF") else { continue };
            let Some((number, generation)) = first_reference(&after[ef + 3..]) else { continue };
            let Some((dict, data)) = raw_object_stream(bytes, number, generation) else { continue };
            let name = String::from_utf8_lossy(&bytes[at + 1..at + 1 + wanted.len()]).into_owned();
            let decoded = if dict.windows(11).any(|w| w == b"FlateDecode") {
                inflate(data)
            } else if dict.windows(7).any(|w| w == b"/Filter") {
                Err("the stream's filter is not supported".to_owned())
            } else if data.len() > MAX_XML {
                Err(format!("it is larger than {} MiB", MAX_XML >> 20))
            } else {
                Ok(data.to_vec())
            };
            return Some(match decoded {
                Ok(xml) => Ok(Attachment { name, xml, damaged: None }),
                Err(why) => Err(PdfError::Attachment { name, why }),
            });
        }
    }
    None
}

/// The first indirect reference `N G R` in `text` (within its first 256 bytes).
fn first_reference(text: &[u8]) -> Option<(u32, u16)> {
    let text = &text[..text.len().min(256)];
    let digits = |from: usize| -> Option<(u64, usize)> {
        let len = text.get(from..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        let value = std::str::from_utf8(text.get(from..from + len)?).ok()?.parse().ok()?;
        (len > 0).then_some((value, from + len))
    };
    let spaces =
        |from: usize| from + text.get(from..).map_or(0, |t| t.iter().take_while(|b| b.is_ascii_whitespace()).count());
    let mut i = 0;
    while i < text.len() {
        if text[i].is_ascii_digit()
            && (i == 0 || !text[i - 1].is_ascii_digit())
            && let Some((number, end)) = digits(i)
            && let Some((generation, end)) = digits(spaces(end))
            && text.get(spaces(end)) == Some(&b'R')
        {
            return Some((u32::try_from(number).ok()?, u16::try_from(generation).ok()?));
        }
        i += 1;
    }
    None
}

/// The dictionary and data of the stream object `number generation` in the raw bytes (the
/// last definition, as an incremental update would have it).
fn raw_object_stream(bytes: &[u8], number: u32, generation: u16) -> Option<(&[u8], &[u8])> {
    let header = format!("{number} {generation} obj");
    let mut found = None;
    let mut from = 0;
    while let Some(at) = find_from(bytes, from, header.as_bytes()) {
        from = at + 1;
        if at == 0 || bytes[at - 1].is_ascii_whitespace() {
            found = Some(at + header.len());
        }
    }
    let start = found?;
    let keyword = find_from(bytes, start, b"stream")?;
    if keyword - start > 64 * 1024 || find_from(&bytes[..keyword], start, b"endobj").is_some() {
        return None;
    }
    let mut data = keyword + b"stream".len();
    if bytes.get(data) == Some(&b'\r') {
        data += 1;
    }
    if bytes.get(data) == Some(&b'\n') {
        data += 1;
    }
    let mut end = find_from(bytes, data, b"endstream")?;
    if bytes[..end].ends_with(b"\n") {
        end -= 1;
    }
    if bytes[..end].ends_with(b"\r") {
        end -= 1;
    }
    Some((&bytes[start..keyword], bytes.get(data..end.max(data))?))
}

/// The most all cross-reference and object streams of a PDF may inflate to together: lopdf
/// inflates them while it loads the file, without a bound of its own.
const MAX_STRUCTURE: u64 = 4 * MAX_XML as u64;

/// Where `needle` first occurs in `haystack` at or after `from`.
fn find_from(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// Refuses a PDF whose cross-reference or object streams (`/Type /XRef`, `/Type /ObjStm`,
/// which lopdf inflates while loading, the first without any bound) inflate past
/// [`MAX_STRUCTURE`] together. A raw scan: each `stream` keyword whose dictionary (back to
/// its `obj`) names one of those types is inflated into nothing, counting bytes, as zlib
/// and, like lopdf's fallback, as raw deflate.
fn check_structure_streams(bytes: &[u8]) -> Result<(), PdfError> {
    let mut total = 0_u64;
    let mut from = 0;
    while let Some(at) = find_from(bytes, from, b"stream") {
        from = at + b"stream".len();
        if bytes[..at].ends_with(b"end") {
            continue;
        }
        let window = at.saturating_sub(64 * 1024);
        let head = &bytes[window..at];
        let dict = head.windows(3).rposition(|w| w == b"obj").map_or(head, |p| &head[p..]);
        let structural = |name: &[u8]| dict.windows(name.len()).any(|w| w == name);
        if !(structural(b"/XRef") || structural(b"/ObjStm")) {
            continue;
        }
        let mut data = from;
        if bytes.get(data) == Some(&b'\r') {
            data += 1;
        }
        if bytes.get(data) == Some(&b'\n') {
            data += 1;
        }
        let end = find_from(bytes, data, b"endstream").unwrap_or(bytes.len());
        let compressed = bytes.get(data..end).unwrap_or_default();
        let left = MAX_STRUCTURE - total;
        let sink = &mut std::io::sink();
        let zlib = std::io::copy(&mut flate2::read::ZlibDecoder::new(compressed).take(left + 1), sink).ok();
        let inflated = match zlib {
            Some(n) => n,
            None => {
                let raw = compressed.get(2..).unwrap_or_default();
                std::io::copy(&mut flate2::read::DeflateDecoder::new(raw).take(left + 1), sink).unwrap_or(0)
            }
        };
        total += inflated;
        if total > MAX_STRUCTURE {
            return Err(PdfError::Unreadable(format!(
                "its cross-reference and object streams inflate to more than {} MiB (a compression bomb?)",
                MAX_STRUCTURE >> 20
            )));
        }
    }
    Ok(())
}

/// The load filter: an object stream that would inflate past [`MAX_XML`] is left out (it
/// would otherwise be inflated without a bound while the file loads).
/// lopdf calls it with each top-level object (its answer is only checked for `None`) and
/// with each object of an object stream (its answer is kept), hence the clone.
fn drop_bombs(id: (u32, u16), object: &mut Object) -> Option<((u32, u16), Object)> {
    if let Object::Stream(stream) = &*object
        && stream.dict.has_type(b"ObjStm")
        && stream.filters().is_ok_and(|f| f.first().is_some_and(|f| *f == b"FlateDecode"))
        && inflate(&stream.content).is_err_and(|e| e.starts_with("it inflates"))
    {
        return None;
    }
    Some((id, object.clone()))
}

/// Finds the invoice attachment: the name tree first, then `/AF`.
fn find(doc: &Document) -> Result<Attachment, PdfError> {
    let catalog = doc.catalog().map_err(|e| PdfError::Unreadable(format!("no document catalog: {e}")))?;
    let mut files: Vec<(String, &Dictionary)> = Vec::new();
    let mut seen = HashSet::new();
    if let Some(tree) =
        deref_dict(doc, catalog.get(b"Names").ok()).and_then(|names| deref_dict(doc, names.get(b"EmbeddedFiles").ok()))
    {
        walk_name_tree(doc, tree, 0, &mut seen, &mut files);
    }
    if let Some(Object::Array(associated)) =
        catalog.get(b"AF").ok().and_then(|af| doc.dereference(af).ok()).map(|r| r.1)
    {
        for spec in associated.iter().take(MAX_NODES).filter_map(|o| deref_dict(doc, Some(o))) {
            if let Some(name) = spec_name(spec) {
                files.push((name, spec));
            }
        }
    }
    for wanted in INVOICE_NAMES {
        if let Some((name, spec)) = files.iter().find(|(name, _)| file_name(name).eq_ignore_ascii_case(wanted)) {
            let xml = spec_content(doc, spec).map_err(|why| PdfError::Attachment { name: name.clone(), why })?;
            return Ok(Attachment { name: name.clone(), xml, damaged: None });
        }
    }
    let mut names: Vec<String> = files.into_iter().map(|(name, _)| name).collect();
    names.dedup();
    Err(PdfError::NoInvoice(names))
}

/// The last path component of an embedded file's name (some writers keep a folder).
fn file_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// A dictionary, through references.
fn deref_dict<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Dictionary> {
    let (_, object) = doc.dereference(object?).ok()?;
    object.as_dict().ok()
}

/// Collects `(name, file specification)` pairs of a name tree node and its kids.
fn walk_name_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    depth: usize,
    seen: &mut HashSet<*const Dictionary>,
    files: &mut Vec<(String, &'a Dictionary)>,
) {
    if depth > MAX_TREE_DEPTH || seen.len() >= MAX_NODES || !seen.insert(std::ptr::from_ref(node)) {
        return;
    }
    if let Ok(Object::Array(pairs)) = node.get(b"Names").and_then(|o| doc.dereference(o)).map(|r| r.1) {
        for pair in pairs.chunks(2).take(MAX_NODES) {
            if let [key, value] = pair
                && let Some(spec) = deref_dict(doc, Some(value))
            {
                let key = doc.dereference(key).ok().and_then(|(_, k)| k.as_str().ok()).map(pdf_text);
                if let Some(name) = spec_name(spec).or(key) {
                    files.push((name, spec));
                }
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids").and_then(|o| doc.dereference(o)).map(|r| r.1) {
        for kid in kids.iter().take(MAX_NODES) {
            if let Some(kid) = deref_dict(doc, Some(kid)) {
                walk_name_tree(doc, kid, depth + 1, seen, files);
            }
        }
    }
}

/// The file name of a file specification: `/UF`, else `/F`.
fn spec_name(spec: &Dictionary) -> Option<String> {
    [b"UF".as_slice(), b"F".as_slice()].iter().find_map(|key| spec.get(key).ok()?.as_str().ok().map(pdf_text))
}

/// A PDF text string: UTF-16BE with its byte order mark, UTF-8 with its mark, else
/// PDFDocEncoding (read as Latin-1, which agrees on every letter a file name uses).
fn pdf_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The bytes of a file specification's embedded file (`/EF /F` or `/EF /UF`).
fn spec_content(doc: &Document, spec: &Dictionary) -> Result<Vec<u8>, String> {
    let embedded = deref_dict(doc, spec.get(b"EF").ok()).ok_or("the file specification has no /EF")?;
    let stream = [b"F".as_slice(), b"UF".as_slice()]
        .iter()
        .find_map(|key| doc.dereference(embedded.get(key).ok()?).ok()?.1.as_stream().ok())
        .ok_or("the file specification's /EF holds no stream")?;
    decode(stream)
}

/// A stream's content: unfiltered or `FlateDecode` (what Factur-X writers use), inflated to
/// at most [`MAX_XML`] bytes.
fn decode(stream: &lopdf::Stream) -> Result<Vec<u8>, String> {
    let filters: Vec<&[u8]> = stream.filters().unwrap_or_default();
    if let Ok(params) = stream.dict.get(b"DecodeParms")
        && params.as_dict().is_ok_and(|p| p.get(b"Predictor").and_then(Object::as_i64).is_ok_and(|v| v > 1))
    {
        return Err("the stream uses a predictor, which an embedded file never needs".to_owned());
    }
    let mut data = stream.content.clone();
    for filter in filters {
        data = match filter {
            b"FlateDecode" | b"Fl" => inflate(&data)?,
            other => {
                return Err(format!("the stream's filter {} is not supported", String::from_utf8_lossy(other)));
            }
        };
    }
    if data.len() > MAX_XML {
        return Err(format!("it is larger than {} MiB", MAX_XML >> 20));
    }
    Ok(data)
}

/// zlib-inflates `data`, stopping one byte past [`MAX_XML`].
fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = u64::try_from(MAX_XML).unwrap_or(u64::MAX) + 1;
    flate2::read::ZlibDecoder::new(data)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("its compressed stream is corrupt: {e}"))?;
    if out.len() > MAX_XML {
        return Err(format!("it inflates to more than {} MiB", MAX_XML >> 20));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A one-page PDF embedding `files` (name, bytes, compressed?) in its name tree, or as
    /// `/AF` only when `af_only`.
    fn pdf_with(files: &[(&str, &[u8], bool)], af_only: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let page_id = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
        );
        let mut names = Vec::new();
        let mut specs = Vec::new();
        for (name, bytes, compress) in files {
            let mut stream = Stream::new(dictionary! { "Type" => "EmbeddedFile" }, bytes.to_vec());
            if *compress {
                stream.compress().unwrap();
            }
            let stream_id = doc.add_object(stream);
            let spec = doc.add_object(dictionary! {
                "Type" => "Filespec",
                "F" => Object::string_literal(*name),
                "EF" => dictionary! { "F" => stream_id },
            });
            names.push(Object::string_literal(*name));
            names.push(spec.into());
            specs.push(Object::Reference(spec));
        }
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if af_only {
            catalog.set("AF", specs);
        } else {
            catalog.set("Names", dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } });
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn the_invoice_is_found_by_name() {
        let xml = b"<Invoice/>".as_slice();
        let pdf = pdf_with(&[("logo.png", b"png", false), ("Factur-X.xml", xml, true)], false);
        assert!(is_pdf(&pdf));
        assert!(!is_pdf(b"\xEF\xBB\xBF <Invoice><Note>%PDF-1.7</Note></Invoice>"));
        let found = extract(&pdf).unwrap();
        assert_eq!((found.name.as_str(), found.xml.as_slice()), ("Factur-X.xml", xml));
        let found = extract(&pdf_with(&[("xrechnung.xml", xml, false)], true)).unwrap();
        assert_eq!(found.xml, xml);
    }

    #[test]
    fn a_pdf_without_invoice_says_what_it_holds() {
        let err = extract(&pdf_with(&[("terms.txt", b"x", false)], false)).unwrap_err();
        assert_eq!(err, PdfError::NoInvoice(vec!["terms.txt".to_owned()]));
        assert_eq!(err.finding().rule, rule::NO_INVOICE);
        assert!(err.to_string().contains("factur-x.xml"), "{err}");
        assert_eq!(extract(&pdf_with(&[], false)).unwrap_err(), PdfError::NoInvoice(vec![]));
        assert!(matches!(extract(b"%PDF-1.7\nnot really"), Err(PdfError::Unreadable(_))));
        assert!(matches!(extract(b""), Err(PdfError::Unreadable(_))));
    }

    #[test]
    fn a_cross_reference_stream_bomb_is_refused_before_loading() {
        let bomb = {
            let mut stream = Stream::new(dictionary! { "Type" => "XRef" }, vec![b'0'; 4 * MAX_XML + 10]);
            stream.compress().unwrap();
            stream.content
        };
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /XRef /Filter /FlateDecode /Size 1 >>\nstream\n".to_vec();
        pdf.extend_from_slice(&bomb);
        pdf.extend_from_slice(b"\nendstream\nendobj\nstartxref\n9\n%%EOF\n");
        let err = extract(&pdf).unwrap_err();
        assert!(matches!(&err, PdfError::Unreadable(why) if why.contains("compression bomb")), "{err:?}");
        // The product's own structure streams are far below the bound.
        assert!(check_structure_streams(&pdf_with(&[("factur-x.xml", b"<a/>", true)], false)).is_ok());
    }

    #[test]
    fn a_pdf_with_a_broken_trailer_still_gives_its_invoice() {
        let xml = b"<Invoice>\n</Invoice>".as_slice();
        for compress in [true, false] {
            let mut pdf = pdf_with(&[("factur-x.xml", xml, compress)], false);
            // Cut the cross-reference table and trailer off, and shift every offset.
            let xref = pdf.windows(4).rposition(|w| w == b"xref").unwrap();
            pdf.truncate(xref);
            pdf.splice(9..9, b"% junk that moves every object\n".iter().copied());
            let found = extract(&pdf).unwrap();
            assert_eq!((found.name.as_str(), found.xml.as_slice()), ("factur-x.xml", xml));
            let warning = found.damage_finding().unwrap();
            assert_eq!((warning.rule.as_str(), warning.severity), (rule::DAMAGED, Severity::Warning));
        }
        assert_eq!(first_reference(b" << /F 12 0 R >>"), Some((12, 0)));
        assert_eq!(first_reference(b" << /F 12 0 obj"), None);
    }

    #[test]
    fn a_zip_bomb_stops_at_the_cap() {
        let big = vec![b' '; MAX_XML + 10];
        let err = extract(&pdf_with(&[("factur-x.xml", &big, true)], false)).unwrap_err();
        assert!(matches!(err, PdfError::Attachment { .. }), "{err:?}");
    }
}
