//! The invoice data model: the draft people write and the invoice the store issues.
//!
//! Field names and shapes follow SPEC 2.1 and EN 16931 (the business term each field
//! maps to is noted), so a draft can later be written as UBL or CII unchanged.
//! These types are also the source of `invoice schema`: the parser in `parse.rs`
//! takes its field lists from them, so the schema and the parser cannot drift.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// Longest name (seller, buyer), in characters.
pub const MAX_NAME: usize = 200;
/// Longest line description, in characters.
pub const MAX_DESCRIPTION: usize = 1_000;
/// Longest `notes`, in characters.
pub const MAX_NOTES: usize = 4_000;
/// Longest value of any other text field, in characters.
pub const MAX_TEXT: usize = 100;
/// Most lines on one invoice.
pub const MAX_LINES: usize = 1_000;
/// Most address lines.
pub const MAX_ADDRESS_LINES: usize = 3;
/// Most allowances, and separately charges, on one invoice.
pub const MAX_ADJUSTMENTS: usize = 100;
/// Longest payment terms text (BT-20), in characters: room for a late-payment clause.
pub const MAX_TERMS: usize = 500;
/// Most lines of the seller's legal text (the document footer).
pub const MAX_LEGAL_LINES: usize = 10;
/// Longest line of the seller's legal text, in characters.
pub const MAX_LEGAL_LINE: usize = 120;

/// Invoice (UNTDID 1001 code 380) or credit note (381). EN 16931 BT-3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// A commercial invoice.
    #[default]
    Invoice,
    /// A credit note; names the invoice it corrects in `preceding_invoice`.
    CreditNote,
}

/// The language a document is printed in (SPEC 10): labels, dates and number formats.
/// JSON, CSV and e-invoice outputs never change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (default).
    #[default]
    En,
    /// German.
    De,
    /// French.
    Fr,
}

impl Language {
    /// Every accepted value, for messages.
    pub const NAMES: &'static str = "en, de, fr";

    /// Parses `en`, `de` or `fr`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "en" => Some(Language::En),
            "de" => Some(Language::De),
            "fr" => Some(Language::Fr),
            _ => None,
        }
    }

    /// Whether this is the default, English (not written to the stored JSON then).
    #[must_use]
    pub fn is_english(&self) -> bool {
        *self == Language::En
    }
}

/// EN 16931 VAT category (UNCL 5305 subset), BT-151.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TaxCategory {
    /// Standard rate (rate above 0).
    S,
    /// Zero rated goods (rate 0).
    Z,
    /// Exempt from tax; needs `tax_exemption_reason`.
    E,
    /// VAT reverse charge; needs `tax_exemption_reason`.
    AE,
    /// Intra-community supply (VAT exempt for EEA); needs `tax_exemption_reason`.
    K,
    /// Free export item, tax not charged; needs `tax_exemption_reason`.
    G,
    /// Services outside the scope of tax; needs `tax_exemption_reason`.
    O,
}

impl TaxCategory {
    /// Parses the category code exactly as written (upper case).
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "S" => TaxCategory::S,
            "Z" => TaxCategory::Z,
            "E" => TaxCategory::E,
            "AE" => TaxCategory::AE,
            "K" => TaxCategory::K,
            "G" => TaxCategory::G,
            "O" => TaxCategory::O,
            _ => return None,
        })
    }

    /// The category code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            TaxCategory::S => "S",
            TaxCategory::Z => "Z",
            TaxCategory::E => "E",
            TaxCategory::AE => "AE",
            TaxCategory::K => "K",
            TaxCategory::G => "G",
            TaxCategory::O => "O",
        }
    }

    /// Whether lines of this category must say why no tax is charged.
    #[must_use]
    pub fn needs_exemption_reason(self) -> bool {
        !matches!(self, TaxCategory::S | TaxCategory::Z)
    }

    /// The category implied by a rate when none is given.
    #[must_use]
    pub fn default_for(rate: Decimal) -> Self {
        if rate.is_zero() { TaxCategory::Z } else { TaxCategory::S }
    }
}

/// How the invoice is paid (UNTDID 4461), BT-81.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMeans {
    /// Credit transfer (30).
    CreditTransfer,
    /// SEPA credit transfer (58).
    SepaCreditTransfer,
    /// Direct debit (49).
    DirectDebit,
    /// SEPA direct debit (59).
    SepaDirectDebit,
    /// Bank card (48).
    Card,
    /// Cash (10).
    Cash,
    /// Cheque (20).
    Cheque,
    /// Anything else (1, instrument not defined).
    Other,
}

impl PaymentMeans {
    /// Every accepted value, for messages.
    pub const NAMES: &'static str =
        "credit_transfer, sepa_credit_transfer, direct_debit, sepa_direct_debit, card, cash, cheque, other";

