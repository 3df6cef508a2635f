//! Reminders (dunning, SPEC 12.5): the levels, which one is due for an invoice, its fee
//! and the simple interest on the overdue balance.
//!
//! Decisions where SPEC 12.5 is silent (README "Receivables"):
//! - levels follow each other: an invoice gets level 1, then 2, then 3, never skipping
//!   one, whatever day the run happens on;
//! - the next level waits until the previous reminder's pay-by date has passed; a payment
//!   received after a reminder moves that wait to the payment date + `pay_within_days`
//!   (the buyer is paying; give them the time the reminder gave);
//! - interest accrues from the day after the due date on the balance of each day (payments
//!   and credit notes lower it from their date on), on a 365-day year, rounded once.

use crate::invoice::Status;
use crate::invoice::model::DocumentType;
use crate::invoice::money::{self, round_to};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Most reminder levels a configuration may define.
pub const MAX_LEVELS: usize = 10;

/// One reminder level of `[reminders] levels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Level {
    /// Days after the due date from which this level may be issued.
    pub after_days: u32,
    /// Fee in the invoice's currency (not VAT-able).
    pub fee: Decimal,
    /// Title printed on the reminder; default: the language's standard title.
    pub title: Option<String>,
}

/// The `[reminders]` configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderPolicy {
    /// Levels in order; their `after_days` strictly increase.
    pub levels: Vec<Level>,
    /// Simple interest in percent per year on the overdue balance; off when `None`.
    pub interest_rate: Option<Decimal>,
    /// Days from the reminder's date to its pay-by date.
    pub pay_within_days: u32,
}

impl Default for ReminderPolicy {
    /// 7 days without a fee, then 21 and 35 days; no interest; 10 days to pay.
    fn default() -> Self {
        let level = |after_days| Level { after_days, fee: Decimal::ZERO, title: None };
        ReminderPolicy { levels: vec![level(7), level(21), level(35)], interest_rate: None, pay_within_days: 10 }
    }
}

impl ReminderPolicy {
    /// Checks a policy read from the configuration.
    ///
    /// # Errors
    /// A message naming the bad key: no levels, too many, days not increasing, a negative
    /// fee, an interest rate outside 0..=100, or `pay_within_days` above 365.
    pub fn check(&self) -> Result<(), String> {
        if self.levels.is_empty() || self.levels.len() > MAX_LEVELS {
            return Err(format!("levels must hold 1 to {MAX_LEVELS} levels, not {}", self.levels.len()));
        }
        for (i, pair) in self.levels.windows(2).enumerate() {
            if pair[1].after_days <= pair[0].after_days {
                return Err(format!(
                    "levels[{}].after_days ({}) must be greater than levels[{i}].after_days ({})",
                    i + 1,
                    pair[1].after_days,
                    pair[0].after_days
                ));
            }
        }
        for (i, level) in self.levels.iter().enumerate() {
            if level.after_days == 0 || level.after_days > 3650 {
                return Err(format!("levels[{i}].after_days must be between 1 and 3650, not {}", level.after_days));
            }
            if level.fee < Decimal::ZERO || level.fee > money::MAX_INPUT {
                return Err(format!("levels[{i}].fee must be between 0 and 10^12, not {}", level.fee));
            }
            if level.fee.normalize().scale() > 3 {
                return Err(format!("levels[{i}].fee {} has more than 3 decimals", level.fee));
            }
            if level.title.as_ref().is_some_and(|t| t.trim().is_empty() || t.chars().count() > 100) {
                return Err(format!("levels[{i}].title must be 1 to 100 characters"));
            }
        }
        if let Some(rate) = self.interest_rate
            && (rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED)
        {
            return Err(format!("interest_rate must be between 0 and 100 (percent per year), not {rate}"));
        }
        if self.pay_within_days > 365 {
            return Err(format!("pay_within_days must be at most 365, not {}", self.pay_within_days));
        }
        Ok(())
    }
}

/// One stored reminder (SPEC 12.5): what was asked, of whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRecord {
    /// The invoice reminded.
    pub invoice: String,
    /// The level, from 1.
    pub level: u32,
    /// The reminder's date.
    pub date: NaiveDate,
    /// The fee of this reminder.
    pub fee: Decimal,
    /// Interest up to the reminder's date.
    pub interest: Decimal,
    /// The invoice's outstanding balance on that date.
    pub balance: Decimal,
    /// The new pay-by date.
    pub pay_by: NaiveDate,
    /// The invoice's currency.
    pub currency: String,
    /// Who issued it.
    pub actor: String,
    /// When it was recorded (UTC, RFC 3339).
    pub created_at: String,
}

