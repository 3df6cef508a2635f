//! Refuses text the embedded font cannot print, before anything is drawn.
//!
//! A PDF with empty boxes where a name should be is worse than no PDF: the reader
//! cannot tell what is missing. So every text field the PDF prints is checked
//! against the font's character map, and each field with a character the font
//! lacks becomes one `unsupported_character` problem at its JSON Pointer.

use super::fonts::Fonts;
use crate::invoice::model::Party;
use crate::invoice::{Code, Invoice, Problem};
use crate::security::text::describe_char;

/// How many distinct characters one problem names before it says "and N more".
const MAX_NAMED: usize = 5;

/// One problem per printed field that holds a character the font has no glyph for.
pub(super) fn check(invoice: &Invoice, fonts: &Fonts) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (path, text) in printed_fields(invoice) {
        let missing = missing_chars(text, fonts);
        if !missing.is_empty() {
            problems.push(Problem::new(path, Code::UnsupportedCharacter, message(&missing)));
        }
    }
    problems
}

/// Every text field the PDF prints, with its JSON Pointer in the invoice.
fn printed_fields<'a>(invoice: &'a Invoice) -> Vec<(String, &'a str)> {
    let mut fields: Vec<(String, &'a str)> = Vec::new();
    let mut push = |path: String, value: Option<&'a str>| {
        if let Some(value) = value {
            fields.push((path, value));
        }
    };
    push("/number".into(), invoice.number.as_deref());
    push("/currency".into(), Some(&invoice.currency));
    for (name, party) in [("seller", &invoice.seller), ("buyer", &invoice.buyer)] {
        party_fields(name, party, &mut push);
    }
    push("/buyer_reference".into(), invoice.buyer_reference.as_deref());
    push("/order_reference".into(), invoice.order_reference.as_deref());
    push("/preceding_invoice".into(), invoice.preceding_invoice.as_deref());
    for (i, line) in invoice.lines.iter().enumerate() {
        push(format!("/lines/{i}/description"), Some(&line.description));
        push(format!("/lines/{i}/unit"), Some(&line.unit));
        push(format!("/lines/{i}/tax_exemption_reason"), line.tax_exemption_reason.as_deref());
    }
    for (name, list) in [("allowances", &invoice.allowances), ("charges", &invoice.charges)] {
        for (i, adjustment) in list.iter().enumerate() {
            push(format!("/{name}/{i}/reason"), Some(&adjustment.reason));
            push(format!("/{name}/{i}/tax_exemption_reason"), adjustment.tax_exemption_reason.as_deref());
        }
    }
    if let Some(payment) = &invoice.payment {
        push("/payment/iban".into(), payment.iban.as_deref());
        push("/payment/bic".into(), payment.bic.as_deref());
        push("/payment/terms".into(), payment.terms.as_deref());
        push("/payment/reference".into(), payment.reference.as_deref());
    }
    push("/notes".into(), invoice.notes.as_deref());
    push("/void_reason".into(), invoice.void_reason.as_deref());
    push("/credited_by".into(), invoice.credited_by.as_deref());
    // The tax breakdown repeats exemption reasons taken from lines and adjustments;
    // check it too (a stored invoice could differ), but name each text only once.
    for (i, group) in invoice.totals.tax.iter().enumerate() {
        if let Some(reason) = group.exemption_reason.as_deref()
            && !fields.iter().any(|(_, v)| *v == reason)
        {
            fields.push((format!("/totals/tax/{i}/exemption_reason"), reason));
        }
    }
    fields
}

fn party_fields<'a>(name: &str, party: &'a Party, push: &mut impl FnMut(String, Option<&'a str>)) {
    push(format!("/{name}/name"), party.name.as_deref());
    push(format!("/{name}/vat_id"), party.vat_id.as_deref());
    push(format!("/{name}/tax_id"), party.tax_id.as_deref());
    push(format!("/{name}/email"), party.email.as_deref());
    push(format!("/{name}/contact_name"), party.contact_name.as_deref());
    push(format!("/{name}/phone"), party.phone.as_deref());
    if let Some(address) = &party.address {
        for (i, line) in address.lines.iter().enumerate() {
            push(format!("/{name}/address/lines/{i}"), Some(line));
        }
        push(format!("/{name}/address/city"), address.city.as_deref());
        push(format!("/{name}/address/postal_code"), address.postal_code.as_deref());
        push(format!("/{name}/address/country"), address.country.as_deref());
    }
}

/// Distinct characters of `text` the font cannot print, in order of appearance.
pub(super) fn missing_chars(text: &str, fonts: &Fonts) -> Vec<char> {
    let mut missing: Vec<char> = Vec::new();
    for c in text.chars() {
        if !prints(c, fonts) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

/// Whether `c` prints (or is meant to be invisible and is dropped by shaping).
fn prints(c: char, fonts: &Fonts) -> bool {
    match c {
        // Line breaks and tabs are layout, not glyphs (only `notes` may hold them).
        '\n' | '\t' => true,
        // Variation selectors only pick a glyph variant; shaping drops them when the
        // font has none, so they never show as a box.
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => true,
        c => fonts.covers(c),
    }
}

pub(super) fn message(missing: &[char]) -> String {
    let mut named: Vec<String> = missing.iter().take(MAX_NAMED).map(|&c| describe_char(c)).collect();
    if missing.len() > MAX_NAMED {
        named.push(format!("and {} more", missing.len() - MAX_NAMED));
    }
    let (noun, verb) = if missing.len() == 1 { ("character", "has") } else { ("characters", "have") };
    format!(
        "{noun} {} {verb} no glyph in the PDF font (Noto Sans: Latin, Greek, Cyrillic); \
         render this invoice as html or text instead",
        named.join(", ")
    )
}
