//! PDF tests: the text is read back out of the produced file with `pdf-extract`
//! (which decodes the subset CID fonts through their ToUnicode maps), page sizes are
//! read with lopdf.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::*;
use crate::invoice::model::Status;
use crate::invoice::{Code, Defaults, check_bytes, parse};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// A computed invoice from a draft, as the store would hold it.
fn computed(draft: &Value) -> Invoice {
    let bytes = serde_json::to_vec(draft).unwrap();
    match check_bytes(&bytes, parse::Options::default(), &Defaults::default(), today()) {
        Ok(checked) => checked.invoice,
        Err(rejected) => panic!("test draft is invalid: {:?}", rejected.problems),
    }
}

fn issued(draft: &Value, number: &str) -> Invoice {
    let mut invoice = computed(draft);
    invoice.number = Some(number.into());
    invoice.status = Status::Issued;
    invoice
}

fn spec_example() -> Value {
    serde_json::from_str(include_str!("../../../fixtures/valid/spec-example.json")).unwrap()
}

/// The spec example with German, Greek and Cyrillic text in the parties and lines.
fn multilingual() -> Value {
    let mut draft = spec_example();
    draft["seller"]["name"] = json!("Müller GmbH — 12,50 €");
    draft["seller"]["address"]["lines"] = json!(["Königsallee 5", "Hinterhaus, Straße 2"]);
    draft["buyer"]["name"] = json!("Αθήνα Εμπορική ΑΕ");
    draft["buyer"]["address"] =
        json!({ "lines": ["Οδός Ερμού 10"], "city": "Αθήνα", "postal_code": "105 63", "country": "GR" });
    draft["lines"] = json!([
        { "description": "Beratung Straße für Müller — 12,50 €", "quantity": "10", "unit": "HUR", "unit_price": "120.00", "tax_rate": "19" },
        { "description": "ООО Ромашка: поставка товаров", "quantity": "3", "unit_price": "80.50", "tax_rate": "19" },
        { "description": "Υπηρεσίες συμβούλων Αθήνα", "quantity": "1", "unit_price": "99.99", "tax_rate": "0", "tax_category": "Z" }
    ]);
    draft
}

/// A draft with `n` lines, some with long descriptions that wrap.
fn long_draft(n: usize) -> Value {
    let mut draft = spec_example();
    let lines: Vec<Value> = (0..n)
        .map(|i| {
            let description = if i % 7 == 0 {
                format!("Item {i}: maintenance of the production line, including spare parts, travel and a written report for the quality team")
            } else {
                format!("Item {i}: consulting")
            };
            json!({ "description": description, "quantity": (i % 5 + 1).to_string(), "unit": "HUR", "unit_price": "12.34", "tax_rate": if i % 3 == 0 { "7" } else { "19" } })
        })
        .collect();
    draft["lines"] = Value::Array(lines);
    draft
}

/// The text of each page, read back from the PDF: pdf-extract decodes the glyphs
/// through the fonts' ToUnicode maps; lines are rebuilt from the baselines here.
///
/// pdf-extract's own line heuristics need glyph widths, and it misreads the
/// `c_first c_last w` form of the CID `/W` array krilla writes (every width comes out
/// as 0), so it glues wrapped lines together. Each text-positioning operator starts
/// a new run instead: same baseline → a space, new baseline → a new line.
/// The text of each page, one line per baseline (shared with the cross-format tests).
pub(crate) fn page_texts(pdf: &[u8]) -> Vec<String> {
    #[derive(Default)]
    struct Lines {
        lines: Vec<String>,
        y: Option<f64>,
        new_run: bool,
    }
    impl pdf_extract::OutputDev for Lines {
        fn begin_page(
            &mut self,
            _: u32,
            _: &pdf_extract::MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &pdf_extract::Transform,
            _: f64,
            _: f64,
            _: f64,
            c: &str,
        ) -> Result<(), pdf_extract::OutputError> {
            let y = trm.m32;
            match (self.y, self.lines.last_mut()) {
                (Some(prev), Some(line)) if (prev - y).abs() < 0.5 => {
                    if self.new_run {
                        line.push(' ');
                    }
                    line.push_str(c);
                }
                _ => self.lines.push(c.to_string()),
            }
            self.y = Some(y);
            self.new_run = false;
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
            self.new_run = true;
            Ok(())
        }
    }
    let doc = pdf_extract::Document::load_mem(pdf).unwrap();
    (1..=doc.get_pages().len() as u32)
        .map(|page| {
            let mut lines = Lines::default();
            pdf_extract::output_doc_page(&doc, &mut lines, page).unwrap();
            lines.lines.join("\n")
        })
        .collect()
}

