//! Validation findings: a JSON Pointer, a stable code and a message for people.
//!
//! The codes are part of the public contract (SPEC 2.2): scripts and API clients match
//! on them, so a variant is never renamed.

use serde::Serialize;
use std::fmt;

/// The stable, snake_case reason a value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)] // each variant is described in SPEC 2.2 and the README table
pub enum Code {
    MalformedJson,
    UnknownField,
    DuplicateField,
    Required,
    InvalidType,
    InvalidCurrency,
    InvalidCountry,
    InvalidDate,
    DueBeforeIssue,
    InvalidEmail,
    InvalidUnit,
    InvalidTaxCategory,
    InvalidIban,
    MissingExemptionReason,
    /// A field the law requires in this case (the buyer's VAT id under reverse charge).
    MissingField,
    InvalidValue,
    UnsupportedCharacter,
    MustBePositive,
    OutOfRange,
    TooLong,
    TooMany,
    MarkupNotAllowed,
    ForbiddenCharacter,
    /// A character XML 1.0 cannot carry (C0 controls other than tab, line feed and
    /// carriage return; U+FFFE, U+FFFF and the other noncharacters), SPEC 15: refused so
    /// that no draft that validates can make an e-invoice that is not well-formed.
    InvalidCharacter,
    /// An e-invoice profile needs something the invoice does not have (SPEC 8.4).
    EinvoiceRequirement,
    /// A warning in sanitize mode: markup was removed from this field.
    MarkupRemoved,
    /// A warning: an accepted value that is probably a mistake (`0.19` % VAT).
    SuspiciousValue,
}

impl Code {
    /// The code as it appears in output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MalformedJson => "malformed_json",
            Code::UnknownField => "unknown_field",
            Code::DuplicateField => "duplicate_field",
            Code::Required => "required",
            Code::InvalidType => "invalid_type",
            Code::InvalidCurrency => "invalid_currency",
            Code::InvalidCountry => "invalid_country",
            Code::InvalidDate => "invalid_date",
            Code::DueBeforeIssue => "due_before_issue",
            Code::InvalidEmail => "invalid_email",
            Code::InvalidUnit => "invalid_unit",
            Code::InvalidTaxCategory => "invalid_tax_category",
            Code::InvalidIban => "invalid_iban",
            Code::MissingExemptionReason => "missing_exemption_reason",
            Code::MissingField => "missing_field",
            Code::InvalidValue => "invalid_value",
            Code::UnsupportedCharacter => "unsupported_character",
            Code::MustBePositive => "must_be_positive",
            Code::OutOfRange => "out_of_range",
            Code::TooLong => "too_long",
            Code::TooMany => "too_many",
            Code::MarkupNotAllowed => "markup_not_allowed",
            Code::ForbiddenCharacter => "forbidden_character",
            Code::InvalidCharacter => "invalid_character",
            Code::EinvoiceRequirement => "einvoice_requirement",
            Code::MarkupRemoved => "markup_removed",
            Code::SuspiciousValue => "suspicious_value",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding about one place in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// JSON Pointer (RFC 6901) of the offending value; "" is the whole document.
    pub path: String,
    /// Stable machine-readable reason.
    pub code: Code,
    /// What is wrong and, where it helps, how to fix it.
    pub message: String,
}

impl Problem {
    /// Builds a problem.
    pub fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Problem { path: path.into(), code, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(document)" } else { &self.path };
        write!(f, "{path}: {} [{}]", self.message, self.code)
    }
}

/// The field name a pointer ends in, for messages ("/lines/0/quantity" → "quantity").
#[must_use]
pub fn field_name(path: &str) -> &str {
    let last = path.rsplit('/').next().unwrap_or(path);
    if last.is_empty() || last.bytes().all(|b| b.is_ascii_digit()) {
        // "/lines/3" names an element: say "lines item" rather than "3".
        let parent = path.rsplit('/').nth(1).unwrap_or("document");
        if parent.is_empty() { "document" } else { parent }
    } else {
        last
    }
}
