//! What a profile requires beyond a valid invoice (SPEC 8.4). Each unmet requirement is an
//! `einvoice_requirement` problem at the draft field that would satisfy it, naming the
//! business term and the rule id of the official rules (CEN EN 16931, KoSIT XRechnung,
//! Peppol BIS), so a user can look the rule up.

use super::Profile;
use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, Party, PaymentMeans, TaxCategory};
use crate::invoice::money;
use crate::invoice::problem::{Code, Problem};

struct Found<'a> {
    profile: Profile,
    problems: Vec<Problem>,
    invoice: &'a Invoice,
}

impl Found<'_> {
    fn add(&mut self, path: &str, message: impl Into<String>) {
        if !self.problems.iter().any(|p| p.path == path) {
            self.problems.push(Problem::new(path, Code::EinvoiceRequirement, message));
        }
    }

    /// `BT-x what is required by PROFILE (RULE)`.
    fn require(&mut self, present: bool, path: &str, term: &str, rule: &str) {
        if !present {
            let label = self.profile.label();
            self.add(path, format!("{term} is required by {label} ({rule})"));
        }
    }

    fn categories(&self) -> Vec<TaxCategory> {
        let mut all: Vec<TaxCategory> = self.invoice.totals.tax.iter().map(|g| g.category).collect();
        all.dedup();
        all
    }
}

fn has<T>(value: Option<&T>) -> bool {
    value.is_some()
}

/// BR-CO-09: a VAT identifier starts with a country code (ISO 3166-1 alpha-2, Greece `EL`).
fn vat_prefix_ok(vat: &str) -> bool {
    let prefix = vat.get(..2).unwrap_or_default();
    prefix == "EL"
        || (prefix.bytes().all(|b| b.is_ascii_uppercase()) && isocountry::CountryCode::for_alpha2(prefix).is_ok())
}

fn country(party: &Party) -> bool {
    party.address.as_ref().and_then(|a| a.country.as_ref()).is_some()
}

/// Every unmet requirement of `profile` for `invoice` (its number is not checked here).
#[must_use]
pub fn requirements(invoice: &Invoice, profile: Profile) -> Vec<Problem> {
    let mut f = Found { profile, problems: Vec::new(), invoice };
    core(&mut f);
    match profile {
        Profile::En16931 => {}
        Profile::Xrechnung => xrechnung(&mut f),
        Profile::Peppol => peppol(&mut f),
    }
    f.problems
}

