//! Unit tests of the e-invoice writers: values read back from the XML equal the stored
//! invoice, output is deterministic, text is escaped, and requirements refuse.

use super::*;
use crate::invoice::parse::Options;
use crate::invoice::{Defaults, check_bytes};
use chrono::NaiveDate;
use quick_xml::events::Event;
use rust_decimal::Decimal;
use std::str::FromStr;

const DRAFT: &str = r#"{
  "issue_date": "2026-11-27", "due_date": "2026-12-27", "currency": "EUR",
  "seller": { "name": "Acme GmbH", "vat_id": "DE123456789", "tax_id": "12/345/67890", "legal_id": "HRB 12345",
    "email": "billing@acme.example", "phone": "+49 30 1234567", "contact_name": "R&D \"Team\" <3 & more",
    "electronic_address": {"scheme": "EM", "id": "billing@acme.example"},
    "address": { "lines": ["Hauptstr. 1", "Hinterhaus", "3. OG"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
  "buyer": { "name": "Bundesamt für Beispiele", "electronic_address": {"scheme": "0204", "id": "04011000-12345-03"},
    "address": { "lines": ["Amtsweg 5"], "city": "Bonn", "postal_code": "53113", "country": "DE" } },
  "buyer_reference": "04011000-12345-03", "order_reference": "PO-4711",
  "delivery_date": "2026-11-20", "period": {"start": "2026-11-01", "end": "2026-11-30"},
  "lines": [
    { "description": "Consulting", "quantity": "10", "unit": "HUR", "unit_price": "120.00", "tax_rate": "19" },
    { "description": "Travel", "quantity": 1, "unit_price": 80.5, "tax_rate": "0", "tax_category": "Z", "discount_percent": "10" },
    { "description": "Widgets", "quantity": "3", "unit_price": "0.333", "tax_rate": "19", "discount_percent": "7.5" }
  ],
  "allowances": [ { "reason": "Loyalty discount", "amount": "20.00", "tax_rate": "19" } ],
  "charges": [ { "reason": "Shipping", "amount": "9.90", "tax_rate": "19" } ],
  "prepaid": "100.00",
  "payment": { "means": "sepa_credit_transfer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX", "terms": "Payable within 30 days" },
  "notes": "Thank you ]]> a < b & c > d"
}"#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn issued(json: &str) -> Invoice {
    let checked = check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), today())
        .unwrap_or_else(|r| panic!("{:?}", r.problems));
    let mut invoice = checked.invoice;
    invoice.number = Some("INV-2026-0042".into());
    invoice.status = crate::invoice::Status::Issued;
    invoice
}

/// Every element's text with the path of element names above it
/// ("Invoice/cac:TaxTotal/cbc:TaxAmount"), entity references resolved.
fn texts(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut text = String::new();
    let mut flush = |stack: &[String], text: &mut String| {
        if !text.trim().is_empty() {
            out.push((stack.join("/"), std::mem::take(text)));
        }
        text.clear();
    };
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            Event::Start(e) => {
                flush(&stack, &mut text);
                stack.push(e.name().as_ref().to_owned());
            }
            Event::End(_) => {
                flush(&stack, &mut text);
                stack.pop();
            }
            Event::Text(t) => text.push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0)),
            Event::GeneralRef(r) => text.push_str(match &*r {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                other => panic!("unexpected entity {other}"),
            }),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The texts whose path ends with `suffix`.
fn values(xml: &[u8], suffix: &str) -> Vec<String> {
    texts(xml).into_iter().filter(|(path, _)| path.ends_with(suffix)).map(|(_, text)| text).collect()
}