/// All text with runs of white space made single spaces, so a phrase can be found
/// however the extractor spaced the glyph runs.
pub(crate) fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_size(pdf: &[u8], page: u32) -> (f32, f32) {
    let doc = pdf_extract::Document::load_mem(pdf).unwrap();
    let id = doc.get_pages()[&page];
    let media_box = doc.get_object(id).unwrap().as_dict().unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
    let v: Vec<f32> = media_box.iter().map(|o| o.as_float().unwrap()).collect();
    (v[2] - v[0], v[3] - v[1])
}

/// A document information entry (Title, Author, ...), decoded.
fn info(pdf: &[u8], key: &[u8]) -> Option<String> {
    let doc = pdf_extract::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get_deref(b"Info", &doc).ok()?.as_dict().unwrap();
    info.get_deref(key, &doc).ok().map(|o| pdf_extract::decode_text_string(o).unwrap())
}

fn problems(result: Result<Vec<u8>, Error>) -> Vec<crate::invoice::Problem> {
    match result {
        Err(Error::Invalid { problems }) => problems,
        Err(other) => panic!("expected Error::Invalid, got {other:?}"),
        Ok(_) => panic!("expected Error::Invalid, got a PDF"),
    }
}

#[test]
fn german_greek_and_cyrillic_text_reads_back_from_the_pdf() {
    let invoice = issued(&multilingual(), "INV-2026-0007");
    let pdf = render(&invoice, Paper::A4).unwrap();
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), 1, "a three-line invoice fits on one page");
    let text = squashed(&pages[0]);
    for expected in [
        "INVOICE",
        "INV-2026-0007",
        "Müller GmbH — 12,50 €",
        "Hinterhaus, Straße 2",
        "Αθήνα Εμπορική ΑΕ",
        "Οδός Ερμού 10",
        "Beratung Straße für Müller — 12,50 € 10 h 120.00 19% 1,200.00",
        "ООО Ромашка: поставка товаров",
        "Υπηρεσίες συμβούλων Αθήνα",
        "Total EUR 1,803.36",
        "Amount due EUR 1,703.36",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "{expected:?} not found in the PDF text:\n{text}");
    }
    assert!(!text.contains("DRAFT"), "an issued invoice carries no draft marker");
}

#[test]
fn the_spec_example_prints_every_section() {
    let invoice = issued(&spec_example(), "INV-2026-0001");
    let pdf = render(&invoice, Paper::A4).unwrap();
    let text = squashed(&page_texts(&pdf).concat());
    for expected in [
        "Invoice no. INV-2026-0001",
        "Issue date 2026-11-27",
        "Due date 2026-12-27",
        "Buyer reference 04011000-12345-03",
        "Order reference PO-4711",
        "Acme GmbH",
        "VAT ID: DE123456789",
        "Globex Ltd",
        "EC1A 1AA London",
        "Description Qty Unit Unit price VAT Net EUR",
        "Consulting 10 h 120.00 19% 1,200.00",
        "Travel Discount 10% 1 ea 80.50 0% Z 72.45",
        "Allowance: Loyalty discount 19% -20.00",
        "Charge: Shipping 19% 9.90",
        "S · Standard rate 19% 1,189.90 226.08",
        "Z · Zero rated 0% 72.45 0.00",
        "Lines net 1,272.45",
        "Net total 1,262.35",
        "VAT 226.08",
        "Total EUR 1,488.43",
        "Prepaid -100.00",
        "Amount due EUR 1,388.43",
        "Terms Payable within 30 days",
        "IBAN DE89 3704 0044 0532 0130 00",
        "BIC COBADEFFXXX",
        "Reference INV-2026-0001",
        "Thank you for your business.",
    ] {
        assert!(text.contains(expected), "{expected:?} not found in the PDF text:\n{text}");
    }
}

