//! Rule-aimed faults the generic families miss (issue #25: "every rule that can fire, fired at
//! least once"). Each fault names a chain of element names (the last one the node it changes,
//! the others its nearest ancestors) and is made once, on the first example of its syntax (and
//! of the XRechnung suite when the rule is an XRechnung one) that has such a node.
//!
//! A step `AllowanceCharge-` / `AllowanceCharge+` (or `SpecifiedTradeAllowanceCharge±`) matches
//! an allowance / a charge only; `A|B` matches either name.

use std::str::FromStr;

use roxmltree::Node;
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
    /// These children removed.
    Remove(&'static [&'static str]),
    /// A new sibling element (in the node's namespace prefix) with this local name and content,
    /// written this many times right after the node.
    Sibling(&'static str, &'static str, usize),
    /// The VAT category code set to the first value and the rate to the second.
    Category(&'static str, &'static str),
}

/// One fault: its syntax, whether it needs an XRechnung example, the element chain, the fault,
/// and the rules it aims at (part of the copy's name).
struct Target {
    ubl: bool,
    xrechnung: bool,
    /// Text the example's BT-24 must contain (`""`: any).
    bt24: &'static str,
    chain: &'static [&'static str],
    fault: Fault,
    rules: &'static str,
}

const fn t(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { ubl, xrechnung: false, bt24: "", chain, fault, rules }
}

const fn xr(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { ubl, xrechnung: true, bt24: "", chain, fault, rules }
}

/// An XRechnung extension fault (BT-24 declares the extension).
const fn ext(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { ubl, xrechnung: true, bt24: "kosit:extension:xrechnung", chain, fault, rules }
}

