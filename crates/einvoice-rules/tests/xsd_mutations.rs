//! Broken copies of official examples (an element removed, two siblings swapped, a bad date,
//! `12,50` for an amount, an unknown element or attribute, a missing `currencyID`, text in
//! element-only content, an element in the wrong namespace, extension content, ...) get the
//! same XML Schema verdict from us as from check.py (lxml).

mod xsd_support;

use std::path::PathBuf;

const BASES: &[&str] = &[
    "cen-ubl/ubl-tc434-example1.xml",
    "cen-ubl/ubl-tc434-creditnote1.xml",
    "cen-cii/CII_example1.xml",
    "xrechnung/business-cases-extension/04.05a-INVOICE_uncefact.xml",
    "xrechnung/business-cases-extension/04.01a-INVOICE_ubl.xml",
];

/// The byte offset just after an element's start tag (`>` outside attribute quotes).
fn start_tag_end(text: &str, start: usize) -> usize {
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return start + i + 1,
            _ => {}
        }
    }
    text.len()
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    format!("{}{}{}", &text[..range.start], with, &text[range.end..])
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 10 && b[4] == b'-' && b[7] == b'-' && s.bytes().filter(u8::is_ascii_digit).count() == 8
}

/// Odd values for leaves and attributes, tried in turn: each built-in type's edge cases.
const VALUES: &[&str] = &[
    "",
    " ",
    "x y",
    " 12.5 ",
    "1e3",
    "+1",
    "-0",
    ".5",
    "1.",
    "true",
    "0",
    "%zz",
    "1abc:x",
    "a b",
    "http://[x",
    "QQ==",
    "QR==",
    "A",
    "2024-02-30",
    " 2024-01-01",
    "2024-01-01Z",
    "2024-01-01T24:00:00",
    "10:00:00",
    "de_DE",
    "de-DE",
    "ab:c",
    "\u{e4}",
    "12345678901234567890123",
];

