//! UN/CEFACT `CrossIndustryInvoice` D16B (380 / 381), mapped as SPEC 8.3 says; also the
//! XML inside a Factur-X PDF. Element order follows the D16B schema; amounts are the
//! stored ones.

use super::xml::Doc;
use super::{Profile, line_allowance, means_code};
use crate::error::Error;
use crate::invoice::Invoice;
use crate::invoice::model::{Address, DocumentType, InvoiceAdjustment, Party, TaxCategory};
use crate::invoice::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;

const NS_RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const NS_RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const NS_QDT: &str = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
const NS_UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

struct Cii<'a> {
    doc: Doc,
    invoice: &'a Invoice,
    dp: u32,
}

/// Writes `invoice` as CII D16B for `profile`. The caller has checked the requirements.
///
/// # Errors
/// [`Error::Internal`] if the XML cannot be written.
pub fn write(invoice: &Invoice, profile: Profile) -> Result<Vec<u8>, Error> {
    let dp = money::minor_units(&invoice.currency)
        .ok_or_else(|| Error::Internal(format!("unknown currency {}", invoice.currency)))?;
    let mut w = Cii { doc: Doc::new(), invoice, dp };
    w.document(profile);
    w.doc.finish()
}

fn date_102(d: &mut Doc, element: &str, date: NaiveDate) {
    d.open(element);
    d.text_with("udt:DateTimeString", &[("format", "102")], &date.format("%Y%m%d").to_string());
    d.close(element);
}

