#![allow(clippy::unwrap_used)]
use super::*;
use crate::invoice::model::{DocumentType, Draft};
use crate::invoice::parse::{self, Parsed};
use crate::invoice::{Defaults, check, check_bytes};
use chrono::NaiveDate;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn fixture(name: &str) -> Invoice {
    let path = format!("{}/fixtures/valid/{name}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read(path).unwrap();
    let mut invoice = check_bytes(&json, parse::Options::default(), &Defaults::default(), today()).unwrap().invoice;
    invoice.number = Some("RE-2026-0042".into());
    invoice
}

/// The credit note a set of lines makes, computed by the same checks as any draft.
fn credit_note(original: &Invoice, lines: Vec<Line>) -> Invoice {
    let draft = Draft {
        kind: Some(DocumentType::CreditNote),
        issue_date: Some(today()),
        currency: Some(original.currency.clone()),
        seller: Some(original.seller.clone()),
        buyer: Some(original.buyer.clone()),
        preceding_invoice: original.number.clone(),
        lines,
        ..Draft::default()
    };
    check(Parsed { draft, problems: Vec::new(), warnings: Vec::new() }, &Defaults::default(), today()).unwrap().invoice
}

#[test]
fn a_credit_by_amount_spreads_over_the_vat_groups_and_the_credit_note_totals_it_exactly() {
    // Three groups (0 % Z, 7 % S, 19 % S) with allowances and charges; every amount from
    // one cent up must come out exactly, computed by the ordinary totals.
    let invoice = fixture("de-mixed-rates.json");
    assert_eq!(invoice.totals.tax.len(), 3);
    let gross = invoice.totals.gross;
    let mut amounts: Vec<Decimal> =
        ["0.01", "0.02", "0.03", "0.99", "1.00", "10.00", "100.01", "327.25"].iter().map(|s| d(s)).collect();
    amounts.push(gross);
    amounts.push(gross - d("0.01"));
    for cents in (101..=2000).step_by(37) {
        amounts.push(Decimal::new(cents, 2));
    }
    for amount in amounts {
        let amount = check_amount(&invoice, Decimal::ZERO, amount).unwrap();
        let groups = split_by_groups(&invoice, amount).unwrap();
        let sum: Decimal = groups.iter().map(GroupCredit::gross).sum();
        assert_eq!(sum, amount, "groups sum");
        let note = credit_note(&invoice, lines_for_amount(&groups, "Gutschrift zu RE-2026-0042"));
        assert_eq!(note.totals.gross, amount, "the credit note's own totals give {amount}");
        assert_eq!(note.totals.gross.scale(), 2);
    }
}

#[test]
fn the_shares_follow_the_groups_gross() {
    let invoice = fixture("de-mixed-rates.json");
    let gross = invoice.totals.gross;
    let half = round_to(gross / Decimal::TWO, 2);
    let groups = split_by_groups(&invoice, half).unwrap();
    for (group, credit) in invoice.totals.tax.iter().zip(&groups) {
        assert_eq!((group.category, group.rate), (credit.category, credit.rate));
        let share = (group.base + group.amount) / Decimal::TWO;
        assert!((credit.gross() - share).abs() <= d("0.02"), "{credit:?} vs {share}");
    }
    // The whole gross gives each group its own gross back.
    let whole = split_by_groups(&invoice, gross).unwrap();
    for (group, credit) in invoice.totals.tax.iter().zip(&whole) {
        assert_eq!(credit.gross(), group.base + group.amount);
    }
}

#[test]
fn currencies_keep_their_minor_units() {
    for (fixture_name, amount) in [("jp-consumption-tax-jpy.json", "1001"), ("kw-kwd-three-decimals.json", "1.001")] {
        let invoice = fixture(fixture_name);
        let amount = check_amount(&invoice, Decimal::ZERO, d(amount)).unwrap();
        let groups = split_by_groups(&invoice, amount).unwrap();
        let note = credit_note(&invoice, lines_for_amount(&groups, "credit"));
        assert_eq!(note.totals.gross, amount, "{fixture_name}");
        assert_eq!(note.totals.gross.to_string(), amount.to_string(), "{fixture_name}");
    }
}

#[test]
fn amounts_above_what_is_left_or_with_too_many_decimals_are_refused() {
    let invoice = fixture("de-mixed-rates.json");
    let gross = invoice.totals.gross;
    let cases = [
        (gross + d("0.01"), Decimal::ZERO, "out_of_range"),
        (d("100.00"), gross - d("99.99"), "out_of_range"),
        (d("0"), Decimal::ZERO, "must_be_positive"),
        (d("1.005"), Decimal::ZERO, "invalid_value"),
    ];
    for (amount, before, code) in cases {
        let e = check_amount(&invoice, before, amount).unwrap_err();
        assert_eq!((e.entries()[0].0.as_str(), e.entries()[0].1), ("/amount", code), "{amount}");
    }
    let e = check_amount(&invoice, gross - d("99.99"), d("100.00")).unwrap_err();
    assert!(
        e.to_string().contains("99.99 EUR of RE-2026-0042 not credited yet")
            || e.entries()[0].2.contains("99.99 EUR of RE-2026-0042"),
        "{:?}",
        e.entries()
    );
}

#[test]
fn a_rate_that_cannot_reach_odd_cents_hands_the_cent_to_another_group() {
    // 100 % VAT reaches only even cents; with a 0 % group beside it every amount works.
    let mut invoice = fixture("de-mixed-rates.json");
    invoice.totals.tax[2].rate = d("100");
    invoice.totals.tax[2].amount = invoice.totals.tax[2].base;
    invoice.totals.gross = invoice.totals.tax.iter().map(|g| g.base + g.amount).sum();
    for amount in ["0.03", "1.01", "77.77"] {
        let groups = split_by_groups(&invoice, d(amount)).unwrap();
        assert_eq!(groups.iter().map(GroupCredit::gross).sum::<Decimal>(), d(amount));
    }
}

#[test]
fn a_credit_by_lines_copies_the_named_lines() {
    let invoice = fixture("de-mixed-rates.json");
    let lines = lines_by_number(&invoice, &[1, 3]).unwrap();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].description.as_deref(), Some(invoice.lines[0].description.as_str()));
    assert_eq!(lines[1].unit_price, Some(invoice.lines[2].unit_price));
    let note = credit_note(&invoice, lines);
    assert_eq!(note.totals.lines_net, invoice.lines[0].net + invoice.lines[2].net);
    for (numbers, code) in
        [(vec![], "required"), (vec![0], "out_of_range"), (vec![6], "out_of_range"), (vec![2, 2], "invalid_value")]
    {
        let e = lines_by_number(&invoice, &numbers).unwrap_err();
        assert_eq!((e.entries()[0].0.as_str(), e.entries()[0].1), ("/lines", code), "{numbers:?}");
    }
    let e = lines_by_number(&invoice, &[6]).unwrap_err();
    assert_eq!(e.entries()[0].2, "line 6 is not on the invoice, which has 5 lines");
    let mut one_line = invoice.clone();
    one_line.lines.truncate(1);
    let e = lines_by_number(&one_line, &[2]).unwrap_err();
    assert_eq!(e.entries()[0].2, "line 2 is not on the invoice, which has 1 line");
}
