//! The document vocabulary: every word and number format a printed invoice uses.
//!
//! Text, HTML and PDF take their labels, titles, category and unit names, and the way
//! they write amounts, prices, percentages, dates and IBANs from here and nowhere else,
//! so a label or a number format changes in one place and the three formats always say
//! the same thing. One file per language holds a [`Vocabulary`] value; the compiler
//! checks that each fills every field of [`Labels`].
//!
//! Nothing here rounds: amounts keep exactly the digits the model gives them, only
//! their separators change.

mod de;
mod en;
mod fr;
mod receivables;

pub use receivables::Receivables;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::invoice::Invoice;
use crate::invoice::model::{DocumentType, Language, PaymentMeans, TaxCategory};

/// Every label a document prints, in one language.
#[derive(Debug, serde::Serialize)]
pub struct Labels {
    /// Title of an invoice ("Invoice").
    pub invoice: &'static str,
    /// Title of a credit note ("Credit note").
    pub credit_note: &'static str,
    /// "Invoice no.".
    pub invoice_number: &'static str,
    /// "Credit note no.".
    pub credit_note_number: &'static str,
    /// "Draft", the status and watermark of a document not issued yet.
    pub draft: &'static str,
    /// The banner on a draft.
    pub draft_banner: &'static str,
    /// Where a draft's number would be.
    pub not_assigned: &'static str,
    /// "Issue date".
    pub issue_date: &'static str,
    /// A credit note's own date ("Credit note date", "Gutschriftsdatum").
    pub credit_note_date: &'static str,
    /// "Due date".
    pub due_date: &'static str,
    /// "Currency".
    pub currency: &'static str,
    /// "Buyer reference".
    pub buyer_reference: &'static str,
    /// "Order reference".
    pub order_reference: &'static str,
    /// The invoice a credit note credits.
    pub credited_invoice: &'static str,
    /// That invoice's number with its issue date ("{number} of {date}").
    pub credited_invoice_of: &'static str,
    /// The seller block.
    pub seller: &'static str,
    /// The buyer block of an invoice.
    pub bill_to: &'static str,
    /// The buyer block of a credit note.
    pub credit_to: &'static str,
    /// "Details" (currency and references).
    pub details: &'static str,
    /// "VAT ID".
    pub vat_id: &'static str,
    /// "Tax ID".
    pub tax_id: &'static str,
    /// A party's legal registration (BT-30 / BT-47): "Company reg. no.", "Handelsregister".
    pub legal_id: &'static str,
    /// "Email".
    pub email: &'static str,
    /// "Phone".
    pub phone: &'static str,
    /// A party's contact person (BT-41, BT-56).
    pub contact: &'static str,
    /// The actual delivery date (BT-72).
    pub delivery_date: &'static str,
    /// The invoicing period (BG-14).
    pub period: &'static str,
    /// Said after the delivery date label when a draft has neither a delivery date nor a
    /// period: the supply is dated by the invoice (§14 UStG, art. 242 nonies A CGI).
    pub delivery_as_invoice_date: &'static str,
    /// A period with both ends: `{start}` and `{end}` are replaced by dates.
    pub period_range: &'static str,
    /// A period with a start only (`{start}`).
    pub period_from: &'static str,
    /// A period with an end only (`{end}`).
    pub period_until: &'static str,
    /// Line-number column.
    pub line_number: &'static str,
    /// "Description".
    pub description: &'static str,
    /// "Qty".
    pub quantity: &'static str,
    /// "Unit".
    pub unit: &'static str,
    /// "Unit price".
    pub unit_price: &'static str,
    /// "Discount".
    pub discount: &'static str,
    /// "VAT" (column titles, totals).
    pub vat: &'static str,
    /// "Net" (line amounts).
    pub net: &'static str,
    /// "Allowance".
    pub allowance: &'static str,
    /// "Charge".
    pub charge: &'static str,
    /// "Reason".
    pub reason: &'static str,
    /// "Amount".
    pub amount: &'static str,
    /// "VAT breakdown".
    pub vat_breakdown: &'static str,
    /// "Category".
    pub category: &'static str,
    /// "Rate".
    pub rate: &'static str,
    /// "Taxable amount".
    pub taxable_amount: &'static str,
    /// "Exemption reason".
    pub exemption_reason: &'static str,
    /// "Lines net".
    pub lines_net: &'static str,
    /// "Allowances".
    pub allowances: &'static str,
    /// "Charges".
    pub charges: &'static str,
    /// "Net total".
    pub net_total: &'static str,
    /// "Total".
    pub total: &'static str,
    /// "Prepaid".
    pub prepaid: &'static str,
    /// "Amount due".
    pub amount_due: &'static str,
    /// "Amount credited".
    pub amount_credited: &'static str,
    /// "Please pay by" (followed by the due date).
    pub pay_by: &'static str,
    /// "Paid" (status stamp).
    pub paid: &'static str,
    /// "Paid on" (followed by the date).
    pub paid_on: &'static str,
    /// "Void" (status stamp, watermark).
    pub void: &'static str,
    /// Said of a void invoice instead of an amount to pay.
    pub not_payable: &'static str,
    /// "Void because" (followed by the reason).
    pub void_reason: &'static str,
    /// "Credited" (status stamp).
    pub credited: &'static str,
    /// "Credited by" (followed by credit note numbers).
    pub credited_by: &'static str,
    /// Said on a credit note where an invoice has payment instructions.
    pub credit_no_payment: &'static str,
    /// "Payment".
    pub payment: &'static str,
    /// "Payment means".
    pub payment_means: &'static str,
    /// "IBAN".
    pub iban: &'static str,
    /// "BIC".
    pub bic: &'static str,
    /// "Terms".
    pub terms: &'static str,
    /// "Reference" (the remittance reference).
    pub reference: &'static str,
    /// "Notes".
    pub notes: &'static str,
    /// "Page {page} of {pages}".
    pub page_of: &'static str,
    /// The QR code's caption.
    pub scan_to_pay: &'static str,
}