#[test]
fn drafts_carry_a_visible_draft_marker_and_a_draft_title() {
    let draft = computed(&spec_example());
    let pdf = render(&draft, Paper::A4).unwrap();
    let text = squashed(&page_texts(&pdf).concat());
    assert!(text.contains("DRAFT"), "{text}");
    assert!(text.contains("Invoice no. not yet assigned"), "{text}");
    assert_eq!(info(&pdf, b"Title").as_deref(), Some("Invoice (draft)"));
    assert_eq!(info(&pdf, b"Author").as_deref(), Some("Acme GmbH"));

    // Numbered but still a draft: marked too.
    let mut numbered = draft.clone();
    numbered.number = Some("INV-2026-0003".into());
    let text = squashed(&page_texts(&render(&numbered, Paper::A4).unwrap()).concat());
    assert!(text.contains("DRAFT"), "{text}");
}

#[test]
fn metadata_names_the_number_and_the_seller() {
    let mut draft = multilingual();
    draft["seller"]["name"] = json!("Αθήνα Εμπορική ΑΕ");
    let pdf = render(&issued(&draft, "INV-2026-0009"), Paper::A4).unwrap();
    assert_eq!(info(&pdf, b"Title").as_deref(), Some("INV-2026-0009"));
    assert_eq!(info(&pdf, b"Author").as_deref(), Some("Αθήνα Εμπορική ΑΕ"));
    assert!(info(&pdf, b"CreationDate").is_none(), "no timestamps: output must be reproducible");
}

#[test]
fn credit_notes_are_titled_as_such() {
    let mut draft = spec_example();
    draft["type"] = json!("credit_note");
    draft["preceding_invoice"] = json!("INV-2026-0001");
    let pdf = render(&issued(&draft, "CN-2026-0001"), Paper::A4).unwrap();
    let text = squashed(&page_texts(&pdf).concat());
    for expected in
        ["CREDIT NOTE", "Credit note no. CN-2026-0001", "Credits invoice INV-2026-0001", "Amount credited EUR"]
    {
        assert!(text.contains(expected), "{expected:?} not found in the PDF text:\n{text}");
    }
}

#[test]
fn a_thousand_lines_break_across_pages_with_header_and_page_numbers_on_each() {
    let invoice = issued(&long_draft(1_000), "INV-2026-0042");
    let pdf = render(&invoice, Paper::A4).unwrap();
    let pages = page_texts(&pdf);
    let count = pages.len();
    assert!(count > 1, "1,000 lines on {count} page(s)");
    for (i, page) in pages.iter().enumerate() {
        let text = squashed(page);
        assert!(
            text.contains("Description Qty Unit Unit price VAT Net EUR"),
            "page {} lacks the table header:\n{text}",
            i + 1
        );
        assert!(text.contains(&format!("Page {} of {count}", i + 1)), "page {} lacks its number:\n{text}", i + 1);
    }
    // Every line is printed exactly once, in order.
    let all = squashed(&pages.concat());
    let mut from = 0;
    for i in 0..1_000 {
        let needle = format!("Item {i}:");
        let at = all[from..].find(&needle).unwrap_or_else(|| panic!("{needle} missing or out of order"));
        from += at + needle.len();
    }
}

#[test]
fn totals_stay_on_the_page_of_the_last_line() {
    // Whatever the line count, the page with the totals also holds the last table row.
    for n in [1, 20, 28, 29, 30, 31, 32, 33, 34, 35, 36, 40, 60] {
        let mut draft = long_draft(n);
        draft["allowances"] = json!([]);
        draft["charges"] = json!([]);
        draft["prepaid"] = json!("0");
        let pdf = render(&issued(&draft, "INV-2026-0042"), Paper::A4).unwrap();
        let pages = page_texts(&pdf);
        let totals_page = pages.iter().position(|p| squashed(p).contains("Lines net")).unwrap();
        let last_line = format!("Item {}:", n - 1);
        assert!(
            squashed(&pages[totals_page]).contains(&last_line),
            "{n} lines: totals on page {} without {last_line}",
            totals_page + 1
        );
    }
}

