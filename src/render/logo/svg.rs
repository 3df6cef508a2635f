//! SVG logos for the PDF: read with usvg once, when the configuration loads, into the tree
//! krilla-svg draws. Nothing outside the file is read — no resources directory, no system
//! fonts (text in a logo uses the embedded Noto Sans), images only as `data:` URIs holding
//! a PNG or JPEG that passes the checks of a PNG or JPEG logo — and what drawing it costs
//! is bounded before usvg expands anything.
//!
//! The cost bound: `<use>` copies what it names, and so does every `url(#id)` (masks,
//! clip paths, patterns, filters), so references nested in references multiply; a few KiB
//! can stand for billions of elements. The file is measured with all references expanded
//! (each element counts its bytes, each filter effect or embedded image, drawn as a
//! raster, counts 1 MiB) and refused above [`MAX_EXPANDED`].

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use usvg::roxmltree::{self, Document, Node, NodeId};

/// The most an SVG logo may amount to with every reference expanded: 16 MiB, sixteen
/// times the largest file.
pub(super) const MAX_EXPANDED: u64 = 16 * 1024 * 1024;

/// What one filter effect or embedded image counts for (each is drawn as a raster).
const RASTER: u64 = 1024 * 1024;

/// What an element counts for besides its bytes.
const ELEMENT: u64 = 16;

/// What one byte of text that usvg lays out counts for: laying text out costs far more
/// than drawing a shape, so the expanded bound allows 16 KiB of laid-out text, sixteen
/// copies of the largest text a file may hold ([`MAX_TEXT_CHARS`]) — `<use>` of a text
/// cannot multiply the layout work past that.
const TEXT_BYTE: u64 = 1024;

/// XML nodes a logo may have.
const MAX_NODES: u32 = 100_000;

/// The namespace every SVG element is in.
const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";

/// The largest width or height, in SVG user units (px).
pub(super) const MAX_SIDE: f32 = 16_384.0;

/// Parses an SVG logo as the PDF will draw it.
///
/// # Errors
/// Why the file cannot be drawn: not well-formed XML, more than the cost bound, refused by
/// usvg, or absurdly large.
pub(super) fn parse(text: &str) -> Result<usvg::Tree, String> {
    // A DTD alone is harmless (editors write one), but entities expand before anything
    // here can measure them: roxmltree bounds references per reference, not how many a
    // text holds, so a 1 MiB file of `&big;` could expand to gigabytes (billion laughs).
    if text.contains("<!ENTITY") {
        return Err(
            "the SVG logo declares XML entities (<!ENTITY …>), which are not allowed: save it without them".into()
        );
    }
    let parsing = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: MAX_NODES, ..Default::default() };
    let document =
        Document::parse_with_options(text, parsing).map_err(|e| format!("the SVG logo is not well-formed XML: {e}"))?;
    check_references(&document)?;
    if document.root_element().tag_name().namespace() != Some(SVG_NAMESPACE) {
        // Browsers show such a file as XML, not as an image; usvg would draw nothing.
        return Err(format!("the SVG logo's <svg> element lacks xmlns=\"{SVG_NAMESPACE}\""));
    }
    let text_chars = text_nodes(&document).map(|t| t.chars().count()).sum::<usize>();
    if text_chars > MAX_TEXT_CHARS {
        // usvg lays out one <text> in time quadratic in its length (issue #21: 200,000
        // characters took 11.8 s), so text is bounded before usvg sees it.
        return Err(format!(
            "the SVG logo holds {text_chars} characters of text; at most {MAX_TEXT_CHARS} are allowed \
             (convert the text to paths in your editor)"
        ));
    }
    let expanded = expanded_size(&document);
    if expanded > MAX_EXPANDED {
        return Err(format!(
            "the SVG logo is too costly to draw: with its references (<use>, url(#…)) expanded it amounts to \
             more than {} MiB; at most {} MiB is allowed",
            expanded / (1024 * 1024),
            MAX_EXPANDED / (1024 * 1024)
        ));
    }
    let tree =
        usvg::Tree::from_xmltree(&document, &options()).map_err(|e| format!("the SVG logo cannot be drawn: {e}"))?;
    let size = tree.size();
    if size.width() > MAX_SIDE || size.height() > MAX_SIDE {
        return Err(format!(
            "the SVG logo is {} × {} px; at most {MAX_SIDE} on a side",
            size.width().round(),
            size.height().round()
        ));
    }
    Ok(tree)
}