/// The CEN EN 16931 rules that a valid invoice of this product can still break.
fn core(f: &mut Found<'_>) {
    let inv = f.invoice;
    if let Some(dp) = money::minor_units(&inv.currency)
        && dp > 2
    {
        f.add(
            "/currency",
            format!(
                "BT-5 currency {} has {dp} decimal places, but EN 16931 amounts have at most 2 (BR-DEC-09 and the other BR-DEC rules); this invoice cannot be an EN 16931 e-invoice",
                inv.currency
            ),
        );
    }
    let seller = &inv.seller;
    let buyer = &inv.buyer;
    if seller.vat_id.is_none() && seller.legal_id.is_none() {
        f.add(
            "/seller/vat_id",
            "BT-31 seller VAT identifier or BT-30 seller legal registration identifier (legal_id) is required by EN 16931 (BR-CO-26); a tax_id alone is not enough",
        );
    }
    for (path, term, vat) in
        [("/seller/vat_id", "BT-31 seller", &seller.vat_id), ("/buyer/vat_id", "BT-48 buyer", &buyer.vat_id)]
    {
        if vat.as_deref().is_some_and(|v| !vat_prefix_ok(v)) {
            f.add(
                path,
                format!("{term} VAT identifier must start with its country's ISO 3166-1 alpha-2 code, e.g. DE123456789 (BR-CO-09)"),
            );
        }
    }
    f.require(country(seller), "/seller/address/country", "BT-40 seller country code", "BR-09");
    f.require(country(buyer), "/buyer/address/country", "BT-55 buyer country code", "BR-11");
    if let Some(address) = &inv.delivery_address {
        f.require(address.country.is_some(), "/delivery_address/country", "BT-80 deliver-to country code", "BR-57");
    }
    let seller_vat_or_tax = seller.vat_id.is_some() || seller.tax_id.is_some();
    for category in f.categories() {
        match category {
            TaxCategory::S | TaxCategory::Z | TaxCategory::E => {
                let rule = format!("BR-{}-02", category.code());
                f.require(
                    seller_vat_or_tax,
                    "/seller/vat_id",
                    &format!(
                        "BT-31 seller VAT identifier or BT-32 tax registration identifier (for VAT category {})",
                        category.code()
                    ),
                    &rule,
                );
            }
            TaxCategory::AE => {
                f.require(
                    seller_vat_or_tax,
                    "/seller/vat_id",
                    "BT-31 seller VAT identifier or BT-32 tax registration identifier (for reverse charge, category AE)",
                    "BR-AE-02",
                );
                f.require(
                    buyer.vat_id.is_some() || buyer.legal_id.is_some(),
                    "/buyer/vat_id",
                    "BT-48 buyer VAT identifier or BT-47 buyer legal registration identifier (for reverse charge, category AE)",
                    "BR-AE-02",
                );
            }
            TaxCategory::K => {
                f.require(
                    seller.vat_id.is_some(),
                    "/seller/vat_id",
                    "BT-31 seller VAT identifier (for intra-community supply, category K)",
                    "BR-IC-02",
                );
                f.require(
                    buyer.vat_id.is_some(),
                    "/buyer/vat_id",
                    "BT-48 buyer VAT identifier (for intra-community supply, category K)",
                    "BR-IC-02",
                );
                f.require(
                    inv.delivery_date.is_some() || inv.period.is_some(),
                    "/delivery_date",
                    "BT-72 actual delivery date or BG-14 invoicing period (period) (for intra-community supply, category K)",
                    "BR-IC-11",
                );
            }
            TaxCategory::G => f.require(
                seller.vat_id.is_some(),
                "/seller/vat_id",
                "BT-31 seller VAT identifier (for export, category G)",
                "BR-G-02",
            ),
            TaxCategory::O => {
                if seller.vat_id.is_some() {
                    f.add("/seller/vat_id", "BT-31 seller VAT identifier must be absent when VAT category O (not subject to VAT) is used (BR-O-02)");
                }
                if buyer.vat_id.is_some() {
                    f.add("/buyer/vat_id", "BT-48 buyer VAT identifier must be absent when VAT category O (not subject to VAT) is used (BR-O-02)");
                }
            }
        }
    }
    if f.categories().contains(&TaxCategory::O) && f.categories().len() > 1 {
        f.add(
            "/lines",
            "VAT category O (not subject to VAT) cannot be mixed with other VAT categories in one EN 16931 invoice (BR-O-11)",
        );
    }
    if let Some(payment) = &inv.payment {
        let instructions = payment.iban.is_some()
            || payment.bic.is_some()
            || payment.mandate_reference.is_some()
            || payment.creditor_id.is_some()
            || payment.debtor_iban.is_some();
        if instructions && payment.means.is_none() {
            f.require(
                false,
                "/payment/means",
                "BT-81 payment means type code (for the payment instructions given)",
                "BR-49",
            );
        }
        if matches!(payment.means, Some(PaymentMeans::CreditTransfer | PaymentMeans::SepaCreditTransfer)) {
            f.require(
                payment.iban.is_some(),
                "/payment/iban",
                "BT-84 payment account identifier (IBAN) for a credit transfer",
                "BR-61",
            );
        }
    }
    if inv.kind == DocumentType::CreditNote && inv.totals.due > rust_decimal::Decimal::ZERO {
        let means = inv.payment.as_ref().is_some_and(|p| p.means.is_some());
        let terms = inv.payment.as_ref().is_some_and(|p| p.terms.is_some());
        f.require(
            means || terms,
            "/payment/terms",
            "BT-20 payment terms or BG-16 payment instructions (where the credit note's due date is written)",
            "BR-CO-25",
        );
    }
}