/// Names of the VAT categories (UNCL 5305) in one language.
#[derive(Debug, serde::Serialize)]
pub struct Categories {
    /// S.
    pub standard: &'static str,
    /// Z.
    pub zero: &'static str,
    /// E.
    pub exempt: &'static str,
    /// AE.
    pub reverse_charge: &'static str,
    /// K.
    pub intra_community: &'static str,
    /// G.
    pub export: &'static str,
    /// O.
    pub outside_scope: &'static str,
}

/// The standard notes a category requires on the document, in one language.
#[derive(Debug, serde::Serialize)]
pub struct CategoryNotes {
    /// AE: the buyer accounts for the VAT.
    pub reverse_charge: &'static str,
    /// K: VAT-exempt intra-community supply.
    pub intra_community: &'static str,
    /// G: VAT-exempt export.
    pub export: &'static str,
}

/// Names of the payment means in one language.
#[derive(Debug, serde::Serialize)]
pub struct Means {
    /// Credit transfer.
    pub credit_transfer: &'static str,
    /// SEPA credit transfer.
    pub sepa_credit_transfer: &'static str,
    /// Direct debit.
    pub direct_debit: &'static str,
    /// SEPA direct debit.
    pub sepa_direct_debit: &'static str,
    /// Card.
    pub card: &'static str,
    /// Cash.
    pub cash: &'static str,
    /// Cheque.
    pub cheque: &'static str,
    /// Other.
    pub other: &'static str,
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// 2026-11-27.
    Iso,
    /// 27.11.2026 or 27/11/2026: day, month, year with this separator.
    DayMonthYear(char),
}

/// Everything a document says in one language.
#[derive(Debug)]
pub struct Vocabulary {
    /// The BCP 47 tag (`en`), for HTML's `lang`.
    pub tag: &'static str,
    /// Labels and titles.
    pub labels: Labels,
    /// VAT category names.
    pub categories: Categories,
    /// Standard notes by category.
    pub category_notes: CategoryNotes,
    /// Payment means names.
    pub means: Means,
    /// Receivables words: payments block, reminders, statements, aging (SPEC 12).
    pub receivables: Receivables,
    /// Unit words by UN/ECE Rec 20 code (SI symbols are shared); other codes print as they are.
    pub units: &'static [(&'static str, &'static str)],
    /// Words people type for a unit, with the Rec 20 code they stand for (`Std` → `HUR`).
    /// A draft may use the words of any language; they are stored as the code.
    pub unit_words: &'static [(&'static str, &'static str)],
    /// Thousands separator.
    pub group: &'static str,
    /// Decimal separator.
    pub decimal: &'static str,
    /// What goes between a number and `%` (nothing, or a no-break space).
    pub percent_gap: &'static str,
    /// How dates are written.
    pub dates: DateStyle,
}

/// Unit symbols that read the same in every language.
const SYMBOLS: &[(&str, &str)] = &[
    ("KGM", "kg"),
    ("GRM", "g"),
    ("TNE", "t"),
    ("LTR", "l"),
    ("MTR", "m"),
    ("KMT", "km"),
    ("MTK", "m²"),
    ("MTQ", "m³"),
    ("KWH", "kWh"),
];

/// Unit symbols people type in every language, with their Rec 20 code.
const SYMBOL_WORDS: &[(&str, &str)] = &[
    ("h", "HUR"),
    ("min", "MIN"),
    ("kg", "KGM"),
    ("g", "GRM"),
    ("t", "TNE"),
    ("l", "LTR"),
    ("m", "MTR"),
    ("km", "KMT"),
    ("m2", "MTK"),
    ("m²", "MTK"),
    ("m3", "MTQ"),
    ("m³", "MTQ"),
    ("kWh", "KWH"),
];