#[test]
fn rendering_is_deterministic() {
    let invoice = issued(&multilingual(), "INV-2026-0007");
    let first = render(&invoice, Paper::A4).unwrap();
    let second = render(&invoice, Paper::A4).unwrap();
    assert!(first == second, "two renders of the same invoice differ");
    let draft = computed(&long_draft(50));
    assert!(render(&draft, Paper::Letter).unwrap() == render(&draft, Paper::Letter).unwrap());
}

#[test]
fn paper_sets_the_media_box() {
    let invoice = issued(&long_draft(100), "INV-2026-0042");
    let a4 = render(&invoice, Paper::A4).unwrap();
    let letter = render(&invoice, Paper::Letter).unwrap();
    let (w, h) = page_size(&a4, 1);
    assert!((w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01, "A4 is {w} x {h}");
    let (w, h) = page_size(&letter, 2);
    assert!((w - 612.0).abs() < 0.01 && (h - 792.0).abs() < 0.01, "Letter is {w} x {h}");
}

#[test]
fn characters_outside_the_font_are_refused_with_field_and_character() {
    let mut draft = long_draft(5);
    draft["buyer"]["name"] = json!("株式会社 Globex");
    draft["lines"][3]["description"] = json!("Party pack 🎉🎉 and 🎈");
    draft["notes"] = json!("Thanks!\nالسلام عليكم");
    let problems = problems(render(&issued(&draft, "INV-2026-0042"), Paper::A4));
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/buyer/name", "/lines/3/description", "/notes"], "{problems:?}");
    assert!(problems.iter().all(|p| p.code == Code::UnsupportedCharacter));
    assert_eq!(problems[0].code.as_str(), "unsupported_character");
    assert!(problems[0].message.contains("U+682A '株'"), "{}", problems[0].message);
    // One problem per field, naming each distinct character once.
    assert!(problems[1].message.contains("U+1F389 '🎉', U+1F388 '🎈'"), "{}", problems[1].message);
    assert_eq!(problems[1].message.matches("U+1F389").count(), 1);
}

#[test]
fn any_printed_field_is_checked() {
    let mut draft = spec_example();
    draft["seller"]["address"]["lines"] = json!(["Hauptstr. 1", "北京"]);
    draft["payment"]["terms"] = json!("30 días ✓ netto");
    draft["charges"][0]["reason"] = json!("Versand 🚚");
    let problems = problems(render(&computed(&draft), Paper::A4));
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["/seller/address/lines/1", "/charges/0/reason", "/payment/terms"], "{problems:?}");
}

#[test]
fn the_font_covers_latin_greek_cyrillic_and_the_euro_sign() {
    let fonts = Fonts::load().unwrap();
    for c in "AzÄÖÜäöüßẞ€£¥—–·…ΑΩαωάΆБЖЯбжяЁёЇїҐґ№²³".chars() {
        assert!(fonts.covers(c), "{c:?} should print");
    }
    for c in ['株', '🎉', 'ا', 'א', '\u{0}'] {
        assert!(!fonts.covers(c), "{c:?} should not print");
    }
}

#[test]
fn the_font_prints_every_word_and_separator_of_every_language() {
    use crate::invoice::model::Language;
    use crate::render::vocabulary;
    let fonts = Fonts::load().unwrap();
    for language in [Language::En, Language::De, Language::Fr] {
        let v = vocabulary::of(language);
        let mut text = serde_json::to_string(&(&v.labels, &v.categories, &v.category_notes, &v.means)).unwrap();
        text.extend(v.units.iter().flat_map(|(_, name)| name.chars()));
        text.push_str(v.group);
        text.push_str(v.decimal);
        text.push_str(v.percent_gap);
        for c in text.chars() {
            assert!(fonts.covers(c), "{language:?}: {c:?} has no glyph in the PDF font");
        }
    }
}

#[test]
fn variation_selectors_and_joiners_shape_without_missing_glyphs() {
    let fonts = Fonts::load().unwrap();
    for text in ["©\u{FE0F} 2026", "Ro\u{200D}ma\u{200C}n"] {
        let run = fonts.shape(text, fonts::Weight::Regular);
        assert!(run.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0), "{text:?} produced .notdef");
    }
    let mut draft = spec_example();
    draft["notes"] = json!("©\u{FE0F} Acme");
    assert!(render(&computed(&draft), Paper::A4).is_ok());
}

