//! OASIS UBL 2.1 `Invoice` (380) and `CreditNote` (381), mapped as SPEC 8.3 says.
//! Element order follows the UBL 2.1 schemas; amounts are the stored ones.

use super::xml::Doc;
use super::{Profile, line_allowance, means_code};
use crate::error::Error;
use crate::invoice::Invoice;
use crate::invoice::model::{Address, DocumentType, InvoiceAdjustment, Party, TaxCategory};
use crate::invoice::money;
use rust_decimal::Decimal;

const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const NS_CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const NS_CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

struct Ubl<'a> {
    doc: Doc,
    invoice: &'a Invoice,
    currency: &'a str,
    dp: u32,
}

/// Writes `invoice` as UBL 2.1 for `profile`. The caller has checked the requirements.
///
/// # Errors
/// [`Error::Internal`] if the XML cannot be written.
pub fn write(invoice: &Invoice, profile: Profile) -> Result<Vec<u8>, Error> {
    let dp = money::minor_units(&invoice.currency)
        .ok_or_else(|| Error::Internal(format!("unknown currency {}", invoice.currency)))?;
    let mut w = Ubl { doc: Doc::new(), invoice, currency: &invoice.currency, dp };
    w.document(profile);
    w.doc.finish()
}

impl Ubl<'_> {
    fn amount(&mut self, name: &str, value: Decimal) {
        let text = money::round_to(value, self.dp).to_string();
        self.doc.text_with(name, &[("currencyID", self.currency)], &text);
    }

    fn document(&mut self, profile: Profile) {
        let inv = self.invoice;
        let credit = inv.kind == DocumentType::CreditNote;
        let (root, ns) = if credit { ("CreditNote", NS_CREDIT_NOTE) } else { ("Invoice", NS_INVOICE) };
        self.doc.open_with(root, &[("xmlns", ns), ("xmlns:cac", NS_CAC), ("xmlns:cbc", NS_CBC)]);
        self.doc.text("cbc:CustomizationID", profile.customization_id());
        self.doc.opt("cbc:ProfileID", profile.process_id());
        self.doc.text("cbc:ID", inv.number.as_deref().unwrap_or_default());
        self.doc.text("cbc:IssueDate", &inv.issue_date.to_string());
        if credit {
            self.doc.text("cbc:CreditNoteTypeCode", "381");
        } else {
            self.doc.text("cbc:DueDate", &inv.due_date.to_string());
            self.doc.text("cbc:InvoiceTypeCode", "380");
        }
        self.doc.opt("cbc:Note", inv.notes.as_deref());
        self.doc.text("cbc:DocumentCurrencyCode", self.currency);
        self.doc.opt("cbc:BuyerReference", inv.buyer_reference.as_deref());
        if let Some(period) = &inv.period {
            self.doc.open("cac:InvoicePeriod");
            self.doc.opt("cbc:StartDate", period.start.map(|d| d.to_string()).as_deref());
            self.doc.opt("cbc:EndDate", period.end.map(|d| d.to_string()).as_deref());
            self.doc.close("cac:InvoicePeriod");
        }
        if let Some(order) = &inv.order_reference {
            self.doc.open("cac:OrderReference");
            self.doc.text("cbc:ID", order);
            self.doc.close("cac:OrderReference");
        }
        if let Some(preceding) = &inv.preceding_invoice {
            self.doc.open("cac:BillingReference");
            self.doc.open("cac:InvoiceDocumentReference");
            self.doc.text("cbc:ID", preceding);
            self.doc.opt("cbc:IssueDate", inv.preceding_invoice_date.map(|d| d.to_string()).as_deref());
            self.doc.close("cac:InvoiceDocumentReference");
            self.doc.close("cac:BillingReference");
        }
        self.doc.open("cac:AccountingSupplierParty");
        self.party(&inv.seller, true);
        self.doc.close("cac:AccountingSupplierParty");
        self.doc.open("cac:AccountingCustomerParty");
        self.party(&inv.buyer, false);
        self.doc.close("cac:AccountingCustomerParty");
        self.delivery();
        self.payment(credit);
        for a in &inv.allowances {
            self.adjustment(a, false);
        }
        for c in &inv.charges {
            self.adjustment(c, true);
        }
        self.tax_total();
        self.monetary_total();
        for (i, _) in inv.lines.iter().enumerate() {
            self.line(i, credit);
        }
        self.doc.close(root);
    }

    fn party(&mut self, party: &Party, seller: bool) {
        let d = &mut self.doc;
        d.open("cac:Party");
        if let Some(ea) = &party.electronic_address {
            d.text_with(
                "cbc:EndpointID",
                &[("schemeID", ea.scheme.as_deref().unwrap_or_default())],
                ea.id.as_deref().unwrap_or_default(),
            );
        }
        if seller && let Some(creditor) = self.invoice.payment.as_ref().and_then(|p| p.creditor_id.as_deref()) {
            d.open("cac:PartyIdentification");
            d.text_with("cbc:ID", &[("schemeID", "SEPA")], creditor);
            d.close("cac:PartyIdentification");
        }
        if let Some(address) = &party.address {
            address_block(d, "cac:PostalAddress", address);
        }
        if let Some(vat) = &party.vat_id {
            tax_scheme(d, vat, "VAT");
        }
        if seller && let Some(tax) = &party.tax_id {
            tax_scheme(d, tax, "FC");
        }
        d.open("cac:PartyLegalEntity");
        d.text("cbc:RegistrationName", party.name.as_deref().unwrap_or_default());
        d.opt("cbc:CompanyID", party.legal_id.as_deref());
        d.close("cac:PartyLegalEntity");
        if party.contact_name.is_some() || party.phone.is_some() || party.email.is_some() {
            d.open("cac:Contact");
            d.opt("cbc:Name", party.contact_name.as_deref());
            d.opt("cbc:Telephone", party.phone.as_deref());
            d.opt("cbc:ElectronicMail", party.email.as_deref());
            d.close("cac:Contact");
        }
        d.close("cac:Party");
    }

    fn delivery(&mut self) {
        let inv = self.invoice;
        let address = super::deliver_to(inv);
        if inv.delivery_date.is_none() && address.is_none() {
            return;
        }
        let d = &mut self.doc;
        d.open("cac:Delivery");
        d.opt("cbc:ActualDeliveryDate", inv.delivery_date.map(|x| x.to_string()).as_deref());
        if let Some(address) = address {
            d.open("cac:DeliveryLocation");
            address_block(d, "cac:Address", address);
            d.close("cac:DeliveryLocation");
        }
        d.close("cac:Delivery");
    }

    fn payment(&mut self, credit: bool) {
        let inv = self.invoice;
        let Some(payment) = &inv.payment else { return };
        let number = inv.number.as_deref().unwrap_or_default();
        let d = &mut self.doc;
        if let Some(means) = payment.means {
            d.open("cac:PaymentMeans");
            d.text("cbc:PaymentMeansCode", means_code(means));
            d.text("cbc:PaymentID", payment.reference.as_deref().unwrap_or(number));
            if let Some(iban) = &payment.iban {
                d.open("cac:PayeeFinancialAccount");
                d.text("cbc:ID", iban);
                if let Some(bic) = &payment.bic {
                    d.open("cac:FinancialInstitutionBranch");
                    d.text("cbc:ID", bic);
                    d.close("cac:FinancialInstitutionBranch");
                }
                d.close("cac:PayeeFinancialAccount");
            }
            if payment.mandate_reference.is_some() || payment.debtor_iban.is_some() {
                d.open("cac:PaymentMandate");
                d.opt("cbc:ID", payment.mandate_reference.as_deref());
                if let Some(debtor) = &payment.debtor_iban {
                    d.open("cac:PayerFinancialAccount");
                    d.text("cbc:ID", debtor);
                    d.close("cac:PayerFinancialAccount");
                }
                d.close("cac:PaymentMandate");
            }
            d.close("cac:PaymentMeans");
        }
        // A credit note asks for nothing: no due date, and terms that say so (BR-CO-25
        // wants terms or a due date while BT-115 is above 0; SPEC 12.4).
        let terms = if credit { Some(super::CREDIT_NOTE_TERMS) } else { payment.terms.as_deref() };
        if let Some(terms) = terms {
            d.open("cac:PaymentTerms");
            d.text("cbc:Note", terms);
            d.close("cac:PaymentTerms");
        }
    }

    fn adjustment(&mut self, a: &InvoiceAdjustment, charge: bool) {
        self.doc.open("cac:AllowanceCharge");
        self.doc.text("cbc:ChargeIndicator", if charge { "true" } else { "false" });
        self.doc.text("cbc:AllowanceChargeReason", &a.reason);
        self.amount("cbc:Amount", a.amount);
        category_block(&mut self.doc, "cac:TaxCategory", a.tax_category, a.tax_rate, None, false);
        self.doc.close("cac:AllowanceCharge");
    }

    fn tax_total(&mut self) {
        let totals = &self.invoice.totals;
        self.doc.open("cac:TaxTotal");
        self.amount("cbc:TaxAmount", totals.tax_total);
        for group in &totals.tax {
            self.doc.open("cac:TaxSubtotal");
            self.amount("cbc:TaxableAmount", group.base);
            self.amount("cbc:TaxAmount", group.amount);
            category_block(
                &mut self.doc,
                "cac:TaxCategory",
                group.category,
                group.rate,
                group.exemption_reason.as_deref(),
                true,
            );
            self.doc.close("cac:TaxSubtotal");
        }
        self.doc.close("cac:TaxTotal");
    }

    fn monetary_total(&mut self) {
        let t = &self.invoice.totals;
        self.doc.open("cac:LegalMonetaryTotal");
        self.amount("cbc:LineExtensionAmount", t.lines_net);
        self.amount("cbc:TaxExclusiveAmount", t.net);
        self.amount("cbc:TaxInclusiveAmount", t.gross);
        if !self.invoice.allowances.is_empty() {
            self.amount("cbc:AllowanceTotalAmount", t.allowances);
        }
        if !self.invoice.charges.is_empty() {
            self.amount("cbc:ChargeTotalAmount", t.charges);
        }
        if !t.prepaid.is_zero() {
            self.amount("cbc:PrepaidAmount", t.prepaid);
        }
        self.amount("cbc:PayableAmount", t.due);
        self.doc.close("cac:LegalMonetaryTotal");
    }

    fn line(&mut self, i: usize, credit: bool) {
        let Some(line) = self.invoice.lines.get(i) else { return };
        let (element, quantity) = if credit {
            ("cac:CreditNoteLine", "cbc:CreditedQuantity")
        } else {
            ("cac:InvoiceLine", "cbc:InvoicedQuantity")
        };
        self.doc.open(element);
        self.doc.text("cbc:ID", &(i + 1).to_string());
        self.doc.text_with(quantity, &[("unitCode", &line.unit)], &line.quantity.to_string());
        self.amount("cbc:LineExtensionAmount", line.net);
        if let Some((base, allowance)) = line_allowance(line, self.dp) {
            self.doc.open("cac:AllowanceCharge");
            self.doc.text("cbc:ChargeIndicator", "false");
            self.doc.text("cbc:AllowanceChargeReason", "Discount");
            let percent = super::line_discount_percent(line, base, allowance);
            if let Some(percent) = percent {
                self.doc.text("cbc:MultiplierFactorNumeric", &percent.normalize().to_string());
            }
            self.amount("cbc:Amount", allowance);
            if percent.is_some() {
                self.amount("cbc:BaseAmount", base);
            }
            self.doc.close("cac:AllowanceCharge");
        }
        self.doc.open("cac:Item");
        self.doc.text("cbc:Name", &line.description);
        category_block(&mut self.doc, "cac:ClassifiedTaxCategory", line.tax_category, line.tax_rate, None, false);
        self.doc.close("cac:Item");
        self.doc.open("cac:Price");
        self.doc.text_with("cbc:PriceAmount", &[("currencyID", self.currency)], &line.unit_price.to_string());
        self.doc.close("cac:Price");
        self.doc.close(element);
    }
}

