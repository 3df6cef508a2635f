//! The reader on small hand-written documents: what lands where, what is unread, what fails.

use einvoice_rules::Syntax;
use rust_decimal::Decimal;

use super::{ReadError, Received, parse_decimal, read};
use crate::invoice::model::{DocumentType, PaymentMeans, TaxCategory};

fn dec(s: &str) -> Decimal {
    parse_decimal(s).unwrap_or_default()
}

fn read_text(xml: &str) -> Result<Received, ReadError> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| ReadError::Invalid(e.to_string()))?;
    let root = doc.root_element();
    let syntax = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name())
        .ok_or_else(|| ReadError::Unsupported("root".to_owned()))?;
    read(&doc, syntax)
}

/// A small UBL invoice; `extra_root` goes after the notes, `line_extra` into the line's item.
fn ubl(extra_root: &str, line_extra: &str, issue: &str, category: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>R-17</cbc:ID>
  {issue}
  <cbc:DueDate>2026-12-31</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:Note>first</cbc:Note>
  <cbc:Note>second</cbc:Note>
  {extra_root}
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="EM">s@example.com</cbc:EndpointID>
    <cac:PostalAddress><cbc:StreetName>Main 1</cbc:StreetName><cbc:CityName>Berlin</cbc:CityName>
      <cbc:PostalZone>10115</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    <cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Seller GmbH</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Buyer AG</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>DE89370400440532013000</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">1.9</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">10</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">1.9</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">10</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">10</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">11.9</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">11.90</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID>
    <cbc:InvoicedQuantity unitCode="HUR">2.5</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">10</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Work</cbc:Name>{line_extra}
      <cac:ClassifiedTaxCategory><cbc:ID>{category}</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">4</cbc:PriceAmount></cac:Price>
  </cac:InvoiceLine>
</Invoice>"#
    )
}

const ISSUE: &str = "<cbc:IssueDate>2026-12-01</cbc:IssueDate>";

#[test]
fn a_ubl_invoice_reads_into_the_model_with_amounts_as_written() {
    let received = read_text(&ubl("", "", ISSUE, "S")).unwrap();
    let inv = &received.invoice;
    assert_eq!(inv.number.as_deref(), Some("R-17"));
    assert_eq!(inv.kind, DocumentType::Invoice);
    assert_eq!(inv.issue_date.to_string(), "2026-12-01");
    assert_eq!(inv.due_date.to_string(), "2026-12-31");
    assert_eq!(inv.notes.as_deref(), Some("first\nsecond"));
    assert_eq!(inv.seller.name.as_deref(), Some("Seller GmbH"));
    assert_eq!(inv.seller.vat_id.as_deref(), Some("DE123456789"));
    let ea = inv.seller.electronic_address.clone().unwrap_or_default();
    assert_eq!((ea.scheme.as_deref(), ea.id.as_deref()), (Some("EM"), Some("s@example.com")));
    let address = inv.seller.address.clone().unwrap_or_default();
    assert_eq!(address.lines, vec!["Main 1".to_owned()]);
    assert_eq!(address.postal_code.as_deref(), Some("10115"));
    assert_eq!(inv.buyer.name.as_deref(), Some("Buyer AG"));
    let line = &inv.lines[0];
    assert_eq!((line.quantity.to_string(), line.unit.as_str()), ("2.5".to_owned(), "HUR"));
    assert_eq!((line.unit_price, line.net, line.tax_rate), (dec("4"), dec("10"), dec("19")));
    assert_eq!(line.tax_category, TaxCategory::S);
    // As written: `11.9` keeps its one decimal, `11.90` its two.
    assert_eq!(inv.totals.gross.to_string(), "11.9");
    assert_eq!(inv.totals.due.to_string(), "11.90");
    // Absent BT-113 is zero in the currency's minor units.
    assert_eq!(inv.totals.prepaid.to_string(), "0.00");
    let payment = inv.payment.clone().unwrap_or_default();
    assert_eq!(payment.means, Some(PaymentMeans::SepaCreditTransfer));
    assert_eq!(payment.iban.as_deref(), Some("DE89370400440532013000"));
    assert_eq!(received.specification.as_deref(), Some("urn:cen.eu:en16931:2017"));
    assert!(received.unread.is_empty(), "{:?}", received.unread);
    assert!(received.warnings.is_empty(), "{:?}", received.warnings);
}