/// The most characters of text (`<text>`, `<tspan>`, `<textPath>`) a logo may hold: a
/// name and a tagline fit many times over, and drawing it stays cheap.
pub(super) const MAX_TEXT_CHARS: usize = 1_000;

/// Elements whose text content usvg lays out.
fn is_text_content(node: Node<'_, '_>) -> bool {
    ["text", "tspan", "textPath", "a"].iter().any(|name| node.has_tag_name(*name))
}

/// The text nodes usvg lays out (a text node's parent is a text-content element; looking
/// only at the parent keeps this linear however deep the file nests).
fn text_nodes<'a>(document: &'a Document<'_>) -> impl Iterator<Item = &'a str> {
    document.descendants().filter(|n| n.is_text() && n.parent().is_some_and(is_text_content)).filter_map(|n| n.text())
}

/// Refuses every reference that does not stay inside the file (SPEC 15): an `href` (any
/// namespace) must be `#id` or an embedded PNG or JPEG `data:` URI, and a `url(…)` in an
/// attribute or a style sheet must be `url(#id)`. The values are the parsed ones, so
/// character references (`&#106;avascript:`) and any spelling of a scheme are seen as
/// what they are; `<use href="x.svg#a">` and a relative `<image href="a.png">` are refused
/// like `https:` and `javascript:`.
fn check_references(document: &Document<'_>) -> Result<(), String> {
    let refused = |what: &str| {
        Err(format!(
            "the SVG logo refers to something outside it ({}); only #id references and embedded \
             PNG or JPEG images (data:image/png or data:image/jpeg) are allowed",
            crate::security::text::display_safe(what)
        ))
    };
    for node in document.descendants().filter(Node::is_element) {
        for attribute in node.attributes() {
            let value = attribute.value();
            if attribute.name() == "href" && !internal_href(value) {
                return refused(&format!("href=\"{value}\""));
            }
            if let Some(target) = external_url(value) {
                return refused(&format!("url({target})"));
            }
        }
        if node.has_tag_name("style") {
            let sheet: String = node.children().filter_map(|c| c.text()).collect();
            if let Some(target) = external_url(&sheet) {
                return refused(&format!("url({target})"));
            }
            if sheet.to_ascii_lowercase().contains("@import") {
                return refused("@import");
            }
        }
    }
    Ok(())
}

/// An `href` that stays inside the file: `#id`, or an embedded PNG or JPEG.
fn internal_href(value: &str) -> bool {
    let value = value.trim();
    let lower = value.get(..16).unwrap_or(value).to_ascii_lowercase();
    value.starts_with('#') || lower.starts_with("data:image/png") || lower.starts_with("data:image/jpeg")
}

/// The first `url(…)` in `text` that does not name an `#id`.
fn external_url(text: &str) -> Option<&str> {
    text.split("url(").skip(1).find_map(|rest| {
        let inner = rest.split(')').next().unwrap_or(rest).trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!inner.starts_with('#')).then_some(inner)
    })
}

/// The characters of an SVG logo's text that Noto Sans has no glyph for (see
/// [`super::Logo::missing_glyphs`]); empty for a file that does not parse.
pub(super) fn missing_glyphs(text: &str) -> Vec<char> {
    let parsing = roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: MAX_NODES, ..Default::default() };
    let Ok(document) = Document::parse_with_options(text, parsing) else { return Vec::new() };
    let Some(face) = rustybuzz::Face::from_slice(notosans::REGULAR_TTF, 0) else { return Vec::new() };
    let mut seen = HashSet::new();
    text_nodes(&document)
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace() && face.glyph_index(*c).is_none() && seen.insert(*c))
        .collect()
}

/// usvg's options for a logo: nothing is loaded from outside the file.
fn options() -> usvg::Options<'static> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(notosans::REGULAR_TTF)));
    fonts.load_font_source(usvg::fontdb::Source::Binary(Arc::new(notosans::BOLD_TTF)));
    // Every generic family (serif, monospace, ...) is Noto Sans, the only font there is.
    fonts.set_serif_family("Noto Sans");
    fonts.set_sans_serif_family("Noto Sans");
    fonts.set_cursive_family("Noto Sans");
    fonts.set_fantasy_family("Noto Sans");
    fonts.set_monospace_family("Noto Sans");
    usvg::Options {
        // No directory to resolve relative paths against, and no file is ever opened.
        resources_dir: None,
        font_family: "Noto Sans".to_owned(),
        fontdb: Arc::new(fonts),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(embedded_image),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// An image inside the logo: a PNG or JPEG `data:` URI that passes the checks of a logo
/// of its kind; anything else (GIF, WebP, nested SVG, broken data) is left out.
fn embedded_image(_mime: &str, data: Arc<Vec<u8>>, _: &usvg::Options<'_>) -> Option<usvg::ImageKind> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        super::check_png(&data).ok()?;
        Some(usvg::ImageKind::PNG(data))
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        super::check_jpeg(&data).ok()?;
        Some(usvg::ImageKind::JPEG(data))
    } else {
        None
    }
}

