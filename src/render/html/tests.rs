use super::*;
use crate::invoice::model::Status;
use crate::invoice::{Defaults, check_bytes, parse::Options};
use chrono::NaiveDate;

fn spec_example() -> Invoice {
    let json = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/valid/spec-example.json")).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    check_bytes(&json, Options::default(), &Defaults::default(), today).unwrap().invoice
}

fn issued() -> Invoice {
    let mut invoice = spec_example();
    invoice.number = Some("INV-2026-0001".into());
    invoice.status = Status::Issued;
    invoice
}

/// A draft carrying payloads validation would refuse, built directly.
fn hostile() -> Invoice {
    let mut invoice = spec_example();
    invoice.seller.name = Some("<script>alert(1)</script>".into());
    invoice.buyer.name = Some("\"><img src=x onerror=alert(1)>".into());
    invoice.buyer.email = Some("'onmouseover='alert(1)".into());
    invoice.lines[0].description = "Tom & Jerry <b>bold</b> \"quoted\" 'single'".into();
    invoice.lines[1].unit = "<i>".into();
    invoice.allowances[0].reason = "</td><script src=//evil.example/x.js></script>".into();
    invoice.order_reference = Some("<style>body{display:none}</style>".into());
    invoice.currency = "<EUR>".into();
    invoice.notes = Some("first line\n<script>alert(2)</script>\n\"onerror=alert(3)".into());
    if let Some(payment) = invoice.payment.as_mut() {
        payment.terms = Some("<a href=\"javascript:alert(4)\">pay</a>".into());
    }
    invoice
}

/// Every tag in the document, as the text between `<` and `>`.
fn tags(html: &str) -> Vec<&str> {
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest)).collect()
}

fn style_block(html: &str) -> &str {
    let start = html.find("<style>").unwrap() + "<style>".len();
    let end = html.find("</style>").unwrap();
    &html[start..end]
}

