//! The words of receivables (SPEC 12): the payments block of an invoice, reminders,
//! statements and the aging report. One struct so every language fills every word; the
//! values live in each language's file, in its `receivables` block.

/// The receivables words of one language.
#[derive(Debug, serde::Serialize)]
pub struct Receivables {
    /// Heading of the block after the totals: "Payments and credits".
    pub payments_and_credits: &'static str,
    /// A payment row: "Payment received".
    pub payment_received: &'static str,
    /// A reversal row: "Payment reversed".
    pub payment_reversed: &'static str,
    /// The last line while something is owed: "Balance due".
    pub balance_due: &'static str,
    /// The last line when nothing is owed and the date is unknown: "Paid in full".
    pub paid_in_full: &'static str,
    /// The last line when nothing is owed: "Paid in full on {date}".
    pub paid_in_full_on: &'static str,
    /// The last line when the buyer is owed money back: "Refund due".
    pub refund_due: &'static str,
    /// The first reminder's standard title ("Zahlungserinnerung", "Relance").
    pub reminder_1: &'static str,
    /// The second reminder's standard title ("1. Mahnung").
    pub reminder_2: &'static str,
    /// The third and later reminders' standard title ("Mise en demeure").
    pub reminder_3: &'static str,
    /// The reminder's opening sentence.
    pub reminder_intro: &'static str,
    /// "Original due date".
    pub original_due_date: &'static str,
    /// "Payments received" (a reminder's sum of payments).
    pub payments_received: &'static str,
    /// "Reminder fee".
    pub reminder_fee: &'static str,
    /// "Interest" (default interest on the overdue balance).
    pub interest: &'static str,
    /// What the reminder asks for in all: "Amount now due".
    pub amount_asked: &'static str,
    /// A reminder row on a statement: "Reminder".
    pub reminder: &'static str,
    /// Title of a statement: "Statement of account".
    pub statement: &'static str,
    /// "Opening balance".
    pub opening_balance: &'static str,
    /// "Closing balance".
    pub closing_balance: &'static str,
    /// The running balance column: "Balance".
    pub balance: &'static str,
    /// The date column: "Date".
    pub date: &'static str,
    /// Title of the aging report: "Aging of receivables".
    pub aging: &'static str,
    /// "Buyer".
    pub buyer: &'static str,
    /// The customer record's id column (SPEC 14.1): "Customer".
    pub customer: &'static str,
    /// The first aging bucket: "Not yet due".
    pub not_yet_due: &'static str,
    /// "days" after a bucket's range ("1–30 days").
    pub days: &'static str,
    /// The last aging bucket: "Over 90 days".
    pub over_90_days: &'static str,
}

impl Receivables {
    /// The standard title of reminder level `level` (from 1); deeper levels repeat the third.
    #[must_use]
    pub fn reminder_title(&self, level: u32) -> &'static str {
        crate::receivables::reminder::standard_title(&[self.reminder_1, self.reminder_2, self.reminder_3], level)
    }

    /// "Paid in full on 01.12.2026".
    #[must_use]
    pub fn paid_in_full_on(&self, date: &str) -> String {
        self.paid_in_full_on.replace("{date}", date)
    }
}