#[test]
fn long_text_wraps_inside_its_column_and_notes_keep_their_newlines() {
    let mut draft = spec_example();
    let long = "Wartung der Produktionslinie einschließlich Ersatzteile, Anfahrt und schriftlichem Bericht ".repeat(6);
    draft["lines"][0]["description"] = json!(long.trim());
    draft["lines"][1]["description"] = json!("X".repeat(300));
    draft["notes"] = json!("First line\nSecond line\n\nAfter a blank line");
    let invoice = issued(&draft, "INV-2026-0001");
    let fonts = Fonts::load().unwrap();
    let composer = Composer::new(&fonts, &invoice, 495.28);
    let columns_end = 495.28 - (52.0 + 40.0 + 74.0 + 48.0 + 82.0);
    let blocks = composer.blocks();
    // Blocks 4 and 5 are the first two line rows (after title, masthead, parties, header).
    for row in &blocks[4..6] {
        let lines: Vec<(f32, f32)> = row
            .ops
            .iter()
            .filter_map(|op| match op {
                layout::Op::Text { x, size, run, glyphs, .. } if *x < columns_end => {
                    Some((*x, x + run.range_width(glyphs.clone(), *size)))
                }
                _ => None,
            })
            .collect();
        assert!(lines.len() > 3, "a long description wraps: {} line(s)", lines.len());
        assert!(lines.iter().all(|&(_, right)| right <= columns_end - 3.9), "text overflows its column: {lines:?}");
    }
    let pdf = render(&invoice, Paper::A4).unwrap();
    let text = page_texts(&pdf).concat();
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let first = lines.iter().position(|l| *l == "First line").unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(&lines[first..first + 3], ["First line", "Second line", "After a blank line"]);
}

#[test]
fn lines_break_at_spaces_and_hyphens_but_not_at_no_break_spaces() {
    let fonts = Fonts::load().unwrap();
    let text = "Lieferung\u{A0}Nr.\u{A0}5 an Müller-Lüdenscheidt";
    let run = fonts.shape(text, fonts::Weight::Regular);
    let glyphs_text = |range: std::ops::Range<usize>| -> String {
        let glyphs = &run.glyphs[range];
        match (glyphs.first(), glyphs.last()) {
            (Some(first), Some(last)) => run.text[first.text_range.start..last.text_range.end].to_string(),
            _ => String::new(),
        }
    };
    let narrow = run.wrap(9.0, 80.0);
    let lines: Vec<String> = narrow.into_iter().map(glyphs_text).collect();
    assert!(lines[0].starts_with("Lieferung\u{A0}Nr.\u{A0}5"), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("Müller-")), "{lines:?}");
    assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')), "{lines:?}");
    assert_eq!(run.wrap(9.0, 1_000.0).len(), 1);
    let blank = fonts.shape("", fonts::Weight::Regular).wrap(9.0, 100.0);
    assert!(blank.len() == 1 && blank[0].is_empty(), "a blank line keeps its height: {blank:?}");
}

#[test]
fn every_valid_fixture_renders_or_names_the_unprintable_field() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid");
    let mut rendered = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let Ok(checked) = check_bytes(&bytes, parse::Options::default(), &Defaults::default(), today()) else {
            continue; // needs configured defaults
        };
        for paper in [Paper::A4, Paper::Letter] {
            match render(&checked.invoice, paper) {
                Ok(pdf) => {
                    assert!(pdf.starts_with(b"%PDF-"), "{}", path.display());
                    assert!(!page_texts(&pdf).is_empty(), "{}", path.display());
                    rendered += 1;
                }
                Err(Error::Invalid { problems }) => {
                    assert!(
                        problems.iter().all(|p| p.code == Code::UnsupportedCharacter),
                        "{}: {problems:?}",
                        path.display()
                    );
                }
                Err(other) => panic!("{}: {other}", path.display()),
            }
        }
    }
    assert!(rendered > 0);
}