#[test]
fn escape_turns_the_five_special_characters_into_entities() {
    assert_eq!(escape("& < > \" '"), "&amp; &lt; &gt; &quot; &#39;");
    assert_eq!(escape("&amp;"), "&amp;amp;");
    assert_eq!(escape("Müller — 日本"), "Müller — 日本");
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let html = render(&hostile());
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    assert_eq!(html.matches("<style>").count(), 2, "only our own style blocks: the sheet and the page");
    for tag in tags(&html) {
        let tag = tag.to_ascii_lowercase();
        assert!(!tag.contains("onerror") && !tag.contains("onmouseover"), "event handler in <{tag}>");
        assert!(!tag.starts_with("img") && !tag.starts_with("a ") && !tag.starts_with("b>"), "injected <{tag}>");
        assert!(!tag.starts_with('i') || tag == "iban", "injected <{tag}>");
        assert!(!tag.contains("href") && !tag.contains("src="), "<{tag}>");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&#39;onmouseover=&#39;alert(1)"));
    assert!(html.contains("Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;"));
    assert!(html.contains("<td class=\"unit\">&lt;i&gt;</td>"));
    assert!(html.contains("&lt;/td&gt;&lt;script src=//evil.example/x.js&gt;&lt;/script&gt;"));
    assert!(html.contains("Net &lt;EUR&gt;"));
    assert!(html.contains("first line<br>\n&lt;script&gt;alert(2)&lt;/script&gt;<br>\n&quot;onerror=alert(3)"));
    assert!(html.contains("&lt;a href=&quot;javascript:alert(4)&quot;&gt;pay&lt;/a&gt;"));
    // The title carries the seller name too.
    assert!(html.contains("<title>Invoice (draft) — &lt;script&gt;alert(1)&lt;/script&gt;</title>"));
}

#[test]
fn control_characters_never_reach_the_document() {
    let mut invoice = issued();
    invoice.buyer.name = Some("Evil\u{1b}[2J\u{202e}".into());
    invoice.notes = Some("a\r\nb\u{0}".into());
    let html = render(&invoice);
    assert!(!html.chars().any(|c| c.is_control() && c != '\n'), "{html:?}");
    assert!(html.contains("Evil\\u{1b}[2J\\u{202e}"));
}

#[test]
fn the_policy_allows_exactly_the_emitted_style_block() {
    let html = render(&issued());
    let letter = super::render_on(&issued(), crate::render::Paper::Letter);
    let hash = |style: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    // The main sheet, the A4 page and the Letter page: the same policy for every paper.
    let page = |html: &str| {
        let rest = &html[html.find("</style>").unwrap() + "</style>".len()..];
        style_block(rest).to_owned()
    };
    let hashes = [hash(style_block(&html)), hash(&page(&html)), hash(&page(&letter))];
    let policy = content_security_policy();
    assert_eq!(
        policy,
        format!(
            "default-src 'none'; style-src 'sha256-{}' 'sha256-{}' 'sha256-{}'; img-src 'none'; base-uri 'none'; form-action 'none'",
            hashes[0], hashes[1], hashes[2]
        )
    );
    assert_ne!(hashes[1], hashes[2], "A4 and Letter pages differ");
    assert!(html.contains(&format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n")));
    assert!(!policy.contains(['"', '&', '<', '>']), "safe to emit verbatim in the attribute");
}

/// The only elements the renderer writes.
const OUR_TAGS: [&str; 32] = [
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "section",
    "div",
    "p",
    "h1",
    "h2",
    "dl",
    "dt",
    "dd",
    "address",
    "br",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "footer",
    "svg",
    "rect",
    "path",
];

#[test]
fn the_document_is_self_contained() {
    for html in [render(&issued()), render(&hostile())] {
        assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"));
        assert!(html.ends_with("</html>\n"));
        let lower = html.to_ascii_lowercase();
        for tag in tags(&lower) {
            let name = tag.trim_start_matches('/').split([' ', '>']).next().unwrap_or_default();
            assert!(OUR_TAGS.contains(&name), "unexpected element <{tag}>");
            for needle in ["src=", "href=", "style=", "url(", "http:", "https:", " on"] {
                assert!(!tag.contains(needle), "{needle} in <{tag}>");
            }
        }
        let style = style_block(&lower);
        assert!(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"));
    }
    let clean = render(&issued()).to_ascii_lowercase();
    for needle in ["http://", "https://", "<script", "src=", "href=", " style=", "<link", "<img"] {
        assert!(!clean.contains(needle), "{needle}");
    }
}

#[test]
fn totals_number_and_payment_are_shown() {
    let html = render(&issued());
    assert!(html.contains("<title>Invoice INV-2026-0001 — Acme GmbH</title>"));
    assert!(html.contains("<dt>Invoice no.</dt><dd>INV-2026-0001</dd>"));
    assert!(html.contains("<dt>Issue date</dt><dd>2026-11-27</dd>"));
    assert!(
        html.contains("<tr class=\"grand\"><td>Total</td><td class=\"num\">1,488.43<span class=\"code\">EUR</span>")
    );
    assert!(
        html.contains("<tr class=\"due\"><td>Amount due</td><td class=\"num\">1,388.43<span class=\"code\">EUR</span>")
    );
    assert!(html.contains(
        "<td class=\"num\" data-label=\"Taxable amount\">1,189.90</td><td class=\"num last\" data-label=\"VAT\">226.08</td>"
    ));
    // Groups of four that never break inside (SPEC 15).
    assert!(html.contains(
        "<span class=\"iban\"><span class=\"g\">DE89</span> <span class=\"g\">3704</span> <span class=\"g\">0044</span> \
         <span class=\"g\">0532</span> <span class=\"g\">0130</span> <span class=\"g\">00</span></span>"
    ));
    assert!(html.contains("<dt>Reference</dt><dd>INV-2026-0001</dd>"));
    assert!(html.contains("<td class=\"desc\" dir=\"auto\">Consulting</td>"));
    assert!(html.contains("<p dir=\"auto\">Thank you for your business.</p>"));
    assert!(!html.contains("class=\"banner\""));
}

#[test]
fn drafts_carry_a_banner_and_a_watermark() {
    let draft = render(&spec_example());
    assert!(draft.contains("<body class=\"draft\">"));
    assert!(draft.contains("<p class=\"banner\">Draft — not an issued invoice</p>"));
    assert!(draft.contains("<dt>Invoice no.</dt><dd>not yet assigned</dd>"));
    assert!(style_block(&draft).contains(".draft .page::before"));

    let issued = render(&issued());
    assert!(issued.contains("<body>\n"));
    assert!(!issued.contains("<p class=\"banner\">"));
}

#[test]
fn status_stamps() {
    let mut invoice = issued();
    invoice.status = Status::Paid;
    invoice.paid_date = NaiveDate::from_ymd_opt(2026, 12, 3);
    assert!(render(&invoice).contains("<p class=\"stamp paid\">Paid on 2026-12-03</p>"));
    invoice.status = Status::Void;
    invoice.void_reason = Some("Wrong <buyer>".into());
    assert!(render(&invoice).contains("<p class=\"stamp void\">Void — Wrong &lt;buyer&gt;</p>"));
    invoice.status = Status::Credited;
    invoice.credited_by = Some("CN-2026-0001".into());
    assert!(render(&invoice).contains("<p class=\"stamp credited\">Credited by CN-2026-0001</p>"));
}

#[test]
fn a_draft_watermark_speaks_the_document_language() {
    let mut draft = issued();
    draft.status = crate::invoice::Status::Draft;
    draft.number = None;
    draft.language = crate::invoice::model::Language::De;
    let html = render(&draft);
    assert!(html.contains("<main class=\"page\" data-draft=\"ENTWURF\">"), "{html}");
    assert!(style_block(&html).contains("content: attr(data-draft)"));
    assert!(render(&issued()).contains("<main class=\"page\">\n"), "an issued invoice has no watermark");
}
