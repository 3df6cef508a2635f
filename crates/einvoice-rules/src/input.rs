//! Reading a received file safely (SPEC 13.3): no DTD, no entity, bounded size and depth.
//!
//! Received files are hostile by default. Before the XML parser sees a byte, a linear scan
//! refuses what it should never have to handle: a file over [`MAX_BYTES`], an encoding
//! other than UTF-8, a DOCTYPE (the door to XXE and entity expansion), or elements nested
//! deeper than [`MAX_DEPTH`]. The parser then runs with DTDs refused and a node limit, so
//! time and memory stay proportional to the (bounded) input. Nothing is ever fetched: no
//! entity is resolved, no file or network is touched.

use crate::{Finding, Severity};

/// The largest file read (SPEC 13.3): 16 MiB. Callers reading from disk or a socket stop
/// reading after this many bytes (plus one, to tell "over" from "exactly").
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// The deepest element nesting accepted. UBL and CII invoices nest about 10 levels; the
/// rules engine walks trees recursively, so the bound keeps its stack small.
pub const MAX_DEPTH: usize = 256;

/// The most nodes (elements, attributes' owners, text, comments) a document may have: a
/// 16 MiB invoice of real content has a few hundred thousand.
pub const MAX_NODES: u32 = 2_000_000;

/// The rule ids of input findings.
pub mod rule {
    /// Not well-formed XML (syntax error, truncated file, undefined entity).
    pub const NOT_WELL_FORMED: &str = "XML-NOT-WELL-FORMED";
    /// Not UTF-8 (invalid bytes, a UTF-16 byte order mark, another declared encoding).
    pub const ENCODING: &str = "XML-ENCODING";
    /// A DOCTYPE declaration: DTDs and entities are never processed.
    pub const DTD: &str = "XML-DTD-REFUSED";
    /// Elements nested deeper than [`super::MAX_DEPTH`].
    pub const TOO_DEEP: &str = "XML-TOO-DEEP";
    /// Over [`super::MAX_BYTES`] or [`super::MAX_NODES`].
    pub const TOO_LARGE: &str = "FILE-TOO-LARGE";
}

/// A fatal input finding at a 1-based line and column.
fn finding(rule: &str, line: usize, column: usize, message: String) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity: Severity::Fatal,
        location: format!("line {line}, column {column}"),
        message,
    }
}

/// The finding for a file over [`MAX_BYTES`].
#[must_use]
pub fn too_large() -> Finding {
    Finding {
        rule: rule::TOO_LARGE.to_owned(),
        severity: Severity::Fatal,
        location: String::new(),
        message: format!("the file is larger than {} MiB, the limit for a received e-invoice", MAX_BYTES >> 20),
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `bytes`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    // Columns count characters: continuation bytes of UTF-8 do not start one.
    let column = before[start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
    (line, column)
}

/// The document's text: UTF-8 (a byte order mark is allowed and dropped), at most
/// [`MAX_BYTES`], declaring no other encoding.
///
/// # Errors
/// [`rule::TOO_LARGE`] or [`rule::ENCODING`] with the line and column of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Finding> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return Err(finding(
            rule::ENCODING,
            1,
            1,
            "the file is UTF-16 (it starts with a UTF-16 byte order mark); a received e-invoice must be UTF-8"
                .to_owned(),
        ));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // The declared encoding first: "ISO-8859-1 is not accepted" says more than the first
    // byte that is not UTF-8 (the declaration itself is ASCII).
    check_declaration(&String::from_utf8_lossy(&body[..body.len().min(256)]))?;
    let text = std::str::from_utf8(body).map_err(|error| {
        let (line, column) = line_column(body, error.valid_up_to());
        finding(
            rule::ENCODING,
            line,
            column,
            format!(
                "the file is not UTF-8: byte 0x{:02X} is not valid UTF-8 (a received e-invoice must be UTF-8)",
                body.get(error.valid_up_to()).copied().unwrap_or(0)
            ),
        )
    })?;
    Ok(text)
}

/// Refuses an XML declaration naming an encoding other than UTF-8.
fn check_declaration(text: &str) -> Result<(), Finding> {
    let Some(rest) = text.strip_prefix("<?xml") else { return Ok(()) };
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return Ok(());
    }
    let Some(end) = rest.find("?>") else { return Ok(()) }; // the parser reports it
    let declaration = &rest[..end];
    let Some(at) = declaration.find("encoding") else { return Ok(()) };
    let value = declaration[at + "encoding".len()..].trim_start();
    let Some(value) = value.strip_prefix('=') else { return Ok(()) };
    let value = value.trim_start();
    let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { return Ok(()) };
    let name = value[1..].split(quote).next().unwrap_or("");
    if name.eq_ignore_ascii_case("utf-8") || name.eq_ignore_ascii_case("utf8") {
        return Ok(());
    }
    let shown: String = name.chars().take(40).filter(|c| !c.is_control()).collect();
    Err(finding(
        rule::ENCODING,
        1,
        1,
        format!(
            "the XML declaration names the encoding \"{shown}\"; a received e-invoice must be UTF-8 (EN 16931, XRechnung)"
        ),
    ))
}