impl Cii<'_> {
    fn amount(&mut self, name: &str, value: Decimal) {
        self.doc.text(name, &money::round_to(value, self.dp).to_string());
    }

    fn document(&mut self, profile: Profile) {
        let inv = self.invoice;
        let d = &mut self.doc;
        d.open_with(
            "rsm:CrossIndustryInvoice",
            &[("xmlns:rsm", NS_RSM), ("xmlns:ram", NS_RAM), ("xmlns:qdt", NS_QDT), ("xmlns:udt", NS_UDT)],
        );
        d.open("rsm:ExchangedDocumentContext");
        if let Some(process) = profile.process_id() {
            d.open("ram:BusinessProcessSpecifiedDocumentContextParameter");
            d.text("ram:ID", process);
            d.close("ram:BusinessProcessSpecifiedDocumentContextParameter");
        }
        d.open("ram:GuidelineSpecifiedDocumentContextParameter");
        d.text("ram:ID", profile.customization_id());
        d.close("ram:GuidelineSpecifiedDocumentContextParameter");
        d.close("rsm:ExchangedDocumentContext");

        d.open("rsm:ExchangedDocument");
        d.text("ram:ID", inv.number.as_deref().unwrap_or_default());
        d.text("ram:TypeCode", if inv.kind == DocumentType::CreditNote { "381" } else { "380" });
        date_102(d, "ram:IssueDateTime", inv.issue_date);
        if let Some(notes) = &inv.notes {
            d.open("ram:IncludedNote");
            d.text("ram:Content", notes);
            d.close("ram:IncludedNote");
        }
        d.close("rsm:ExchangedDocument");

        self.doc.open("rsm:SupplyChainTradeTransaction");
        for i in 0..inv.lines.len() {
            self.line(i);
        }
        self.agreement();
        self.delivery();
        self.settlement();
        self.doc.close("rsm:SupplyChainTradeTransaction");
        self.doc.close("rsm:CrossIndustryInvoice");
    }

    fn line(&mut self, i: usize) {
        let Some(line) = self.invoice.lines.get(i) else { return };
        let d = &mut self.doc;
        d.open("ram:IncludedSupplyChainTradeLineItem");
        d.open("ram:AssociatedDocumentLineDocument");
        d.text("ram:LineID", &(i + 1).to_string());
        d.close("ram:AssociatedDocumentLineDocument");
        d.open("ram:SpecifiedTradeProduct");
        d.text("ram:Name", &line.description);
        d.close("ram:SpecifiedTradeProduct");
        d.open("ram:SpecifiedLineTradeAgreement");
        d.open("ram:NetPriceProductTradePrice");
        d.text("ram:ChargeAmount", &line.unit_price.to_string());
        d.close("ram:NetPriceProductTradePrice");
        d.close("ram:SpecifiedLineTradeAgreement");
        d.open("ram:SpecifiedLineTradeDelivery");
        d.text_with("ram:BilledQuantity", &[("unitCode", &line.unit)], &line.quantity.to_string());
        d.close("ram:SpecifiedLineTradeDelivery");
        d.open("ram:SpecifiedLineTradeSettlement");
        trade_tax(d, line.tax_category, line.tax_rate);
        if let Some((base, allowance)) = line_allowance(line, self.dp) {
            self.doc.open("ram:SpecifiedTradeAllowanceCharge");
            indicator(&mut self.doc, false);
            let percent = super::line_discount_percent(line, base, allowance);
            if let Some(percent) = percent {
                self.doc.text("ram:CalculationPercent", &percent.normalize().to_string());
                self.amount("ram:BasisAmount", base);
            }
            self.amount("ram:ActualAmount", allowance);
            self.doc.text("ram:Reason", "Discount");
            self.doc.close("ram:SpecifiedTradeAllowanceCharge");
        }
        self.doc.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
        self.amount("ram:LineTotalAmount", line.net);
        self.doc.close("ram:SpecifiedTradeSettlementLineMonetarySummation");
        self.doc.close("ram:SpecifiedLineTradeSettlement");
        self.doc.close("ram:IncludedSupplyChainTradeLineItem");
    }

    fn agreement(&mut self) {
        let inv = self.invoice;
        let d = &mut self.doc;
        d.open("ram:ApplicableHeaderTradeAgreement");
        d.opt("ram:BuyerReference", inv.buyer_reference.as_deref());
        party(d, "ram:SellerTradeParty", &inv.seller, true);
        party(d, "ram:BuyerTradeParty", &inv.buyer, false);
        if let Some(order) = &inv.order_reference {
            d.open("ram:BuyerOrderReferencedDocument");
            d.text("ram:IssuerAssignedID", order);
            d.close("ram:BuyerOrderReferencedDocument");
        }
        d.close("ram:ApplicableHeaderTradeAgreement");
    }

    fn delivery(&mut self) {
        let inv = self.invoice;
        let d = &mut self.doc;
        d.open("ram:ApplicableHeaderTradeDelivery");
        let address = super::deliver_to(inv);
        if let Some(address) = address {
            d.open("ram:ShipToTradeParty");
            address_block(d, address);
            d.close("ram:ShipToTradeParty");
        }
        if let Some(date) = inv.delivery_date {
            d.open("ram:ActualDeliverySupplyChainEvent");
            date_102(d, "ram:OccurrenceDateTime", date);
            d.close("ram:ActualDeliverySupplyChainEvent");
        }
        d.close("ram:ApplicableHeaderTradeDelivery");
    }

    fn settlement(&mut self) {
        let inv = self.invoice;
        let payment = inv.payment.as_ref();
        let d = &mut self.doc;
        d.open("ram:ApplicableHeaderTradeSettlement");
        d.opt("ram:CreditorReferenceID", payment.and_then(|p| p.creditor_id.as_deref()));
        if let Some(p) = payment.filter(|p| p.means.is_some()) {
            d.text("ram:PaymentReference", p.reference.as_deref().or(inv.number.as_deref()).unwrap_or_default());
        }
        d.text("ram:InvoiceCurrencyCode", &inv.currency);
        if let Some(p) = payment
            && let Some(means) = p.means
        {
            d.open("ram:SpecifiedTradeSettlementPaymentMeans");
            d.text("ram:TypeCode", means_code(means));
            if let Some(debtor) = &p.debtor_iban {
                d.open("ram:PayerPartyDebtorFinancialAccount");
                d.text("ram:IBANID", debtor);
                d.close("ram:PayerPartyDebtorFinancialAccount");
            }
            if let Some(iban) = &p.iban {
                d.open("ram:PayeePartyCreditorFinancialAccount");
                d.text("ram:IBANID", iban);
                d.close("ram:PayeePartyCreditorFinancialAccount");
                if let Some(bic) = &p.bic {
                    d.open("ram:PayeeSpecifiedCreditorFinancialInstitution");
                    d.text("ram:BICID", bic);
                    d.close("ram:PayeeSpecifiedCreditorFinancialInstitution");
                }
            }
            d.close("ram:SpecifiedTradeSettlementPaymentMeans");
        }
        for group in &inv.totals.tax {
            self.doc.open("ram:ApplicableTradeTax");
            self.amount("ram:CalculatedAmount", group.amount);
            self.doc.text("ram:TypeCode", "VAT");
            self.doc.opt("ram:ExemptionReason", group.exemption_reason.as_deref());
            self.amount("ram:BasisAmount", group.base);
            self.doc.text("ram:CategoryCode", group.category.code());
            // Always stated in the breakdown, 0 for category O: XRechnung requires BT-119
            // (BR-DE-14); lines and adjustments of category O carry none (BR-O-05 to 07).
            self.doc.text("ram:RateApplicablePercent", &group.rate.normalize().to_string());
            self.doc.close("ram:ApplicableTradeTax");
        }
        if let Some(period) = &inv.period {
            self.doc.open("ram:BillingSpecifiedPeriod");
            if let Some(start) = period.start {
                date_102(&mut self.doc, "ram:StartDateTime", start);
            }
            if let Some(end) = period.end {
                date_102(&mut self.doc, "ram:EndDateTime", end);
            }
            self.doc.close("ram:BillingSpecifiedPeriod");
        }
        for a in &inv.allowances {
            self.adjustment(a, false);
        }
        for c in &inv.charges {
            self.adjustment(c, true);
        }
        let d = &mut self.doc;
        d.open("ram:SpecifiedTradePaymentTerms");
        if inv.kind == DocumentType::CreditNote {
            // A credit note asks for nothing: no due date, terms that say so (SPEC 12.4).
            d.text("ram:Description", super::CREDIT_NOTE_TERMS);
        } else {
            d.opt("ram:Description", payment.and_then(|p| p.terms.as_deref()));
            date_102(d, "ram:DueDateDateTime", inv.due_date);
        }
        d.opt("ram:DirectDebitMandateID", payment.and_then(|p| p.mandate_reference.as_deref()));
        d.close("ram:SpecifiedTradePaymentTerms");
        let t = &inv.totals;
        self.doc.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        self.amount("ram:LineTotalAmount", t.lines_net);
        if !inv.charges.is_empty() {
            self.amount("ram:ChargeTotalAmount", t.charges);
        }
        if !inv.allowances.is_empty() {
            self.amount("ram:AllowanceTotalAmount", t.allowances);
        }
        self.amount("ram:TaxBasisTotalAmount", t.net);
        let tax_total = money::round_to(t.tax_total, self.dp).to_string();
        self.doc.text_with("ram:TaxTotalAmount", &[("currencyID", &inv.currency)], &tax_total);
        self.amount("ram:GrandTotalAmount", t.gross);
        if !t.prepaid.is_zero() {
            self.amount("ram:TotalPrepaidAmount", t.prepaid);
        }
        self.amount("ram:DuePayableAmount", t.due);
        self.doc.close("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
        if let Some(preceding) = &inv.preceding_invoice {
            self.doc.open("ram:InvoiceReferencedDocument");
            self.doc.text("ram:IssuerAssignedID", preceding);
            if let Some(date) = inv.preceding_invoice_date {
                // BT-26; a formatted date (qdt), unlike the udt dates elsewhere.
                self.doc.open("ram:FormattedIssueDateTime");
                let text = date.format("%Y%m%d").to_string();
                self.doc.text_with("qdt:DateTimeString", &[("format", "102")], &text);
                self.doc.close("ram:FormattedIssueDateTime");
            }
            self.doc.close("ram:InvoiceReferencedDocument");
        }
        self.doc.close("ram:ApplicableHeaderTradeSettlement");
    }

    fn adjustment(&mut self, a: &InvoiceAdjustment, charge: bool) {
        self.doc.open("ram:SpecifiedTradeAllowanceCharge");
        indicator(&mut self.doc, charge);
        self.amount("ram:ActualAmount", a.amount);
        self.doc.text("ram:Reason", &a.reason);
        self.doc.open("ram:CategoryTradeTax");
        self.doc.text("ram:TypeCode", "VAT");
        self.doc.text("ram:CategoryCode", a.tax_category.code());
        if a.tax_category != TaxCategory::O {
            self.doc.text("ram:RateApplicablePercent", &a.tax_rate.normalize().to_string());
        }
        self.doc.close("ram:CategoryTradeTax");
        self.doc.close("ram:SpecifiedTradeAllowanceCharge");
    }
}