#[test]
fn huge_numbers_shrink_to_fit_their_cells() {
    let mut draft = spec_example();
    draft["lines"] =
        json!([{ "description": "Bulk", "quantity": "999999.123456", "unit_price": "999999.999999", "tax_rate": "0" }]);
    draft["allowances"] = json!([]);
    draft["charges"] = json!([]);
    draft["prepaid"] = json!("0");
    let invoice = issued(&draft, "INV-2026-0001");
    let fonts = Fonts::load().unwrap();
    let width = 495.28;
    let blocks = Composer::new(&fonts, &invoice, width).blocks();
    let row = &blocks[3];
    let edges = [width - 82.0 - 48.0 - 74.0 - 40.0 - 52.0, width - 82.0 - 48.0 - 74.0 - 40.0];
    for op in &row.ops {
        if let layout::Op::Text { x, size, run, glyphs, .. } = op {
            let right = x + run.range_width(glyphs.clone(), *size);
            // Nothing crosses a column edge (the quantity column starts at edges[0]).
            assert!(!(*x < edges[0] && right > edges[0]) && right <= width, "{:?} at {x}..{right}", run.text);
        }
    }
    let text = squashed(&page_texts(&render(&invoice, Paper::A4).unwrap()).concat());
    assert!(text.contains("999,999,123,455.00"), "{text}");
}

#[test]
fn a_chain_taller_than_the_free_space_moves_to_the_next_page_whole() {
    let block = |height: f32, keep: bool| Rc::new(layout::Block { height, keep_with_prev: keep, ..Default::default() });
    let frame = Frame { first_top: 0.0, top: 10.0, bottom: 100.0 };
    // Rows of 30: three fit; the fourth is kept with a 40-high tail, so both move.
    let blocks =
        vec![block(30.0, false), block(30.0, false), block(30.0, false), block(30.0, false), block(40.0, true)];
    let pages = layout::paginate(&blocks, frame);
    let heights: Vec<Vec<f32>> = pages.iter().map(|p| p.iter().map(|b| b.block.height).collect()).collect();
    assert_eq!(heights, [vec![30.0, 30.0, 30.0], vec![30.0, 40.0]]);
    // A chain taller than any page breaks rather than overflowing.
    let blocks: Vec<_> = (0..10).map(|i| block(25.0, i > 0)).collect();
    let pages = layout::paginate(&blocks, frame);
    assert!(pages.iter().all(|p| p.iter().all(|b| b.y + b.block.height <= 100.01)));
    assert_eq!(pages.iter().map(Vec::len).sum::<usize>(), 10);
}

#[test]
fn table_rows_starting_a_page_get_the_header_again() {
    let header = Rc::new(layout::Block { height: 5.0, ..Default::default() });
    let row = || Rc::new(layout::Block { height: 30.0, header: Some(Rc::clone(&header)), ..Default::default() });
    let frame = Frame { first_top: 0.0, top: 0.0, bottom: 100.0 };
    let blocks: Vec<_> = (0..7).map(|_| row()).collect();
    let pages = layout::paginate(&blocks, frame);
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].len(), 3, "the first page has no repeated header");
    for page in &pages[1..] {
        assert!(Rc::ptr_eq(&page[0].block, &header));
    }
}

#[test]
#[ignore = "writes sample PDFs to the temp dir for a visual check"]
fn writes_samples_for_visual_review() {
    let dir = std::env::temp_dir();
    let samples = [
        ("sample.pdf", computed(&spec_example()), Paper::A4),
        ("long.pdf", issued(&long_draft(1_000), "INV-2026-0042"), Paper::A4),
        ("multilingual.pdf", issued(&multilingual(), "INV-2026-0007"), Paper::Letter),
    ];
    for (name, invoice, paper) in samples {
        std::fs::write(dir.join(name), render(&invoice, paper).unwrap()).unwrap();
    }
}

#[test]
fn the_delivery_date_period_and_contact_are_printed() {
    let mut draft = spec_example();
    draft["delivery_date"] = json!("2026-11-20");
    draft["period"] = json!({ "start": "2026-11-01", "end": "2026-11-30" });
    draft["seller"]["contact_name"] = json!("Accounts receivable");
    let pdf = render(&issued(&draft, "INV-2026-0001"), Paper::A4).unwrap();
    let text = squashed(&page_texts(&pdf).join("\n"));
    for needle in ["Delivery date", "2026-11-20", "Period", "2026-11-01 to 2026-11-30", "Contact: Accounts receivable"]
    {
        assert!(text.contains(&squashed(needle)), "the PDF lacks {needle}: {text}");
    }
}

