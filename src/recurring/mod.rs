//! Recurring invoices (SPEC 14.2), the pure part: when a schedule's occurrences fall,
//! which period each one invoices, and how a template becomes one occurrence's draft.
//!
//! No store and no clock: `recurring run` (which finds what is due and not yet issued, and
//! issues it) passes the dates in. Dates follow the calendar, never a fixed number of
//! days: a monthly schedule on day 31 falls on 28 February and 31 March, and each
//! occurrence invoices the calendar month (quarter, year, ISO week) its date lies in.

pub mod run;

use crate::invoice::customer;
use crate::invoice::json::Json;
use crate::invoice::model::Language;
use crate::invoice::{Code, Problem};
use crate::render::vocabulary;
use chrono::{Datelike, Days, NaiveDate};

/// How often a schedule falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    /// Every ISO week; `day` is the weekday, 1 (Monday) to 7 (Sunday).
    Week,
    /// Every month; `day` is the day of the month, 1 to 31.
    Month,
    /// Every three months from the start; `day` is the day of the month.
    Quarter,
    /// Every year from the start; `day` is the day of the month.
    Year,
}

impl Frequency {
    /// Every accepted value, for messages.
    pub const NAMES: &'static str = "week, month, quarter, year";

    /// Parses `week`, `month`, `quarter` or `year`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "week" => Frequency::Week,
            "month" => Frequency::Month,
            "quarter" => Frequency::Quarter,
            "year" => Frequency::Year,
            _ => return None,
        })
    }

    /// The name as stored and printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Frequency::Week => "week",
            Frequency::Month => "month",
            Frequency::Quarter => "quarter",
            Frequency::Year => "year",
        }
    }

    /// Months between occurrences (none for weeks).
    fn months(self) -> Option<u32> {
        match self {
            Frequency::Week => None,
            Frequency::Month => Some(1),
            Frequency::Quarter => Some(3),
            Frequency::Year => Some(12),
        }
    }
}

/// When a schedule's occurrences fall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// How often.
    pub every: Frequency,
    /// Day of the month (1–31, clamped to the month's last day), or for weeks the
    /// weekday (1 Monday – 7 Sunday). Default: the start date's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// No occurrence falls before this date.
    pub start: NaiveDate,
    /// No occurrence falls after this date (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
}

impl Rule {
    /// Checks the day against the frequency and that the end is not before the start.
    ///
    /// # Errors
    /// A message naming the flag (`--day`, `--end`) and the allowed values.
    pub fn check(&self) -> Result<(), String> {
        match (self.every, self.day) {
            (Frequency::Week, Some(day)) if !(1..=7).contains(&day) => {
                return Err(format!("--day {day}: a weekly schedule takes a weekday from 1 (Monday) to 7 (Sunday)"));
            }
            (_, Some(day)) if !(1..=31).contains(&day) => {
                return Err(format!("--day {day}: give a day of the month from 1 to 31 (31 means the last day)"));
            }
            _ => {}
        }
        if let Some(end) = self.end
            && end < self.start
        {
            return Err(format!("--end {end} is earlier than --start {}", self.start));
        }
        Ok(())
    }

    /// The occurrence dates in order, from the first on or after `start` to the last on
    /// or before `end` (endless without one: the caller stops at its "as of" date).
    #[must_use]
    pub fn occurrences(&self) -> Occurrences {
        Occurrences { rule: *self, next: 0 }
    }

    /// The occurrences on or before `as_of`, in order.
    pub fn due(&self, as_of: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        self.occurrences().take_while(move |date| *date <= as_of)
    }

    /// The `n`-th candidate date (before the start and end checks).
    fn candidate(&self, n: u32) -> Option<NaiveDate> {
        match self.every.months() {
            None => {
                let weekday = self.day.unwrap_or_else(|| self.start.weekday().number_from_monday());
                let ahead = (weekday + 7 - self.start.weekday().number_from_monday()) % 7;
                self.start.checked_add_days(Days::new(u64::from(ahead) + 7 * u64::from(n)))
            }
            Some(step) => {
                let day = self.day.unwrap_or_else(|| self.start.day());
                let month0 = self.start.month0().checked_add(step.checked_mul(n)?)?;
                let year = self.start.year().checked_add(i32::try_from(month0 / 12).ok()?)?;
                let month = month0 % 12 + 1;
                NaiveDate::from_ymd_opt(year, month, day.min(days_in_month(year, month)?))
            }
        }
    }
}