/// The logo's size with every reference expanded (see the module documentation), stopping
/// just above [`MAX_EXPANDED`]. A reference cycle counts nothing more (usvg drops it).
fn expanded_size(document: &Document<'_>) -> u64 {
    let ids: HashMap<&str, NodeId> =
        document.descendants().filter_map(|n| n.attribute("id").map(|id| (id, n.id()))).collect();
    let targets = |text: &str| -> Vec<NodeId> { references(text).filter_map(|id| ids.get(id).copied()).collect() };
    let mut weights: HashMap<NodeId, u64> = HashMap::new();
    let mut open: HashSet<NodeId> = HashSet::new();
    let mut stack = vec![(document.root_element(), false)];
    // Depth first, without recursion (a deeply nested file must not exhaust the stack).
    while let Some((node, finished)) = stack.pop() {
        let id = node.id();
        if finished {
            let own = own_weight(node);
            let total = dependencies(node, &targets)
                .iter()
                .map(|d| weights.get(d).copied().unwrap_or(0))
                .fold(own, u64::saturating_add)
                .min(MAX_EXPANDED + 1);
            weights.insert(id, total);
            open.remove(&id);
        } else if !weights.contains_key(&id) && open.insert(id) {
            stack.push((node, true));
            for dependency in dependencies(node, &targets) {
                if !weights.contains_key(&dependency)
                    && !open.contains(&dependency)
                    && let Some(next) = document.get_node(dependency)
                {
                    stack.push((next, false));
                }
            }
        }
    }
    let root = weights.get(&document.root_element().id()).copied().unwrap_or(0);
    // A style sheet's url(#id) may apply to every element.
    let sheets: u64 = document
        .descendants()
        .filter(|n| n.has_tag_name("style"))
        .flat_map(|n| targets(n.text().unwrap_or("")))
        .map(|target| weights.get(&target).copied().unwrap_or(0))
        .fold(0, u64::saturating_add);
    let elements = document.descendants().filter(Node::is_element).count() as u64;
    root.saturating_add(sheets.saturating_mul(elements)).min(MAX_EXPANDED + 1)
}

/// An element's child elements and the elements its attributes refer to.
fn dependencies(node: Node<'_, '_>, targets: &impl Fn(&str) -> Vec<NodeId>) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = node.children().filter(Node::is_element).map(|c| c.id()).collect();
    for attribute in node.attributes() {
        let value = attribute.value();
        if attribute.name() == "href" {
            if let Some(id) = value.trim().strip_prefix('#') {
                out.extend(targets(&format!("url(#{id})")));
            }
        } else {
            out.extend(targets(value));
        }
    }
    out
}

/// What an element counts for by itself: its bytes, or a raster's worth.
fn own_weight(node: Node<'_, '_>) -> u64 {
    if node.has_tag_name("filter") || node.has_tag_name("image") {
        return RASTER;
    }
    let attributes: usize = node.attributes().map(|a| a.name().len() + a.value().len()).sum();
    let text: usize = node.children().filter(Node::is_text).filter_map(|t| t.text()).map(str::len).sum();
    let per_text_byte = if is_text_content(node) { TEXT_BYTE } else { 1 };
    ELEMENT.saturating_add(attributes as u64).saturating_add((text as u64).saturating_mul(per_text_byte))
}