/// What the store knows about an invoice when deciding on a reminder.
#[derive(Debug, Clone)]
pub struct Situation<'a> {
    /// Invoice or credit note.
    pub kind: DocumentType,
    /// Its status.
    pub status: Status,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its outstanding balance now.
    pub outstanding: Decimal,
    /// The latest reminder issued for it, if any.
    pub last: Option<&'a ReminderRecord>,
    /// The date of the latest payment recorded for it, if any.
    pub last_payment: Option<NaiveDate>,
}

/// The level due for an invoice on `as_of`, if any (see the module's rules).
#[must_use]
pub fn next_level(policy: &ReminderPolicy, s: &Situation<'_>, as_of: NaiveDate) -> Option<u32> {
    if s.kind == DocumentType::CreditNote
        || !matches!(s.status, Status::Issued | Status::PartiallyPaid)
        || s.outstanding <= Decimal::ZERO
    {
        return None;
    }
    let overdue = (as_of - s.due_date).num_days();
    let next = s.last.map_or(1, |r| r.level + 1);
    let level = policy.levels.get(usize::try_from(next).ok()?.checked_sub(1)?)?;
    if overdue < i64::from(level.after_days) {
        return None;
    }
    if let Some(last) = s.last {
        let mut not_before = last.pay_by;
        if let Some(paid) = s.last_payment.filter(|p| *p > last.date) {
            not_before = not_before.max(paid.checked_add_days(Days::new(u64::from(policy.pay_within_days)))?);
        }
        if as_of <= not_before {
            return None;
        }
    }
    Some(next)
}

/// Simple interest at `rate` percent a year from the day after `due_date` to `as_of`, on
/// each day's balance: `due` less the `reductions` (payments, credit notes: date and
/// amount, reversals negative) dated on or before that day. Rounded once to `dp`.
#[must_use]
pub fn interest(
    rate: Decimal,
    dp: u32,
    due: Decimal,
    due_date: NaiveDate,
    as_of: NaiveDate,
    reductions: &[(NaiveDate, Decimal)],
) -> Decimal {
    if as_of <= due_date || rate <= Decimal::ZERO {
        return round_to(Decimal::ZERO, dp);
    }
    let mut events: Vec<(NaiveDate, Decimal)> = reductions.iter().filter(|(d, _)| *d <= as_of).copied().collect();
    events.sort_by_key(|(d, _)| *d);
    // Day t carries the balance after every reduction dated on or before t; `done` is the
    // last day counted so far.
    let mut balance = due;
    let mut done = due_date;
    let mut balance_days = Decimal::ZERO;
    for (date, amount) in events {
        if date > done {
            let days = (date - done).num_days() - 1;
            balance_days += balance.max(Decimal::ZERO) * Decimal::from(days);
            done = date.pred_opt().unwrap_or(date);
        }
        balance -= amount;
    }
    balance_days += balance.max(Decimal::ZERO) * Decimal::from((as_of - done).num_days());
    round_to(balance_days * rate / Decimal::from(36_500), dp)
}

/// The standard title of reminder level `level` (from 1) in a language: `titles` holds
/// the first, second and last standard titles; deeper levels repeat the last.
#[must_use]
pub fn standard_title(titles: &[&'static str; 3], level: u32) -> &'static str {
    match level {
        0 | 1 => titles[0],
        2 => titles[1],
        _ => titles[2],
    }
}

/// The reminder an invoice gets at `level` on `as_of`: fee, interest and pay-by date.
#[must_use]
pub fn reminder_for(
    policy: &ReminderPolicy,
    invoice: &str,
    currency: &str,
    level: u32,
    as_of: NaiveDate,
    balance: Decimal,
    interest: Decimal,
) -> ReminderRecord {
    let dp = money::minor_units(currency).unwrap_or(2);
    let fee = usize::try_from(level)
        .ok()
        .and_then(|l| l.checked_sub(1))
        .and_then(|i| policy.levels.get(i))
        .map_or(Decimal::ZERO, |l| l.fee);
    ReminderRecord {
        invoice: invoice.to_owned(),
        level,
        date: as_of,
        fee: round_to(fee, dp),
        interest: round_to(interest, dp),
        balance: round_to(balance, dp),
        pay_by: as_of.checked_add_days(Days::new(u64::from(policy.pay_within_days))).unwrap_or(as_of),
        currency: currency.to_owned(),
        actor: String::new(),
        created_at: String::new(),
    }
}

/// What a reminder asks for: the balance, every reminder fee so far (`earlier_fees` and
/// this one's) and the interest to its date.
#[must_use]
pub fn amount_asked(reminder: &ReminderRecord, earlier_fees: Decimal) -> Decimal {
    reminder.balance + earlier_fees + reminder.fee + reminder.interest
}

#[cfg(test)]
mod tests;
