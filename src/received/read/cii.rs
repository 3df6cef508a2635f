//! UN/CEFACT CII D16B `CrossIndustryInvoice` → the invoice model: the inverse of
//! `render/einvoice/cii.rs`, plus the places other senders use for the same terms.

use chrono::NaiveDate;
use roxmltree::Node;
use rust_decimal::Decimal;

use super::{Ctx, Found, LineAllowance, Name, ReadError, Stated, category_of, kind_of, means_of, path_of, required};
use crate::invoice::model::{
    Address, DocumentType, ElectronicAddress, Invoice, InvoiceAdjustment, InvoiceLine, Party, Payment, Period,
    TaxCategory, TaxSubtotal,
};

const RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";
const QDT: &str = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";

const fn ram(name: &'static str) -> Name {
    (RAM, name)
}

const fn rsm(name: &'static str) -> Name {
    (RSM, name)
}

type Read = (Invoice, Option<String>, Option<String>);

/// A `…DateTime` holder: its `udt:DateTimeString` (or `qdt:` for BT-26) in format 102.
/// `Ok(None)` when absent; `Err(text)` when present but not readable.
fn date_in(ctx: &mut Ctx, holder: Node<'_, '_>) -> Result<Option<NaiveDate>, String> {
    let string = Ctx::one(holder, (UDT, "DateTimeString")).or_else(|| Ctx::one(holder, (QDT, "DateTimeString")));
    let Some(string) = string else { return Ok(None) };
    let text = string.text().map(str::trim).unwrap_or_default();
    let format = string.attribute("format");
    if format.is_some_and(|f| f != "102") {
        return Err(format!("{text} (format {})", format.unwrap_or_default()));
    }
    match NaiveDate::parse_from_str(text, "%Y%m%d") {
        Ok(date) if text.len() == 8 => {
            ctx.mark(string);
            if format.is_some() {
                ctx.mark_attr(string, "format");
            }
            Ok(Some(date))
        }
        _ => Err(text.to_owned()),
    }
}

fn optional_date(ctx: &mut Ctx, parent: Node<'_, '_>, name: &'static str, term: &str) -> Option<NaiveDate> {
    let holder = Ctx::one(parent, ram(name))?;
    match date_in(ctx, holder) {
        Ok(date) => date,
        Err(text) => {
            ctx.warn(|| format!("{term} `{text}` is not a date in format 102 ({}): left unread", path_of(holder)));
            None
        }
    }
}

