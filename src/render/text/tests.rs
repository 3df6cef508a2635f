use super::*;
use crate::invoice::model::Status;
use crate::invoice::{Defaults, check_bytes, parse::Options};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;
use unicode_width::UnicodeWidthStr;

fn checked(json: &str) -> Invoice {
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    match check_bytes(json.as_bytes(), Options::default(), &Defaults::default(), today) {
        Ok(checked) => checked.invoice,
        Err(rejected) => panic!("fixture is invalid: {:?}", rejected.problems),
    }
}

fn issued(json: &str) -> Invoice {
    let mut invoice = checked(json);
    invoice.number = Some("INV-2026-0001".into());
    invoice.status = Status::Issued;
    invoice
}

const SMALL: &str = r#"{
  "issue_date": "2026-03-02", "due_date": "2026-04-01", "currency": "EUR",
  "seller": { "name": "Acme GmbH", "vat_id": "DE123456789", "email": "billing@acme.example",
              "address": { "lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
  "buyer": { "name": "Globex Ltd",
             "address": { "lines": ["1 High St"], "city": "London", "postal_code": "EC1A 1AA", "country": "GB" } },
  "order_reference": "PO-4711",
  "lines": [
    { "description": "Consulting, March 2026: architecture review and workshop with the platform team",
      "quantity": "10", "unit": "h", "unit_price": "120.00", "tax_rate": "19" },
    { "description": "Hosting", "quantity": "1", "unit_price": "9.9", "tax_rate": "19" }
  ],
  "payment": { "means": "sepa_credit_transfer", "iban": "DE89 3704 0044 0532 0130 00", "terms": "30 days net" }
}"#;

#[test]
fn renders_a_small_issued_invoice_exactly() {
    let expected = "\
INVOICE INV-2026-0001
================================================================================
Issue date         2026-03-02
Due date           2026-04-01
Currency           EUR
Order reference    PO-4711
Delivery date      as invoice date

From                                      Bill to
----                                      -------
Acme GmbH                                 Globex Ltd
Hauptstr. 1                               1 High St
10115 Berlin                              EC1A 1AA London
DE                                        GB
VAT ID: DE123456789
Email: billing@acme.example

#  Description                              Qty  Unit  Unit price  VAT       Net
-  ---------------------------------------  ---  ----  ----------  ---  --------
1  Consulting, March 2026: architecture      10  h         120.00  19%  1,200.00
   review and workshop with the platform
   team
2  Hosting                                    1  ea          9.90  19%      9.90

VAT breakdown (EUR)
-------------------
Category           Rate  Taxable amount     VAT
-----------------  ----  --------------  ------
S · Standard rate   19%        1,209.90  229.88

                                                        Net total   1,209.90 EUR
                                                        VAT           229.88 EUR
                                                        ------------------------
                                                        Total       1,439.78 EUR
                                                        ========================
                                                        AMOUNT DUE  1,439.78 EUR
                                                        Please pay by 2026-04-01

Payment
-------
Payment means      SEPA credit transfer
IBAN               DE89 3704 0044 0532 0130 00
Terms              30 days net
Reference          INV-2026-0001
";
    assert_eq!(render(&issued(SMALL)), expected);
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// The line table: from its header row up to the first empty line.
fn table_rows(text: &str) -> Vec<&str> {
    text.lines().skip_while(|l| !l.starts_with("#  Description")).take_while(|l| !l.is_empty()).collect()
}

const JAPANESE: &str = r#"{
  "issue_date": "2026-04-01", "due_date": "2026-04-30", "currency": "JPY",
  "seller": { "name": "株式会社サンプル商事", "vat_id": "T1234567890123",
              "address": { "lines": ["東京都千代田区丸の内1-1-1"], "city": "千代田区", "postal_code": "100-0005", "country": "JP" } },
  "buyer": { "name": "山田太郎デザイン事務所",
             "address": { "lines": ["大阪府大阪市北区梅田2-2-2 グランフロント大阪タワーA 25階"], "city": "大阪市", "postal_code": "530-0001", "country": "JP" } },
  "lines": [
    { "description": "ウェブサイト制作（トップページ、会社概要、お問い合わせフォーム、採用情報ページを含む）",
      "quantity": "1", "unit_price": "350000", "tax_rate": "10" },
    { "description": "保守サポート 月額", "quantity": "12", "unit": "month", "unit_price": "15000", "tax_rate": "10" },
    { "description": "Domain renewal", "quantity": "1", "unit_price": "1500", "tax_rate": "10" }
  ],
  "notes": "お振込手数料は貴社にてご負担ください。\nよろしくお願いいたします。"
}"#;

#[test]
fn japanese_text_keeps_the_table_columns_aligned() {
    let text = render(&issued(JAPANESE));
    let rows = table_rows(&text);
    assert!(rows.len() > 5, "the long Japanese description wraps:\n{text}");
    let (header, rule) = (rows[0], rows[1]);
    let net_end = header.width();
    assert_eq!(rule.width(), net_end);
    let qty_end = header.find("Qty").unwrap() + "Qty".len();
    for row in &rows[2..] {
        // Rows that carry numbers end exactly under the header's last column; wrapped
        // description lines stay inside the description column.
        if row.ends_with(|c: char| c.is_ascii_digit() || c == '-') {
            assert_eq!(row.width(), net_end, "row {row:?} in\n{text}");
            let (prefix, _) = split_at_width(row, qty_end);
            assert!(prefix.ends_with(|c: char| c.is_ascii_digit()), "qty column in {row:?}");
        } else {
            assert!(row.width() < header.find("Qty").unwrap(), "continuation {row:?} in\n{text}");
        }
    }
    assert!(text.contains("株式会社サンプル商事"));
    assert!(text.contains("AMOUNT DUE  584,650 JPY"), "{text}");
    for line in text.lines() {
        assert!(line.width() <= WIDTH, "{line:?}");
    }
}

/// Splits `text` after the characters that fill `width` display columns.
fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        if used >= width {
            return text.split_at(i);
        }
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    (text, "")
}