    /// Parses the snake_case name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "credit_transfer" => PaymentMeans::CreditTransfer,
            "sepa_credit_transfer" => PaymentMeans::SepaCreditTransfer,
            "direct_debit" => PaymentMeans::DirectDebit,
            "sepa_direct_debit" => PaymentMeans::SepaDirectDebit,
            "card" => PaymentMeans::Card,
            "cash" => PaymentMeans::Cash,
            "cheque" => PaymentMeans::Cheque,
            "other" => PaymentMeans::Other,
            _ => return None,
        })
    }

    /// A label for documents.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PaymentMeans::CreditTransfer => "Credit transfer",
            PaymentMeans::SepaCreditTransfer => "SEPA credit transfer",
            PaymentMeans::DirectDebit => "Direct debit",
            PaymentMeans::SepaDirectDebit => "SEPA direct debit",
            PaymentMeans::Card => "Card",
            PaymentMeans::Cash => "Cash",
            PaymentMeans::Cheque => "Cheque",
            PaymentMeans::Other => "Other",
        }
    }
}

/// A postal address (BG-5 / BG-8).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street lines, at most 3 (BT-35..BT-37), each at most 100 characters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// City (BT-37 / BT-52).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Postal code (BT-38 / BT-53).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 country code (BT-40 / BT-55), e.g. `DE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// Seller or buyer (BG-4 / BG-7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Legal name, at most 200 characters, any script (BT-27 / BT-44). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// VAT identifier, e.g. `DE123456789` (BT-31 / BT-48).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// Tax registration number (BT-32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// E-mail address (BT-43 / BT-58).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number (BT-42 / BT-57).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Contact person or department (BT-41 / BT-56); `phone` and `email` are its contact details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// Electronic address for e-invoice delivery (BT-34 / BT-49), with its CEF EAS scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electronic_address: Option<ElectronicAddress>,
    /// Legal registration identifier, e.g. a company register number (BT-30 / BT-47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_id: Option<String>,
    /// Seller only: the legal mentions printed as a footer on every page (managing
    /// directors, register court, share capital, late-payment penalties), at most 10
    /// lines of at most 120 characters each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_text: Vec<String>,
}

/// An electronic address (BT-34 / BT-49) with its scheme (BT-34-1 / BT-49-1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElectronicAddress {
    /// A code of the CEF Electronic Address Scheme list: `EM` e-mail, `0088` GLN, `0204`
    /// Leitweg-ID, `9930` German VAT number, `0208` Belgian enterprise number, ... Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// The address within that scheme, e.g. `billing@acme.example`. Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// An invoicing period (BG-14).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day `YYYY-MM-DD` (BT-73).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_schema")]
    pub start: Option<NaiveDate>,
    /// Last day `YYYY-MM-DD`, not before `start` (BT-74).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_schema")]
    pub end: Option<NaiveDate>,
}

/// One invoice line (BG-25).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// What was delivered, at most 1,000 characters (BT-153). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Quantity, greater than 0, at most 6 decimals (BT-129). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub quantity: Option<Decimal>,
    /// UN/ECE Recommendation 20 unit code or a friendly alias (`h`, `day`, `pcs`, `kg`, ...),
    /// stored as the code (BT-130). Default `C62` (one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Price of one unit, not negative, at most 6 decimals (BT-146). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub unit_price: Option<Decimal>,
    /// VAT rate in percent, 0 to 100 (BT-152). Default: the configured rate, else 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub tax_rate: Option<Decimal>,
    /// VAT category (BT-151). Default `S` when the rate is above 0, else `Z`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_category: Option<TaxCategory>,
    /// Why no VAT is charged; required for categories E, AE, K, G and O (BT-120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exemption_reason: Option<String>,
    /// Line discount in percent, 0 to 100 (BG-27).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub discount_percent: Option<Decimal>,
}

/// A document-level allowance (BG-20) or charge (BG-21).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    /// Why it is given or charged (BT-97 / BT-104). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Amount, not negative, at most the currency's minor units (BT-92 / BT-99). Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub amount: Option<Decimal>,
    /// VAT rate of the tax group it applies to (BT-96 / BT-103).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub tax_rate: Option<Decimal>,
    /// VAT category of the tax group it applies to (BT-95 / BT-102).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_category: Option<TaxCategory>,
    /// Required for categories E, AE, K, G and O.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exemption_reason: Option<String>,
}