/// Scans the raw text once: refuses a DOCTYPE and nesting deeper than [`MAX_DEPTH`]. Exact
/// for well-formed documents; on malformed ones it may stop early or late, and the parser
/// reports the syntax error.
fn scan(text: &str) -> Result<(), Finding> {
    let bytes = text.as_bytes();
    let mut depth = 0_usize;
    let mut i = 0;
    let skip_to = |from: usize, end: &[u8]| -> usize {
        bytes[from..].windows(end.len()).position(|w| w == end).map_or(bytes.len(), |p| from + p + end.len())
    };
    while i < bytes.len() {
        // str::find uses memchr (long base64 attachments are most of some invoices); `i` is
        // always just past ASCII markup, so a char boundary, but fall back to bytes anyway
        let next = match text.get(i..) {
            Some(rest) => rest.find('<'),
            None => bytes[i..].iter().position(|&b| b == b'<'),
        };
        let Some(lt) = next else { break };
        let at = i + lt;
        let rest = &bytes[at..];
        if rest.starts_with(b"<?") {
            i = skip_to(at + 2, b"?>");
        } else if rest.starts_with(b"<!--") {
            i = skip_to(at + 4, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = skip_to(at + 9, b"]]>");
        } else if rest.starts_with(b"<!DOCTYPE") || rest.starts_with(b"<!doctype") {
            let (line, column) = line_column(bytes, at);
            return Err(finding(
                rule::DTD,
                line,
                column,
                "the document has a DOCTYPE declaration; DTDs and entities are never processed in a received \
                 e-invoice (they are how XXE and entity-expansion attacks work)"
                    .to_owned(),
            ));
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            i = skip_to(at + 2, b">");
        } else if rest.starts_with(b"<!") {
            i = at + 2;
        } else {
            // A start tag: to its `>`, past quoted attribute values.
            let mut j = at + 1;
            let mut quote = None;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (None, b'"' | b'\'') => quote = Some(bytes[j]),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            let self_closing = j > at + 1 && bytes.get(j - 1) == Some(&b'/');
            if !self_closing {
                depth += 1;
                if depth > MAX_DEPTH {
                    let (line, column) = line_column(bytes, at);
                    return Err(finding(
                        rule::TOO_DEEP,
                        line,
                        column,
                        format!("elements are nested more than {MAX_DEPTH} levels deep; an invoice needs about 10"),
                    ));
                }
            }
            i = j + 1;
        }
    }
    Ok(())
}

/// Parses a received document, refusing what a hostile sender could abuse: a DOCTYPE (so
/// no entity is ever defined or resolved), another encoding than UTF-8, more than
/// [`MAX_BYTES`], [`MAX_DEPTH`] or [`MAX_NODES`].
///
/// # Errors
/// One fatal finding: [`rule::NOT_WELL_FORMED`] (with line and column), [`rule::DTD`],
/// [`rule::ENCODING`], [`rule::TOO_DEEP`] or [`rule::TOO_LARGE`].
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, Finding> {
    if text.len() > MAX_BYTES {
        return Err(too_large());
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    check_declaration(text)?;
    scan(text)?;
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, entity_resolver: None };
    roxmltree::Document::parse_with_options(text, options).map_err(|error| {
        let pos = error.pos();
        let (line, column) = (pos.row as usize, pos.col as usize);
        match error {
            roxmltree::Error::DtdDetected => finding(
                rule::DTD,
                line,
                column,
                "the document has a DOCTYPE declaration; DTDs and entities are never processed in a received e-invoice"
                    .to_owned(),
            ),
            roxmltree::Error::NodesLimitReached => Finding {
                location: String::new(),
                message: format!("the document has more than {MAX_NODES} nodes, the limit for a received e-invoice"),
                ..too_large()
            },
            roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => {
                let (line, column) = line_column(text.as_bytes(), text.len());
                finding(
                    rule::NOT_WELL_FORMED,
                    line,
                    column,
                    "the file is not well-formed XML: it ends before the root element is closed (truncated?)"
                        .to_owned(),
                )
            }
            roxmltree::Error::NoRootNode => finding(
                rule::NOT_WELL_FORMED,
                1,
                1,
                "the file is not well-formed XML: it has no root element".to_owned(),
            ),
            error => finding(rule::NOT_WELL_FORMED, line, column, format!("the file is not well-formed XML: {error}")),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule_of(text: &str) -> String {
        parse(text).map(|_| String::new()).unwrap_or_else(|f| f.rule)
    }

    #[test]
    fn well_formed_documents_parse() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a x='>'><!-- <b> --><![CDATA[<c>]]><b/><c></c></a>";
        assert_eq!(rule_of(doc), "");
        assert_eq!(rule_of("\u{FEFF}<a/>"), "");
    }

    #[test]
    fn hostile_documents_are_findings() {
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<a>&x;</a>";
        let f = parse(xxe).err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!((f.rule.as_str(), f.location.as_str()), (rule::DTD, "line 2, column 1"));
        let deep = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        assert_eq!(rule_of(&deep), rule::TOO_DEEP);
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert_eq!(rule_of(&ok), "");
        let f = parse("<a>\n  <b>text</b>\n  <c").err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(f.rule, rule::NOT_WELL_FORMED);
        assert!(f.location.starts_with("line 3"), "{f:?}");
        assert_eq!(rule_of("<a>&undefined;</a>"), rule::NOT_WELL_FORMED);
    }

    #[test]
    fn only_utf8_is_read() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>M\xFCller</a>";
        let f = decode(latin1).err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(f.rule, rule::ENCODING);
        let f = decode(b"<a>\n M\xFCller</a>").err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!((f.rule.as_str(), f.location.as_str()), (rule::ENCODING, "line 2, column 3"));
        let f = decode(b"\xFF\xFE<\0a\0/\0>\0").err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(f.rule, rule::ENCODING);
        assert_eq!(
            decode(b"\xEF\xBB\xBF<?xml version='1.0' encoding='utf-8'?><a/>").ok(),
            Some("<?xml version='1.0' encoding='utf-8'?><a/>")
        );
        assert_eq!(decode(&vec![b' '; MAX_BYTES + 1]).err().map(|f| f.rule), Some(rule::TOO_LARGE.to_owned()));
    }
}