fn electronic_addresses(f: &mut Found<'_>, seller_rule: &str, buyer_rule: &str) {
    let inv = f.invoice;
    f.require(
        has(inv.seller.electronic_address.as_ref()),
        "/seller/electronic_address",
        "BT-34 seller electronic address",
        seller_rule,
    );
    f.require(
        has(inv.buyer.electronic_address.as_ref()),
        "/buyer/electronic_address",
        "BT-49 buyer electronic address",
        buyer_rule,
    );
}

fn direct_debit(f: &mut Found<'_>, mandate_rule: &str) {
    let Some(payment) = &f.invoice.payment else { return };
    if !matches!(payment.means, Some(PaymentMeans::DirectDebit | PaymentMeans::SepaDirectDebit)) {
        return;
    }
    let (mandate, creditor, debtor) =
        (payment.mandate_reference.is_some(), payment.creditor_id.is_some(), payment.debtor_iban.is_some());
    f.require(mandate, "/payment/mandate_reference", "BT-89 mandate reference (for direct debit)", mandate_rule);
    if f.profile == Profile::Xrechnung {
        f.require(
            creditor,
            "/payment/creditor_id",
            "BT-90 bank assigned creditor identifier (for direct debit)",
            "BR-DE-30",
        );
        f.require(debtor, "/payment/debtor_iban", "BT-91 debited account identifier (for direct debit)", "BR-DE-31");
    }
}

/// KoSIT XRechnung 3.0 (with the Peppol rules it adopts).
fn xrechnung(f: &mut Found<'_>) {
    let inv = f.invoice;
    f.require(
        inv.buyer_reference.is_some(),
        "/buyer_reference",
        "BT-10 buyer reference (e.g. a Leitweg-ID)",
        "BR-DE-15",
    );
    let s = &inv.seller;
    f.require(s.contact_name.is_some(), "/seller/contact_name", "BT-41 seller contact name", "BR-DE-5");
    f.require(s.phone.is_some(), "/seller/phone", "BT-42 seller contact telephone number", "BR-DE-6");
    f.require(s.email.is_some(), "/seller/email", "BT-43 seller contact e-mail address", "BR-DE-7");
    let city = |p: &Party| p.address.as_ref().and_then(|a| a.city.as_ref()).is_some();
    let postal = |p: &Party| p.address.as_ref().and_then(|a| a.postal_code.as_ref()).is_some();
    f.require(city(s), "/seller/address/city", "BT-37 seller city", "BR-DE-3");
    f.require(postal(s), "/seller/address/postal_code", "BT-38 seller post code", "BR-DE-4");
    f.require(city(&inv.buyer), "/buyer/address/city", "BT-52 buyer city", "BR-DE-8");
    f.require(postal(&inv.buyer), "/buyer/address/postal_code", "BT-53 buyer post code", "BR-DE-9");
    electronic_addresses(f, "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R010");
    let means = inv.payment.as_ref().and_then(|p| p.means);
    f.require(means.is_some(), "/payment/means", "BG-16 payment instructions with BT-81 payment means", "BR-DE-1");
    if means == Some(PaymentMeans::Card) {
        f.add(
            "/payment/means",
            "BG-18 payment card information is required by XRechnung for card payments (BR-DE-24-a); this product does not record card details, so choose another payment means",
        );
    }
    // Direct debit (49) and SEPA direct debit (59) are both accepted (BR-DE-25 covers
    // both); `direct_debit` below asks for the mandate, creditor and debtor account.
    direct_debit(f, "PEPPOL-EN16931-R061");
}

/// Peppol BIS Billing 3.0.
fn peppol(f: &mut Found<'_>) {
    let inv = f.invoice;
    f.require(
        inv.buyer_reference.is_some() || inv.order_reference.is_some(),
        "/buyer_reference",
        "BT-10 buyer reference or BT-13 order reference",
        "PEPPOL-EN16931-R003",
    );
    electronic_addresses(f, "PEPPOL-EN16931-R020", "PEPPOL-EN16931-R010");
    direct_debit(f, "PEPPOL-EN16931-R061");
}