/// Payment instructions (BG-16).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Payment means (BT-81).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub means: Option<PaymentMeans>,
    /// Account IBAN (BT-84); spaces and lower case are accepted and normalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// BIC of the account's bank (BT-86), 8 or 11 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// Payment terms text (BT-20), at most 500 characters. Default: the configured terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// Remittance information (BT-83). Default: the invoice number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Direct debit mandate reference (BT-89).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate_reference: Option<String>,
    /// Direct debit creditor identifier, e.g. a SEPA creditor id (BT-90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_id: Option<String>,
    /// IBAN of the buyer's account that is debited (BT-91); stored normalized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_iban: Option<String>,
}

/// An invoice draft as written by a person or program (SPEC 2.1).
///
/// Everything is optional here because the config file may supply defaults;
/// validation decides what is finally required.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Invoice draft",
    description = "An invoice draft for `invoice create`, `invoice validate` and `POST /v1/invoices` (Invoice Generator Pro, SPEC 2.1). Numbers may be JSON numbers or strings and are read exactly as decimals."
)]
pub struct Draft {
    /// `invoice` (default) or `credit_note` (BT-3).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<DocumentType>,
    /// Numbering series, e.g. `INV` (default from config, else `INV`; `CN` for credit notes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Issue date `YYYY-MM-DD` (BT-2). Default: today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_schema")]
    pub issue_date: Option<NaiveDate>,
    /// Due date `YYYY-MM-DD` (BT-9). Default: issue date + the configured payment terms (30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_schema")]
    pub due_date: Option<NaiveDate>,
    /// Active ISO 4217 currency code, e.g. `EUR` (BT-5). Required unless configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The seller. Default: the `[seller]` table of the config file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seller: Option<Party>,
    /// The buyer. Required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Party>,
    /// Buyer reference, e.g. a Leitweg-ID (BT-10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_reference: Option<String>,
    /// Purchase order reference (BT-13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_reference: Option<String>,
    /// For a credit note: the number of the invoice it corrects (BT-25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceding_invoice: Option<String>,
    /// Actual delivery date `YYYY-MM-DD` (BT-72).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "date_schema")]
    pub delivery_date: Option<NaiveDate>,
    /// Deliver-to address (BG-15, BT-75..80). For category K without it, the buyer's
    /// address is used (BR-IC-12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_address: Option<Address>,
    /// Invoicing period (BG-14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// The invoice lines, 1 to 1,000. Required.
    #[serde(default)]
    pub lines: Vec<Line>,
    /// Document-level allowances (discounts) by tax group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowances: Vec<Adjustment>,
    /// Document-level charges (shipping, ...) by tax group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Adjustment>,
    /// Amount already paid (BT-113), in the currency's minor units at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "decimal_schema")]
    pub prepaid: Option<Decimal>,
    /// Payment instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Free text printed on the invoice, at most 4,000 characters; may contain newlines (BT-22).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Language of the printed documents: `en` (default, or `[defaults] language`), `de`, `fr`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// A customer's ID (`invoice customer add`): fills `buyer` and the customer's defaults
    /// (language, currency, payment terms, buyer reference) where the draft has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]{0,63}$"))]
    pub customer: Option<String>,
}

/// Where an issued invoice is in its life (SPEC 2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Computed but not issued (`--dry-run`, `validate`, draft rendering).
    Draft,
    /// Issued, awaiting payment: nothing received yet.
    Issued,
    /// Something received, a balance still outstanding (SPEC 12.1).
    PartiallyPaid,
    /// Paid: nothing outstanding, through payments or a prepaid amount.
    Paid,
    /// Cancelled; keeps its number.
    Void,
    /// Corrected by a credit note.
    Credited,
}

impl Status {
    /// The status as stored and printed.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Issued => "issued",
            Status::PartiallyPaid => "partially_paid",
            Status::Paid => "paid",
            Status::Void => "void",
            Status::Credited => "credited",
        }
    }

    /// Parses a stored or user-given status.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "draft" => Status::Draft,
            "issued" => Status::Issued,
            "partially_paid" => Status::PartiallyPaid,
            "paid" => Status::Paid,
            "void" => Status::Void,
            "credited" => Status::Credited,
            _ => return None,
        })
    }

    /// Whether the lifecycle allows moving from `self` to `to` (SPEC 2.4).
    #[must_use]
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Issued, Status::PartiallyPaid | Status::Paid | Status::Void | Status::Credited)
                | (Status::PartiallyPaid, Status::Issued | Status::Paid | Status::Credited)
                | (Status::Paid, Status::Issued | Status::PartiallyPaid | Status::Credited)
        )
    }
}

