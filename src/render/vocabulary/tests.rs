use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn english_amounts_get_thousands_separators_and_keep_their_minor_units() {
    let v = english();
    assert_eq!(v.amount(d("1488.43")), "1,488.43");
    assert_eq!(v.amount(d("-1234567.5")), "-1,234,567.5");
    assert_eq!(v.amount(d("1500")), "1,500");
    assert_eq!(v.amount(d("12.500")), "12.500");
    assert_eq!(v.amount(d("999.00")), "999.00");
    assert_eq!(v.negated(d("20.00")), "-20.00");
    assert_eq!(v.negated(d("0.00")), "0.00");
    assert_eq!(v.money(d("455190.50"), "EUR"), "455,190.50 EUR");
}

#[test]
fn quantities_prices_rates_and_dates_are_written_one_way() {
    let v = english();
    assert_eq!(v.quantity(d("10.000")), "10");
    assert_eq!(v.quantity(d("1000")), "1,000");
    assert_eq!(v.price(d("80.5"), 2), "80.50");
    assert_eq!(v.price(d("0.123456"), 2), "0.123456");
    assert_eq!(v.price(d("1500"), 0), "1,500");
    assert_eq!(v.percent(d("19.00")), "19%");
    assert_eq!(v.percent(d("7.5")), "7.5%");
    assert_eq!(v.rate_cell(d("19"), TaxCategory::S), "19%");
    assert_eq!(v.rate_cell(d("0"), TaxCategory::Z), "0% Z");
    assert_eq!(v.rate_cell(d("0"), TaxCategory::AE), "0% AE");
    assert_eq!(v.date(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()), "2026-11-27");
    assert_eq!(v.page_of(2, 5), "Page 2 of 5");
}

#[test]
fn units_categories_and_ibans_are_made_readable() {
    let v = english();
    assert_eq!(v.unit("HUR"), "h");
    assert_eq!(v.unit("XYZ"), "XYZ");
    assert_eq!(v.category(TaxCategory::E), "E · Exempt from VAT");
    assert_eq!(v.category(TaxCategory::AE), "AE · Reverse charge");
    assert_eq!(v.means(PaymentMeans::SepaCreditTransfer), "SEPA credit transfer");
    assert_eq!(group_iban("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
    assert_eq!(group_iban("DE89 3704 0044 0532 0130 00"), "DE89 3704 0044 0532 0130 00");
}
