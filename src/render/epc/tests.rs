//! The EPC QR code is decoded back with a QR decoder (rqrr) from the modules the HTML and
//! PDF draw, and compared field by field with EPC069-12.

use super::*;
use crate::invoice::model::{DocumentType, Status};
use crate::render::tests::spec_example;

/// Decodes a module grid (`dark(x, y)` for `size × size` modules) with rqrr, drawn at 4
/// pixels per module inside a quiet zone.
pub(crate) fn decode(size: usize, dark: impl Fn(usize, usize) -> bool) -> String {
    const SCALE: usize = 4;
    let side = (size + 8) * SCALE;
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
        let (mx, my) = ((x / SCALE).wrapping_sub(4), (y / SCALE).wrapping_sub(4));
        if mx < size && my < size && dark(mx, my) { 0 } else { 255 }
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().unwrap();
    content
}

/// The EPC069-12 fields of a payload.
pub(crate) fn fields(payload: &str) -> Vec<&str> {
    payload.split('\n').collect()
}

#[test]
fn the_drawn_code_decodes_to_every_epc069_12_field() {
    let invoice = spec_example();
    let matrix = code(&invoice).unwrap();
    let decoded = decode(matrix.size, |x, y| matrix.is_dark(x, y));
    assert_eq!(
        fields(&decoded),
        [
            "BCD",                    // service tag
            "002",                    // version
            "1",                      // UTF-8
            "SCT",                    // SEPA credit transfer
            "COBADEFFXXX",            // BIC
            "Acme GmbH",              // beneficiary
            "DE89370400440532013000", // IBAN, no spaces
            "EUR1388.43",             // the amount due, not the gross
            "",                       // purpose
            "",                       // structured reference
            "INV-2026-0001",          // remittance text: the invoice number
        ]
    );
    assert!(decoded.len() <= 331, "EPC069-12 caps the payload at 331 bytes");
}

#[test]
fn the_svg_draws_exactly_the_matrix() {
    let invoice = spec_example();
    let matrix = code(&invoice).unwrap();
    let svg = svg(&matrix, "Scan to pay");
    let path = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut drawn = vec![false; matrix.size * matrix.size];
    for square in path.split('M').filter(|s| !s.is_empty()) {
        let coords: Vec<usize> = square.split('h').next().unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
        drawn[(coords[1] - 4) * matrix.size + coords[0] - 4] = true;
    }
    assert_eq!(drawn, matrix.dark);
    assert!(!svg.contains("style") && !svg.contains("script") && !svg.contains("href"));
}

#[test]
fn no_code_unless_a_euro_credit_transfer_is_asked_for() {
    let payable = spec_example();
    assert!(payload(&payable).is_some());
    type Change = Box<dyn Fn(&mut Invoice)>;
    let cases: Vec<(&str, Change)> = vec![
        ("paid", Box::new(|i| i.status = Status::Paid)),
        ("void", Box::new(|i| i.status = Status::Void)),
        ("credited", Box::new(|i| i.status = Status::Credited)),
        ("credit note", Box::new(|i| i.kind = DocumentType::CreditNote)),
        ("draft", Box::new(|i| i.status = Status::Draft)),
        ("USD", Box::new(|i| i.currency = "USD".into())),
        ("no IBAN", Box::new(|i| i.payment.as_mut().unwrap().iban = None)),
        ("card", Box::new(|i| i.payment.as_mut().unwrap().means = Some(PaymentMeans::Card))),
        ("no means", Box::new(|i| i.payment.as_mut().unwrap().means = None)),
        ("nothing due", Box::new(|i| i.totals.due = Decimal::ZERO)),
        ("too much", Box::new(|i| i.totals.due = Decimal::new(100_000_000_000, 2))),
        ("long name", Box::new(|i| i.seller.name = Some("N".repeat(71)))),
    ];
    for (case, change) in cases {
        let mut invoice = payable.clone();
        change(&mut invoice);
        assert!(payload(&invoice).is_none(), "{case}: a code was made");
    }
    let mut sepa = payable.clone();
    sepa.payment.as_mut().unwrap().means = Some(PaymentMeans::SepaCreditTransfer);
    sepa.payment.as_mut().unwrap().bic = None;
    sepa.payment.as_mut().unwrap().reference = Some("RF18 5390 0754 7034".into());
    let payload = payload(&sepa).unwrap();
    assert_eq!(fields(&payload)[4], "", "BIC is optional in version 002");
    assert_eq!(fields(&payload)[10], "RF18 5390 0754 7034", "the payment reference wins over the number");
    let mut max = payable;
    max.totals.due = Decimal::new(99_999_999_999, 2);
    assert_eq!(fields(&super::payload(&max).unwrap())[7], "EUR999999999.99");
}