fn indicator(d: &mut Doc, charge: bool) {
    d.open("ram:ChargeIndicator");
    d.text("udt:Indicator", if charge { "true" } else { "false" });
    d.close("ram:ChargeIndicator");
}

fn trade_tax(d: &mut Doc, category: TaxCategory, rate: Decimal) {
    d.open("ram:ApplicableTradeTax");
    d.text("ram:TypeCode", "VAT");
    d.text("ram:CategoryCode", category.code());
    if category != TaxCategory::O {
        d.text("ram:RateApplicablePercent", &rate.normalize().to_string());
    }
    d.close("ram:ApplicableTradeTax");
}

fn party(d: &mut Doc, element: &str, party: &Party, seller: bool) {
    d.open(element);
    d.text("ram:Name", party.name.as_deref().unwrap_or_default());
    if let Some(legal) = &party.legal_id {
        d.open("ram:SpecifiedLegalOrganization");
        d.text("ram:ID", legal);
        d.close("ram:SpecifiedLegalOrganization");
    }
    if party.contact_name.is_some() || party.phone.is_some() || party.email.is_some() {
        d.open("ram:DefinedTradeContact");
        d.opt("ram:PersonName", party.contact_name.as_deref());
        if let Some(phone) = &party.phone {
            d.open("ram:TelephoneUniversalCommunication");
            d.text("ram:CompleteNumber", phone);
            d.close("ram:TelephoneUniversalCommunication");
        }
        if let Some(email) = &party.email {
            d.open("ram:EmailURIUniversalCommunication");
            d.text("ram:URIID", email);
            d.close("ram:EmailURIUniversalCommunication");
        }
        d.close("ram:DefinedTradeContact");
    }
    if let Some(address) = &party.address {
        address_block(d, address);
    }
    if let Some(ea) = &party.electronic_address {
        d.open("ram:URIUniversalCommunication");
        d.text_with(
            "ram:URIID",
            &[("schemeID", ea.scheme.as_deref().unwrap_or_default())],
            ea.id.as_deref().unwrap_or_default(),
        );
        d.close("ram:URIUniversalCommunication");
    }
    if let Some(vat) = &party.vat_id {
        d.open("ram:SpecifiedTaxRegistration");
        d.text_with("ram:ID", &[("schemeID", "VA")], vat);
        d.close("ram:SpecifiedTaxRegistration");
    }
    if seller && let Some(tax) = &party.tax_id {
        d.open("ram:SpecifiedTaxRegistration");
        d.text_with("ram:ID", &[("schemeID", "FC")], tax);
        d.close("ram:SpecifiedTaxRegistration");
    }
    d.close(element);
}

fn address_block(d: &mut Doc, address: &Address) {
    d.open("ram:PostalTradeAddress");
    d.opt("ram:PostcodeCode", address.postal_code.as_deref());
    let mut lines = address.lines.iter();
    d.opt("ram:LineOne", lines.next().map(String::as_str));
    d.opt("ram:LineTwo", lines.next().map(String::as_str));
    d.opt("ram:LineThree", lines.next().map(String::as_str));
    d.opt("ram:CityName", address.city.as_deref());
    d.opt("ram:CountryID", address.country.as_deref());
    d.close("ram:PostalTradeAddress");
}
