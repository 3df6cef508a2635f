//! `invoice list` and `invoice show`: read the store.

use super::output;
use crate::config::Config;
use crate::error::{Error, ExitStatus};
use crate::invoice::{Invoice, Status};
use crate::security::text::escape_controls;
use crate::store::{ListFilter, Summary};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// Arguments of `invoice list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only invoices with this status; `overdue`: issued or partially paid invoices whose
    /// due date is before today (or `--as-of`).
    #[arg(long, value_name = "STATUS", value_parser = parse_list_status)]
    status: Option<StatusFilter>,
    /// The day `--status overdue` is seen from (default today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// Only buyers whose name contains this text (case-insensitive for ASCII).
    #[arg(long, value_name = "TEXT")]
    buyer: Option<String>,
    /// Only invoices issued to this customer (`create --customer`, recurring invoices).
    #[arg(long, value_name = "ID")]
    customer: Option<String>,
    /// Issued on or after this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Issued on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// At most this many.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Newest first (default: oldest first).
    #[arg(long)]
    reverse: bool,
    /// Fit the table to this many columns (default: the terminal's width; output to a
    /// pipe or file is not shortened).
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// What `list --status` selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatusFilter {
    /// Exactly this status.
    Is(Status),
    /// Issued or partially paid, and the due date has passed.
    Overdue,
}

