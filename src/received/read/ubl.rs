//! UBL 2.1 `Invoice` and `CreditNote` → the invoice model: the inverse of
//! `render/einvoice/ubl.rs`, plus the places other senders use for the same terms.

use einvoice_rules::Syntax;
use roxmltree::Node;
use rust_decimal::Decimal;

use super::{
    Ctx, Found, LineAllowance, Name, ReadError, category_of, kind_of, means_of, parse_iso_date, path_of, required,
};
use crate::invoice::model::{
    Address, DocumentType, ElectronicAddress, Invoice, InvoiceAdjustment, InvoiceLine, Party, Payment, Period,
    TaxCategory, TaxSubtotal, Totals,
};

const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

const fn cbc(name: &'static str) -> Name {
    (CBC, name)
}

const fn cac(name: &'static str) -> Name {
    (CAC, name)
}

type Read = (Invoice, Option<String>, Option<String>);

/// Reads a UBL root into the model; returns the invoice, BT-24 and BT-23.
pub(super) fn read(ctx: &mut Ctx, root: Node<'_, '_>, syntax: Syntax) -> Result<Read, ReadError> {
    let credit_root = syntax == Syntax::UblCreditNote;
    let specification = ctx.text_at(root, &[cbc("CustomizationID")]);
    let process = ctx.text_at(root, &[cbc("ProfileID")]);
    let number = ctx.text_at(root, &[cbc("ID")]);
    let issue = Ctx::one(root, cbc("IssueDate"));
    let issue_text = issue.and_then(|n| ctx.code(n));
    let issue_text = required(issue_text, "BT-2 issue date", root, "cbc:IssueDate")?;
    let issue_date = parse_iso_date(&issue_text).ok_or_else(|| {
        ReadError::Invalid(format!("BT-2 issue date `{issue_text}` is not a date YYYY-MM-DD (cbc:IssueDate)"))
    })?;

    let type_name = if credit_root { "CreditNoteTypeCode" } else { "InvoiceTypeCode" };
    let mut kind = if credit_root { DocumentType::CreditNote } else { DocumentType::Invoice };
    if let Some(node) = Ctx::one(root, cbc(type_name)) {
        let code = node.text().map(str::trim).unwrap_or_default();
        match kind_of(code) {
            Some(k) => {
                ctx.mark(node);
                kind = k;
            }
            None => ctx.warn(|| {
                format!(
                    "BT-3 type code {code} has no kind in the model: shown as {} (cbc:{type_name} left unread)",
                    if credit_root { "a credit note" } else { "an invoice" }
                )
            }),
        }
    }

    let notes: Vec<String> = Ctx::all(root, cbc("Note")).into_iter().filter_map(|n| ctx.text(n)).collect();
    let notes = if notes.is_empty() { None } else { Some(notes.join("\n")) };
    let currency = ctx.code_at(root, &[cbc("DocumentCurrencyCode")]);
    let currency = required(currency, "BT-5 invoice currency code", root, "cbc:DocumentCurrencyCode")?;
    let buyer_reference = ctx.text_at(root, &[cbc("BuyerReference")]);

    let period = match Ctx::one(root, cac("InvoicePeriod")) {
        Some(p) => {
            let start = optional_date(ctx, p, "StartDate", "BT-73 invoicing period start");
            let end = optional_date(ctx, p, "EndDate", "BT-74 invoicing period end");
            if start.is_some() || end.is_some() { Some(Period { start, end }) } else { None }
        }
        None => None,
    };
    let order_reference = ctx.text_at(root, &[cac("OrderReference"), cbc("ID")]);
    let (preceding_invoice, preceding_invoice_date) =
        match Ctx::at(root, &[cac("BillingReference"), cac("InvoiceDocumentReference")]) {
            Some(r) => {
                (ctx.text_at(r, &[cbc("ID")]), optional_date(ctx, r, "IssueDate", "BT-26 preceding invoice date"))
            }
            None => (None, None),
        };

    let mut payment = Payment::default();
    let seller_node = Ctx::at(root, &[cac("AccountingSupplierParty"), cac("Party")]);
    let seller = seller_node.map(|p| party(ctx, p, true, &mut payment)).unwrap_or_default();
    let buyer_node = Ctx::at(root, &[cac("AccountingCustomerParty"), cac("Party")]);
    let buyer = buyer_node.map(|p| party(ctx, p, false, &mut payment)).unwrap_or_default();

    let mut delivery_date = None;
    let mut delivery_address = None;
    if let Some(d) = Ctx::one(root, cac("Delivery")) {
        ctx.mark(d);
        delivery_date = optional_date(ctx, d, "ActualDeliveryDate", "BT-72 actual delivery date");
        if let Some(a) = Ctx::at(d, &[cac("DeliveryLocation"), cac("Address")]) {
            delivery_address = address(ctx, a);
        }
    }

    let mut due_date = optional_date(ctx, root, "DueDate", "BT-9 payment due date");
    if let Some(means) = Ctx::one(root, cac("PaymentMeans")) {
        payment_means(ctx, means, &mut payment, &mut due_date);
    }
    let terms: Vec<String> = Ctx::all(root, cac("PaymentTerms"))
        .into_iter()
        .filter_map(|t| Ctx::one(t, cbc("Note")).and_then(|n| ctx.text(n)))
        .collect();
    if !terms.is_empty() {
        payment.terms = Some(terms.join("\n"));
    }

    let mut allowances = Vec::new();
    let mut charges = Vec::new();
    for node in Ctx::all(root, cac("AllowanceCharge")) {
        let charge = ctx.code_at(node, &[cbc("ChargeIndicator")]).is_some_and(|t| t == "true");
        let adjustment = adjustment(ctx, node, &currency, charge)?;
        if charge { charges.push(adjustment) } else { allowances.push(adjustment) }
    }

    let (tax, tax_total) = tax_total(ctx, root, &currency)?;
    let lines = lines(ctx, root, credit_root, &currency)?;
    let totals = totals(ctx, root, &currency, &lines, &allowances, &charges, tax, tax_total)?;
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

fn optional_date(ctx: &mut Ctx, parent: Node<'_, '_>, name: &'static str, term: &str) -> Option<chrono::NaiveDate> {
    let node = Ctx::one(parent, cbc(name))?;
    let text = node.text().unwrap_or_default();
    match parse_iso_date(text) {
        Some(date) => {
            ctx.mark(node);
            Some(date)
        }
        None => {
            ctx.warn(|| format!("{term} `{text}` is not a date YYYY-MM-DD ({}): left unread", path_of(node)));
            None
        }
    }
}

fn party(ctx: &mut Ctx, p: Node<'_, '_>, seller: bool, payment: &mut Payment) -> Party {
    let mut party = Party::default();
    if let Some(endpoint) = Ctx::one(p, cbc("EndpointID")) {
        let scheme = ctx.attr(endpoint, "schemeID");
        let id = ctx.code(endpoint);
        party.electronic_address = Some(ElectronicAddress { scheme, id });
    }
    if seller {
        for ident in Ctx::all(p, cac("PartyIdentification")) {
            if let Some(id) = Ctx::one(ident, cbc("ID"))
                && id.attribute("schemeID") == Some("SEPA")
                && payment.creditor_id.is_none()
            {
                ctx.mark_attr(id, "schemeID");
                payment.creditor_id = ctx.code(id);
            }
        }
    }
    if let Some(a) = Ctx::one(p, cac("PostalAddress")) {
        party.address = address(ctx, a);
    }
    for scheme in Ctx::all(p, cac("PartyTaxScheme")) {
        let kind = Ctx::at(scheme, &[cac("TaxScheme"), cbc("ID")]);
        let is_vat = kind.and_then(|k| k.text()).is_some_and(|t| t.trim() == "VAT");
        let Some(company) = Ctx::one(scheme, cbc("CompanyID")) else { continue };
        let slot = if is_vat {
            &mut party.vat_id
        } else if seller {
            &mut party.tax_id
        } else {
            continue;
        };
        if slot.is_some() {
            continue;
        }
        *slot = ctx.code(company);
        if let Some(k) = kind {
            ctx.mark(k);
        }
    }
    if let Some(legal) = Ctx::one(p, cac("PartyLegalEntity")) {
        party.name = ctx.text_at(legal, &[cbc("RegistrationName")]);
        party.legal_id = ctx.code_at(legal, &[cbc("CompanyID")]);
        if seller && let Some(form) = ctx.text_at(legal, &[cbc("CompanyLegalForm")]) {
            party.legal_text = form.lines().map(str::to_owned).collect();
        }
    }
    if party.name.is_none()
        && let Some(name) = ctx.text_at(p, &[cac("PartyName"), cbc("Name")])
    {
        ctx.warn(|| format!("{}: no registration name (BT-27/BT-44); the trading name stands in", path_of(p)));
        party.name = Some(name);
    }
    if let Some(contact) = Ctx::one(p, cac("Contact")) {
        party.contact_name = ctx.text_at(contact, &[cbc("Name")]);
        party.phone = ctx.text_at(contact, &[cbc("Telephone")]);
        party.email = ctx.text_at(contact, &[cbc("ElectronicMail")]);
    }
    party
}

fn address(ctx: &mut Ctx, a: Node<'_, '_>) -> Option<Address> {
    let mut lines = Vec::new();
    lines.extend(ctx.text_at(a, &[cbc("StreetName")]));
    lines.extend(ctx.text_at(a, &[cbc("AdditionalStreetName")]));
    lines.extend(ctx.text_at(a, &[cac("AddressLine"), cbc("Line")]));
    let address = Address {
        lines,
        city: ctx.text_at(a, &[cbc("CityName")]),
        postal_code: ctx.text_at(a, &[cbc("PostalZone")]),
        country: ctx.code_at(a, &[cac("Country"), cbc("IdentificationCode")]),
    };
    if address == Address::default() { None } else { Some(address) }
}

fn payment_means(ctx: &mut Ctx, m: Node<'_, '_>, payment: &mut Payment, due: &mut Option<chrono::NaiveDate>) {
    if let Some(code) = Ctx::one(m, cbc("PaymentMeansCode")) {
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
    if due.is_none() {
        *due = optional_date(ctx, m, "PaymentDueDate", "BT-9 payment due date");
    }
    payment.reference = ctx.text_at(m, &[cbc("PaymentID")]);
    if let Some(account) = Ctx::one(m, cac("PayeeFinancialAccount")) {
        payment.iban = ctx.code_at(account, &[cbc("ID")]);
        payment.bic = ctx.code_at(account, &[cac("FinancialInstitutionBranch"), cbc("ID")]);
    }
    if let Some(mandate) = Ctx::one(m, cac("PaymentMandate")) {
        payment.mandate_reference = ctx.text_at(mandate, &[cbc("ID")]);
        payment.debtor_iban = ctx.code_at(mandate, &[cac("PayerFinancialAccount"), cbc("ID")]);
    }
}

/// `cac:TaxCategory` / `cac:ClassifiedTaxCategory`: category, rate, exemption reason.
fn category(ctx: &mut Ctx, c: Node<'_, '_>, what: &str) -> Result<(TaxCategory, Decimal, Option<String>), ReadError> {
    let code = ctx.code_at(c, &[cbc("ID")]);
    let code = required(code, what, c, "cbc:ID")?;
    let category = category_of(&code, c)?;
    let rate = ctx.decimal_at(c, &[cbc("Percent")], "VAT rate")?;
    let rate = rate.unwrap_or_else(|| {
        if category != TaxCategory::O {
            ctx.warn(|| format!("{}: no VAT rate (cbc:Percent) for category {code}: 0 shown", path_of(c)));
        }
        Decimal::ZERO
    });
    let reason = ctx.text_at(c, &[cbc("TaxExemptionReason")]);
    if let Some(scheme) = Ctx::at(c, &[cac("TaxScheme"), cbc("ID")])
        && scheme.text().is_some_and(|t| t.trim() == "VAT")
    {
        ctx.mark(scheme);
    }
    Ok((category, rate, reason))
}

fn adjustment(ctx: &mut Ctx, a: Node<'_, '_>, currency: &str, charge: bool) -> Result<InvoiceAdjustment, ReadError> {
    let term = if charge { "BT-99 charge amount" } else { "BT-92 allowance amount" };
    let amount = ctx.amount_at(a, &[cbc("Amount")], term, currency)?;
    let amount = required(amount, term, a, "cbc:Amount")?;
    let reason = ctx.text_at(a, &[cbc("AllowanceChargeReason")]).unwrap_or_else(|| {
        ctx.warn(|| format!("{}: no reason text (BT-97/BT-104): shown empty", path_of(a)));
        String::new()
    });
    let c = Ctx::one(a, cac("TaxCategory"));
    let c = required(
        c,
        if charge { "BT-102 charge VAT category" } else { "BT-95 allowance VAT category" },
        a,
        "cac:TaxCategory",
    )?;
    let (tax_category, tax_rate, tax_exemption_reason) = category(ctx, c, "VAT category code")?;
    Ok(InvoiceAdjustment { reason, amount, tax_rate, tax_category, tax_exemption_reason })
}

fn tax_total(
    ctx: &mut Ctx,
    root: Node<'_, '_>,
    currency: &str,
) -> Result<(Vec<TaxSubtotal>, Option<Decimal>), ReadError> {
    let mut groups = Vec::new();
    let mut total = None;
    // The TaxTotal in the document currency; one in the tax currency (BT-111) stays unread.
    for t in Ctx::all(root, cac("TaxTotal")) {
        let amount_node = Ctx::one(t, cbc("TaxAmount"));
        let in_currency = amount_node.and_then(|n| n.attribute("currencyID")).is_none_or(|c| c.trim() == currency);
        if !in_currency || total.is_some() {
            continue;
        }
        total = ctx.amount_at(t, &[cbc("TaxAmount")], "BT-110 invoice total VAT amount", currency)?;
        for s in Ctx::all(t, cac("TaxSubtotal")) {
            let base = ctx.amount_at(s, &[cbc("TaxableAmount")], "BT-116 VAT category taxable amount", currency)?;
            let base = required(base, "BT-116 VAT category taxable amount", s, "cbc:TaxableAmount")?;
            let amount = ctx.amount_at(s, &[cbc("TaxAmount")], "BT-117 VAT category tax amount", currency)?;
            let amount = required(amount, "BT-117 VAT category tax amount", s, "cbc:TaxAmount")?;
            let c = required(Ctx::one(s, cac("TaxCategory")), "BT-118 VAT category code", s, "cac:TaxCategory")?;
            let (category, rate, exemption_reason) = category(ctx, c, "BT-118 VAT category code")?;
            groups.push(TaxSubtotal { category, rate, base, amount, exemption_reason });
        }
    }
    Ok((groups, total))
}

fn lines(ctx: &mut Ctx, root: Node<'_, '_>, credit: bool, currency: &str) -> Result<Vec<InvoiceLine>, ReadError> {
    let (element, quantity_name) =
        if credit { ("CreditNoteLine", "CreditedQuantity") } else { ("InvoiceLine", "InvoicedQuantity") };
    let mut lines = Vec::new();
    for (i, l) in Ctx::all(root, cac(element)).into_iter().enumerate() {
        if let Some(id) = Ctx::one(l, cbc("ID"))
            && id.text().is_some_and(|t| t.trim() == (i + 1).to_string())
        {
            // The position is the line's identity in the model (BT-126 = 1, 2, ...).
            ctx.mark(id);
        }
        let q = required(Ctx::one(l, cbc(quantity_name)), "BT-129 invoiced quantity", l, quantity_name)?;
        let unit = required(ctx.attr(q, "unitCode"), "BT-130 unit of measure", q, "@unitCode")?;
        let quantity =
            required(ctx.decimal(q, "BT-129 invoiced quantity")?, "BT-129 invoiced quantity", l, quantity_name)?;
        let net = ctx.amount_at(l, &[cbc("LineExtensionAmount")], "BT-131 invoice line net amount", currency)?;
        let net = required(net, "BT-131 invoice line net amount", l, "cbc:LineExtensionAmount")?;
        let item = required(Ctx::one(l, cac("Item")), "BT-153 item name", l, "cac:Item")?;
        let description = required(ctx.text_at(item, &[cbc("Name")]), "BT-153 item name", item, "cbc:Name")?;
        let c = Ctx::one(item, cac("ClassifiedTaxCategory"));
        let c = required(c, "BT-151 invoiced item VAT category code", item, "cac:ClassifiedTaxCategory")?;
        let (tax_category, tax_rate, tax_exemption_reason) =
            category(ctx, c, "BT-151 invoiced item VAT category code")?;
        let price = Ctx::at(l, &[cac("Price"), cbc("PriceAmount")]);
        let price = required(price, "BT-146 item net price", l, "cac:Price/cbc:PriceAmount")?;
        ctx.currency_attr(price, currency);
        let unit_price =
            required(ctx.decimal(price, "BT-146 item net price")?, "BT-146 item net price", l, "cbc:PriceAmount")?;
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
        let adjustments = Ctx::all(l, cac("AllowanceCharge"));
        if let [a] = adjustments.as_slice() {
            let found = LineAllowance {
                node: *a,
                amount: Ctx::one(*a, cbc("Amount")),
                percent: Ctx::one(*a, cbc("MultiplierFactorNumeric")),
                base: Ctx::one(*a, cbc("BaseAmount")),
                reason: Ctx::one(*a, cbc("AllowanceChargeReason")),
                indicator: Ctx::one(*a, cbc("ChargeIndicator")),
            };
            ctx.line_allowance(&found, &mut line, currency)?;
        } else if !adjustments.is_empty() {
            ctx.warn(|| {
                format!("{}: several line allowances or charges; the net (BT-131) is shown as stated", path_of(l))
            });
        }
        lines.push(line);
    }
    Ok(lines)
}

#[allow(clippy::too_many_arguments)]
fn totals(
    ctx: &mut Ctx,
    root: Node<'_, '_>,
    currency: &str,
    lines: &[InvoiceLine],
    allowances: &[InvoiceAdjustment],
    charges: &[InvoiceAdjustment],
    tax: Vec<TaxSubtotal>,
    tax_total: Option<Decimal>,
) -> Result<Totals, ReadError> {
    let m = Ctx::one(root, cac("LegalMonetaryTotal"));
    let m = required(m, "BG-22 document totals", root, "cac:LegalMonetaryTotal")?;
    let get = |ctx: &mut Ctx, name: &'static str, term: &str| ctx.amount_at(m, &[cbc(name)], term, currency);
    let lines_net = get(ctx, "LineExtensionAmount", "BT-106 sum of invoice line net amount")?;
    let allowance_total = get(ctx, "AllowanceTotalAmount", "BT-107 sum of allowances")?;
    let charge_total = get(ctx, "ChargeTotalAmount", "BT-108 sum of charges")?;
    let net = get(ctx, "TaxExclusiveAmount", "BT-109 invoice total amount without VAT")?;
    let gross = get(ctx, "TaxInclusiveAmount", "BT-112 invoice total amount with VAT")?;
    let gross = required(gross, "BT-112 invoice total amount with VAT", m, "cbc:TaxInclusiveAmount")?;
    let prepaid = get(ctx, "PrepaidAmount", "BT-113 paid amount")?;
    let due = get(ctx, "PayableAmount", "BT-115 amount due for payment")?;
    let due = required(due, "BT-115 amount due for payment", m, "cbc:PayableAmount")?;
    if Ctx::one(m, cbc("PayableRoundingAmount")).is_some() {
        ctx.warn(|| {
            "BT-114 rounding amount has no place in the model: it is left unread, BT-115 shown as stated".to_owned()
        });
    }
    super::complete_totals(
        ctx,
        super::Stated { lines_net, allowance_total, charge_total, net, tax_total, gross, prepaid, due },
        currency,
        lines,
        allowances,
        charges,
        tax,
    )
}