/// The ids in each `url(#id)` of `text` (quoted or not).
fn references(text: &str) -> impl Iterator<Item = &str> {
    text.split("url(").skip(1).filter_map(|rest| {
        let inner = rest.split(')').next()?.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        inner.strip_prefix('#')
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn references_are_found_quoted_or_not() {
        let found: Vec<&str> = references("fill:url(#a); mask: url( '#b' ) ; x url(\"#c\") url(http://x)").collect();
        assert_eq!(found, ["a", "b", "c"]);
    }

    /// `levels` groups of ten `<use>` of the group below: 10^levels copies of one path.
    fn nested_uses(levels: usize) -> String {
        let mut svg = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><path id="l0" d="M0 0h1v1z"/>"#,
        );
        for level in 1..=levels {
            svg.push_str(&format!("<g id=\"l{level}\">"));
            for _ in 0..10 {
                svg.push_str(&format!("<use xlink:href=\"#l{}\"/>", level - 1));
            }
            svg.push_str("</g>");
        }
        svg.push_str(&format!("</defs><use href=\"#l{levels}\"/></svg>"));
        svg
    }

    #[test]
    fn nested_references_are_measured_expanded_and_refused_before_usvg_runs() {
        assert!(parse(&nested_uses(2)).is_ok());
        let small = expanded_size(&Document::parse(&nested_uses(2)).unwrap());
        assert!(small > 100 * ELEMENT && small < 100_000, "{small}");
        // Nine levels: a billion paths from under 4 KiB.
        let bomb = nested_uses(9);
        assert!(bomb.len() < 4096);
        let error = parse(&bomb).unwrap_err();
        assert!(error.contains("too costly to draw"), "{error}");
    }

    #[test]
    fn copies_of_a_text_count_as_the_text_they_lay_out() {
        let text = format!(r#"<text id="t" y="15">{}</text>"#, "Acme ".repeat(MAX_TEXT_CHARS / 5));
        let uses = |n: usize| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><defs>{text}</defs>{}</svg>"#,
                r##"<use href="#t"/>"##.repeat(n)
            )
        };
        // Sixteen copies of the largest text are laid out; a hundred are refused before usvg
        // lays out any (unweighted, they counted as 100 KiB of the 16 MiB bound).
        assert!(parse(&uses(14)).is_ok());
        let error = parse(&uses(100)).unwrap_err();
        assert!(error.contains("too costly to draw"), "{error}");
    }

    #[test]
    fn a_reference_cycle_ends_and_style_sheets_count_for_every_element() {
        let cycle = r##"<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>"##;
        assert!(expanded_size(&Document::parse(cycle).unwrap()) < 1_000);
        // Every element filtered by a style sheet: each is a raster.
        let mut sheet = String::from(
            r#"<svg xmlns="http://www.w3.org/2000/svg"><style>* { filter: url(#f) }</style><filter id="f"><feGaussianBlur stdDeviation="9"/></filter>"#,
        );
        sheet.push_str(&"<rect width=\"1\" height=\"1\"/>".repeat(20));
        sheet.push_str("</svg>");
        assert!(parse(&sheet).unwrap_err().contains("too costly"));
    }

    #[test]
    fn nothing_outside_the_file_is_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("outside.png");
        std::fs::write(&png, super::super::tests::PNG).unwrap();
        let outside = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="{}" width="10" height="10"/></svg>"#,
            png.display()
        );
        assert!(parse(&outside).unwrap_err().contains("refers to something outside it"), "a file path is refused");
        let inside = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="data:image/png;base64,{}" width="10" height="10"/></svg>"#,
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, super::super::tests::PNG)
        );
        assert!(parse(&inside).unwrap().root().has_children(), "an embedded PNG is drawn");
        // No system font: text uses the embedded Noto Sans whatever family it asks for.
        let text = r#"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><text y="15" font-family="DejaVu Sans">Acme</text></svg>"#;
        let tree = parse(text).unwrap();
        assert_eq!(tree.fontdb().len(), 2);
        assert!(tree.root().has_children(), "the text is laid out with Noto Sans");
    }

    #[test]
    fn entity_declarations_are_refused_before_anything_expands() {
        let laughs = format!(
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY kb "{}"><!ENTITY big "{}">]><svg xmlns="http://www.w3.org/2000/svg"><text>{}</text></svg>"#,
            "x".repeat(1024),
            "&kb;".repeat(255),
            "&big;".repeat(4_000)
        );
        assert!(parse(&laughs).unwrap_err().contains("XML entities"));
        // A DTD without entities, as editors write it, is fine.
        let dtd = r#"<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#;
        assert!(parse(dtd).is_ok());
    }

    #[test]
    fn absurd_sizes_and_unreadable_files_are_refused() {
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"/>"#;
        assert!(parse(huge).unwrap_err().contains("at most 16384 on a side"));
        assert!(parse("<svg><rect></svg>").unwrap_err().contains("not well-formed XML"));
        let plain = "<svg viewBox='0 0 1 1'><rect width='1' height='1'/></svg>";
        assert!(parse(plain).unwrap_err().contains("lacks xmlns"));
        let zero = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>"#;
        assert!(parse(zero).unwrap_err().contains("cannot be drawn"));
    }

    /// Issue #21: references in spellings the old text search missed are refused at load.
    #[test]
    fn references_in_any_spelling_are_refused() {
        let svg = |inner: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><defs><rect id="r" width="1" height="1"/></defs>{inner}</svg>"#
            )
        };
        for inner in [
            r#"<a href="&#106;avascript:alert(1)"><rect width="1" height="1"/></a>"#,
            r#"<a xlink:href="&#x6A;ava&#x73;cript:alert(1)"><rect width="1" height="1"/></a>"#,
            r##"<use href="x.svg#r"/>"##,
            r##"<use xlink:href="other.svg#r"/>"##,
            r#"<image href="logo.png" width="5" height="5"/>"#,
            r#"<image href="file:///etc/passwd" width="5" height="5"/>"#,
            r#"<image href="data:image/svg+xml;base64,PHN2Zy8+" width="5" height="5"/>"#,
            r#"<rect width="1" height="1" fill="url(x.svg#g)"/>"#,
            r#"<rect width="1" height="1" style="fill: url('https://x.example/p')"/>"#,
            r#"<style>rect { fill: url(https://x.example/p) }</style>"#,
            r#"<style>@import "https://x.example/s.css";</style>"#,
        ] {
            let error = parse(&svg(inner)).unwrap_err();
            assert!(error.contains("refers to something outside it"), "{inner}: {error}");
        }
        for inner in [r##"<use href="#r"/>"##, r##"<rect width="1" height="1" fill="url(#r)"/>"##] {
            assert!(parse(&svg(inner)).is_ok(), "{inner}");
        }
    }

    /// A 1 MiB file of the given repeated element inside `<svg>`.
    fn one_mib(open: &str, unit: &str, close: &str) -> String {
        let head = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20">{open}"#);
        let tail = format!("{close}</svg>");
        let count = (super::super::MAX_BYTES - head.len() - tail.len()) / unit.len();
        let svg = format!("{head}{}{tail}", unit.repeat(count));
        assert!(svg.len() <= super::super::MAX_BYTES && svg.len() > super::super::MAX_BYTES - unit.len() - 1);
        svg
    }

    /// Issue #21: a long `<text>` cost usvg quadratic time (200,000 characters: 11.8 s).
    /// Text is now counted before usvg runs and refused past [`MAX_TEXT_CHARS`], so the
    /// work usvg does on text is bounded by the cap, whatever the file holds. The time of
    /// each 1 MiB shape is printed (`--nocapture`), not asserted.
    #[test]
    fn a_one_mib_logo_of_any_shape_is_refused_or_drawn_with_bounded_text() {
        let cases = [
            ("one long <text>", one_mib("<text y=\"15\">", "A", "</text>")),
            ("many <tspan>", one_mib("<text y=\"15\">", "<tspan>AB</tspan>", "</text>")),
            ("many <text>", one_mib("", "<text>A</text>", "")),
        ];
        for (name, svg) in &cases {
            let started = std::time::Instant::now();
            let error = parse(svg).unwrap_err();
            eprintln!("{name}: refused in {:?}: {error}", started.elapsed());
            // Either bound stops it before usvg runs: the text cap or the node limit.
            assert!(
                error.contains("characters of text; at most 1000") || error.contains("nodes limit"),
                "{name}: {error}"
            );
        }
        // At the cap the logo is drawn.
        let at_cap = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><text y="15">{}</text></svg>"#,
            "Acme ".repeat(MAX_TEXT_CHARS / 5)
        );
        let started = std::time::Instant::now();
        assert!(parse(&at_cap).unwrap().root().has_children());
        eprintln!("{MAX_TEXT_CHARS} characters of text: drawn in {:?}", started.elapsed());
        // Other 1 MiB shapes are measured too (they stay within the node and cost bounds).
        for (name, svg) in [
            ("one long path", one_mib("<path d=\"M0 0", " l1 1", "\"/>")),
            ("many rects", one_mib("", "<rect width=\"1\" height=\"1\"/>", "")),
        ] {
            let started = std::time::Instant::now();
            let outcome = parse(&svg)
                .map(|_| "drawn")
                .unwrap_or_else(|e| if e.contains("nodes") { "refused (nodes)" } else { "refused" });
            eprintln!("{name}: {outcome} in {:?}", started.elapsed());
        }
    }

    #[test]
    fn missing_glyphs_are_named_once() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><text y="15">Acme 株式会社 株<tspan>式</tspan> ✓</text></svg>"#;
        assert_eq!(missing_glyphs(svg), ['株', '式', '会', '社', '✓']);
        assert!(missing_glyphs(r#"<svg xmlns="http://www.w3.org/2000/svg"><text>Acme GmbH €</text></svg>"#).is_empty());
    }
}