/// Iterator over a rule's occurrence dates (see [`Rule::occurrences`]).
#[derive(Debug, Clone)]
pub struct Occurrences {
    rule: Rule,
    next: u32,
}

impl Iterator for Occurrences {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        loop {
            let date = self.rule.candidate(self.next)?;
            self.next = self.next.checked_add(1)?;
            if self.rule.end.is_some_and(|end| date > end) {
                return None;
            }
            // Only the first candidate of a month-based rule can fall before the start
            // (a --day earlier than the start's day); weekly candidates never do.
            if date >= self.rule.start {
                return Some(date);
            }
        }
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    u32::try_from(next.signed_duration_since(first).num_days()).ok()
}

/// The period an occurrence dated `date` invoices: the calendar month, quarter or year,
/// or the ISO week (Monday to Sunday), that `date` lies in.
#[must_use]
pub fn period(every: Frequency, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let month_span = |first_month: u32, months: u32| {
        let start = NaiveDate::from_ymd_opt(date.year(), first_month, 1).unwrap_or(date);
        let end =
            start.checked_add_months(chrono::Months::new(months)).and_then(|next| next.pred_opt()).unwrap_or(date);
        (start, end)
    };
    match every {
        Frequency::Week => {
            let back = u64::from(date.weekday().num_days_from_monday());
            let start = date.checked_sub_days(Days::new(back)).unwrap_or(date);
            (start, start.checked_add_days(Days::new(6)).unwrap_or(date))
        }
        Frequency::Month => month_span(date.month(), 1),
        Frequency::Quarter => month_span(date.month0() / 3 * 3 + 1, 3),
        Frequency::Year => month_span(1, 12),
    }
}

/// The words `{period}` becomes for an occurrence dated `date`, in `language`:
/// "November 2026", "4. Quartal 2026", "2026", "semaine 48 de 2026".
#[must_use]
pub fn period_words(every: Frequency, date: NaiveDate, language: Language) -> String {
    let calendar = vocabulary::calendar(language);
    let year = date.year().to_string();
    match every {
        Frequency::Week => {
            let week = date.iso_week();
            calendar.week.replace("{week}", &week.week().to_string()).replace("{year}", &week.year().to_string())
        }
        Frequency::Month => calendar.month_year.replace("{month}", month_name(date, language)).replace("{year}", &year),
        Frequency::Quarter => calendar.quarters[date.month0() as usize / 3].replace("{year}", &year),
        Frequency::Year => year,
    }
}

fn month_name(date: NaiveDate, language: Language) -> &'static str {
    vocabulary::calendar(language).months[date.month0() as usize]
}

/// Replaces `{period}`, `{month}` and `{year}` in `text` (other braces stay as written).
#[must_use]
pub fn fill_placeholders(text: &str, every: Frequency, date: NaiveDate, language: Language) -> String {
    if !text.contains('{') {
        return text.to_owned();
    }
    text.replace("{period}", &period_words(every, date, language))
        .replace("{month}", month_name(date, language))
        .replace("{year}", &date.year().to_string())
}

/// Fields of a draft each occurrence sets itself, so a template may not carry them.
const SET_BY_OCCURRENCE: &[&str] = &["issue_date", "due_date", "period", "customer"];

/// Checks a template's shape: a JSON object without the fields each occurrence sets.
/// Every other field is checked as a draft when the schedule is added and at each run.
#[must_use]
pub fn template_problems(template: &Json) -> Vec<Problem> {
    let Json::Object(members) = template else {
        return vec![Problem::new(
            "",
            Code::InvalidType,
            format!("the template must be an object, not {}", template.type_name()),
        )];
    };
    members
        .iter()
        .filter(|(key, _)| SET_BY_OCCURRENCE.contains(&key.as_ref()))
        .map(|(key, _)| {
            Problem::new(
                format!("/{key}"),
                Code::InvalidValue,
                format!("{key} is set by each occurrence of the schedule; leave it out of the template"),
            )
        })
        .collect()
}