/// A line of a computed invoice: the draft line with defaults applied, plus its net.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceLine {
    /// Description.
    pub description: String,
    /// Quantity.
    pub quantity: Decimal,
    /// UN/ECE Rec 20 unit code.
    pub unit: String,
    /// Price of one unit.
    pub unit_price: Decimal,
    /// VAT rate in percent.
    pub tax_rate: Decimal,
    /// VAT category.
    pub tax_category: TaxCategory,
    /// Why no tax is charged (E, AE, K, G, O).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exemption_reason: Option<String>,
    /// Line discount in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_percent: Option<Decimal>,
    /// quantity × price × (1 − discount), rounded to the currency (BT-131).
    pub net: Decimal,
}

/// A document-level allowance or charge with its tax group resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceAdjustment {
    /// Why.
    pub reason: String,
    /// Amount in the currency's minor units.
    pub amount: Decimal,
    /// Tax rate of its group.
    pub tax_rate: Decimal,
    /// Tax category of its group.
    pub tax_category: TaxCategory,
    /// Exemption reason of its group, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_exemption_reason: Option<String>,
}

/// One tax group's breakdown (BG-23).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxSubtotal {
    /// VAT category.
    pub category: TaxCategory,
    /// Rate in percent, without trailing zeros.
    pub rate: Decimal,
    /// Taxable amount of the group (BT-116).
    pub base: Decimal,
    /// Tax of the group, computed on the group's base (BT-117).
    pub amount: Decimal,
    /// Exemption reason of the group, if any (BT-120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exemption_reason: Option<String>,
}

/// Document totals (BG-22); every amount has exactly the currency's minor units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Σ line nets (BT-106).
    pub lines_net: Decimal,
    /// Σ allowances (BT-107).
    pub allowances: Decimal,
    /// Σ charges (BT-108).
    pub charges: Decimal,
    /// Σ tax bases (BT-109).
    pub net: Decimal,
    /// Per tax group, ordered by category code, then rate.
    pub tax: Vec<TaxSubtotal>,
    /// Σ group taxes (BT-110).
    pub tax_total: Decimal,
    /// net + tax_total (BT-112).
    pub gross: Decimal,
    /// Already paid (BT-113).
    pub prepaid: Decimal,
    /// gross − prepaid (BT-115).
    pub due: Decimal,
}

/// A complete invoice: the normalized draft with defaults applied and totals computed.
/// Issued invoices also carry their number, status and creation time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// Assigned by the store when issued; absent on drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Lifecycle status.
    pub status: Status,
    /// When the store issued it (UTC, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Invoice or credit note.
    #[serde(rename = "type")]
    pub kind: DocumentType,
    /// Numbering series.
    pub series: String,
    /// Issue date.
    pub issue_date: NaiveDate,
    /// Due date.
    pub due_date: NaiveDate,
    /// ISO 4217 code.
    pub currency: String,
    /// Seller.
    pub seller: Party,
    /// Buyer.
    pub buyer: Party,
    /// Buyer reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_reference: Option<String>,
    /// Order reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_reference: Option<String>,
    /// Invoice a credit note corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceding_invoice: Option<String>,
    /// The issue date of the invoice a credit note corrects (BT-26). Set by the store from
    /// the stored invoice when it issues the credit note, never taken from a draft;
    /// absent on drafts and on credit notes stored before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preceding_invoice_date: Option<NaiveDate>,
    /// Actual delivery date (BT-72).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_date: Option<NaiveDate>,
    /// Deliver-to address (BG-15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_address: Option<Address>,
    /// Invoicing period (BG-14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Lines with their nets.
    pub lines: Vec<InvoiceLine>,
    /// Allowances.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowances: Vec<InvoiceAdjustment>,
    /// Charges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<InvoiceAdjustment>,
    /// Payment instructions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Date the invoice was paid (status `paid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_date: Option<NaiveDate>,
    /// Why it was voided (status `void`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub void_reason: Option<String>,
    /// The credit note that corrected it (status `credited`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credited_by: Option<String>,
    /// Every credit note issued against this invoice, oldest first (read from the store,
    /// never stored in the document).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit_notes: Vec<String>,
    /// Payments, credit notes and the balance (SPEC 12.4), read from the store with a
    /// stored invoice; never part of the document as issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<crate::receivables::Account>,
    /// Language of the printed documents (absent means English).
    #[serde(default, skip_serializing_if = "Language::is_english")]
    pub language: Language,
    /// The customer the invoice was issued to (its ID), when it came from one; the buyer
    /// above is the invoice's own copy, which later edits of the customer never change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Totals.
    pub totals: Totals,
}

/// The JSON Schema (draft 2020-12) of a draft.
#[must_use]
pub fn draft_schema() -> Schema {
    schemars::schema_for!(Draft)
}

fn decimal_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "An exact decimal, as a JSON number or a string of plain decimal digits (`\"12.50\"`), at most 6 decimal places and at most 10^12 in magnitude.",
        "anyOf": [
            { "type": "number" },
            { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" }
        ]
    })
}

fn date_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}