#[test]
fn elements_and_attributes_without_a_place_are_listed_once_by_their_top_element() {
    let extra = r#"<cbc:AccountingCost>4711</cbc:AccountingCost>
        <cac:ProjectReference><cbc:ID>P1</cbc:ID></cac:ProjectReference>"#;
    let item = r#"<cac:SellersItemIdentification><cbc:ID>A-1</cbc:ID></cac:SellersItemIdentification>"#;
    let xml = ubl(extra, item, ISSUE, "S")
        .replace("<cbc:Note>first</cbc:Note>", "<cbc:Note languageID=\"de\">first</cbc:Note>");
    let received = read_text(&xml).unwrap();
    assert_eq!(
        received.unread,
        vec![
            "/ubl:Invoice/cbc:Note[1]/@languageID",
            "/ubl:Invoice/cbc:AccountingCost",
            "/ubl:Invoice/cac:ProjectReference",
            "/ubl:Invoice/cac:InvoiceLine/cac:Item/cac:SellersItemIdentification",
        ]
    );
}

#[test]
fn a_missing_issue_date_is_a_read_error_naming_bt_2() {
    let err = read_text(&ubl("", "", "", "S")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("BT-2") && err.contains("cbc:IssueDate"), "{err}");
    let err = read_text(&ubl("", "", "<cbc:IssueDate>01.12.2026</cbc:IssueDate>", "S"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("BT-2") && err.contains("01.12.2026"), "{err}");
}

#[test]
fn a_vat_category_outside_the_model_is_a_read_error() {
    let err = read_text(&ubl("", "", ISSUE, "L")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("VAT category `L`"), "{err}");
}

#[test]
fn a_type_code_and_a_means_code_the_model_cannot_hold_stay_unread_with_a_warning() {
    let xml = ubl("", "", ISSUE, "S")
        .replace("<cbc:InvoiceTypeCode>380", "<cbc:InvoiceTypeCode>326")
        .replace("<cbc:PaymentMeansCode>58", "<cbc:PaymentMeansCode>31");
    let received = read_text(&xml).unwrap();
    assert_eq!(received.invoice.kind, DocumentType::Invoice);
    assert_eq!(received.invoice.payment.and_then(|p| p.means), Some(PaymentMeans::Other));
    assert!(received.unread.contains(&"/ubl:Invoice/cbc:InvoiceTypeCode".to_owned()), "{:?}", received.unread);
    assert!(
        received.unread.contains(&"/ubl:Invoice/cac:PaymentMeans/cbc:PaymentMeansCode".to_owned()),
        "{:?}",
        received.unread
    );
    assert_eq!(received.warnings.len(), 2, "{:?}", received.warnings);
}

#[test]
fn an_absent_due_date_is_the_issue_date_with_a_warning() {
    let xml = ubl("", "", ISSUE, "S").replace("<cbc:DueDate>2026-12-31</cbc:DueDate>", "");
    let received = read_text(&xml).unwrap();
    assert_eq!(received.invoice.due_date, received.invoice.issue_date);
    assert!(received.warnings.iter().any(|w| w.contains("BT-9")), "{:?}", received.warnings);
}

#[test]
fn a_line_allowance_that_disagrees_with_the_net_stays_unread() {
    let xml = ubl("", "", ISSUE, "S").replace(
        "<cac:Item>",
        r#"<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:Amount currencyID="EUR">3</cbc:Amount></cac:AllowanceCharge><cac:Item>"#,
    );
    let received = read_text(&xml).unwrap();
    assert_eq!(received.invoice.lines[0].net, dec("10"), "the net as stated");
    assert!(received.unread.contains(&"/ubl:Invoice/cac:InvoiceLine/cac:AllowanceCharge".to_owned()));
    // One that agrees (2.5 × 4 = 10, − 2 = 8) is the line's discount.
    let xml = ubl("", "", ISSUE, "S")
        .replace(
            r#"<cbc:LineExtensionAmount currencyID="EUR">10</cbc:LineExtensionAmount>
    <cac:Item>"#,
            r#"<cbc:LineExtensionAmount currencyID="EUR">8</cbc:LineExtensionAmount>
    <cac:Item>"#,
        )
        .replace(
            "<cac:Item>",
            r#"<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Discount</cbc:AllowanceChargeReason><cbc:MultiplierFactorNumeric>20</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">2.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">10.00</cbc:BaseAmount></cac:AllowanceCharge><cac:Item>"#,
        );
    let received = read_text(&xml).unwrap();
    assert_eq!(received.invoice.lines[0].discount_percent, Some(dec("20")));
    assert!(received.unread.is_empty(), "{:?}", received.unread);
}

#[test]
fn a_wrong_root_for_the_syntax_is_refused() {
    let xml = ubl("", "", ISSUE, "S");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|_| unreachable_doc());
    assert!(matches!(read(&doc, Syntax::Cii), Err(ReadError::Unsupported(_))));
}