/// Reads a CII root into the model; returns the invoice, BT-24 and BT-23.
pub(super) fn read(ctx: &mut Ctx, root: Node<'_, '_>) -> Result<Read, ReadError> {
    let context = Ctx::one(root, rsm("ExchangedDocumentContext"));
    let process =
        context.and_then(|c| ctx.text_at(c, &[ram("BusinessProcessSpecifiedDocumentContextParameter"), ram("ID")]));
    let specification =
        context.and_then(|c| ctx.text_at(c, &[ram("GuidelineSpecifiedDocumentContextParameter"), ram("ID")]));
    let doc = required(Ctx::one(root, rsm("ExchangedDocument")), "BT-2 issue date", root, "rsm:ExchangedDocument")?;
    let number = ctx.text_at(doc, &[ram("ID")]);
    let mut kind = DocumentType::Invoice;
    if let Some(node) = Ctx::one(doc, ram("TypeCode")) {
        let code = node.text().map(str::trim).unwrap_or_default();
        match kind_of(code) {
            Some(k) => {
                ctx.mark(node);
                kind = k;
            }
            None => ctx.warn(|| {
                format!(
                    "BT-3 type code {code} has no kind in the model: shown as an invoice (ram:TypeCode left unread)"
                )
            }),
        }
    }
    let issue = Ctx::one(doc, ram("IssueDateTime"));
    let issue = required(issue, "BT-2 issue date", doc, "ram:IssueDateTime")?;
    let issue_date = date_in(ctx, issue).map_err(|text| {
        ReadError::Invalid(format!("BT-2 issue date `{text}` is not a date in format 102 (ram:IssueDateTime)"))
    })?;
    let issue_date = required(issue_date, "BT-2 issue date", issue, "udt:DateTimeString")?;
    let notes: Vec<String> = Ctx::all(doc, ram("IncludedNote"))
        .into_iter()
        .filter_map(|n| Ctx::one(n, ram("Content")).and_then(|c| ctx.text(c)))
        .collect();
    let notes = if notes.is_empty() { None } else { Some(notes.join("\n")) };

    let tx = Ctx::one(root, rsm("SupplyChainTradeTransaction"));
    let tx = required(tx, "BG-25 invoice lines", root, "rsm:SupplyChainTradeTransaction")?;
    let settlement = Ctx::one(tx, ram("ApplicableHeaderTradeSettlement"));
    let settlement = required(settlement, "BT-5 invoice currency code", tx, "ram:ApplicableHeaderTradeSettlement")?;
    let currency = ctx.code_at(settlement, &[ram("InvoiceCurrencyCode")]);
    let currency = required(currency, "BT-5 invoice currency code", settlement, "ram:InvoiceCurrencyCode")?;

    let mut payment = Payment::default();
    let mut seller = Party::default();
    let mut buyer = Party::default();
    let mut buyer_reference = None;
    let mut order_reference = None;
    if let Some(agreement) = Ctx::one(tx, ram("ApplicableHeaderTradeAgreement")) {
        buyer_reference = ctx.text_at(agreement, &[ram("BuyerReference")]);
        if let Some(p) = Ctx::one(agreement, ram("SellerTradeParty")) {
            seller = party(ctx, p, true);
        }
        if let Some(p) = Ctx::one(agreement, ram("BuyerTradeParty")) {
            buyer = party(ctx, p, false);
        }
        order_reference = ctx.text_at(agreement, &[ram("BuyerOrderReferencedDocument"), ram("IssuerAssignedID")]);
    }
    let mut delivery_date = None;
    let mut delivery_address = None;
    if let Some(delivery) = Ctx::one(tx, ram("ApplicableHeaderTradeDelivery")) {
        // BG-13: the schema wants it even when empty (no delivery facts).
        ctx.mark(delivery);
        if let Some(a) = Ctx::at(delivery, &[ram("ShipToTradeParty"), ram("PostalTradeAddress")]) {
            delivery_address = address(ctx, a);
        }
        if let Some(event) = Ctx::one(delivery, ram("ActualDeliverySupplyChainEvent")) {
            delivery_date = optional_date(ctx, event, "OccurrenceDateTime", "BT-72 actual delivery date");
        }
    }

    payment.creditor_id = ctx.text_at(settlement, &[ram("CreditorReferenceID")]);
    payment.reference = ctx.text_at(settlement, &[ram("PaymentReference")]);
    if let Some(m) = Ctx::one(settlement, ram("SpecifiedTradeSettlementPaymentMeans")) {
        if let Some(code) = Ctx::one(m, ram("TypeCode")) {
            let text = code.text().map(str::trim).unwrap_or_default();
            match means_of(text) {
                Some(means) => {
                    ctx.mark(code);
                    payment.means = Some(means);
                }
                None => {
                    ctx.warn(|| format!("BT-81 payment means code {text} has no name in the model: shown as other"));
                    payment.means = Some(crate::invoice::model::PaymentMeans::Other);
                }
            }
        }
        payment.debtor_iban = ctx.code_at(m, &[ram("PayerPartyDebtorFinancialAccount"), ram("IBANID")]);
        if let Some(account) = Ctx::one(m, ram("PayeePartyCreditorFinancialAccount")) {
            payment.iban = ctx.code_at(account, &[ram("IBANID")]);
            if payment.iban.is_none() {
                payment.iban = ctx.code_at(account, &[ram("ProprietaryID")]);
            }
        }
        payment.bic = ctx.code_at(m, &[ram("PayeeSpecifiedCreditorFinancialInstitution"), ram("BICID")]);
    }

    let mut tax = Vec::new();
    for t in Ctx::all(settlement, ram("ApplicableTradeTax")) {
        let amount = ctx.decimal_at(t, &[ram("CalculatedAmount")], "BT-117 VAT category tax amount")?;
        let amount = required(amount, "BT-117 VAT category tax amount", t, "ram:CalculatedAmount")?;
        let base = ctx.decimal_at(t, &[ram("BasisAmount")], "BT-116 VAT category taxable amount")?;
        let base = required(base, "BT-116 VAT category taxable amount", t, "ram:BasisAmount")?;
        let (category, rate) = trade_tax(ctx, t, "BT-118 VAT category code")?;
        let exemption_reason = ctx.text_at(t, &[ram("ExemptionReason")]);
        tax.push(TaxSubtotal { category, rate, base, amount, exemption_reason });
    }
    let period = match Ctx::one(settlement, ram("BillingSpecifiedPeriod")) {
        Some(p) => {
            let start = optional_date(ctx, p, "StartDateTime", "BT-73 invoicing period start");
            let end = optional_date(ctx, p, "EndDateTime", "BT-74 invoicing period end");
            if start.is_some() || end.is_some() { Some(Period { start, end }) } else { None }
        }
        None => None,
    };
    let mut allowances = Vec::new();
    let mut charges = Vec::new();
    for a in Ctx::all(settlement, ram("SpecifiedTradeAllowanceCharge")) {
        let charge = ctx.code_at(a, &[ram("ChargeIndicator"), (UDT, "Indicator")]).is_some_and(|t| t == "true");
        let adjustment = adjustment(ctx, a, charge)?;
        if charge { charges.push(adjustment) } else { allowances.push(adjustment) }
    }
    let mut due_date = None;
    let mut terms = Vec::new();
    for t in Ctx::all(settlement, ram("SpecifiedTradePaymentTerms")) {
        terms.extend(ctx.text_at(t, &[ram("Description")]));
        if due_date.is_none() {
            due_date = optional_date(ctx, t, "DueDateDateTime", "BT-9 payment due date");
        }
        if payment.mandate_reference.is_none() {
            payment.mandate_reference = ctx.text_at(t, &[ram("DirectDebitMandateID")]);
        }
    }
    if !terms.is_empty() {
        payment.terms = Some(terms.join("\n"));
    }
    let (preceding_invoice, preceding_invoice_date) = match Ctx::one(settlement, ram("InvoiceReferencedDocument")) {
        Some(r) => (
            ctx.text_at(r, &[ram("IssuerAssignedID")]),
            optional_date(ctx, r, "FormattedIssueDateTime", "BT-26 preceding invoice date"),
        ),
        None => (None, None),
    };

    let mut lines = Vec::new();
    for (i, item) in Ctx::all(tx, ram("IncludedSupplyChainTradeLineItem")).into_iter().enumerate() {
        lines.push(line(ctx, item, i, &currency)?);
    }

    let m = Ctx::one(settlement, ram("SpecifiedTradeSettlementHeaderMonetarySummation"));
    let m = required(m, "BG-22 document totals", settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")?;
    let lines_net = ctx.decimal_at(m, &[ram("LineTotalAmount")], "BT-106 sum of invoice line net amount")?;
    let charge_total = ctx.decimal_at(m, &[ram("ChargeTotalAmount")], "BT-108 sum of charges")?;
    let allowance_total = ctx.decimal_at(m, &[ram("AllowanceTotalAmount")], "BT-107 sum of allowances")?;
    let net = ctx.decimal_at(m, &[ram("TaxBasisTotalAmount")], "BT-109 invoice total amount without VAT")?;
    // BT-110 is the TaxTotalAmount in the invoice currency; one in the tax currency stays unread.
    let mut tax_total = None;
    for t in Ctx::all(m, ram("TaxTotalAmount")) {
        let ours = t.attribute("currencyID").is_none_or(|c| c.trim() == currency);
        if ours && tax_total.is_none() {
            ctx.currency_attr(t, &currency);
            tax_total = ctx.decimal(t, "BT-110 invoice total VAT amount")?;
        }
    }
    let gross = ctx.decimal_at(m, &[ram("GrandTotalAmount")], "BT-112 invoice total amount with VAT")?;
    let gross = required(gross, "BT-112 invoice total amount with VAT", m, "ram:GrandTotalAmount")?;
    let prepaid = ctx.decimal_at(m, &[ram("TotalPrepaidAmount")], "BT-113 paid amount")?;
    let due = ctx.decimal_at(m, &[ram("DuePayableAmount")], "BT-115 amount due for payment")?;
    let due = required(due, "BT-115 amount due for payment", m, "ram:DuePayableAmount")?;
    if Ctx::one(m, ram("RoundingAmount")).is_some() {
        ctx.warn(|| {
            "BT-114 rounding amount has no place in the model: it is left unread, BT-115 shown as stated".to_owned()
        });
    }
    let totals = super::complete_totals(
        ctx,
        Stated { lines_net, allowance_total, charge_total, net, tax_total, gross, prepaid, due },
        &currency,
        &lines,
        &allowances,
        &charges,
        tax,
    )?;
    let found = Found {
        number,
        kind,
        issue_date,
        due_date,
        currency,
        seller,
        buyer,
        buyer_reference,
        order_reference,
        preceding_invoice,
        preceding_invoice_date,
        delivery_date,
        delivery_address,
        period,
        lines,
        allowances,
        charges,
        payment,
        notes,
        totals,
    };
    Ok((found.into_invoice(ctx), specification, process))
}

fn party(ctx: &mut Ctx, p: Node<'_, '_>, seller: bool) -> Party {
    let mut party = Party { name: ctx.text_at(p, &[ram("Name")]), ..Party::default() };
    if seller && let Some(description) = ctx.text_at(p, &[ram("Description")]) {
        party.legal_text = description.lines().map(str::to_owned).collect();
    }
    if let Some(legal) = Ctx::one(p, ram("SpecifiedLegalOrganization")) {
        party.legal_id = ctx.code_at(legal, &[ram("ID")]);
        if party.name.is_none()
            && let Some(name) = ctx.text_at(legal, &[ram("TradingBusinessName")])
        {
            ctx.warn(|| format!("{}: no name (BT-27/BT-44); the trading name stands in", path_of(p)));
            party.name = Some(name);
        }
    }
    if let Some(contact) = Ctx::one(p, ram("DefinedTradeContact")) {
        party.contact_name = ctx.text_at(contact, &[ram("PersonName")]);
        party.phone = ctx.text_at(contact, &[ram("TelephoneUniversalCommunication"), ram("CompleteNumber")]);
        party.email = ctx.text_at(contact, &[ram("EmailURIUniversalCommunication"), ram("URIID")]);
    }
    if let Some(a) = Ctx::one(p, ram("PostalTradeAddress")) {
        party.address = address(ctx, a);
    }
    if let Some(uri) = Ctx::at(p, &[ram("URIUniversalCommunication"), ram("URIID")]) {
        let scheme = ctx.attr(uri, "schemeID");
        let id = ctx.code(uri);
        party.electronic_address = Some(ElectronicAddress { scheme, id });
    }
    for registration in Ctx::all(p, ram("SpecifiedTaxRegistration")) {
        let Some(id) = Ctx::one(registration, ram("ID")) else { continue };
        let slot = match id.attribute("schemeID").map(str::trim) {
            Some("VA") => &mut party.vat_id,
            Some("FC") if seller => &mut party.tax_id,
            _ => continue,
        };
        if slot.is_none() {
            ctx.mark_attr(id, "schemeID");
            *slot = ctx.code(id);
        }
    }
    party
}

fn address(ctx: &mut Ctx, a: Node<'_, '_>) -> Option<Address> {
    let postal_code = ctx.text_at(a, &[ram("PostcodeCode")]);
    let mut lines = Vec::new();
    lines.extend(ctx.text_at(a, &[ram("LineOne")]));
    lines.extend(ctx.text_at(a, &[ram("LineTwo")]));
    lines.extend(ctx.text_at(a, &[ram("LineThree")]));
    let address = Address {
        lines,
        city: ctx.text_at(a, &[ram("CityName")]),
        postal_code,
        country: ctx.code_at(a, &[ram("CountryID")]),
    };
    if address == Address::default() { None } else { Some(address) }
}

/// A `ram:ApplicableTradeTax` / `ram:CategoryTradeTax`: category and rate.
fn trade_tax(ctx: &mut Ctx, t: Node<'_, '_>, what: &str) -> Result<(TaxCategory, Decimal), ReadError> {
    if let Some(kind) = Ctx::one(t, ram("TypeCode"))
        && kind.text().is_some_and(|k| k.trim() == "VAT")
    {
        ctx.mark(kind);
    }
    let code = required(ctx.code_at(t, &[ram("CategoryCode")]), what, t, "ram:CategoryCode")?;
    let category = category_of(&code, t)?;
    let rate = ctx.decimal_at(t, &[ram("RateApplicablePercent")], "VAT rate")?;
    let rate = rate.unwrap_or_else(|| {
        if category != TaxCategory::O {
            ctx.warn(|| {
                format!("{}: no VAT rate (ram:RateApplicablePercent) for category {code}: 0 shown", path_of(t))
            });
        }
        Decimal::ZERO
    });
    Ok((category, rate))
}

fn adjustment(ctx: &mut Ctx, a: Node<'_, '_>, charge: bool) -> Result<InvoiceAdjustment, ReadError> {
    let term = if charge { "BT-99 charge amount" } else { "BT-92 allowance amount" };
    let amount = ctx.decimal_at(a, &[ram("ActualAmount")], term)?;
    let amount = required(amount, term, a, "ram:ActualAmount")?;
    let reason = ctx.text_at(a, &[ram("Reason")]).unwrap_or_else(|| {
        ctx.warn(|| format!("{}: no reason text (BT-97/BT-104): shown empty", path_of(a)));
        String::new()
    });
    let what = if charge { "BT-102 charge VAT category" } else { "BT-95 allowance VAT category" };
    let t = required(Ctx::one(a, ram("CategoryTradeTax")), what, a, "ram:CategoryTradeTax")?;
    let (tax_category, tax_rate) = trade_tax(ctx, t, what)?;
    let tax_exemption_reason = ctx.text_at(t, &[ram("ExemptionReason")]);
    Ok(InvoiceAdjustment { reason, amount, tax_rate, tax_category, tax_exemption_reason })
}

fn line(ctx: &mut Ctx, item: Node<'_, '_>, i: usize, currency: &str) -> Result<InvoiceLine, ReadError> {
    if let Some(id) = Ctx::at(item, &[ram("AssociatedDocumentLineDocument"), ram("LineID")])
        && id.text().is_some_and(|t| t.trim() == (i + 1).to_string())
    {
        // The position is the line's identity in the model (BT-126 = 1, 2, ...).
        ctx.mark(id);
    }
    let product =
        required(Ctx::one(item, ram("SpecifiedTradeProduct")), "BT-153 item name", item, "ram:SpecifiedTradeProduct")?;
    let description = required(ctx.text_at(product, &[ram("Name")]), "BT-153 item name", product, "ram:Name")?;
    let price =
        Ctx::at(item, &[ram("SpecifiedLineTradeAgreement"), ram("NetPriceProductTradePrice"), ram("ChargeAmount")]);
    let price = required(price, "BT-146 item net price", item, "ram:NetPriceProductTradePrice/ram:ChargeAmount")?;
    let unit_price =
        required(ctx.decimal(price, "BT-146 item net price")?, "BT-146 item net price", item, "ram:ChargeAmount")?;
    let q = Ctx::at(item, &[ram("SpecifiedLineTradeDelivery"), ram("BilledQuantity")]);
    let q = required(q, "BT-129 invoiced quantity", item, "ram:SpecifiedLineTradeDelivery/ram:BilledQuantity")?;
    let unit = required(ctx.attr(q, "unitCode"), "BT-130 unit of measure", q, "@unitCode")?;
    let quantity =
        required(ctx.decimal(q, "BT-129 invoiced quantity")?, "BT-129 invoiced quantity", item, "ram:BilledQuantity")?;
    let settlement = Ctx::one(item, ram("SpecifiedLineTradeSettlement"));
    let settlement = required(settlement, "BT-131 invoice line net amount", item, "ram:SpecifiedLineTradeSettlement")?;
    let t = Ctx::one(settlement, ram("ApplicableTradeTax"));
    let t = required(t, "BT-151 invoiced item VAT category code", settlement, "ram:ApplicableTradeTax")?;
    let (tax_category, tax_rate) = trade_tax(ctx, t, "BT-151 invoiced item VAT category code")?;
    let tax_exemption_reason = ctx.text_at(t, &[ram("ExemptionReason")]);
    let net = Ctx::at(settlement, &[ram("SpecifiedTradeSettlementLineMonetarySummation"), ram("LineTotalAmount")]);
    let net = required(net, "BT-131 invoice line net amount", settlement, "ram:LineTotalAmount")?;
    let net = required(
        ctx.decimal(net, "BT-131 invoice line net amount")?,
        "BT-131 invoice line net amount",
        settlement,
        "ram:LineTotalAmount",
    )?;
    let mut line = InvoiceLine {
        description,
        quantity,
        unit,
        unit_price,
        tax_rate,
        tax_category,
        tax_exemption_reason,
        discount_percent: None,
        net,
    };
    let adjustments = Ctx::all(settlement, ram("SpecifiedTradeAllowanceCharge"));
    if let [a] = adjustments.as_slice() {
        let found = LineAllowance {
            node: *a,
            amount: Ctx::one(*a, ram("ActualAmount")),
            percent: Ctx::one(*a, ram("CalculationPercent")),
            base: Ctx::one(*a, ram("BasisAmount")),
            reason: Ctx::one(*a, ram("Reason")),
            indicator: Ctx::at(*a, &[ram("ChargeIndicator"), (UDT, "Indicator")]),
        };
        ctx.line_allowance(&found, &mut line, currency)?;
    } else if !adjustments.is_empty() {
        ctx.warn(|| {
            format!("{}: several line allowances or charges; the net (BT-131) is shown as stated", path_of(item))
        });
    }
    Ok(line)
}