/// Every mutant of one document: `(label, text)`.
fn mutants(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = roxmltree::Document::parse(text) else { return Vec::new() };
    let mut out = Vec::new();
    let root = doc.root_element();
    let elements: Vec<roxmltree::Node<'_, '_>> = root.descendants().filter(|n| n.is_element() && *n != root).collect();
    for (i, e) in elements.iter().enumerate() {
        let r = e.range();
        let name = e.tag_name().name();
        let leaf = !e.children().any(|c| c.is_element());
        let tag_end = start_tag_end(text, r.start);
        // An element removed (every other one).
        if i % 2 == 0 {
            out.push((format!("remove #{i} {name}"), splice(text, r.clone(), "")));
        }
        // Two siblings swapped.
        if let Some(next) = e.next_siblings().skip(1).find(|n| n.is_element()) {
            let nr = next.range();
            let between = &text[r.end..nr.start];
            let swapped = format!("{}{}{}", &text[nr.clone()], between, &text[r.clone()]);
            if i % 2 == 0 {
                out.push((
                    format!("swap #{i} {name} and {}", next.tag_name().name()),
                    splice(text, r.start..nr.end, &swapped),
                ));
            }
        }
        // The element repeated.
        if i % 3 == 0 {
            out.push((format!("repeat #{i} {name}"), splice(text, r.end..r.end, &text[r.clone()])));
        }
        if leaf && let Some(value) = e.text() {
            let trimmed = value.trim();
            if looks_like_date(trimmed) {
                out.push((format!("bad date in {name}"), text.replacen(&format!(">{value}<"), ">2024-13-45<", 1)));
                out.push((
                    format!("date with a space in {name}"),
                    text.replacen(&format!(">{value}<"), &format!("> {trimmed}<"), 1),
                ));
            } else if trimmed.contains('.') && trimmed.replace('.', "").bytes().all(|b| b.is_ascii_digit()) {
                out.push((
                    format!("comma amount in {name}"),
                    text.replacen(&format!(">{value}<"), &format!(">{}<", trimmed.replace('.', ",")), 1),
                ));
            }
            if i % 4 == 0 {
                out.push((
                    format!("emptied {name}"),
                    splice(
                        text,
                        tag_end..r.end,
                        &format!("</{}>", &text[r.start + 1..tag_end - 1].split_whitespace().next().unwrap_or("")),
                    ),
                ));
            }
        }
        if !leaf && i % 2 == 1 {
            // Text in element-only content; an unknown element as first child.
            out.push((format!("text in {name}"), splice(text, tag_end..tag_end, "oops")));
            let qname = text[r.start + 1..tag_end - 1].split_whitespace().next().unwrap_or("").trim_end_matches('/');
            let prefix = qname.split_once(':').map(|(p, _)| format!("{p}:")).unwrap_or_default();
            out.push((
                format!("unknown child in {name}"),
                splice(text, tag_end..tag_end, &format!("<{prefix}NoSuchElement>1</{prefix}NoSuchElement>")),
            ));
        }
        // An unknown attribute; every attribute removed (currencyID, unitCode, schemeID...).
        if i % 5 == 0 {
            let insert_at = r.start + 1 + text[r.start + 1..].find([' ', '>', '/', '\n', '\t']).unwrap_or(0);
            out.push((format!("unknown attribute on {name}"), splice(text, insert_at..insert_at, " foo=\"1\"")));
        }
        for a in e.attributes() {
            let needle = format!("{}=\"{}\"", a.name(), a.value());
            if let Some(at) = text[r.start..tag_end].find(&needle) {
                let at = r.start + at;
                out.push((format!("no {} on {name}", a.name()), splice(text, at..at + needle.len(), "")));
            }
        }
        // Odd values in leaves and attributes.
        if leaf && i % 3 == 1 && e.text().is_some() {
            let v = VALUES[(i / 3) % VALUES.len()];
            out.push((
                format!("value {v:?} in {name}"),
                splice(text, tag_end..tag_end + e.text().map_or(0, str::len), v),
            ));
        }
        if i % 2 == 1 {
            for (k, a) in e.attributes().enumerate() {
                let needle = format!("{}=\"{}\"", a.name(), a.value());
                if let Some(at) = text[r.start..tag_end].find(&needle) {
                    let at = r.start + at;
                    let v = VALUES[(i + k) % VALUES.len()];
                    out.push((
                        format!("attribute value {v:?} in {name}/@{}", a.name()),
                        splice(text, at..at + needle.len(), &format!("{}=\"{v}\"", a.name())),
                    ));
                }
            }
        }
        // The element in a wrong namespace.
        if i % 6 == 0 && !e.has_children() {
            out.push((
                format!("wrong namespace for {name}"),
                splice(text, r.clone(), &format!("<w:{name} xmlns:w=\"urn:example:wrong\"/>")),
            ));
        }
    }
    out
}

/// A UBL signature extension (UBL-CommonSignatureComponents, xmldsig, XAdES 1.3.2).
const SIGNATURE: &str = r##"<sig:UBLDocumentSignatures xmlns:sig="urn:oasis:names:specification:ubl:schema:xsd:CommonSignatureComponents-2" xmlns:sac="urn:oasis:names:specification:ubl:schema:xsd:SignatureAggregateComponents-2" xmlns:sbc="urn:oasis:names:specification:ubl:schema:xsd:SignatureBasicComponents-2" xmlns:c="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xades="http://uri.etsi.org/01903/v1.3.2#">
 <sac:SignatureInformation>
  <c:ID>urn:oasis:names:specification:ubl:signature:1</c:ID>
  <sbc:ReferencedSignatureID>urn:oasis:names:specification:ubl:signature:Invoice</sbc:ReferencedSignatureID>
  <ds:Signature Id="sig1">
   <ds:SignedInfo>
    <ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
    <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>
    <ds:Reference URI="">
     <ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2002/06/xmldsig-filter2"><ds:XPath>x</ds:XPath></ds:Transform></ds:Transforms>
     <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>
     <ds:DigestValue>QUJD</ds:DigestValue>
    </ds:Reference>
   </ds:SignedInfo>
   <ds:SignatureValue>QUJD</ds:SignatureValue>
   <ds:KeyInfo><ds:X509Data><ds:X509Certificate>QUJD</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
   <ds:Object><xades:QualifyingProperties Target="#sig1"><xades:SignedProperties Id="sp1"><xades:SignedSignatureProperties><xades:SigningTime>2024-01-01T10:00:00Z</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>
  </ds:Signature>
 </sac:SignatureInformation>