fn unreachable_doc() -> roxmltree::Document<'static> {
    // A parse failure of the fixture fails the assertion after it.
    roxmltree::Document::parse("<x/>").unwrap_or_else(|_| std::process::abort())
}

const CII: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument><ram:ID>C-1</ram:ID><ram:TypeCode>381</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">DATE</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Refund</ram:Name><ram:GlobalID schemeID="0160">4000001</ram:GlobalID></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>100</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>E</ram:CategoryCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>S</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR12345678901</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>B</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>0.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
        <ram:ExemptionReason>Exempt</ram:ExemptionReason><ram:BasisAmount>100.00</ram:BasisAmount>
        <ram:CategoryCode>E</ram:CategoryCode><ram:RateApplicablePercent>0</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>100.00</ram:LineTotalAmount><ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">0.00</ram:TaxTotalAmount><ram:GrandTotalAmount>100.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>100.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>"#;

#[test]
fn a_cii_credit_note_reads_with_its_group_reason_and_unread_product_id() {
    let received = read_text(&CII.replace("DATE", "20261130")).unwrap();
    let inv = &received.invoice;
    assert_eq!(inv.kind, DocumentType::CreditNote);
    assert_eq!(inv.issue_date.to_string(), "2026-11-30");
    assert_eq!(inv.seller.vat_id.as_deref(), Some("FR12345678901"));
    assert_eq!(inv.lines[0].tax_category, TaxCategory::E);
    // BT-120 is the group's; its lines get it.
    assert_eq!(inv.lines[0].tax_exemption_reason.as_deref(), Some("Exempt"));
    assert_eq!(inv.totals.tax_total.to_string(), "0.00");
    assert_eq!(
        received.unread,
        vec![
            "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct/ram:GlobalID"
        ]
    );
    // The only remark: no due date (a credit note asks for none).
    assert_eq!(received.warnings.len(), 1, "{:?}", received.warnings);
}

#[test]
fn a_cii_date_in_another_format_is_a_read_error_for_bt_2() {
    let err = read_text(&CII.replace("DATE", "2026-11-30")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("BT-2") && err.contains("2026-11-30"), "{err}");
    let err = read_text(&CII.replace("format=\"102\"", "format=\"610\"").replace("DATE", "202611"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("BT-2") && err.contains("610"), "{err}");
}

#[test]
fn decimals_are_read_as_xml_schema_writes_them() {
    assert_eq!(parse_decimal("12.50").map(|d| d.to_string()), Some("12.50".to_owned()));
    assert_eq!(parse_decimal("+3").map(|d| d.to_string()), Some("3".to_owned()));
    assert_eq!(parse_decimal("-.5").map(|d| d.to_string()), Some("-0.5".to_owned()));
    assert_eq!(parse_decimal("7.").map(|d| d.to_string()), Some("7".to_owned()));
    for bad in ["", "1e3", "1,5", "1.2.3", "abc", "-", "."] {
        assert_eq!(parse_decimal(bad), None, "{bad}");
    }
}

#[test]
fn a_flood_of_unknown_elements_is_listed_up_to_the_cap_in_linear_time() {
    let flood = "<cbc:Foo>x</cbc:Foo>".repeat(200_000);
    let started = std::time::Instant::now();
    let received = read_text(&ubl(&flood, "", ISSUE, "S")).unwrap();
    assert_eq!(received.unread.len(), super::MAX_LISTED);
    assert_eq!(received.unread[1], "/ubl:Invoice/cbc:Foo[2]");
    let last = received.warnings.last().cloned().unwrap_or_default();
    assert!(last.starts_with(&format!("{} further unread", 200_000 - super::MAX_LISTED)), "{last}");
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}