/// One occurrence's draft: the template with the placeholders of its line descriptions
/// and notes filled, dated `date`, invoicing its period, for `customer_id`.
#[must_use]
pub fn occurrence_draft(
    template: &Json,
    every: Frequency,
    date: NaiveDate,
    language: Language,
    customer_id: &str,
) -> Json<'static> {
    let fill = |value: &Json| match value {
        Json::String(text) => Json::String(fill_placeholders(text, every, date, language).into()),
        other => other.clone().into_owned(),
    };
    let mut members: Vec<(std::borrow::Cow<'static, str>, Json<'static>)> = Vec::new();
    if let Json::Object(template) = template {
        for (key, value) in template {
            let value = match (key.as_ref(), value) {
                ("notes", value) => fill(value),
                ("lines", Json::Array(lines)) => Json::Array(
                    lines
                        .iter()
                        .map(|line| match line {
                            Json::Object(fields) => Json::Object(
                                fields
                                    .iter()
                                    .map(|(k, v)| {
                                        let v = if k == "description" { fill(v) } else { v.clone().into_owned() };
                                        (std::borrow::Cow::Owned(k.to_string()), v)
                                    })
                                    .collect(),
                            ),
                            other => other.clone().into_owned(),
                        })
                        .collect(),
                ),
                (_, value) => value.clone().into_owned(),
            };
            members.push((std::borrow::Cow::Owned(key.to_string()), value));
        }
    }
    let (start, end) = period(every, date);
    let text = |s: String| Json::String(s.into());
    members.push(("issue_date".into(), text(date.to_string())));
    members.push((
        "period".into(),
        Json::Object(vec![("start".into(), text(start.to_string())), ("end".into(), text(end.to_string()))]),
    ));
    members.push(("customer".into(), text(customer_id.to_owned())));
    Json::Object(members)
}

/// Where a schedule is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// `recurring run` issues its occurrences.
    Active,
    /// Skipped by `recurring run` until resumed.
    Paused,
    /// No occurrence after its end date.
    Ended,
}

impl Status {
    /// The name as stored and printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Ended => "ended",
        }
    }
}

/// A recurring invoice: a template issued for a customer by a rule.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Schedule {
    /// The handle, see [`valid_id`].
    pub id: String,
    /// The customer invoiced.
    pub customer: String,
    /// When.
    pub rule: Rule,
    /// The draft template as JSON text (numbers exactly as written).
    pub template: String,
    /// Active, paused or ended.
    pub status: Status,
    /// Occurrences before this date are not issued (set on resume: what fell while the
    /// schedule was paused is skipped, not caught up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<NaiveDate>,
    /// The last occurrence issued, if any (kept by the store as occurrences are issued).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_issued: Option<NaiveDate>,
}

impl Schedule {
    /// The occurrences due on or before `as_of` that this schedule may issue now: none
    /// unless active, none before `not_before`.
    pub fn due(&self, as_of: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        let active = self.status == Status::Active;
        self.rule.due(as_of).filter(move |date| active && self.not_before.is_none_or(|nb| *date >= nb))
    }

    /// The next occurrence after the last one issued (or the first), not before
    /// `not_before`; `None` when the schedule is ended or has no more.
    #[must_use]
    pub fn next_after_issued(&self, _today: NaiveDate) -> Option<NaiveDate> {
        if self.status == Status::Ended {
            return None;
        }
        self.rule.occurrences().find(|date| {
            self.last_issued.is_none_or(|last| *date > last) && self.not_before.is_none_or(|nb| *date >= nb)
        })
    }

    /// The schedule as users read it.
    #[must_use]
    pub fn public_json(&self, today: NaiveDate) -> serde_json::Value {
        let template: serde_json::Value = serde_json::from_str(&self.template).unwrap_or(serde_json::Value::Null);
        serde_json::json!({
            "id": self.id,
            "customer": self.customer,
            "every": self.rule.every.name(),
            "day": self.rule.day,
            "start": self.rule.start,
            "end": self.rule.end,
            "status": self.status.name(),
            "not_before": self.not_before,
            "last_issued": self.last_issued,
            "next": self.next_after_issued(today),
            "template": template,
        })
    }
}

/// Whether `id` is a schedule ID: the same handle rule as a customer's.
#[must_use]
pub fn valid_id(id: &str) -> bool {
    customer::valid_id(id)
}

#[cfg(test)]
mod tests;
