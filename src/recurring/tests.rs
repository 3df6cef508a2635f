use super::*;
use crate::invoice::json;
use crate::invoice::parse::{Options, draft_from_json};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn rule(every: Frequency, day: Option<u32>, start: &str, end: Option<&str>) -> Rule {
    Rule { every, day, start: d(start), end: end.map(d) }
}

fn dates(rule: &Rule, as_of: &str) -> Vec<String> {
    rule.due(d(as_of)).map(|date| date.to_string()).collect()
}

#[test]
fn monthly_occurrences_clamp_the_day_to_the_months_end_without_drifting() {
    let r = rule(Frequency::Month, Some(31), "2026-01-01", None);
    assert_eq!(dates(&r, "2026-05-01"), ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]);
    let leap = rule(Frequency::Month, Some(30), "2028-01-30", Some("2028-03-31"));
    assert_eq!(dates(&leap, "2030-01-01"), ["2028-01-30", "2028-02-29", "2028-03-30"]);
}

#[test]
fn the_first_occurrence_is_the_first_on_or_after_the_start() {
    // --day before the start's day: the first falls in the next month.
    let r = rule(Frequency::Month, Some(1), "2026-01-15", None);
    assert_eq!(dates(&r, "2026-03-01"), ["2026-02-01", "2026-03-01"]);
    // Without --day: the start's own day.
    let r = rule(Frequency::Month, None, "2026-01-15", None);
    assert_eq!(dates(&r, "2026-03-14"), ["2026-01-15", "2026-02-15"]);
}