fn parse_list_status(text: &str) -> Result<StatusFilter, String> {
    if text == "overdue" {
        return Ok(StatusFilter::Overdue);
    }
    parse_status(text)
        .map(StatusFilter::Is)
        .map_err(|_| "expected one of: issued, partially_paid, paid, void, credited, overdue".to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    /// Aligned columns.
    Table,
    /// A JSON array of summaries (number, type, status, dates, buyer, amounts).
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
        .ok_or_else(|| "expected one of: issued, partially_paid, paid, void, credited".to_owned())
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::invoice::parse::parse_date(text).ok_or_else(|| format!("`{text}` is not a date in YYYY-MM-DD form"))
}

/// Runs `invoice list`.
///
/// # Errors
/// [`Error::Store`] and [`Error::Io`].
pub fn exec_list(args: &ListArgs, config: &Config) -> Result<ExitStatus, Error> {
    let (status, overdue_on) = match args.status {
        Some(StatusFilter::Is(status)) => (Some(status), None),
        Some(StatusFilter::Overdue) => (None, Some(args.as_of.unwrap_or_else(super::today))),
        None => (None, None),
    };
    let filter = ListFilter {
        status,
        buyer: args.buyer.clone(),
        from: args.from,
        to: args.to,
        after: None,
        limit: None,
        overdue_on,
    };
    let mut rows = super::with_store(config, async |store| store.list_summaries(&filter).await)?;
    if let Some(customer) = &args.customer {
        rows.retain(|row| row.customer.as_ref() == Some(customer));
    }
    if args.reverse {
        rows.reverse();
    }
    rows.truncate(args.limit.unwrap_or(usize::MAX));
    let text = match args.format {
        ListFormat::Json => output::json_text(&rows)?,
        ListFormat::Csv => csv(&rows),
        ListFormat::Table => table(&rows, args.width.map(usize::from).or_else(terminal_width)),
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The terminal's width when stdout is one; none (no shortening) for pipes and files.
fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
}

/// Runs `invoice show`.
///
/// # Errors
/// [`Error::NotFound`], [`Error::Store`], [`Error::Io`].
pub fn exec_show(args: &ShowArgs, config: &Config) -> Result<ExitStatus, Error> {
    let (invoice, credits) = super::with_store(config, async |store| {
        let invoice = store.get_with_account(&args.number).await?;
        // SPEC 11/15: the credit notes against an invoice, with their dates and amounts.
        let mut credits = Vec::with_capacity(invoice.credit_notes.len());
        for number in &invoice.credit_notes {
            let note = store.get(number).await?;
            credits.push(Credit { number: number.clone(), issue_date: note.issue_date, gross: note.totals.gross });
        }
        Ok((invoice, credits))
    })?;
    let text = match args.format {
        ShowFormat::Json => output::json_text(&Shown { invoice: &invoice, credits: &credits })?,
        ShowFormat::Text => {
            let mut text = crate::render::text::render(&invoice);
            text.push_str(&credits_text(&credits, &invoice.currency));
            text
        }
    };
    super::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// A credit note against the shown invoice.
#[derive(serde::Serialize)]
struct Credit {
    number: String,
    issue_date: NaiveDate,
    gross: Decimal,
}

/// `show --format json`: the invoice, with its credit notes (number, date, gross).
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    invoice: &'a Invoice,
    #[serde(skip_serializing_if = "<[Credit]>::is_empty")]
    credits: &'a [Credit],
}

/// The credit notes under the text document: one line each, number, date and gross.
fn credits_text(credits: &[Credit], currency: &str) -> String {
    if credits.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nCredit notes against this invoice\n---------------------------------\n");
    let width = credits.iter().map(|c| c.number.width()).max().unwrap_or(0);
    for credit in credits {
        let number = escape_controls(&credit.number, false);
        let pad = " ".repeat(width.saturating_sub(number.width()));
        text.push_str(&format!(
            "{number}{pad}  {}  {} {}\n",
            credit.issue_date,
            credit.gross,
            escape_controls(currency, false)
        ));
    }
    text
}

const HEADER: [&str; COLUMNS] =
    ["NUMBER", "TYPE", "STATUS", "ISSUED", "DUE", "BUYER", "GROSS", "PAID", "CREDITED", "OUTSTANDING", "CURRENCY"];
/// How many columns the table and the CSV have (the CSV adds the amount due and the
/// credited invoice after them).
const COLUMNS: usize = 11;
/// The column that gives way (shortened with `…`) when the table is wider than the terminal.
const BUYER: usize = 5;
/// Right-aligned amount columns.
const AMOUNTS: [usize; 4] = [6, 7, 8, 9];
/// The narrowest the buyer column gets.
const BUYER_MIN: usize = 8;

fn cells(row: &Summary) -> [String; COLUMNS] {
    [
        row.number.clone(),
        row.kind.clone(),
        row.status.clone(),
        row.issue_date.clone(),
        // Nothing is due on a credit note: its documents show no due date (SPEC 11), and
        // neither does the list (an empty CSV cell, `-` in the table).
        row.due_date.clone().unwrap_or_default(),
        row.buyer.clone(),
        row.gross.to_string(),
        row.paid.to_string(),
        row.credited.to_string(),
        row.outstanding.to_string(),
        row.currency.clone(),
    ]
}

/// Columns a narrow terminal drops, in this order, when shortening names is not enough
/// (the number says what a document is, the due date matters more than the issue date).
const DROPPABLE: [usize; 4] = [8, 7, 1, 3];

/// The table, at most `max_width` columns wide when given (a terminal): the buyer
/// column gives way first, long names shortened with `…`, then CREDITED, PAID, TYPE and
/// ISSUED go.
fn table(rows: &[Summary], max_width: Option<usize>) -> String {
    if rows.is_empty() {
        return "no invoices\n".to_owned();
    }
    let rows: Vec<[String; COLUMNS]> = rows
        .iter()
        .map(cells)
        .map(|r| r.map(|c| if c.is_empty() { "-".to_owned() } else { escape_controls(&c, false) }))
        .collect();
    let mut widths = HEADER.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut shown: Vec<usize> = (0..HEADER.len()).collect();
    if let Some(max) = max_width {
        let total = |shown: &[usize], widths: &[usize; COLUMNS]| {
            shown.iter().map(|&i| widths[i]).sum::<usize>() + 2 * (shown.len() - 1)
        };
        let natural = widths[BUYER];
        widths[BUYER] = BUYER_MIN.min(natural);
        for drop in DROPPABLE {
            if total(&shown, &widths) <= max {
                break;
            }
            shown.retain(|&i| i != drop);
        }
        let room = max.saturating_sub(total(&shown, &widths));
        widths[BUYER] = (widths[BUYER] + room).min(natural);
    }
    let mut out = String::new();
    let mut push_row = |row: &[String]| {
        let mut line = String::new();
        for (n, &i) in shown.iter().enumerate() {
            let width = widths[i];
            let cell = if i == BUYER { shorten(&row[i], width) } else { row[i].clone() };
            let pad = width.saturating_sub(cell.width());
            if AMOUNTS.contains(&i) {
                line.push_str(&" ".repeat(pad));
                line.push_str(&cell);
            } else {
                line.push_str(&cell);
                line.push_str(&" ".repeat(pad));
            }
            if n + 1 < shown.len() {
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

/// `text` cut to `width` display columns, ending in `…` when it was cut.
fn shorten(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn csv(rows: &[Summary]) -> String {
    let mut out = HEADER.map(str::to_ascii_lowercase).join(",") + ",amount_due,preceding_invoice\n";
    for row in rows {
        let mut cells: Vec<String> = cells(row)
            .iter()
            .enumerate()
            .map(|(i, c)| if AMOUNTS.contains(&i) { c.clone() } else { csv_cell(c) })
            .collect();
        cells.push(row.due.to_string());
        cells.push(csv_cell(row.preceding_invoice.as_deref().unwrap_or_default()));
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A CSV text cell (SPEC 11 "Files"): quoted when it holds `,`, `;`, a quote, a tab or a
/// line break, and a `'` put before any `=`, `+`, `-` or `@` that starts the cell or
/// follows a `,` or `;` (after optional spaces), so that no cell starts a formula whether
/// a spreadsheet splits on `,` or on `;` (OWASP CSV injection advice). A leading tab or
/// carriage return gets the `'` too. Amount cells are ours and numeric: not passed here.
pub(crate) fn csv_cell(cell: &str) -> String {
    let mut text = String::with_capacity(cell.len() + 2);
    // Whether the next non-space character starts a cell for some reader.
    let mut at_start = true;
    for c in cell.chars() {
        if at_start && matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
            text.push('\'');
        }
        text.push(c);
        at_start = match c {
            ',' | ';' => true,
            ' ' => at_start,
            _ => false,
        };
    }
    if text.contains([',', ';', '"', '\t', '\n', '\r']) || text.starts_with('\'') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::{csv_cell, shorten};

    #[test]
    fn cells_split_on_semicolons_cannot_start_formulas_either() {
        // Read with `;`, `"Globex;'=1+1"` gives `"Globex` and `'=1+1"`: no formula.
        assert_eq!(csv_cell("Globex;=1+1"), "\"Globex;'=1+1\"");
        assert_eq!(csv_cell("a, =1"), "\"a, '=1\"");
        assert_eq!(csv_cell("a;  @x"), "\"a;  '@x\"");
        assert_eq!(csv_cell("x=1"), "x=1", "not at a cell start");
        assert_eq!(csv_cell("tab\there"), "\"tab\there\"");
        assert_eq!(csv_cell("Müller; Söhne"), "\"Müller; Söhne\"");
    }

    #[test]
    fn long_buyer_names_are_shortened_with_an_ellipsis() {
        assert_eq!(shorten("Globex Corporation International", 10), "Globex Co…");
        assert_eq!(shorten("Globex", 10), "Globex");
        assert_eq!(shorten("株式会社サンプル商事", 9), "株式会社…");
    }

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
