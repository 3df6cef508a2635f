#![allow(clippy::unwrap_used)]
use super::*;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}
fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn situation<'a>(status: Status, outstanding: &str, last: Option<&'a ReminderRecord>) -> Situation<'a> {
    Situation {
        kind: DocumentType::Invoice,
        status,
        due_date: day("2026-11-01"),
        outstanding: d(outstanding),
        last,
        last_payment: None,
    }
}

fn issued(level: u32, date: &str) -> ReminderRecord {
    reminder_for(&ReminderPolicy::default(), "INV-1", "EUR", level, day(date), d("100.00"), Decimal::ZERO)
}

#[test]
fn the_default_levels_come_after_7_21_and_35_days_one_after_the_other() {
    let p = ReminderPolicy::default();
    assert_eq!(p.pay_within_days, 10);
    assert_eq!(p.levels.iter().map(|l| l.after_days).collect::<Vec<_>>(), [7, 21, 35]);
    assert!(p.check().is_ok());
    let open = situation(Status::Issued, "100.00", None);
    // (as of, level due without earlier reminders)
    for (as_of, expected) in
        [("2026-11-01", None), ("2026-11-07", None), ("2026-11-08", Some(1)), ("2027-03-01", Some(1))]
    {
        assert_eq!(next_level(&p, &open, day(as_of)), expected, "{as_of}");
    }
    let first = issued(1, "2026-11-08");
    assert_eq!(first.pay_by, day("2026-11-18"));
    let after_first = situation(Status::PartiallyPaid, "100.00", Some(&first));
    // Same day again: nothing new. Level 2 needs 21 days overdue and the pay-by passed.
    for (as_of, expected) in [("2026-11-08", None), ("2026-11-18", None), ("2026-11-21", None), ("2026-11-22", Some(2))]
    {
        assert_eq!(next_level(&p, &after_first, day(as_of)), expected, "{as_of}");
    }
    let third = issued(3, "2026-12-06");
    assert_eq!(
        next_level(&p, &situation(Status::Issued, "100.00", Some(&third)), day("2027-06-01")),
        None,
        "no level 4"
    );
}

#[test]
fn settled_void_credited_not_yet_due_and_credit_notes_are_never_reminded() {
    let p = ReminderPolicy::default();
    let late = day("2027-01-01");
    for status in [Status::Paid, Status::Void, Status::Credited, Status::Draft] {
        assert_eq!(next_level(&p, &situation(status, "100.00", None), late), None, "{status:?}");
    }
    assert_eq!(next_level(&p, &situation(Status::Issued, "0.00", None), late), None);
    assert_eq!(next_level(&p, &situation(Status::PartiallyPaid, "-5.00", None), late), None);
    let credit = Situation { kind: DocumentType::CreditNote, ..situation(Status::Issued, "100.00", None) };
    assert_eq!(next_level(&p, &credit, late), None);
}

#[test]
fn a_payment_after_a_reminder_holds_the_next_level() {
    let p = ReminderPolicy::default();
    let first = issued(1, "2026-11-08");
    let paid_some =
        Situation { last_payment: Some(day("2026-11-20")), ..situation(Status::PartiallyPaid, "40.00", Some(&first)) };
    assert_eq!(next_level(&p, &paid_some, day("2026-11-25")), None);
    assert_eq!(next_level(&p, &paid_some, day("2026-11-30")), None);
    assert_eq!(next_level(&p, &paid_some, day("2026-12-01")), Some(2));
    // A payment before the reminder changes nothing.
    let paid_before =
        Situation { last_payment: Some(day("2026-11-05")), ..situation(Status::PartiallyPaid, "40.00", Some(&first)) };
    assert_eq!(next_level(&p, &paid_before, day("2026-11-22")), Some(2));
}

