//! Rule-aimed faults the generic families miss (issue #25: "every rule that can fire, fired at
//! least once"). Each fault names a chain of element names (the last one the node it changes,
//! the others its nearest ancestors) and is made once, on the first node of the first example of
//! its syntax (and of the XRechnung suite when the rule is an XRechnung one) where the fault
//! applies.
//!
//! A step `AllowanceCharge-` / `AllowanceCharge+` (or `SpecifiedTradeAllowanceCharge±`) matches
//! an allowance / a charge only; `A|B` matches either name. A step may carry conditions, each in
//! brackets: `[PATH]` (PATH exists), `[PATH=V]` (some value of PATH is V), `[PATH!=V]` (some value
//! of PATH is not V), where PATH is child names joined by `/`, `.` for the element itself, and may
//! end in `@attribute` (`PartyIdentification[ID/@schemeID=SEPA]`).

use std::str::FromStr;

use roxmltree::{Document, Node};
use rust_decimal::Decimal;

use super::{Base, Corpus, edit};

/// What a fault does to the node it found.
enum Fault {
    /// A third decimal (BR-DEC-*).
    Decimals,
    /// The value `-1`.
    Negative,
    /// The node written twice (`count(...) <= 1`).
    Twice,
    /// The node written three times (`count(...) <= 2`).
    Thrice,
    /// Another text content.
    Value(&'static str),
    /// An attribute added (or set).
    Attribute(&'static str, &'static str),
    /// An attribute removed.
    RemoveAttribute(&'static str),
    /// These children removed.
    Remove(&'static [&'static str]),
    /// A new sibling element (in the node's namespace prefix) with this local name and content,
    /// written this many times right after the node.
    Sibling(&'static str, &'static str, usize),
    /// Markup appended as the node's last child (it declares its own namespaces, so it means the
    /// same whatever prefixes the example uses).
    Child(&'static str),
    /// The VAT category code set to the first value and the rate to the second.
    Category(&'static str, &'static str),
    /// As `Category`, and the rate also written right after the node, as a sibling: CII's
    /// BR-AF-08 / BR-AG-08 read their rates from `../ram:RateApplicablePercent`, the parent of
    /// the VAT breakdown, where the XML Schema has no such element; a copy there (an XSD error
    /// too) is the only thing their `every $rate in ...` can range over.
    CategoryAndStrayRate(&'static str, &'static str),
    /// The inner fault made on every node of the example the chain matches (from the last back,
    /// so the earlier positions stay valid), when there are at least this many.
    All(usize, &'static Fault),
}

/// One fault: its syntax, whether it needs an XRechnung example, the element chain, the fault,
/// and the rules it aims at (part of the copy's name).
struct Target {
    ubl: bool,
    xrechnung: bool,
    /// Text the example's BT-24 must contain (`""`: any).
    bt24: &'static str,
    /// A chain some node of the example must match as well (`&[]`: none).
    needs: &'static [&'static str],
    /// The BT-24 the copy declares instead of the example's (`""`: the example's).
    declare: &'static str,
    chain: &'static [&'static str],
    fault: Fault,
    rules: &'static str,
}

impl Target {
    /// Only on an example that also has a node matching `chain`.
    const fn needs(self, chain: &'static [&'static str]) -> Target {
        Target { needs: chain, ..self }
    }
}

const fn t(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { ubl, xrechnung: false, bt24: "", needs: &[], declare: "", chain, fault, rules }
}

const fn xr(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { xrechnung: true, ..t(ubl, chain, fault, rules) }
}

/// An XRechnung extension fault (BT-24 declares the extension).
const fn ext(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { bt24: "kosit:extension:xrechnung", ..xr(ubl, chain, fault, rules) }
}

/// An XRechnung extension fault on an XRechnung example whose BT-24 the copy changes to the
/// extension's (the suite's extension examples lack the node).
const fn to_ext(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { declare: super::XRECHNUNG_EXTENSION, ..xr(ubl, chain, fault, rules) }
}

/// An XRechnung CVD fault (BT-24 declares the Clean Vehicles Directive CIUS).
const fn cvd(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { bt24: "xrechnung:cvd", ..xr(ubl, chain, fault, rules) }
}

/// BT-24 of an XRechnung version no KoSIT 3.0 scenario knows (BR-DE-21).
const XRECHNUNG_23: &str = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_2.3";

const UBL: bool = true;
const CII: bool = false;
const ROOT: &str = "Invoice|CreditNote";
const LINE: &str = "InvoiceLine|CreditNoteLine";