fn one(xml: &[u8], suffix: &str) -> String {
    let found = values(xml, suffix);
    assert_eq!(found.len(), 1, "{suffix}: {found:?}");
    found[0].clone()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn ubl_values_are_the_stored_ones() {
    let inv = issued(DRAFT);
    let xml = render_xml(&inv, Format::Ubl, Profile::En16931).unwrap();
    let t = &inv.totals;
    assert_eq!(one(&xml, "Invoice/cbc:ID"), "INV-2026-0042");
    assert_eq!(one(&xml, "Invoice/cbc:IssueDate"), "2026-11-27");
    assert_eq!(one(&xml, "Invoice/cbc:DueDate"), "2026-12-27");
    assert_eq!(one(&xml, "cbc:InvoiceTypeCode"), "380");
    assert_eq!(one(&xml, "cbc:CustomizationID"), "urn:cen.eu:en16931:2017");
    assert_eq!(one(&xml, "cbc:BuyerReference"), "04011000-12345-03");
    assert_eq!(one(&xml, "cac:OrderReference/cbc:ID"), "PO-4711");
    assert_eq!(one(&xml, "cac:Delivery/cbc:ActualDeliveryDate"), "2026-11-20");
    assert_eq!(one(&xml, "cac:InvoicePeriod/cbc:StartDate"), "2026-11-01");
    assert_eq!(one(&xml, "cac:InvoicePeriod/cbc:EndDate"), "2026-11-30");
    assert_eq!(one(&xml, "Invoice/cbc:Note"), "Thank you ]]> a < b & c > d");
    let m = "cac:LegalMonetaryTotal/";
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:LineExtensionAmount"))), t.lines_net);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:TaxExclusiveAmount"))), t.net);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:TaxInclusiveAmount"))), t.gross);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:AllowanceTotalAmount"))), t.allowances);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:ChargeTotalAmount"))), t.charges);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:PrepaidAmount"))), t.prepaid);
    assert_eq!(dec(&one(&xml, &format!("{m}cbc:PayableAmount"))), t.due);
    assert_eq!(one(&xml, &format!("{m}cbc:PayableAmount")), t.due.to_string(), "two decimals, as stored");
    assert_eq!(dec(&one(&xml, "Invoice/cac:TaxTotal/cbc:TaxAmount")), t.tax_total);
    let bases: Vec<Decimal> = values(&xml, "cac:TaxSubtotal/cbc:TaxableAmount").iter().map(|v| dec(v)).collect();
    assert_eq!(bases, t.tax.iter().map(|g| g.base).collect::<Vec<_>>());
    let nets: Vec<Decimal> = values(&xml, "cac:InvoiceLine/cbc:LineExtensionAmount").iter().map(|v| dec(v)).collect();
    assert_eq!(nets, inv.lines.iter().map(|l| l.net).collect::<Vec<_>>());
    let names = values(&xml, "cac:InvoiceLine/cac:Item/cbc:Name");
    assert_eq!(names, ["Consulting", "Travel", "Widgets"]);
    assert_eq!(one(&xml, "cac:AccountingSupplierParty/cac:Party/cac:Contact/cbc:Name"), "R&D \"Team\" <3 & more");
    assert_eq!(one(&xml, "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID"), "billing@acme.example");
    assert_eq!(one(&xml, "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID"), "04011000-12345-03");
    assert_eq!(one(&xml, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"), "HRB 12345");
    assert_eq!(one(&xml, "cac:PaymentMeans/cbc:PaymentMeansCode"), "58");
    assert_eq!(one(&xml, "cac:PaymentMeans/cbc:PaymentID"), "INV-2026-0042");
    assert_eq!(one(&xml, "cac:PayeeFinancialAccount/cbc:ID"), "DE89370400440532013000");
    let xml_text = String::from_utf8(xml.clone()).unwrap();
    assert!(xml_text.contains("schemeID=\"0204\""));
}

#[test]
fn a_line_discount_is_a_line_allowance_that_gives_the_stored_net_exactly() {
    let inv = issued(DRAFT);
    for format in [Format::Ubl, Format::Cii] {
        let xml = render_xml(&inv, format, Profile::En16931).unwrap();
        let (amount, base, percent) = match format {
            Format::Ubl => (
                "cac:InvoiceLine/cac:AllowanceCharge/cbc:Amount",
                "cac:InvoiceLine/cac:AllowanceCharge/cbc:BaseAmount",
                "cac:InvoiceLine/cac:AllowanceCharge/cbc:MultiplierFactorNumeric",
            ),
            _ => (
                "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:ActualAmount",
                "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:BasisAmount",
                "ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge/ram:CalculationPercent",
            ),
        };
        let amounts = values(&xml, amount);
        let bases = values(&xml, base);
        assert_eq!(values(&xml, percent), ["10", "7.5"]);
        // Lines 2 and 3 have discounts: base − allowance is the stored net, to the cent.
        for (i, line) in inv.lines.iter().skip(1).enumerate() {
            assert_eq!(dec(&bases[i]) - dec(&amounts[i]), line.net, "{format:?} line {}", i + 2);
            assert!(dec(&amounts[i]).scale() <= 2 && dec(&bases[i]).scale() <= 2);
        }
        // 3 × 0.333 = 0.999 → base 1.00; net round(0.999 × 0.925) = 0.92; allowance 0.08.
        assert_eq!((bases[1].as_str(), amounts[1].as_str()), ("1.00", "0.08"));
    }
}

#[test]
fn cii_values_are_the_stored_ones() {
    let inv = issued(DRAFT);
    let xml = render_xml(&inv, Format::Cii, Profile::Xrechnung).unwrap();
    let t = &inv.totals;
    assert_eq!(one(&xml, "rsm:ExchangedDocument/ram:ID"), "INV-2026-0042");
    assert_eq!(one(&xml, "ram:IssueDateTime/udt:DateTimeString"), "20261127");
    assert_eq!(one(&xml, "ram:DueDateDateTime/udt:DateTimeString"), "20261227");
    assert_eq!(
        one(&xml, "ram:GuidelineSpecifiedDocumentContextParameter/ram:ID"),
        Profile::Xrechnung.customization_id()
    );
    let s = "ram:SpecifiedTradeSettlementHeaderMonetarySummation/";
    assert_eq!(dec(&one(&xml, &format!("{s}ram:LineTotalAmount"))), t.lines_net);
    assert_eq!(dec(&one(&xml, &format!("{s}ram:TaxBasisTotalAmount"))), t.net);
    assert_eq!(dec(&one(&xml, &format!("{s}ram:TaxTotalAmount"))), t.tax_total);
    assert_eq!(dec(&one(&xml, &format!("{s}ram:GrandTotalAmount"))), t.gross);
    assert_eq!(dec(&one(&xml, &format!("{s}ram:DuePayableAmount"))), t.due);
    let taxes: Vec<Decimal> =
        values(&xml, "ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount")
            .iter()
            .map(|v| dec(v))
            .collect();
    assert_eq!(taxes, t.tax.iter().map(|g| g.amount).collect::<Vec<_>>());
    assert_eq!(one(&xml, "ram:SellerTradeParty/ram:DefinedTradeContact/ram:PersonName"), "R&D \"Team\" <3 & more");
    assert_eq!(one(&xml, "ram:SellerTradeParty/ram:PostalTradeAddress/ram:LineThree"), "3. OG");
    assert_eq!(one(&xml, "ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime/udt:DateTimeString"), "20261120");
    assert_eq!(one(&xml, "ram:IncludedNote/ram:Content"), "Thank you ]]> a < b & c > d");
}

#[test]
fn the_same_invoice_gives_the_same_bytes_and_text_is_escaped() {
    let inv = issued(DRAFT);
    for format in [Format::Ubl, Format::Cii] {
        let a = render_xml(&inv, format, Profile::En16931).unwrap();
        let b = render_xml(&inv, format, Profile::En16931).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(!text.contains("a < b"), "a raw `<` from a note must not appear");
        assert!(text.contains("Thank you ]]&gt; a &lt; b &amp; c &gt; d"));
        assert!(text.contains("R&amp;D &quot;Team&quot; &lt;3 &amp; more"));
    }
}

#[test]
fn a_credit_note_is_381_and_names_the_invoice_it_credits() {
    let draft = DRAFT.replacen("{", r#"{ "type": "credit_note", "preceding_invoice": "INV-2026-0001","#, 1);
    let inv = issued(&draft);
    let ubl = render_xml(&inv, Format::Ubl, Profile::En16931).unwrap();
    assert!(
        String::from_utf8_lossy(&ubl)
            .contains("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\"")
    );
    assert_eq!(one(&ubl, "cbc:CreditNoteTypeCode"), "381");
    assert_eq!(one(&ubl, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"), "INV-2026-0001");
    assert_eq!(values(&ubl, "cac:CreditNoteLine/cbc:CreditedQuantity").len(), 3);
    let cii = render_xml(&inv, Format::Cii, Profile::En16931).unwrap();
    assert_eq!(one(&cii, "rsm:ExchangedDocument/ram:TypeCode"), "381");
    assert_eq!(one(&cii, "ram:InvoiceReferencedDocument/ram:IssuerAssignedID"), "INV-2026-0001");
    // A credit note asks for nothing (SPEC 12.4): no due date (BT-9), terms that say so.
    assert!(values(&ubl, "cbc:DueDate").is_empty());
    assert!(values(&cii, "ram:DueDateDateTime/udt:DateTimeString").is_empty());
    assert_eq!(one(&ubl, "cac:PaymentTerms/cbc:Note"), super::CREDIT_NOTE_TERMS);
    assert_eq!(one(&cii, "ram:SpecifiedTradePaymentTerms/ram:Description"), super::CREDIT_NOTE_TERMS);
    // Without the credited invoice's date (a draft), BT-26 is left out.
    assert!(values(&ubl, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate").is_empty());
    assert!(values(&cii, "ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString").is_empty());
}

/// Issue #13: the date of the credited invoice the store recorded is BT-26.
#[test]
fn a_credit_note_gives_the_issue_date_of_the_invoice_it_credits() {
    let draft = DRAFT.replacen("{", r#"{ "type": "credit_note", "preceding_invoice": "INV-2026-0001","#, 1);
    let mut inv = issued(&draft);
    inv.preceding_invoice_date = Some("2026-11-02".parse().unwrap());
    let ubl = render_xml(&inv, Format::Ubl, Profile::En16931).unwrap();
    assert_eq!(one(&ubl, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate"), "2026-11-02");
    let text = String::from_utf8(ubl).unwrap();
    let (id, date) = (text.find("<cbc:ID>INV-2026-0001").unwrap(), text.find("<cbc:IssueDate>2026-11-02").unwrap());
    assert!(id < date, "the schema puts cbc:ID before cbc:IssueDate");
    let cii = render_xml(&inv, Format::Cii, Profile::En16931).unwrap();
    let path = "ram:InvoiceReferencedDocument/ram:FormattedIssueDateTime/qdt:DateTimeString";
    assert_eq!(one(&cii, path), "20261102");
    let text = String::from_utf8(cii).unwrap();
    assert!(text.contains(r#"<qdt:DateTimeString format="102">20261102</qdt:DateTimeString>"#), "{text}");
}

fn codes_at(problems: &[Problem]) -> Vec<(&str, Code)> {
    problems.iter().map(|p| (p.path.as_str(), p.code)).collect()
}

#[test]
fn kwd_is_refused_for_every_format_naming_br_dec() {
    let draft = r#"{"currency": "KWD", "issue_date": "2026-11-27",
      "seller": {"name": "S", "vat_id": "KW1", "address": {"country": "KW"}},
      "buyer": {"name": "B", "address": {"country": "KW"}},
      "lines": [{"description": "x", "quantity": 1, "unit_price": "1.250"}]}"#;
    let inv = issued(draft);
    for format in [Format::Ubl, Format::Cii] {
        let Err(Error::Invalid { problems }) = render_xml(&inv, format, Profile::En16931) else {
            panic!("KWD accepted")
        };
        assert_eq!(codes_at(&problems), [("/currency", Code::EinvoiceRequirement)]);
        assert!(problems[0].message.contains("BR-DEC"), "{}", problems[0].message);
    }
    let Err(Error::Invalid { problems }) = facturx::render(&inv, crate::render::Paper::A4, Profile::En16931, None)
    else {
        panic!("KWD accepted as Factur-X")
    };
    assert!(problems.iter().any(|p| p.path == "/currency" && p.message.contains("BR-DEC")));
}

#[test]
fn xrechnung_names_each_missing_term_and_rule() {
    let draft = r#"{"currency": "EUR", "issue_date": "2026-11-27",
      "seller": {"name": "S", "tax_id": "12/345", "address": {"country": "DE"}},
      "buyer": {"name": "B", "address": {"country": "DE"}},
      "lines": [{"description": "x", "quantity": 1, "unit_price": "10", "tax_rate": "19"}]}"#;
    let inv = issued(draft);
    let problems = requirements(&inv, Profile::Xrechnung);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/seller/vat_id",
            "/buyer_reference",
            "/seller/contact_name",
            "/seller/phone",
            "/seller/email",
            "/seller/address/city",
            "/seller/address/postal_code",
            "/buyer/address/city",
            "/buyer/address/postal_code",
            "/seller/electronic_address",
            "/buyer/electronic_address",
            "/payment/means",
        ]
    );
    assert!(problems.iter().all(|p| p.code == Code::EinvoiceRequirement));
    let br_de_15 = problems.iter().find(|p| p.path == "/buyer_reference").unwrap();
    assert_eq!(br_de_15.message, "BT-10 buyer reference (e.g. a Leitweg-ID) is required by XRechnung (BR-DE-15)");
    assert!(problems[0].message.contains("BR-CO-26"));
    // The plain EN 16931 profile needs only the seller identifier here.
    assert_eq!(codes_at(&requirements(&inv, Profile::En16931)), [("/seller/vat_id", Code::EinvoiceRequirement)]);
}

#[test]
fn category_rules_name_their_rule_ids() {
    let base = |category: &str, extra: &str| {
        format!(
            r#"{{"currency": "EUR", "issue_date": "2026-11-27", {extra}
              "seller": {{"name": "S", "legal_id": "HRB 1", "address": {{"country": "DE"}}}},
              "buyer": {{"name": "B", "address": {{"country": "FR"}}}},
              "lines": [{{"description": "x", "quantity": 1, "unit_price": "10", "tax_rate": "0",
                          "tax_category": "{category}", "tax_exemption_reason": "why"}}]}}"#
        )
    };
    let messages = |json: &str| -> Vec<(String, String)> {
        requirements(&issued(json), Profile::En16931).into_iter().map(|p| (p.path, p.message)).collect()
    };
    // AE without the buyer's VAT id is refused by every check now (SPEC 15,
    // `missing_field`); with a legal id only, the profile still names BR-AE-02's seller side.
    let ae = messages(&base("AE", "").replace(r#""name": "B","#, r#""name": "B", "vat_id": "FR1","#));
    assert!(ae.iter().any(|(p, m)| p == "/seller/vat_id" && m.contains("BR-AE-02")), "{ae:?}");
    let k = messages(&base("K", ""));
    assert!(k.iter().any(|(p, m)| p == "/delivery_date" && m.contains("BR-IC-11")), "{k:?}");
    assert!(k.iter().any(|(p, m)| p == "/buyer/vat_id" && m.contains("BR-IC-02")), "{k:?}");
    let k_ok = messages(
        &base("K", r#""delivery_date": "2026-11-20", "#)
            .replace(r#""legal_id": "HRB 1""#, r#""vat_id": "DE1""#)
            .replace(r#""name": "B","#, r#""name": "B", "vat_id": "FR1","#),
    );
    assert!(k_ok.is_empty(), "{k_ok:?}");
    let g = messages(&base("G", ""));
    assert!(g.iter().any(|(p, m)| p == "/seller/vat_id" && m.contains("BR-G-02")), "{g:?}");
}

#[test]
fn unsupported_format_profile_pairs_and_drafts_are_refused() {
    assert!(check_pair(Format::Facturx, Profile::Xrechnung).is_err());
    assert!(check_pair(Format::Cii, Profile::Peppol).is_err());
    assert!(check_pair(Format::Ubl, Profile::Peppol).is_ok());
    let mut inv = issued(DRAFT);
    assert!(matches!(render_xml(&inv, Format::Cii, Profile::Peppol), Err(Error::Usage(_))));
    inv.number = None;
    let Err(Error::Invalid { problems }) = render_xml(&inv, Format::Ubl, Profile::En16931) else { panic!() };
    assert_eq!(codes_at(&problems), [("", Code::EinvoiceRequirement)]);
}

#[test]
fn facturx_embeds_the_cii_and_the_fx_metadata_deterministically() {
    let inv = issued(DRAFT);
    let a = facturx::render(&inv, crate::render::Paper::A4, Profile::En16931, None).unwrap();
    let b = facturx::render(&inv, crate::render::Paper::A4, Profile::En16931, None).unwrap();
    assert_eq!(a, b, "same invoice, same bytes");
    let doc = lopdf::Document::load_mem(&a).unwrap();
    let catalog = doc.catalog().unwrap();
    let metadata = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let xmp = String::from_utf8(metadata.as_stream().unwrap().content.clone()).unwrap();
    for needle in [
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<fx:DocumentType>INVOICE</fx:DocumentType>",
        "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>",
        "<fx:Version>1.0</fx:Version>",
        "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
        "<pdfaSchema:prefix>fx</pdfaSchema:prefix>",
    ] {
        assert!(xmp.contains(needle), "XMP lacks {needle}");
    }
    // The embedded file: the name tree entry, its AFRelationship and MIME type, and
    // bytes equal to the CII the invoice gives on its own.
    let names = catalog.get(b"Names").unwrap().as_dict().unwrap();
    let files = names.get(b"EmbeddedFiles").unwrap().as_dict().unwrap();
    let list = files.get(b"Names").unwrap().as_array().unwrap();
    assert_eq!(list[0].as_str().unwrap(), b"factur-x.xml");
    let spec = doc.get_object(list[1].as_reference().unwrap()).unwrap().as_dict().unwrap();
    assert_eq!(spec.get(b"AFRelationship").unwrap().as_name().unwrap(), b"Alternative");
    let ef = spec.get(b"EF").unwrap().as_dict().unwrap();
    let stream = doc.get_object(ef.get(b"F").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    assert_eq!(stream.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"text/xml");
    let embedded = stream.decompressed_content().unwrap();
    assert_eq!(embedded, cii::write(&inv, Profile::En16931).unwrap());
    assert!(catalog.get(b"AF").is_ok(), "the catalog lists the associated file");
}

/// Issue #13: an SVG logo with transparency and text still gives a valid PDF/A-3b
/// (krilla validates the archive on export and refuses what PDF/A forbids).
#[test]
fn facturx_draws_an_svg_logo_within_pdfa() {
    let inv = issued(DRAFT);
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1f3a5f" opacity="0.5"/><text x="10" y="28" font-size="20" fill="#fff">Acme</text></svg>"##;
    let logo = crate::render::logo::Logo::from_bytes(svg.to_vec()).unwrap();
    let with = facturx::render(&inv, crate::render::Paper::A4, Profile::En16931, Some(&logo)).unwrap();
    let without = facturx::render(&inv, crate::render::Paper::A4, Profile::En16931, None).unwrap();
    assert!(with.len() > without.len(), "the logo adds drawing operations");
}