#[test]
fn quarterly_yearly_and_weekly_occurrences() {
    let q = rule(Frequency::Quarter, Some(1), "2026-01-01", None);
    assert_eq!(dates(&q, "2026-12-31"), ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]);
    let y = rule(Frequency::Year, None, "2024-02-29", None);
    assert_eq!(dates(&y, "2028-03-01"), ["2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]);
    // 2026-12-02 is a Wednesday; weekday 1 is Monday.
    let w = rule(Frequency::Week, Some(1), "2026-12-02", None);
    assert_eq!(dates(&w, "2026-12-21"), ["2026-12-07", "2026-12-14", "2026-12-21"]);
    let w = rule(Frequency::Week, None, "2026-12-02", None);
    assert_eq!(dates(&w, "2026-12-16"), ["2026-12-02", "2026-12-09", "2026-12-16"]);
}

#[test]
fn the_end_date_is_the_last_possible_occurrence() {
    let r = rule(Frequency::Month, Some(1), "2026-01-01", Some("2026-03-01"));
    assert_eq!(r.occurrences().map(|d| d.to_string()).collect::<Vec<_>>(), ["2026-01-01", "2026-02-01", "2026-03-01"]);
    let r = rule(Frequency::Month, Some(1), "2026-01-01", Some("2026-02-28"));
    assert_eq!(r.occurrences().count(), 2);
}

#[test]
fn a_missed_year_is_caught_up_with_one_occurrence_per_month() {
    let r = rule(Frequency::Month, Some(1), "2025-01-01", None);
    let due: Vec<_> = r.due(d("2025-12-31")).collect();
    assert_eq!(due.len(), 12);
    assert!(due.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn rules_are_checked() {
    assert_eq!(
        rule(Frequency::Month, Some(32), "2026-01-01", None).check().unwrap_err(),
        "--day 32: give a day of the month from 1 to 31 (31 means the last day)"
    );
    assert_eq!(
        rule(Frequency::Week, Some(8), "2026-01-01", None).check().unwrap_err(),
        "--day 8: a weekly schedule takes a weekday from 1 (Monday) to 7 (Sunday)"
    );
    assert_eq!(
        rule(Frequency::Year, Some(0), "2026-01-01", None).check().unwrap_err(),
        "--day 0: give a day of the month from 1 to 31 (31 means the last day)"
    );
    assert_eq!(
        rule(Frequency::Month, None, "2026-02-01", Some("2026-01-31")).check().unwrap_err(),
        "--end 2026-01-31 is earlier than --start 2026-02-01"
    );
    assert_eq!(rule(Frequency::Month, Some(31), "2026-02-01", Some("2026-02-01")).check(), Ok(()));
}

#[test]
fn each_occurrence_invoices_the_calendar_period_its_date_lies_in() {
    let cases = [
        (Frequency::Month, "2026-02-15", "2026-02-01", "2026-02-28"),
        (Frequency::Month, "2028-02-01", "2028-02-01", "2028-02-29"),
        (Frequency::Quarter, "2026-11-30", "2026-10-01", "2026-12-31"),
        (Frequency::Quarter, "2026-01-01", "2026-01-01", "2026-03-31"),
        (Frequency::Year, "2026-07-04", "2026-01-01", "2026-12-31"),
        (Frequency::Week, "2026-12-02", "2026-11-30", "2026-12-06"),
        (Frequency::Week, "2026-11-30", "2026-11-30", "2026-12-06"),
    ];
    for (every, date, start, end) in cases {
        assert_eq!(period(every, d(date)), (d(start), d(end)), "{every:?} {date}");
    }
}

#[test]
fn placeholders_are_filled_in_the_document_language() {
    let cases = [
        (Frequency::Month, "2026-11-01", Language::En, "November 2026|November|2026"),
        (Frequency::Month, "2026-03-01", Language::De, "März 2026|März|2026"),
        (Frequency::Month, "2026-02-01", Language::Fr, "février 2026|février|2026"),
        (Frequency::Quarter, "2026-11-01", Language::En, "Q4 2026|November|2026"),
        (Frequency::Quarter, "2026-05-01", Language::De, "2. Quartal 2026|Mai|2026"),
        (Frequency::Quarter, "2026-01-15", Language::Fr, "1er trimestre 2026|janvier|2026"),
        (Frequency::Year, "2026-01-01", Language::De, "2026|Januar|2026"),
        (Frequency::Week, "2026-12-02", Language::En, "week 49, 2026|December|2026"),
        (Frequency::Week, "2026-12-02", Language::De, "KW 49/2026|Dezember|2026"),
        // ISO week 53 of 2026 runs into January 2027: the week's own year is used.
        (Frequency::Week, "2027-01-01", Language::Fr, "semaine 53 de 2026|janvier|2027"),
    ];
    for (every, date, language, expected) in cases {
        assert_eq!(fill_placeholders("{period}|{month}|{year}", every, d(date), language), expected);
    }
    assert_eq!(
        fill_placeholders("Retainer {period} {unknown} {", Frequency::Month, d("2026-11-01"), Language::En),
        "Retainer November 2026 {unknown} {"
    );
}

#[test]
fn an_occurrence_draft_is_dated_filled_and_checked_as_any_draft() {
    let template = json::parse(
        br#"{"lines": [{"description": "Retainer {period}", "quantity": 1, "unit_price": "1000"}],
             "notes": "Leistungszeitraum {month} {year}", "language": "de"}"#,
    )
    .unwrap();
    assert_eq!(template_problems(&template), []);
    let draft = occurrence_draft(&template, Frequency::Month, d("2026-03-01"), Language::De, "acme");
    let parsed = draft_from_json(&draft, Options::default());
    assert_eq!(parsed.problems, []);
    let draft = parsed.draft;
    assert_eq!(draft.lines[0].description.as_deref(), Some("Retainer März 2026"));
    assert_eq!(draft.notes.as_deref(), Some("Leistungszeitraum März 2026"));
    assert_eq!(draft.issue_date, Some(d("2026-03-01")));
    let period = draft.period.unwrap();
    assert_eq!((period.start, period.end), (Some(d("2026-03-01")), Some(d("2026-03-31"))));
    assert_eq!(draft.customer.as_deref(), Some("acme"));
}

#[test]
fn a_template_may_not_set_what_each_occurrence_sets() {
    let template = json::parse(br#"{"issue_date": "2026-01-01", "customer": "x", "lines": []}"#).unwrap();
    let problems = template_problems(&template);
    let paths: Vec<_> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
    assert_eq!(paths, [("/issue_date", Code::InvalidValue), ("/customer", Code::InvalidValue)]);
    assert_eq!(
        problems[0].message,
        "issue_date is set by each occurrence of the schedule; leave it out of the template"
    );
    assert_eq!(template_problems(&json::parse(b"[]").unwrap())[0].code, Code::InvalidType);
}