/// The black squares the PDF draws, as (x, y, side) in points.
fn qr_squares(invoice: &Invoice) -> Vec<(f32, f32, f32)> {
    let fonts = Fonts::load().unwrap();
    let composer = compose::Composer::new(&fonts, invoice, 495.28);
    let mut squares = Vec::new();
    for block in composer.blocks() {
        for op in &block.ops {
            if let layout::Op::Rect { x, y, w, color: layout::Rgb(0, 0, 0), .. } = op {
                squares.push((*x, *y, *w));
            }
        }
    }
    squares
}

#[test]
fn the_epc_qr_code_drawn_on_the_pdf_decodes_to_the_payment() {
    let invoice = issued(&spec_example(), "INV-2026-0001");
    let squares = qr_squares(&invoice);
    assert!(!squares.is_empty(), "no QR code drawn");
    let module = squares[0].2;
    let x0 = squares.iter().map(|s| s.0).fold(f32::MAX, f32::min);
    let y0 = squares.iter().map(|s| s.1).fold(f32::MAX, f32::min);
    let x1 = squares.iter().map(|s| s.0).fold(f32::MIN, f32::max);
    let size = ((x1 - x0) / module).round() as usize + 1;
    let mut dark = vec![false; size * size];
    for (x, y, _) in &squares {
        let (col, row) = (((x - x0) / module).round() as usize, ((y - y0) / module).round() as usize);
        dark[row * size + col] = true;
    }
    let decoded = crate::render::epc::tests::decode(size, |x, y| dark[y * size + x]);
    let fields = crate::render::epc::tests::fields(&decoded);
    assert_eq!(fields[..4], ["BCD", "002", "1", "SCT"]);
    assert_eq!(fields[4..8], ["COBADEFFXXX", "Acme GmbH", "DE89370400440532013000", "EUR1388.43"]);
    assert_eq!(fields[10], "INV-2026-0001");
    let text = squashed(&page_texts(&render(&invoice, Paper::A4).unwrap()).concat());
    assert!(text.contains("Scan to pay"), "{text}");

    // Paid, void, credit note, other currency: no code at all.
    let mut paid = invoice.clone();
    paid.status = Status::Paid;
    let mut credit = invoice.clone();
    credit.kind = crate::invoice::model::DocumentType::CreditNote;
    let mut dollars = invoice.clone();
    dollars.currency = "USD".into();
    for other in [paid, credit, dollars] {
        assert!(qr_squares(&other).is_empty());
    }
}

#[test]
fn a_png_logo_is_drawn_top_left() {
    use crate::render::logo::Logo;
    let invoice = issued(&spec_example(), "INV-2026-0001");
    let png = Logo::from_bytes(crate::render::logo::tests::PNG.to_vec()).unwrap();
    let with = render_with(&invoice, Paper::A4, Some(&png)).unwrap();
    let without = render(&invoice, Paper::A4).unwrap();
    let images = |pdf: &[u8]| String::from_utf8_lossy(pdf).matches("/Subtype/Image").count();
    assert_eq!((images(&with), images(&without)), (1, 0), "one image XObject with the logo, none without");
    let first_page = &page_texts(&with)[0];
    assert!(first_page.contains("Acme GmbH"), "the seller block still prints under the logo");
}

/// The drawing operations of a page's content stream and of the form XObjects it uses,
/// as (operator, numeric operands), read back from the written PDF.
fn page_operations(pdf: &[u8], page: u32) -> Vec<(String, Vec<f32>)> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    let page_id = document.get_pages()[&page];
    let mut streams = vec![document.get_page_content(page_id).unwrap()];
    for object in document.objects.values() {
        if let Ok(stream) = object.as_stream()
            && stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Form".as_slice())
        {
            streams.push(stream.decompressed_content().unwrap_or_else(|_| stream.content.clone()));
        }
    }
    let number = |o: &lopdf::Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32));
    streams
        .iter()
        .flat_map(|bytes| lopdf::content::Content::decode(bytes).unwrap().operations)
        .map(|op| (op.operator, op.operands.iter().filter_map(number).collect()))
        .collect()
}