</sig:UBLDocumentSignatures>"##;

/// `(label, from, to)`: changes to the signature, good and bad.
const SIGNATURE_VARIANTS: &[(&str, &str, &str)] = &[
    ("as is", "", ""),
    ("bad base64", "<ds:DigestValue>QUJD", "<ds:DigestValue>QR=="),
    ("duplicate ID", "Id=\"sp1\"", "Id=\"sig1\""),
    ("ID not an NCName", "Id=\"sp1\"", "Id=\"1sp\""),
    ("missing Algorithm", " Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"", ""),
    ("bad SigningTime", "2024-01-01T10:00:00Z", "2024-01-01 10:00"),
    ("missing Target", " Target=\"#sig1\"", ""),
    ("unknown XAdES element", "<xades:SignedSignatureProperties>", "<xades:Foo/><xades:SignedSignatureProperties>"),
    ("unknown XAdES attribute", "<xades:QualifyingProperties ", "<xades:QualifyingProperties foo=\"1\" "),
    ("text in ds:Object (mixed)", "<ds:Object>", "<ds:Object>text"),
    ("text in ds:SignedInfo", "<ds:SignedInfo>", "<ds:SignedInfo>text"),
    ("foreign element in ds:KeyInfo", "<ds:X509Data>", "<x:Y xmlns:x=\"urn:x\"/><ds:X509Data>"),
    (
        "empty ds:KeyInfo",
        "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>QUJD</ds:X509Certificate></ds:X509Data></ds:KeyInfo>",
        "<ds:KeyInfo/>",
    ),
    ("ds element in ds:Transform", "<ds:XPath>x</ds:XPath>", "<ds:Foo/>"),
    (
        "bad serial number",
        "<ds:X509Certificate>QUJD</ds:X509Certificate>",
        "<ds:X509IssuerSerial><ds:X509IssuerName>CN=x</ds:X509IssuerName><ds:X509SerialNumber>abc</ds:X509SerialNumber></ds:X509IssuerSerial>",
    ),
    (
        "good serial number",
        "<ds:X509Certificate>QUJD</ds:X509Certificate>",
        "<ds:X509IssuerSerial><ds:X509IssuerName>CN=x</ds:X509IssuerName><ds:X509SerialNumber> 12 </ds:X509SerialNumber></ds:X509IssuerSerial>",
    ),
    (
        "SignatureValue before SignedInfo",
        "<ds:SignedInfo>",
        "<ds:SignatureValue>QUJD</ds:SignatureValue><ds:SignedInfo>",
    ),
    (
        "two signature informations",
        "</sac:SignatureInformation>",
        "</sac:SignatureInformation><sac:SignatureInformation/>",
    ),
    ("attribute on an xmldsig simple type", "<ds:DigestValue>", "<ds:DigestValue a=\"1\">"),
];

/// Extension content for UBL documents: lax wildcards validate what the schema declares.
fn extension_mutants(text: &str) -> Vec<(String, String)> {
    let Ok(doc) = roxmltree::Document::parse(text) else { return Vec::new() };
    let root = doc.root_element();
    if root.tag_name().name() == "CrossIndustryInvoice" {
        return Vec::new();
    }
    let Some(first) = root.children().find(|n| n.is_element()) else { return Vec::new() };
    if first.tag_name().name() == "UBLExtensions" {
        return Vec::new();
    }
    let at = first.range().start;
    let ext = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
    let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
    let wrap = |content: &str| {
        format!(
            "<ext:UBLExtensions xmlns:ext=\"{ext}\"><ext:UBLExtension><ext:ExtensionContent>{content}</ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>"
        )
    };
    let cases = [
        ("extension: unknown content", wrap("<foo:Bar xmlns:foo=\"urn:foo\"><foo:Baz x=\"1\">any</foo:Baz></foo:Bar>")),
        (
            "extension: declared cbc element, bad date",
            wrap(&format!(
                "<foo:Bar xmlns:foo=\"urn:foo\"><c:IssueDate xmlns:c=\"{cbc}\">2024-13-45</c:IssueDate></foo:Bar>"
            )),
        ),
        (
            "extension: declared cbc element, good date",
            wrap(&format!("<c:IssueDate xmlns:c=\"{cbc}\">2024-01-05</c:IssueDate>")),
        ),
        ("extension: empty ds:Signature", wrap("<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>")),
        ("extension: two contents", wrap("<a:A xmlns:a=\"urn:a\"/><a:B xmlns:a=\"urn:a\"/>")),
        (
            "extension: no content",
            format!(
                "<ext:UBLExtensions xmlns:ext=\"{ext}\"><ext:UBLExtension><ext:ExtensionContent/></ext:UBLExtension></ext:UBLExtensions>"
            ),
        ),
        ("extension: text", wrap("text")),
    ];
    let mut out: Vec<(String, String)> =
        cases.iter().map(|(label, insert)| ((*label).to_owned(), splice(text, at..at, insert))).collect();
    for (label, from, to) in SIGNATURE_VARIANTS {
        assert!(SIGNATURE.contains(from), "{label}: {from:?} is not in the signature");
        let signature = SIGNATURE.replacen(from, to, 1);
        out.push((format!("signature: {label}"), splice(text, at..at, &wrap(&signature))));
    }
    let tag_end = start_tag_end(text, root.range().start);
    let root_tag = &text[root.range().start..tag_end];
    let declared = root_tag.contains("xmlns:xsi=");
    let xsi = if declared { "" } else { " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"" };
    if !root_tag.contains("schemaLocation=") {
        let location = format!("{xsi} xsi:schemaLocation=\"a b\"");
        out.push(("xsi:schemaLocation on the root".to_owned(), splice(text, tag_end - 1..tag_end - 1, &location)));
    }
    out.push((
        "xsi:nil on the root".to_owned(),
        splice(text, tag_end - 1..tag_end - 1, &format!("{xsi} xsi:nil=\"true\"")),
    ));
    out
}

#[test]
fn mutated_examples_get_the_checkers_schema_verdict() {
    let Some((python, dir)) = xsd_support::checker("mutated_examples_get_the_checkers_schema_verdict") else { return };
    let work = std::env::temp_dir().join(format!("einvoice-xsd-mutants-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap_or_else(|e| panic!("{}: {e}", work.display()));
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    // XSD_MUTATE_ALL=1 mutates every official example, keeping every 7th mutant (minutes; for
    // exploring).
    #[allow(clippy::disallowed_methods)] // the test's own knob, not product configuration
    let all_examples = std::env::var_os("XSD_MUTATE_ALL").is_some();
    let bases: Vec<PathBuf> = if all_examples {
        xsd_support::examples(&dir)
    } else {
        BASES.iter().map(|b| dir.join("artefacts/examples").join(b)).collect()
    };
    for path in &bases {
        let base = path.strip_prefix(dir.join("artefacts/examples")).unwrap_or(path).display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut all = mutants(&text);
        all.extend(extension_mutants(&text));
        let keep = if all_examples { 7 } else { 1 };
        for (label, mutant) in all.into_iter().step_by(keep) {
            let file = work.join(format!("m{:05}.xml", files.len()));
            std::fs::write(&file, &mutant).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            files.push((file, format!("{base}: {label}")));
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(|(f, _)| f.clone()).collect();
    let official = xsd_support::official(&python, &dir, &paths);
    let (mut agree, mut invalid, mut skipped) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for (file, label) in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let Some(ours) = xsd_support::ours(&text) else {
            println!("not parsed by us: {label}");
            skipped += 1;
            continue;
        };
        let theirs = &official[file];
        if ours.is_empty() == theirs.is_empty() {
            agree += 1;
            invalid += usize::from(!ours.is_empty());
        } else {
            let ours: Vec<String> = ours.iter().map(|f| format!("{} @ {}", f.message, f.location)).collect();
            disagreements.push(format!("{label} ({}): ours {ours:?}, check.py {theirs:?}", file.display()));
        }
    }
    println!(
        "XSD verdicts on {} mutants: {agree} agree ({invalid} schema-invalid, {} valid), {} disagree, {skipped} not parsed by us",
        files.len(),
        agree - invalid,
        disagreements.len()
    );
    if disagreements.is_empty() {
        let _ = std::fs::remove_dir_all(&work);
    }
    assert!(invalid > 100, "the mutants should mostly be schema-invalid");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