#[test]
fn simple_interest_runs_on_each_days_balance() {
    let due_date = day("2026-01-01");
    // 1000.00 at 9.12 % for 365 days = 91.20.
    assert_eq!(interest(d("9.12"), 2, d("1000.00"), due_date, day("2027-01-01"), &[]), d("91.20"));
    // 10 days on 1000 at 36.5 %: 1000 × 0.365 × 10 / 365 = 10.00.
    assert_eq!(interest(d("36.5"), 2, d("1000.00"), due_date, day("2026-01-11"), &[]), d("10.00"));
    // Half paid on the 5th: the 2nd to the 4th on 1000, the 5th to the 11th on 500 = 3.00 + 3.50.
    let half = [(day("2026-01-05"), d("500.00"))];
    assert_eq!(interest(d("36.5"), 2, d("1000.00"), due_date, day("2026-01-11"), &half), d("6.50"));
    // Paid before the due date, reversed later, and a payment after `as_of` is ignored.
    let events =
        [(day("2025-12-20"), d("1000.00")), (day("2026-01-06"), d("-1000.00")), (day("2026-02-01"), d("1000.00"))];
    assert_eq!(interest(d("36.5"), 2, d("1000.00"), due_date, day("2026-01-11"), &events), d("6.00"));
    // Not overdue, no rate, a refund due: nothing.
    assert_eq!(interest(d("36.5"), 2, d("1000.00"), due_date, due_date, &[]).to_string(), "0.00");
    assert_eq!(interest(d("0"), 2, d("1000.00"), due_date, day("2026-03-01"), &[]).to_string(), "0.00");
    assert_eq!(interest(d("36.5"), 2, d("-10.00"), due_date, day("2026-03-01"), &[]).to_string(), "0.00");
    // JPY rounds to whole yen.
    assert_eq!(interest(d("5"), 0, d("100000"), due_date, day("2026-01-31"), &[]).to_string(), "411");
}

#[test]
fn fees_interest_and_pay_by_make_the_amount_asked() {
    let mut p = ReminderPolicy::default();
    p.levels[1].fee = d("5");
    p.levels[2].fee = d("10.00");
    p.pay_within_days = 14;
    let r = reminder_for(&p, "INV-1", "EUR", 2, day("2026-11-22"), d("988.43"), d("1.234"));
    assert_eq!((r.fee.to_string().as_str(), r.interest.to_string().as_str()), ("5.00", "1.23"));
    assert_eq!(r.pay_by, day("2026-12-06"));
    assert_eq!(amount_asked(&r, d("0.00")), d("994.66"));
    let r3 = reminder_for(&p, "INV-1", "EUR", 3, day("2026-12-07"), d("988.43"), Decimal::ZERO);
    assert_eq!(amount_asked(&r3, d("5.00")), d("1003.43"));
    assert_eq!(standard_title(&["Zahlungserinnerung", "1. Mahnung", "2. Mahnung"], 1), "Zahlungserinnerung");
    assert_eq!(standard_title(&["Relance", "Deuxième relance", "Mise en demeure"], 5), "Mise en demeure");
}

#[test]
fn bad_policies_name_the_key() {
    let level = |after_days, fee: &str| Level { after_days, fee: d(fee), title: None };
    let cases = [
        (ReminderPolicy { levels: vec![], ..ReminderPolicy::default() }, "levels must hold"),
        (
            ReminderPolicy { levels: vec![level(7, "0"), level(7, "0")], ..ReminderPolicy::default() },
            "levels[1].after_days",
        ),
        (ReminderPolicy { levels: vec![level(7, "-1")], ..ReminderPolicy::default() }, "levels[0].fee"),
        (ReminderPolicy { interest_rate: Some(d("101")), ..ReminderPolicy::default() }, "interest_rate"),
        (ReminderPolicy { pay_within_days: 400, ..ReminderPolicy::default() }, "pay_within_days"),
    ];
    for (policy, says) in cases {
        assert!(policy.check().unwrap_err().contains(says), "{says}");
    }
}