/// Issue #13: an SVG logo is drawn as vectors top left of the first page: at the left
/// margin and the top margin (50, 48 pt), scaled to 48 pt high, in its own colour.
#[test]
fn an_svg_logo_is_drawn_top_left_as_vectors() {
    use crate::render::logo::Logo;
    let invoice = issued(&spec_example(), "INV-2026-0001");
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><rect width="20" height="10" fill="#c91185"/><circle cx="5" cy="5" r="4" fill="#e0a030"/></svg>"##;
    let logo = Logo::from_bytes(svg.to_vec()).unwrap();
    let with = render_with(&invoice, Paper::A4, Some(&logo)).unwrap();
    let without = render(&invoice, Paper::A4).unwrap();
    let close = |a: &[f32], b: &[f32]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01);
    let magenta = [201.0 / 255.0, 17.0 / 255.0, 133.0 / 255.0];
    let sets_magenta = |ops: &[(String, Vec<f32>)]| {
        ops.iter().any(|(op, args)| ["rg", "sc", "scn"].contains(&op.as_str()) && close(args, &magenta))
    };
    let ops = page_operations(&with, 1);
    assert!(sets_magenta(&ops), "the logo's fill colour is set on the first page");
    assert!(!sets_magenta(&page_operations(&without, 1)), "and not without the logo");
    // Placed at the top left of the content area (50 pt from the left edge, 48 pt from the
    // top of the 841.89 pt page, PDF's y axis pointing up) and scaled from 20 × 10 units to
    // 96 × 48 pt: one matrix.
    let placed = [4.8, 0.0, 0.0, -4.8, 50.0, 841.89 - 48.0];
    let at = ops.iter().position(|(op, args)| op == "cm" && close(args, &placed));
    let cms: Vec<_> = ops.iter().filter(|(op, _)| op == "cm").take(4).collect();
    let at = at.unwrap_or_else(|| panic!("no transform to the top left corner at 48 pt high: {cms:?}"));
    let painted = ops[at..].iter().filter(|(op, _)| ["f", "f*", "B", "b"].contains(&op.as_str())).count();
    assert!(painted >= 2, "the rectangle and the circle are filled paths");
    // No raster: the logo stays a vector drawing; the seller block still prints under it.
    assert!(!String::from_utf8_lossy(&with).contains("/Subtype/Image"));
    assert!(page_texts(&with)[0].contains("Acme GmbH"));
    assert_eq!(with, render_with(&invoice, Paper::A4, Some(&logo)).unwrap(), "still deterministic");
}

/// SPEC 15: the seller's legal text is the footer of every page, below the content, which
/// keeps clear of it; the PDF says its language.
#[test]
fn the_legal_text_is_on_every_page_and_the_content_keeps_clear_of_it() {
    let mut draft = spec_example();
    draft["language"] = json!("de");
    draft["seller"]["legal_text"] =
        json!(["Acme GmbH · Amtsgericht Berlin-Charlottenburg HRB 12345 B", "Geschäftsführer: Erika Muster"]);
    let line = draft["lines"][0].clone();
    draft["lines"] = json!(vec![line; 70]);
    let invoice = issued(&draft, "INV-2026-0001");
    let pdf = render(&invoice, Paper::A4).unwrap();
    let pages = page_texts(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let footer = lines.iter().position(|l| l.contains("Amtsgericht Berlin-Charlottenburg HRB 12345 B"));
        let footer = footer.unwrap_or_else(|| panic!("page {}: {lines:?}", i + 1));
        // Below it only the second legal line and the page counter line.
        assert_eq!(lines[footer + 1], "Geschäftsführer: Erika Muster", "page {}", i + 1);
        assert!(
            lines[footer + 2].contains(&format!("Seite {} von {}", i + 1, pages.len())),
            "page {}: {lines:?}",
            i + 1
        );
    }
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let lang = document.catalog().unwrap().get(b"Lang").and_then(lopdf::Object::as_str).unwrap().to_vec();
    assert_eq!(lang, b"de");
}