/// Every language's vocabulary.
const ALL: [&Vocabulary; 3] = [&en::VOCABULARY, &de::VOCABULARY, &fr::VOCABULARY];

/// Every unit word of every language and the shared symbols, with their codes.
fn all_unit_words() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    SYMBOL_WORDS.iter().chain(ALL.iter().flat_map(|v| v.unit_words.iter()))
}

/// The Rec 20 code of a unit word of any language or a shared symbol, spelled exactly as
/// in the tables (`Std`, `kWh`, `pièce`). A draft may be written in one language and say
/// its units in another (a German team writing an English invoice), so every language's
/// words are accepted.
#[must_use]
pub fn unit_word_code(word: &str) -> Option<&'static str> {
    all_unit_words().find(|(w, _)| *w == word).map(|(_, code)| *code)
}

/// Like [`unit_word_code`], ignoring case and one trailing dot (`Std.`, `STK`, `Pièce`).
#[must_use]
pub fn unit_word_code_folded(word: &str) -> Option<&'static str> {
    let folded = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    all_unit_words().find(|(w, _)| w.to_lowercase() == folded).map(|(_, code)| *code)
}

/// The English vocabulary.
#[must_use]
pub fn english() -> &'static Vocabulary {
    &en::VOCABULARY
}

/// The vocabulary of `language`.
#[must_use]
pub fn of(language: Language) -> &'static Vocabulary {
    match language {
        Language::En => &en::VOCABULARY,
        Language::De => &de::VOCABULARY,
        Language::Fr => &fr::VOCABULARY,
    }
}

/// The vocabulary `invoice` is printed in: its own language.
#[must_use]
pub fn for_invoice(invoice: &Invoice) -> &'static Vocabulary {
    of(invoice.language)
}

