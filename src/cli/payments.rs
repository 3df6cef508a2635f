//! `invoice pay`, `invoice payment reverse` and `invoice payments` (SPEC 12.2).

use super::output::{self, IssueFormat};
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::money;
use crate::receivables::payment::{PaymentRequest, summary_line};
use crate::receivables::{Balance, PaymentRecord};
use crate::store::Actor;
use crate::store::payments::{PaymentFilter, Recorded};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

/// Arguments of `invoice pay`.
#[derive(Debug, clap::Args)]
pub struct PayArgs {
    /// The invoice number.
    number: String,
    /// Amount received, in the invoice's currency (default: the whole outstanding balance).
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount, allow_negative_numbers = true)]
    amount: Option<Decimal>,
    /// Payment date (default today; not before the issue date, not after tomorrow).
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    date: Option<NaiveDate>,
    /// How it was paid: a payment means word (sepa_credit_transfer, card, ...) or free text.
    #[arg(long, value_name = "METHOD")]
    method: Option<String>,
    /// Bank statement line or other reference (at most 140 characters).
    #[arg(long, value_name = "TEXT")]
    reference: Option<String>,
    /// A retry with the same key and the same request returns the first payment.
    #[arg(long, value_name = "KEY")]
    idempotency_key: Option<String>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
    format: IssueFormat,
}

/// `invoice payment ...`.
#[derive(Debug, clap::Subcommand)]
pub enum PaymentCommand {
    /// Reverse a payment recorded in error (a bounced direct debit): adds a negative row.
    Reverse {
        /// The payment id (`PAY-000001`).
        id: String,
        /// Why (kept with the reversal and in the audit log).
        #[arg(long, value_name = "TEXT")]
        reason: String,
        /// What to print.
        #[arg(long, value_enum, default_value_t = IssueFormat::Text)]
        format: IssueFormat,
    },
}

/// Output of `invoice payments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Table,
    /// A JSON array.
    Json,
    /// CSV with a header.
    Csv,
}

/// Arguments of `invoice payments`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this invoice's payments.
    number: Option<String>,
    /// Dated on or after.
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    from: Option<NaiveDate>,
    /// Dated on or before.
    #[arg(long, value_name = "DATE", value_parser = super::list::parse_date)]
    to: Option<NaiveDate>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// An amount as typed: a plain decimal, read exactly.
fn parse_amount(text: &str) -> Result<Decimal, String> {
    money::parse_decimal_text(text.trim()).map_err(|_| format!("`{text}` is not an amount like 400 or 400.50"))
}

/// Runs `invoice pay`.
///
/// # Errors
/// See [`crate::ops::record_payment`].
pub fn exec_pay(args: &PayArgs, config: &Config) -> Result<ExitStatus, Error> {
    let actor = Actor::cli(&config.user);
    let request = PaymentRequest {
        amount: args.amount,
        date: args.date,
        method: args.method.clone(),
        reference: args.reference.clone(),
    };
    let key = args.idempotency_key.as_deref().map(|k| ("cli", k));
    let recorded = super::with_store(config, async |store| {
        crate::ops::record_payment(
            store,
            &args.number,
            request,
            super::today(),
            key,
            &actor,
            crate::store::payments::Answer::Account,
        )
        .await
    })?;
    print_recorded(&recorded, args.format)
}

/// Runs `invoice payment ...`.
///
/// # Errors
/// See [`crate::ops::reverse_payment`].
pub fn exec_payment(command: &PaymentCommand, config: &Config) -> Result<ExitStatus, Error> {
    let PaymentCommand::Reverse { id, reason, format } = command;
    let actor = Actor::cli(&config.user);
    let recorded = super::with_store(config, async |store| {
        crate::ops::reverse_payment(store, id, reason, super::today(), &actor).await
    })?;
    print_recorded(&recorded, *format)
}

fn print_recorded(recorded: &Recorded, format: IssueFormat) -> Result<ExitStatus, Error> {
    let invoice = &recorded.invoice;
    let number = invoice.number.as_deref().unwrap_or_default();
    let text = match format {
        IssueFormat::Number => format!("{}\n", recorded.payment.id),
        IssueFormat::Json => output::json_text(
            &serde_json::json!({ "payment": recorded.payment, "invoice": invoice, "replayed": recorded.replayed }),
        )?,
        IssueFormat::Text => {
            let account = invoice.account.as_ref();
            let balance = Balance {
                gross: invoice.totals.gross,
                due: invoice.totals.due,
                paid: account.map_or(Decimal::ZERO, |a| a.paid),
                credited: account.map_or(Decimal::ZERO, |a| a.credited),
                outstanding: account.map_or(invoice.totals.due, |a| a.outstanding),
            };
            let buyer = crate::security::text::display_safe(invoice.buyer.name.as_deref().unwrap_or_default());
            let line = summary_line(number, invoice.status.as_str(), &buyer, &invoice.currency, &balance);
            let replayed = if recorded.replayed { "  (replayed: recorded before)" } else { "" };
            format!("{}  {line}{replayed}\n", recorded.payment.id)
        }
    };
    write_out(&text)?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice payments`.
///
/// # Errors
/// [`Error::Store`].
pub fn exec_list(args: &ListArgs, config: &Config) -> Result<ExitStatus, Error> {
    let filter = PaymentFilter { invoice: args.number.clone(), from: args.from, to: args.to };
    let rows = super::with_store(config, async |store| {
        if let Some(number) = &filter.invoice {
            store.get(number).await?;
        }
        store.payments(&filter).await
    })?;
    let text = match args.format {
        ListFormat::Json => output::json_text(&rows)?,
        ListFormat::Csv => csv(&rows),
        ListFormat::Table => table(&rows),
    };
    write_out(&text)?;
    Ok(ExitStatus::Success)
}

const HEADER: [&str; 8] = ["ID", "INVOICE", "DATE", "AMOUNT", "CURRENCY", "METHOD", "REFERENCE", "REVERSES"];

fn cells(p: &PaymentRecord) -> [String; 8] {
    let safe = |t: &Option<String>| t.as_deref().map(crate::security::text::display_safe).unwrap_or_default();
    [
        p.id.clone(),
        crate::security::text::display_safe(&p.invoice),
        p.date.to_string(),
        p.amount.to_string(),
        p.currency.clone(),
        safe(&p.method),
        safe(&p.reference),
        safe(&p.reverses),
    ]
}

fn table(rows: &[PaymentRecord]) -> String {
    let all: Vec<[String; 8]> = rows.iter().map(cells).collect();
    let mut widths = HEADER.map(str::len);
    for row in &all {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(unicode_width::UnicodeWidthStr::width(c.as_str()));
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(unicode_width::UnicodeWidthStr::width(c.as_str())));
            if i == 3 { out.push_str(&format!("{pad}{c}  ")) } else { out.push_str(&format!("{c}{pad}  ")) }
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(&HEADER.map(str::to_owned));
    for row in &all {
        out.push_str(&line(row));
    }
    out
}

fn csv(rows: &[PaymentRecord]) -> String {
    let mut out = HEADER.map(str::to_ascii_lowercase).join(",") + "\n";
    for p in rows {
        let c = cells(p);
        let cells: Vec<String> =
            c.iter().enumerate().map(|(i, v)| if i == 3 { v.clone() } else { super::list::csv_cell(v) }).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

fn write_out(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Io { action: "write", path: "stdout".into(), source: e })
        }
        _ => Ok(()),
    }
}