fn address_block(d: &mut Doc, element: &str, address: &Address) {
    d.open(element);
    let mut lines = address.lines.iter();
    d.opt("cbc:StreetName", lines.next().map(String::as_str));
    d.opt("cbc:AdditionalStreetName", lines.next().map(String::as_str));
    d.opt("cbc:CityName", address.city.as_deref());
    d.opt("cbc:PostalZone", address.postal_code.as_deref());
    if let Some(third) = lines.next() {
        d.open("cac:AddressLine");
        d.text("cbc:Line", third);
        d.close("cac:AddressLine");
    }
    if let Some(country) = &address.country {
        d.open("cac:Country");
        d.text("cbc:IdentificationCode", country);
        d.close("cac:Country");
    }
    d.close(element);
}

fn tax_scheme(d: &mut Doc, id: &str, scheme: &str) {
    d.open("cac:PartyTaxScheme");
    d.text("cbc:CompanyID", id);
    d.open("cac:TaxScheme");
    d.text("cbc:ID", scheme);
    d.close("cac:TaxScheme");
    d.close("cac:PartyTaxScheme");
}

/// A tax category with its rate. The VAT breakdown (`breakdown`) always states its rate,
/// 0 for category O: XRechnung requires BT-119 (BR-DE-14) and EN 16931 allows it there;
/// lines, allowances and charges of category O carry none (BR-O-05 to BR-O-07).
fn category_block(
    d: &mut Doc,
    element: &str,
    category: TaxCategory,
    rate: Decimal,
    reason: Option<&str>,
    breakdown: bool,
) {
    d.open(element);
    d.text("cbc:ID", category.code());
    if breakdown || category != TaxCategory::O {
        d.text("cbc:Percent", &rate.normalize().to_string());
    }
    d.opt("cbc:TaxExemptionReason", reason);
    d.open("cac:TaxScheme");
    d.text("cbc:ID", "VAT");
    d.close("cac:TaxScheme");
    d.close(element);
}