#[test]
fn drafts_say_so_and_issued_invoices_do_not() {
    let draft = render(&checked(SMALL));
    assert!(draft.starts_with("INVOICE\n"), "{draft}");
    assert!(draft.contains("*** DRAFT — NOT AN ISSUED INVOICE ***"));
    assert!(!draft.contains("Reference"), "a draft has no number to pay against");

    let mut numbered_draft = issued(SMALL);
    numbered_draft.status = Status::Draft;
    let numbered_draft = render(&numbered_draft);
    assert!(numbered_draft.contains("DRAFT — NOT AN ISSUED INVOICE"));
    assert!(!numbered_draft.contains("Reference"));

    let issued = render(&issued(SMALL));
    assert!(!issued.contains("DRAFT"));
}

#[test]
fn status_changes_are_shown_under_the_title() {
    let mut invoice = issued(SMALL);
    invoice.status = Status::Paid;
    invoice.paid_date = NaiveDate::from_ymd_opt(2026, 3, 20);
    assert!(render(&invoice).contains("\nPaid on 2026-03-20\n"));

    invoice.status = Status::Void;
    invoice.void_reason = Some("Issued twice".into());
    assert!(render(&invoice).contains("\nVoid — Issued twice\n"));

    invoice.status = Status::Credited;
    invoice.credited_by = Some("CN-2026-0001".into());
    assert!(render(&invoice).contains("\nCredited by CN-2026-0001\n"));
}

#[test]
fn credit_notes_have_their_own_title_and_due_label() {
    let mut invoice = issued(SMALL);
    invoice.kind = DocumentType::CreditNote;
    invoice.number = Some("CN-2026-0001".into());
    invoice.preceding_invoice = Some("INV-2026-0001".into());
    let text = render(&invoice);
    assert!(text.starts_with("CREDIT NOTE CN-2026-0001\n"), "{text}");
    assert!(text.contains("Credits invoice    INV-2026-0001"), "{text}");
    assert!(text.contains("AMOUNT CREDITED"));
}

#[test]
fn control_characters_are_escaped() {
    let mut invoice = issued(SMALL);
    invoice.buyer.name = Some("Evil\u{1b}[2J Corp\u{202e}".into());
    invoice.lines[0].description = "Line\u{7}\rfeed".into();
    invoice.notes = Some("first\nsecond\u{1b}]0;title\u{7}\tend".into());
    let text = render(&invoice);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert!(text.contains("Evil\\u{1b}[2J Corp\\u{202e}"), "{text}");
    assert!(text.contains("\nfirst\nsecond\\u{1b}]0;title\\u{7}    end\n"), "{text}");
}

#[test]
fn no_line_is_wider_than_100_columns_even_with_extreme_values() {
    let mut invoice = issued(SMALL);
    let long = "Ünïcödé-and-a-very-long-word-without-any-spaces-".repeat(10);
    invoice.seller.name = Some(long.clone());
    invoice.buyer.address.as_mut().unwrap().lines = vec![long.clone(), "漢字".repeat(60)];
    invoice.order_reference = Some("R".repeat(100));
    invoice.notes = Some(format!("{long}\n\n{}", "長い注記".repeat(200)));
    for line in &mut invoice.lines {
        line.description = format!("{long} {}", "説明".repeat(300));
        line.quantity = dec("999999999999.999999");
        line.unit_price = dec("999999999999.999999");
        line.tax_rate = dec("12.345678");
        line.discount_percent = Some(dec("99.999999"));
        line.net = dec("999999999999999.99");
    }
    invoice.totals.gross = dec("999999999999999.99");
    invoice.totals.due = dec("-999999999999999.99");
    let text = render(&invoice);
    for line in text.lines() {
        assert!(line.width() <= MAX_WIDTH, "{} columns: {line:?}", line.width());
    }
    assert!(text.contains("AMOUNT DUE"));
}

#[test]
fn wrap_breaks_at_spaces_and_inside_long_words() {
    assert_eq!(wrap("one two three", 7), ["one two", "three"]);
    assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(wrap("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
    assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
    assert_eq!(wrap("", 10), [""]);
    // A wide character never overflows a column one cell too narrow for it.
    assert_eq!(wrap("a日", 2), ["a", "日"]);
}

#[test]
fn writes_the_spec_example_sample() {
    let json =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/valid/spec-example.json")).unwrap();
    let text = render(&issued(&json));
    assert!(text.contains("AMOUNT DUE  1,388.43 EUR"), "{text}");
    assert!(text.contains("IBAN               DE89 3704 0044 0532 0130 00"));
}