/// An XRechnung CVD fault (BT-24 declares the Clean Vehicles Directive CIUS).
const fn cvd(ubl: bool, chain: &'static [&'static str], fault: Fault, rules: &'static str) -> Target {
    Target { ubl, xrechnung: true, bt24: "xrechnung:cvd", chain, fault, rules }
}

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
    t(UBL, &[ROOT, "Note"], Fault::Value("#ZZZ#an unknown subject code"), "BR-CL-08"),
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
    t(UBL, &["AccountingCustomerParty", "Party", "PartyTaxScheme", "CompanyID"], Fault::Twice, "UBL-SR-18"),
    t(UBL, &["PaymentMeans", "PaymentMeansCode"], Fault::Twice, "UBL-SR-27"),
    t(UBL, &["TaxRepresentativeParty", "PartyName", "Name"], Fault::Twice, "UBL-SR-22"),
    t(UBL, &["TaxRepresentativeParty", "PartyTaxScheme", "CompanyID"], Fault::Twice, "UBL-SR-23"),
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
    xr(UBL, &["InvoiceLine", "InvoicePeriod", "StartDate"], Fault::Value("1900-01-01"), "PEPPOL-EN16931-R110"),
    xr(UBL, &["InvoiceLine", "InvoicePeriod", "EndDate"], Fault::Value("2999-12-31"), "PEPPOL-EN16931-R111"),
    xr(UBL, &["AllowanceCharge", "MultiplierFactorNumeric"], Fault::Value("99"), "PEPPOL-EN16931-R040"),
    xr(UBL, &[ROOT, "PaymentMeans"], Fault::Remove(&["PayeeFinancialAccount"]), "BR-DE-23-a"),
    ext(UBL, &["EmbeddedDocumentBinaryObject"], Fault::Attribute("mimeCode", "application/x-unknown"), "BR-DEX-01"),
    ext(UBL, &["PartyLegalEntity", "CompanyID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-05"),
    ext(UBL, &["StandardItemIdentification", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-06"),
    ext(UBL, &["DeliveryLocation", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-08"),
    ext(UBL, &["PrepaidPayment", "PaidAmount"], Fault::Decimals, "BR-DEX-13"),
    ext(UBL, &["SubInvoiceLine", "Item", "ClassifiedTaxCategory"], Fault::Twice, "BR-DEX-03"),
    cvd(UBL, &["ContractDocumentReference", "ID"], Fault::Value(""), "BR-DE-CVD-01"),
    cvd(UBL, &["OriginatorDocumentReference", "ID"], Fault::Value(""), "BR-DE-CVD-02"),
    cvd(UBL, &["CommodityClassification", "ItemClassificationCode"], Fault::Attribute("listID", "ZZZ"), "BR-DE-CVD-03"),
    cvd(UBL, &["CommodityClassification", "ItemClassificationCode"], Fault::Value("ZZ"), "BR-DE-CVD-04"),
    cvd(UBL, &["AdditionalItemProperty", "Value"], Fault::Value("zz"), "BR-DE-CVD-05"),
    cvd(UBL, &["Item", "AdditionalItemProperty"], Fault::Twice, "BR-DE-CVD-06-a"),
    cvd(UBL, &["Item", "CommodityClassification"], Fault::Twice, "BR-DE-CVD-06-b"),
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
        &["SpecifiedLineTradeSettlement", "SpecifiedTradeAllowanceCharge-"],
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
    t(CII, &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax"], Fault::Category("L", "7"), "BR-AF-08"),
    t(CII, &["ApplicableHeaderTradeSettlement", "ApplicableTradeTax"], Fault::Category("M", "7"), "BR-AG-08"),
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
    t(CII, &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument"], Fault::Twice, "CII-SR-457"),
    t(CII, &["SpecifiedLineTradeAgreement", "AdditionalReferencedDocument"], Fault::Twice, "CII-SR-474"),
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
    xr(CII, &["ChargeIndicator", "Indicator"], Fault::Value("1"), "PEPPOL-EN16931-R043-1"),
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
    ext(
        CII,
        &["AdditionalReferencedDocument", "AttachmentBinaryObject"],
        Fault::Attribute("mimeCode", "application/x-unknown"),
        "BR-DEX-01",
    ),
    ext(CII, &["SellerTradeParty", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-04"),
    ext(CII, &["SellerTradeParty", "ID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-05"),
    ext(CII, &["SpecifiedTradeProduct", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-06"),
    ext(CII, &["URIUniversalCommunication", "URIID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-07"),
    ext(CII, &["ShipToTradeParty", "GlobalID"], Fault::Attribute("schemeID", "ZZZZ"), "BR-DEX-08"),
    cvd(CII, &["ContractReferencedDocument", "IssuerAssignedID"], Fault::Value(""), "BR-DE-CVD-01"),
    cvd(
        CII,
        &["ApplicableHeaderTradeAgreement", "AdditionalReferencedDocument", "IssuerAssignedID"],
        Fault::Value(""),
        "BR-DE-CVD-02",
    ),
    cvd(CII, &["DesignatedProductClassification", "ClassCode"], Fault::Attribute("listID", "ZZZ"), "BR-DE-CVD-03"),
    cvd(CII, &["DesignatedProductClassification", "ClassCode"], Fault::Value("ZZ"), "BR-DE-CVD-04"),
    cvd(CII, &["SpecifiedTradeProduct", "ApplicableProductCharacteristic"], Fault::Twice, "BR-DE-CVD-06-a"),
    cvd(CII, &["SpecifiedTradeProduct", "DesignatedProductClassification"], Fault::Twice, "BR-DE-CVD-06-b"),
];

/// Makes every fault of `TARGETS` once.
pub(super) fn targeted(corpus: &mut Corpus, bases: &[Base<'_, '_>]) {
    for target in TARGETS {
        let found = bases
            .iter()
            .filter(|b| b.ubl == target.ubl && (!target.xrechnung || b.xrechnung))
            .filter(|b| target.bt24.is_empty() || super::bt24(b.doc, b.ubl).iter().any(|id| id.contains(target.bt24)))
            .find_map(|b| b.doc.descendants().find(|n| matches(*n, target.chain)).map(|n| (b, n)));
        let Some((base, node)) = found else { continue };
        if let Some(text) = apply(base.text, node, &target.fault) {
            corpus.push(base, &format!("targeted-{}", target.rules), text);
        }
    }
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
    let (names, charge) = match step.strip_suffix('-') {
        Some(s) => (s, Some(false)),
        None => match step.strip_suffix('+') {
            Some(s) => (s, Some(true)),
            None => (step, None),
        },
    };
    if !names.split('|').any(|name| node.tag_name().name() == name) {
        return false;
    }
    match charge {
        None => true,
        Some(want) => charge_indicator(node) == Some(want),
    }
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

fn apply(text: &str, node: Node<'_, '_>, fault: &Fault) -> Option<String> {
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
    })
}
