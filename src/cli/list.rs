//! `invoice list` and `invoice show`: read the store.

use super::output;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::{Invoice, Status};
use crate::security::text::escape_controls;
use crate::store::{ListFilter, Store};
use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

/// Arguments of `invoice list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only invoices with this status.
    #[arg(long, value_parser = parse_status)]
    status: Option<Status>,
    /// Only buyers whose name contains this text (case-insensitive for ASCII).
    #[arg(long, value_name = "TEXT")]
    buyer: Option<String>,
    /// Issued on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Issued on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// At most this many.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    /// Aligned columns.
    Table,
    /// A JSON array of invoices.
    Json,
    /// CSV with a header row; cells are neutralized against formula injection.
    Csv,
}

/// Arguments of `invoice show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The invoice number.
    number: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShowFormat {
    /// The text rendering.
    Text,
    /// JSON.
    Json,
}

pub(crate) fn parse_status(text: &str) -> Result<Status, String> {
    Status::from_name(text)
        .filter(|s| *s != Status::Draft)
        .ok_or_else(|| "expected one of: issued, paid, void, credited".to_owned())
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::invoice::parse::parse_date(text).ok_or_else(|| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

/// Runs `invoice list`.
///
/// # Errors
/// [`Error::Store`] and [`Error::Io`].
pub fn exec_list(args: &ListArgs, config: &Config) -> Result<ExitStatus, Error> {
    let store = Store::open(&config.store_path)?;
    let filter = ListFilter {
        status: args.status,
        buyer: args.buyer.clone(),
        from: args.from,
        to: args.to,
        after: None,
        limit: args.limit,
    };
    let invoices = store.list(&filter)?;
    let text = match args.format {
        ListFormat::Json => output::json_text(&invoices)?,
        ListFormat::Csv => csv(&invoices),
        ListFormat::Table => table(&invoices),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// Runs `invoice show`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Store`], [`Error::Io`].
pub fn exec_show(args: &ShowArgs, config: &Config) -> Result<ExitStatus, Error> {
    let invoice = Store::open(&config.store_path)?.get(&args.number)?;
    let text = match args.format {
        ShowFormat::Json => output::json_text(&invoice)?,
        ShowFormat::Text => crate::render::text::render(&invoice),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

const HEADER: [&str; 8] = ["NUMBER", "TYPE", "STATUS", "ISSUED", "DUE", "BUYER", "GROSS", "CURRENCY"];

fn cells(invoice: &Invoice) -> [String; 8] {
    [
        invoice.number.clone().unwrap_or_default(),
        match invoice.kind {
            crate::invoice::model::DocumentType::Invoice => "invoice".into(),
            crate::invoice::model::DocumentType::CreditNote => "credit_note".into(),
        },
        invoice.status.as_str().into(),
        invoice.issue_date.to_string(),
        invoice.due_date.to_string(),
        invoice.buyer.name.clone().unwrap_or_default(),
        invoice.totals.gross.to_string(),
        invoice.currency.clone(),
    ]
}

fn table(invoices: &[Invoice]) -> String {
    if invoices.is_empty() {
        return "no invoices\n".to_owned();
    }
    let rows: Vec<[String; 8]> = invoices.iter().map(cells).map(|r| r.map(|c| escape_controls(&c, false))).collect();
    let mut widths = HEADER.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut push_row = |row: &[String]| {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            let pad = width.saturating_sub(cell.width());
            if i == 6 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
            if i + 1 < row.len() {
                line.push_str("  ");
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    push_row(&HEADER.map(str::to_owned));
    for row in &rows {
        push_row(row);
    }
    out
}

fn csv(invoices: &[Invoice]) -> String {
    let mut out = HEADER.map(str::to_ascii_lowercase).join(",") + "\n";
    for invoice in invoices {
        let row: Vec<String> = cells(invoice).iter().map(|c| csv_cell(c)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Quotes a CSV cell and neutralizes spreadsheet formulas: a cell starting with `=`,
/// `+`, `-`, `@`, tab or carriage return gets a leading `'` (OWASP CSV injection advice).
fn csv_cell(cell: &str) -> String {
    let mut text = cell.to_owned();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n', '\r']) || text.starts_with('\'') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_cannot_start_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("+1"), "\"'+1\"");
        assert_eq!(csv_cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_cell("-2"), "\"'-2\"");
        assert_eq!(csv_cell("Acme, Inc."), "\"Acme, Inc.\"");
        assert_eq!(csv_cell("Acme"), "Acme");
    }
}