impl Vocabulary {
    /// "Invoice" or "Credit note".
    #[must_use]
    pub fn title(&self, kind: DocumentType) -> &'static str {
        match kind {
            DocumentType::Invoice => self.labels.invoice,
            DocumentType::CreditNote => self.labels.credit_note,
        }
    }

    /// "Invoice no." or "Credit note no.".
    #[must_use]
    pub fn number_label(&self, kind: DocumentType) -> &'static str {
        match kind {
            DocumentType::Invoice => self.labels.invoice_number,
            DocumentType::CreditNote => self.labels.credit_note_number,
        }
    }

    /// The document's date label: "Issue date" / "Rechnungsdatum" on an invoice,
    /// "Credit note date" / "Gutschriftsdatum" on a credit note.
    #[must_use]
    pub fn date_label(&self, kind: DocumentType) -> &'static str {
        match kind {
            DocumentType::Invoice => self.labels.issue_date,
            DocumentType::CreditNote => self.labels.credit_note_date,
        }
    }

    /// "Bill to" or "Credit to".
    #[must_use]
    pub fn buyer_heading(&self, kind: DocumentType) -> &'static str {
        match kind {
            DocumentType::Invoice => self.labels.bill_to,
            DocumentType::CreditNote => self.labels.credit_to,
        }
    }

    /// "Amount due" or "Amount credited".
    #[must_use]
    pub fn due_label(&self, kind: DocumentType) -> &'static str {
        match kind {
            DocumentType::Invoice => self.labels.amount_due,
            DocumentType::CreditNote => self.labels.amount_credited,
        }
    }

    /// The VAT category with its meaning: "S · Standard rate".
    #[must_use]
    pub fn category(&self, category: TaxCategory) -> String {
        let c = &self.categories;
        let name = match category {
            TaxCategory::S => c.standard,
            TaxCategory::Z => c.zero,
            TaxCategory::E => c.exempt,
            TaxCategory::AE => c.reverse_charge,
            TaxCategory::K => c.intra_community,
            TaxCategory::G => c.export,
            TaxCategory::O => c.outside_scope,
        };
        format!("{} · {name}", category.code())
    }

    /// The standard note the category requires on the document, if any.
    #[must_use]
    pub fn category_note(&self, category: TaxCategory) -> Option<&'static str> {
        match category {
            TaxCategory::AE => Some(self.category_notes.reverse_charge),
            TaxCategory::K => Some(self.category_notes.intra_community),
            TaxCategory::G => Some(self.category_notes.export),
            TaxCategory::S | TaxCategory::Z | TaxCategory::E | TaxCategory::O => None,
        }
    }

    /// The name of a payment means.
    #[must_use]
    pub fn means(&self, means: PaymentMeans) -> &'static str {
        let m = &self.means;
        match means {
            PaymentMeans::CreditTransfer => m.credit_transfer,
            PaymentMeans::SepaCreditTransfer => m.sepa_credit_transfer,
            PaymentMeans::DirectDebit => m.direct_debit,
            PaymentMeans::SepaDirectDebit => m.sepa_direct_debit,
            PaymentMeans::Card => m.card,
            PaymentMeans::Cash => m.cash,
            PaymentMeans::Cheque => m.cheque,
            PaymentMeans::Other => m.other,
        }
    }

    /// A short, readable name for a UN/ECE Rec 20 unit code (the language's word, or
    /// the SI symbol every language shares); other codes as they are.
    #[must_use]
    pub fn unit<'a>(&self, code: &'a str) -> &'a str {
        self.units.iter().chain(SYMBOLS).find(|(c, _)| *c == code).map_or(code, |(_, name)| name)
    }

    /// "Page 2 of 5".
    #[must_use]
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        self.labels.page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())
    }

    /// A date: `2026-11-27`, `27.11.2026`, `27/11/2026`.
    #[must_use]
    pub fn date(&self, date: NaiveDate) -> String {
        match self.dates {
            DateStyle::Iso => date.format("%Y-%m-%d").to_string(),
            DateStyle::DayMonthYear(sep) => date.format(&format!("%d{sep}%m{sep}%Y")).to_string(),
        }
    }

    /// An amount exactly as stored, with the language's separators: `1,488.43`,
    /// `-20.00`, `1,500` (JPY).
    #[must_use]
    pub fn amount(&self, value: Decimal) -> String {
        self.group_digits(&value.to_string())
    }

    /// An amount with its sign turned (allowances, prepayments): `-20.00`; zero stays.
    #[must_use]
    pub fn negated(&self, value: Decimal) -> String {
        if value.is_zero() { self.amount(value) } else { self.amount(-value) }
    }

    /// An amount followed by its currency code: `1,488.43 EUR`.
    #[must_use]
    pub fn money(&self, value: Decimal, currency: &str) -> String {
        format!("{} {currency}", self.amount(value))
    }

    /// A quantity without trailing zeros: `10`, `1.5`, `1,000`.
    #[must_use]
    pub fn quantity(&self, value: Decimal) -> String {
        self.group_digits(&value.normalize().to_string())
    }

    /// A unit price with at least the currency's minor units (`80.5` → `80.50`); extra
    /// precision is kept, never rounded away.
    #[must_use]
    pub fn price(&self, value: Decimal, minor_units: u32) -> String {
        let mut value = value.normalize();
        if value.scale() < minor_units {
            value.rescale(minor_units);
        }
        self.group_digits(&value.to_string())
    }

    /// A percentage without trailing zeros: `19%`, `7.5%` (`19 %` where the
    /// language puts a space before the sign).
    #[must_use]
    pub fn percent(&self, rate: Decimal) -> String {
        format!("{}{}%", self.group_digits(&rate.normalize().to_string()), self.percent_gap)
    }

    /// A tax rate in a line or adjustment row: the rate, plus the category code unless
    /// it is the standard rate (`19%`, `0% Z`, `0% AE`).
    #[must_use]
    pub fn rate_cell(&self, rate: Decimal, category: TaxCategory) -> String {
        if category == TaxCategory::S {
            self.percent(rate)
        } else {
            format!("{} {}", self.percent(rate), category.code())
        }
    }

    /// Inserts the language's separators into a plain decimal string
    /// (`-1234.5` → `-1,234.5`).
    fn group_digits(&self, plain: &str) -> String {
        let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |rest| ("-", rest));
        let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
        let mut out = String::with_capacity(plain.len() + int.len());
        out.push_str(sign);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(self.group);
            }
            out.push(c);
        }
        if let Some(frac) = frac {
            out.push_str(self.decimal);
            out.push_str(frac);
        }
        out
    }
}

/// An IBAN in groups of four for reading: `DE89 3704 0044 0532 0130 00`.
#[must_use]
pub fn group_iban(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// The calendar words of one language, for the period placeholders of recurring invoices
/// (SPEC 14.2).
#[derive(Debug)]
pub struct Calendar {
    /// Month names, January first, as they stand in running text ("November", "novembre").
    pub months: [&'static str; 12],
    /// A month of a year: `{month}` and `{year}` are replaced.
    pub month_year: &'static str,
    /// Each quarter of a year, Q1 first: `{year}` is replaced.
    pub quarters: [&'static str; 4],
    /// An ISO week of a year: `{week}` and `{year}` are replaced.
    pub week: &'static str,
}

/// The calendar words of `language`.
#[must_use]
pub fn calendar(language: Language) -> &'static Calendar {
    match language {
        Language::En => &en::CALENDAR,
        Language::De => &de::CALENDAR,
        Language::Fr => &fr::CALENDAR,
    }
}

#[cfg(test)]
mod tests;