const TARGETS: &[Target] = &[
    // UBL, CEN
    t(UBL, &[ROOT, "AllowanceCharge-", "BaseAmount"], Fault::Decimals, "BR-DEC-02"),
    t(UBL, &["LegalMonetaryTotal", "PayableRoundingAmount"], Fault::Decimals, "BR-DEC-17"),
    t(UBL, &[LINE, "AllowanceCharge-", "Amount"], Fault::Decimals, "BR-DEC-24"),
    t(UBL, &[LINE, "AllowanceCharge-", "BaseAmount"], Fault::Decimals, "BR-DEC-25"),
    t(UBL, &[LINE, "AllowanceCharge+", "Amount"], Fault::Decimals, "BR-DEC-27"),
    t(UBL, &[LINE, "AllowanceCharge+", "BaseAmount"], Fault::Decimals, "BR-DEC-28"),
    t(UBL, &["Price", "AllowanceCharge", "BaseAmount"], Fault::Negative, "BR-28"),
    t(
        UBL,
        &[ROOT, "AllowanceCharge-"],
        Fault::Remove(&["AllowanceChargeReason", "AllowanceChargeReasonCode"]),
        "BR-33",
    ),
    // ZZZ ("mutually defined") is in UNCL4451: QQQ is not.
    t(UBL, &[ROOT, "Note"], Fault::Value("#QQQ#an unknown subject code"), "BR-CL-08"),
    t(
        UBL,
        &["AccountingSupplierParty", "Party", "PartyTaxScheme", "CompanyID"],
        Fault::Value("ZZ123456789"),
        "BR-CO-09",
    ),
    t(UBL, &["CardAccount", "PrimaryAccountNumberID"], Fault::Value("123456789012345"), "BR-51"),
    t(UBL, &["Item", "ClassifiedTaxCategory"], Fault::Category("L", "-1"), "BR-AF-05"),
    t(UBL, &["Item", "ClassifiedTaxCategory"], Fault::Category("M", "-1"), "BR-AG-05"),
    t(UBL, &[ROOT, "AllowanceCharge-", "TaxCategory"], Fault::Category("L", "-1"), "BR-AF-06"),
    t(UBL, &[ROOT, "AllowanceCharge-", "TaxCategory"], Fault::Category("M", "-1"), "BR-AG-06"),
    t(UBL, &[ROOT, "AllowanceCharge+", "TaxCategory"], Fault::Category("L", "-1"), "BR-AF-07"),
    t(UBL, &[ROOT, "AllowanceCharge+", "TaxCategory"], Fault::Category("M", "-1"), "BR-AG-07"),
    t(UBL, &[ROOT, "UBLVersionID"], Fault::Value("2.2"), "UBL-CR-002"),
    t(UBL, &[ROOT, "ID"], Fault::Attribute("name", "x"), "UBL-DT-18"),
    t(UBL, &["AccountingSupplierParty", "Party", "PartyLegalEntity", "RegistrationName"], Fault::Twice, "UBL-SR-09"),
    t(UBL, &["AccountingSupplierParty", "Party", "PartyTaxScheme", "CompanyID"], Fault::Twice, "UBL-SR-12"),
    t(UBL, &["AccountingCustomerParty", "Party", "PartyLegalEntity", "RegistrationName"], Fault::Twice, "UBL-SR-15"),
    // A second VAT registration, not a second CompanyID in one: BR-CO-09 reads one scheme's
    // CompanyID with substring(), which stops the sheet on a sequence of two.
    t(UBL, &["AccountingCustomerParty", "Party", "PartyTaxScheme[TaxScheme/ID=VAT]"], Fault::Twice, "UBL-SR-18"),
    t(
        UBL,
        &["AccountingSupplierParty", "Party", "PartyTaxScheme[TaxScheme/ID!=VAT]", "CompanyID"],
        Fault::Twice,
        "UBL-SR-13",
    ),
    t(UBL, &[ROOT, "AdditionalDocumentReference[DocumentTypeCode=130]"], Fault::Twice, "UBL-SR-04"),
    t(
        UBL,
        &[ROOT, "AdditionalDocumentReference", "DocumentTypeCode[.=130]"],
        Fault::Sibling("DocumentDescription", "an object's description", 1),
        "UBL-CR-673",
    ),
    t(UBL, &["PartyIdentification[ID/@schemeID=SEPA]"], Fault::Twice, "UBL-SR-29"),
    t(
        UBL,
        &[ROOT, "PaymentMeans", "PaymentMeansCode"],
        Fault::All(2, &Fault::Attribute("name", "Credit transfer")),
        "UBL-SR-46",
    ),
    // The breakdown says "not subject to VAT" while a document allowance and charge keep theirs.
    t(UBL, &["TaxSubtotal", "TaxCategory", "ID"], Fault::Value("O"), "BR-O-13-BR-O-14")
        .needs(&[ROOT, "AllowanceCharge-[TaxCategory/ID!=O]"]),
    t(UBL, &["PaymentMeans", "PaymentMeansCode"], Fault::Twice, "UBL-SR-27"),
    t(UBL, &["TaxRepresentativeParty", "PartyName", "Name"], Fault::Twice, "UBL-SR-22"),
    // A second parent breaks UBL-SR-09/15/22's counts too, and stops the sheet all the same
    // (unreachable.txt: a rule reads the names with normalize-space()).
    t(UBL, &["AccountingSupplierParty", "Party", "PartyLegalEntity"], Fault::Twice, "UBL-SR-09"),
    t(UBL, &["AccountingCustomerParty", "Party", "PartyLegalEntity"], Fault::Twice, "UBL-SR-15"),
    t(UBL, &["TaxRepresentativeParty", "PartyName"], Fault::Twice, "UBL-SR-22"),
    // A second registration, not a second CompanyID in one (which stops the sheet, as UBL-SR-18's).
    t(UBL, &["TaxRepresentativeParty", "PartyTaxScheme"], Fault::Twice, "UBL-SR-23"),
    t(UBL, &["PostalAddress", "AddressLine"], Fault::Twice, "UBL-SR-51"),
    t(UBL, &["AccountingSupplierParty", "Party", "PartyTaxScheme"], Fault::Thrice, "UBL-SR-42"),
    t(UBL, &["TaxSubtotal", "TaxCategory"], Fault::Category("L", "7"), "BR-AF-09"),
    t(UBL, &["TaxSubtotal", "TaxCategory"], Fault::Category("M", "7"), "BR-AG-09"),
    t(UBL, &["AdditionalDocumentReference", "ID"], Fault::Attribute("schemeID", "x"), "UBL-CR-665"),
    t(UBL, &[ROOT, "CustomizationID"], Fault::Sibling("UBLVersionID", "2.2", 1), "UBL-CR-002"),
    t(UBL, &["PaymentMeans", "PaymentMeansCode"], Fault::Sibling("PaymentDueDate", "2020-01-01", 1), "UBL-CR-412"),
    t(UBL, &["PaymentMeans", "PaymentMeansCode"], Fault::Sibling("PaymentDueDate", "2020-01-01", 2), "UBL-SR-45"),
    t(UBL, &["PaymentMeans", "PaymentID"], Fault::Sibling("PaymentID", "another", 1), "UBL-SR-44"),
    t(UBL, &["AdditionalDocumentReference", "ID"], Fault::Sibling("DocumentTypeCode", "130", 1), "UBL-CR-666"),
    // UBL, XRechnung
    xr(UBL, &["Price", "BaseQuantity"], Fault::Value("0"), "PEPPOL-EN16931-R121"),
    // A line period outside the invoice period (the rules need the invoice period).
    xr(UBL, &["InvoiceLine", "InvoicePeriod", "StartDate"], Fault::Value("1900-01-01"), "PEPPOL-EN16931-R110")
        .needs(&[ROOT, "InvoicePeriod", "StartDate"]),
    xr(UBL, &["InvoiceLine", "InvoicePeriod", "EndDate"], Fault::Value("2999-12-31"), "PEPPOL-EN16931-R111").needs(&[
        ROOT,
        "InvoicePeriod",
        "EndDate",
    ]),
    xr(UBL, &["AllowanceCharge", "MultiplierFactorNumeric"], Fault::Value("99"), "PEPPOL-EN16931-R040"),
    xr(UBL, &[ROOT, "PaymentMeans[PaymentMeansCode=58]"], Fault::Remove(&["PayeeFinancialAccount"]), "BR-DE-23-a"),
    xr(
        UBL,
        &[ROOT, "PaymentMeans[PaymentMeansCode=58]"],
        Fault::Child(concat!(
            r#"<cac:PaymentMandate xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">"#,
            r#"<cbc:ID xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">M-1</cbc:ID>"#,
            "</cac:PaymentMandate>"
        )),
        "BR-DE-23-b",
    ),
    to_ext(UBL, &["EmbeddedDocumentBinaryObject"], Fault::Attribute("mimeCode", "application/x-unknown"), "BR-DEX-01"),
    ext(UBL, &["PartyLegalEntity", "CompanyID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-05"),
    to_ext(UBL, &["StandardItemIdentification", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-06"),
    to_ext(UBL, &["DeliveryLocation", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-08"),
    ext(UBL, &["PrepaidPayment", "PaidAmount"], Fault::Decimals, "BR-DEX-13"),
    ext(UBL, &["SubInvoiceLine", "Item", "ClassifiedTaxCategory"], Fault::Twice, "BR-DEX-03"),
    cvd(UBL, &["ContractDocumentReference", "ID"], Fault::Value(""), "BR-DE-CVD-01"),
    cvd(UBL, &["OriginatorDocumentReference", "ID"], Fault::Value(""), "BR-DE-CVD-02"),
    cvd(UBL, &["CommodityClassification", "ItemClassificationCode"], Fault::Attribute("listID", "ZZZ"), "BR-DE-CVD-03"),
    cvd(UBL, &["CommodityClassification", "ItemClassificationCode"], Fault::Value("ZZ"), "BR-DE-CVD-04"),
    cvd(UBL, &["AdditionalItemProperty", "Value"], Fault::Value("zz"), "BR-DE-CVD-05"),
    cvd(UBL, &["Item", "AdditionalItemProperty"], Fault::Twice, "BR-DE-CVD-06-a"),
    cvd(UBL, &["Item", "CommodityClassification"], Fault::Twice, "BR-DE-CVD-06-b"),
    // ZZZ is in UNTDID 7143: QQQ is not.
    cvd(
        UBL,
        &["CommodityClassification", "ItemClassificationCode"],
        Fault::Attribute("listID", "QQQ"),
        "BR-TMP-CVD-01",
    ),
    // CII, CEN
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge-", "ActualAmount"],
        Fault::Decimals,
        "BR-DEC-01",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge-", "BasisAmount"],
        Fault::Decimals,
        "BR-DEC-02",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge+", "ActualAmount"],
        Fault::Decimals,
        "BR-DEC-05",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge+", "BasisAmount"],
        Fault::Decimals,
        "BR-DEC-06",
    ),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "AllowanceTotalAmount"], Fault::Decimals, "BR-DEC-10"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "ChargeTotalAmount"], Fault::Decimals, "BR-DEC-11"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "TotalPrepaidAmount"], Fault::Decimals, "BR-DEC-16"),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge-", "ActualAmount"],
        Fault::Decimals,
        "BR-DEC-24",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge-", "BasisAmount"],
        Fault::Decimals,
        "BR-DEC-25",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge+", "ActualAmount"],
        Fault::Decimals,
        "BR-DEC-27",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge+", "BasisAmount"],
        Fault::Decimals,
        "BR-DEC-28",
    ),
    t(CII, &["GrossPriceProductTradePrice", "ChargeAmount"], Fault::Negative, "BR-28"),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge-"],
        Fault::Remove(&["Reason", "ReasonCode"]),
        "BR-33",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge+"],
        Fault::Remove(&["Reason", "ReasonCode"]),
        "BR-38",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge-"],
        Fault::Remove(&["Reason", "ReasonCode"]),
        "BR-42",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge+"],
        Fault::Remove(&["Reason", "ReasonCode"]),
        "BR-44",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge-"],
        Fault::Remove(&["ActualAmount"]),
        "BR-31",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge+"],
        Fault::Remove(&["ActualAmount"]),
        "BR-36",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge+"],
        Fault::Remove(&["CategoryTradeTax"]),
        "BR-37",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge+"],
        Fault::Remove(&["ActualAmount"]),
        "BR-43",
    ),
    t(CII, &["SpecifiedTradeAllowanceCharge-", "CategoryTradeTax"], Fault::Category("L", "-1"), "BR-AF-06"),
    t(CII, &["SpecifiedTradeAllowanceCharge-", "CategoryTradeTax"], Fault::Category("M", "-1"), "BR-AG-06"),
    t(CII, &["SpecifiedTradeAllowanceCharge+", "CategoryTradeTax"], Fault::Category("L", "-1"), "BR-AF-07"),
    t(CII, &["SpecifiedTradeAllowanceCharge+", "CategoryTradeTax"], Fault::Category("M", "-1"), "BR-AG-07"),
    t(CII, &["ApplicableTradeSettlementFinancialCard", "ID"], Fault::Value("123456789012345"), "BR-51"),
    t(
        CII,
        &["AdditionalReferencedDocument", "AttachmentBinaryObject"],
        Fault::Attribute("mimeCode", "application/x-unknown"),
        "BR-CL-24",
    ),
    t(CII, &["ExchangedDocument", "TypeCode"], Fault::Attribute("listID", "x"), "CII-DT-010"),
    t(CII, &["ExchangedDocument", "TypeCode"], Fault::Attribute("listAgencyID", "x"), "CII-DT-011"),
    t(CII, &["ExchangedDocument", "TypeCode"], Fault::Attribute("listVersionID", "x"), "CII-DT-012"),
    t(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeName", "x"), "CII-DT-101"),
    t(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeAgencyName", "x"), "CII-DT-102"),
    t(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeDataURI", "x"), "CII-DT-103"),
    t(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeURI", "x"), "CII-DT-104"),
    t(CII, &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax", "TypeCode"], Fault::Value("GST"), "CII-DT-037"),
    t(CII, &["AdditionalReferencedDocument", "TypeCode"], Fault::Value("999"), "CII-DT-018"),
    t(CII, &["ApplicableHeaderTradeSettlement", "PaymentReference"], Fault::Twice, "CII-SR-469"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "LineTotalAmount"], Fault::Twice, "CII-SR-4xx"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "ChargeTotalAmount"], Fault::Twice, "CII-SR-4xx"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "AllowanceTotalAmount"], Fault::Twice, "CII-SR-4xx"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "TaxBasisTotalAmount"], Fault::Twice, "CII-SR-480"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "RoundingAmount"], Fault::Twice, "CII-SR-481"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"], Fault::Twice, "CII-SR-482"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "TotalPrepaidAmount"], Fault::Twice, "CII-SR-484"),
    t(CII, &["SpecifiedTradeSettlementHeaderMonetarySummation", "DuePayableAmount"], Fault::Twice, "CII-SR-487"),
    t(CII, &["SpecifiedLineTradeSettlement", "ApplicableTradeTax"], Fault::Category("M", "-1"), "BR-AG-05"),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax"],
        Fault::CategoryAndStrayRate("L", "7"),
        "BR-AF-08",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax"],
        Fault::CategoryAndStrayRate("M", "7"),
        "BR-AG-08",
    ),
    t(
        CII,
        &["SupplyChainTradeTransaction", "ApplicableHeaderTradeSettlement"],
        Fault::Remove(&["ApplicableTradeTax"]),
        "BR-CO-18",
    ),
    // The breakdown says "not subject to VAT" while a document allowance or charge keeps its category.
    t(
        CII,
        &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax", "CategoryCode"],
        Fault::Value("O"),
        "BR-O-13-BR-O-14",
    )
    .needs(&["ApplicableHeaderTradeSettlement", "SpecifiedTradeAllowanceCharge[CategoryTradeTax/CategoryCode!=O]"]),
    // No line states its quantity's unit while a price's base quantity does.
    t(
        CII,
        &["SpecifiedLineTradeDelivery", "BilledQuantity"],
        Fault::All(1, &Fault::RemoveAttribute("unitCode")),
        "CII-DT-033",
    )
    .needs(&["BasisQuantity[@unitCode]"]),
    // A second due date code, another one (in the same breakdown: an XSD error too, which does
    // not keep the rule from running).
    t(CII, &["ApplicableTradeTax", "DueDateTypeCode"], Fault::Sibling("DueDateTypeCode", "29", 1), "CII-SR-462"),
    t(
        CII,
        &["AdditionalReferencedDocument", "IssuerAssignedID"],
        Fault::Sibling("FormattedIssueDateTime", "", 1),
        "CII-DT-027",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "ApplicableTradeTax", "TypeCode"],
        Fault::Sibling("BasisAmount", "1.00", 1),
        "CII-DT-041",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "ApplicableTradeTax", "TypeCode"],
        Fault::Sibling("TaxPointDate", "", 1),
        "CII-DT-054",
    ),
    t(
        CII,
        &["SpecifiedLineTradeSettlement", "ApplicableTradeTax", "TypeCode"],
        Fault::Sibling("DueDateTypeCode", "5", 1),
        "CII-DT-058",
    ),
    t(CII, &["CategoryTradeTax", "TypeCode"], Fault::Sibling("ExemptionReasonCode", "VATEX-EU-O", 1), "CII-DT-052"),
    t(CII, &["CategoryTradeTax", "TypeCode"], Fault::Sibling("ExemptionReason", "x", 1), "CII-DT-098"),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("InformationAmount", "0.00", 2),
        "CII-SR-483",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("TotalDiscountAmount", "0.00", 2),
        "CII-SR-485",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("TotalAllowanceChargeAmount", "0.00", 2),
        "CII-SR-486",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("RetailValueExcludingTaxInformationAmount", "0.00", 2),
        "CII-SR-488",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("TotalDepositFeeInformationAmount", "0.00", 2),
        "CII-SR-489",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("ProductValueExcludingTobaccoTaxInformationAmount", "0.00", 2),
        "CII-SR-490",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("TotalRetailValueInformationAmount", "0.00", 2),
        "CII-SR-491",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("GrossLineTotalAmount", "0.00", 2),
        "CII-SR-492",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("NetLineTotalAmount", "0.00", 2),
        "CII-SR-493",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation", "GrandTotalAmount"],
        Fault::Sibling("NetIncludingTaxesLineTotalAmount", "0.00", 2),
        "CII-SR-494",
    ),
    t(
        CII,
        &["SellerTradeParty", "DefinedTradeContact", "PersonName"],
        Fault::Sibling("DepartmentName", "x", 1),
        "CII-SR-465",
    ),
    t(
        CII,
        &["BuyerTradeParty", "DefinedTradeContact", "PersonName"],
        Fault::Sibling("DepartmentName", "x", 1),
        "CII-SR-466",
    ),
    t(CII, &["ShipToTradeParty", "GlobalID"], Fault::Sibling("ID", "x", 1), "CII-SR-449"),
    t(CII, &["ShipToTradeParty", "ID"], Fault::Sibling("GlobalID", "x", 1), "CII-SR-449"),
    t(CII, &["BuyerTradeParty", "GlobalID"], Fault::Sibling("ID", "x", 1), "CII-SR-450"),
    t(CII, &["BuyerTradeParty", "ID"], Fault::Sibling("GlobalID", "x", 1), "CII-SR-450"),
    t(CII, &["PayeeTradeParty", "GlobalID"], Fault::Sibling("ID", "x", 1), "CII-SR-451"),
    t(CII, &["PayeeTradeParty", "ID"], Fault::Sibling("GlobalID", "x", 1), "CII-SR-451"),
    t(
        CII,
        &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument[TypeCode=50]"],
        Fault::Twice,
        "CII-SR-457",
    ),
    t(
        CII,
        &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument[TypeCode=130]"],
        Fault::Twice,
        "CII-SR-458",
    ),
    t(CII, &["SpecifiedLineTradeSettlement", "AdditionalReferencedDocument[TypeCode=130]"], Fault::Twice, "CII-SR-474"),
    t(
        CII,
        &["SpecifiedTradeAllowanceCharge", "ChargeIndicator"],
        Fault::Sibling("RateApplicablePercent", "7", 2),
        "CII-SR-471",
    ),
    t(
        CII,
        &["SpecifiedTradeSettlementPaymentMeans", "Information"],
        Fault::Sibling("Information", "another", 1),
        "CII-SR-468",
    ),
    // CII, XRechnung
    // R043-1's rule is shadowed by R041's and R042's on an allowance or charge with only one of
    // a percentage and a base amount; one with both reaches it.
    xr(
        CII,
        &["SpecifiedTradeAllowanceCharge[CalculationPercent][BasisAmount]", "ChargeIndicator", "Indicator"],
        Fault::Value("1"),
        "PEPPOL-EN16931-R043-1",
    ),
    xr(CII, &["GuidelineSpecifiedDocumentContextParameter", "ID"], Fault::Value(XRECHNUNG_23), "BR-DE-21"),
    // The VAT total in the document's currency negative, in the VAT accounting currency not.
    xr(
        CII,
        &["SpecifiedTradeSettlementHeaderMonetarySummation[TaxTotalAmount/@currencyID!=EUR]", "TaxTotalAmount"],
        Fault::Negative,
        "PEPPOL-EN16931-R055",
    ),
    xr(
        CII,
        &["NetPriceProductTradePrice", "BasisQuantity"],
        Fault::Attribute("unitCode", "MTK"),
        "PEPPOL-EN16931-R130",
    ),
    xr(
        CII,
        &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument", "URIID"],
        Fault::Value("not a url"),
        "BR-TMP-2",
    ),
    xr(
        CII,
        &["ApplicableHeaderTradeSettlement", "InvoiceCurrencyCode"],
        Fault::Sibling("TaxCurrencyCode", "EUR", 1),
        "PEPPOL-EN16931-R005",
    ),
    to_ext(
        CII,
        &["AdditionalReferencedDocument", "AttachmentBinaryObject"],
        Fault::Attribute("mimeCode", "application/x-unknown"),
        "BR-DEX-01",
    ),
    ext(CII, &["SellerTradeParty", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-04"),
    ext(CII, &["SellerTradeParty", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-05"),
    ext(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-06"),
    ext(CII, &["URIUniversalCommunication", "URIID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-07"),
    to_ext(CII, &["ShipToTradeParty", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-08"),
    ext(CII, &["AssociatedDocumentLineDocument", "LineID"], Fault::Sibling("ParentLineID", "1", 1), "BR-DEX-15"),
    cvd(CII, &["ContractReferencedDocument", "IssuerAssignedID"], Fault::Value(""), "BR-DE-CVD-01"),
    cvd(
        CII,
        &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument", "IssuerAssignedID"],
        Fault::Value(""),
        "BR-DE-CVD-02",
    ),
    cvd(CII, &["DesignatedProductClassification", "ClassCode"], Fault::Attribute("listID", "ZZZ"), "BR-DE-CVD-03"),
    cvd(CII, &["DesignatedProductClassification", "ClassCode"], Fault::Value("ZZ"), "BR-DE-CVD-04"),
    cvd(
        CII,
        &["SpecifiedTradeProduct", "ApplicableProductCharacteristic[Description=cva]"],
        Fault::Twice,
        "BR-DE-CVD-06-a",
    ),
    cvd(CII, &["DesignatedProductClassification", "ClassCode"], Fault::Attribute("listID", "QQQ"), "BR-TMP-CVD-01"),
    cvd(CII, &["SpecifiedTradeProduct", "DesignatedProductClassification"], Fault::Twice, "BR-DE-CVD-06-b"),
];

/// Makes every fault of `TARGETS` once.
pub(super) fn targeted(corpus: &mut Corpus, bases: &[Base<'_, '_>]) {
    for target in TARGETS {
        let made = bases
            .iter()
            .filter(|b| b.ubl == target.ubl && (!target.xrechnung || b.xrechnung))
            .filter(|b| target.bt24.is_empty() || super::bt24(b.doc, b.ubl).iter().any(|id| id.contains(target.bt24)))
            .filter(|b| target.needs.is_empty() || b.doc.descendants().any(|n| matches(n, target.needs)))
            .find_map(|b| {
                b.doc
                    .descendants()
                    .filter(|n| matches(*n, target.chain))
                    .find_map(|n| apply(b.text, n, target))
                    .map(|t| (b, t))
            });
        let Some((base, text)) = made else { continue };
        let text = if target.declare.is_empty() { Some(text) } else { declare(&text, base.ubl, target.declare) };
        if let Some(text) = text {
            corpus.push(base, &format!("targeted-{}", target.rules), text);
        }
    }
}

/// `text` with its BT-24 set to `id` (`None` when the edited copy does not parse or has no BT-24).
fn declare(text: &str, ubl: bool, id: &str) -> Option<String> {
    let doc = Document::parse(text).ok()?;
    let node = *super::bt24_nodes(&doc, ubl).first()?;
    Some(edit::set_content(text, node, id))
}

/// Whether `node` and its nearest ancestors have the names of `chain` (last = `node`).
fn matches(node: Node<'_, '_>, chain: &[&str]) -> bool {
    let mut at = Some(node);
    for step in chain.iter().rev() {
        let Some(n) = at.filter(|n| n.is_element()) else { return false };
        if !step_matches(n, step) {
            return false;
        }
        at = n.parent();
    }
    true
}

fn step_matches(node: Node<'_, '_>, step: &str) -> bool {
    let (head, conditions) = match step.split_once('[') {
        Some((head, rest)) => (head, Some(rest)),
        None => (step, None),
    };
    let (names, charge) = match head.strip_suffix('-') {
        Some(s) => (s, Some(false)),
        None => match head.strip_suffix('+') {
            Some(s) => (s, Some(true)),
            None => (head, None),
        },
    };
    if !names.split('|').any(|name| node.tag_name().name() == name) {
        return false;
    }
    if charge.is_some_and(|want| charge_indicator(node) != Some(want)) {
        return false;
    }
    // `A]`, `B]`, ... of `Name[A][B]`.
    conditions.is_none_or(|rest| rest.split('[').all(|c| condition_holds(node, c.trim_end_matches(']'))))
}

/// `PATH`, `PATH=V` or `PATH!=V` (see the module comment) on `node`.
fn condition_holds(node: Node<'_, '_>, condition: &str) -> bool {
    let (path, wanted) = match condition.split_once("!=") {
        Some((path, value)) => (path, Some((value, false))),
        None => match condition.split_once('=') {
            Some((path, value)) => (path, Some((value, true))),
            None => (condition, None),
        },
    };
    let values = path_values(node, path);
    match wanted {
        None => !values.is_empty(),
        Some((value, equal)) => values.iter().any(|v| (v == value) == equal),
    }
}

/// The values a condition's path reaches from `node`: the elements' own text, or the attribute.
fn path_values(node: Node<'_, '_>, path: &str) -> Vec<String> {
    let mut at = vec![node];
    for step in path.split('/') {
        if let Some(attribute) = step.strip_prefix('@') {
            return at.iter().filter_map(|n| n.attribute(attribute)).map(str::to_owned).collect();
        }
        if step != "." {
            at = at
                .iter()
                .flat_map(|n| n.children().filter(|c| c.is_element() && c.tag_name().name() == step))
                .collect();
        }
    }
    at.iter().map(|n| edit::own_text(*n)).collect()
}

/// The `ChargeIndicator` of an allowance or charge (UBL: its text; CII: its `udt:Indicator`).
fn charge_indicator(node: Node<'_, '_>) -> Option<bool> {
    let indicator = node.children().find(|c| c.tag_name().name() == "ChargeIndicator")?;
    let text = match indicator.children().find(|c| c.tag_name().name() == "Indicator") {
        Some(inner) => edit::own_text(inner),
        None => edit::own_text(indicator),
    };
    match text.as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The target's fault made at `node` (`None` when it does not apply there).
fn apply(text: &str, node: Node<'_, '_>, target: &Target) -> Option<String> {
    match &target.fault {
        Fault::All(at_least, fault) => {
            let mut nodes: Vec<Node<'_, '_>> =
                node.document().descendants().filter(|n| matches(*n, target.chain)).collect();
            if nodes.len() < *at_least {
                return None;
            }
            nodes.sort_by_key(|n| std::cmp::Reverse(n.range().start));
            nodes.into_iter().try_fold(text.to_owned(), |out, n| apply_fault(&out, n, fault))
        }
        fault => apply_fault(text, node, fault),
    }
}

fn apply_fault(text: &str, node: Node<'_, '_>, fault: &Fault) -> Option<String> {
    Some(match fault {
        Fault::Decimals => {
            let value = Decimal::from_str(&edit::own_text(node)).ok()?;
            edit::set_content(text, node, &(value + Decimal::new(1, 3)).to_string())
        }
        Fault::Negative => edit::set_content(text, node, "-1"),
        Fault::Twice => edit::insert_after(text, node, &text[node.range()]),
        Fault::Thrice => edit::insert_after(text, node, &text[node.range()].repeat(2)),
        Fault::Value(value) => edit::set_content(text, node, value),
        Fault::Sibling(local, content, copies) => {
            let qname = edit::qname(text, node);
            let name = match qname.split_once(':') {
                Some((prefix, _)) => format!("{prefix}:{local}"),
                None => (*local).to_owned(),
            };
            edit::insert_after(text, node, &format!("<{name}>{content}</{name}>").repeat(*copies))
        }
        Fault::Attribute(name, value) => edit::set_attribute(text, node, name, value),
        Fault::RemoveAttribute(name) => edit::remove_attribute(text, node, name)?,
        Fault::Child(markup) => edit::append_child(text, node, markup),
        Fault::Remove(names) => {
            // From the last child back, so the earlier positions stay valid.
            let mut out = text.to_owned();
            let mut children: Vec<_> =
                node.children().filter(|c| c.is_element() && names.contains(&c.tag_name().name())).collect();
            if children.is_empty() {
                return None;
            }
            children.sort_by_key(|c| std::cmp::Reverse(c.range().start));
            for child in children {
                out = edit::splice(&out, child.range(), "");
            }
            out
        }
        Fault::Category(code, rate) => {
            let id = node.children().find(|c| matches!(c.tag_name().name(), "ID" | "CategoryCode"))?;
            let percent =
                node.children().find(|c| matches!(c.tag_name().name(), "Percent" | "RateApplicablePercent"))?;
            if percent.range().start < id.range().start {
                return None;
            }
            let out = edit::set_content(text, percent, rate);
            edit::set_content(&out, id, code)
        }
        Fault::CategoryAndStrayRate(code, rate) => {
            // The sibling first: it goes after the node, so the positions inside stay valid.
            let stray = apply_fault(text, node, &Fault::Sibling("RateApplicablePercent", rate, 1))?;
            apply_fault(&stray, node, &Fault::Category(code, rate))?
        }
        // `All` is made by `apply`, over the whole example.
        Fault::All(..) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<Invoice xmlns:cac="urn:c" xmlns:cbc="urn:b"><cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans><cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98</cbc:ID></cac:PartyIdentification></Invoice>"#;

    fn count(doc: &Document<'_>, chain: &[&str]) -> usize {
        doc.descendants().filter(|n| matches(*n, chain)).count()
    }

    #[test]
    fn step_conditions_select_by_a_child_value_an_attribute_or_presence() -> Result<(), String> {
        let doc = Document::parse(DOC).map_err(|e| e.to_string())?;
        assert_eq!(count(&doc, &["Invoice", "PaymentMeans"]), 2);
        assert_eq!(count(&doc, &["Invoice", "PaymentMeans[PaymentMeansCode=58]"]), 1);
        assert_eq!(count(&doc, &["Invoice", "PaymentMeans[PaymentMeansCode!=58]"]), 1);
        assert_eq!(count(&doc, &["PaymentMeans", "PaymentMeansCode[.=30]"]), 1);
        assert_eq!(count(&doc, &["PaymentMeans[PaymentMeansCode][PaymentMeansCode=31]"]), 0);
        assert_eq!(count(&doc, &["PartyIdentification[ID/@schemeID=SEPA]"]), 1);
        assert_eq!(count(&doc, &["PartyIdentification[ID/@schemeID]", "ID"]), 1);
        assert_eq!(count(&doc, &["PartyIdentification[ID/@listID]"]), 0);
        Ok(())
    }

    #[test]
    fn all_changes_every_node_of_the_chain_or_nothing_below_its_minimum() -> Result<(), String> {
        let doc = Document::parse(DOC).map_err(|e| e.to_string())?;
        let first = doc.descendants().find(|n| n.has_tag_name("PaymentMeansCode")).ok_or("no code")?;
        let named = |at_least| Target {
            fault: Fault::All(at_least, &Fault::Attribute("name", "x")),
            ..t(UBL, &["PaymentMeans", "PaymentMeansCode"], Fault::Twice, "test")
        };
        let out = apply(DOC, first, &named(2)).ok_or("not applied")?;
        assert_eq!(out.matches(r#"<cbc:PaymentMeansCode name="x">"#).count(), 2);
        assert_eq!(out.replace(r#" name="x""#, ""), DOC, "nothing else changed");
        assert!(apply(DOC, first, &named(3)).is_none());
        Ok(())
    }
}
