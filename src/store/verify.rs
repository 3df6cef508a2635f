//! `invoice store check` and the comparison behind `invoice store copy`, on a [`Dump`].

use super::{Dump, Store};
use crate::error::{Error, Result};
use crate::invoice::Invoice;
use crate::invoice::validate::compute_totals;
use std::collections::{BTreeMap, BTreeSet};

/// What `store check` found: counts, and every problem (empty when the store is sound).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Invoices checked.
    pub invoices: usize,
    /// Audit entries read.
    pub audit_entries: usize,
    /// Everything wrong, one line each.
    pub problems: Vec<String>,
}

/// Checks a store's content: numbering without gaps or duplicates per series and year (and
/// each counter equal to its last number), totals recomputed from the lines equal to the
/// stored ones, and an audit entry for every invoice.
#[must_use]
pub fn check(dump: &Dump) -> Report {
    let mut problems = Vec::new();
    let mut series: BTreeMap<(&str, i64), Vec<(i64, &str)>> = BTreeMap::new();
    for row in &dump.invoices {
        series.entry((row.text[1].as_str(), row.ints[0])).or_default().push((row.ints[1], row.number()));
    }
    let counters: BTreeMap<(&str, i64), i64> =
        dump.sequences.iter().map(|(s, y, last)| ((s.as_str(), *y), *last)).collect();
    for ((name, year), mut seqs) in series {
        seqs.sort_unstable();
        let label = format!("series `{name}` year {year}");
        for (expected, (seq, number)) in (1..).zip(&seqs) {
            if *seq != expected {
                problems.push(format!(
                    "{label}: {number} has sequence {seq} where {expected} was expected (a gap or a duplicate)"
                ));
                break;
            }
        }
        let last = seqs.last().map_or(0, |(seq, _)| *seq);
        match counters.get(&(name, year)) {
            Some(counter) if *counter == last => {}
            Some(counter) => problems.push(format!("{label}: the counter is {counter} but the last number is {last}")),
            None => problems.push(format!("{label}: no counter row for {} invoices", seqs.len())),
        }
    }
    let audited: BTreeSet<&str> = dump
        .audit
        .iter()
        .filter(|e| e.action == "create" || e.action == "credit")
        .filter_map(|e| e.number.as_deref())
        .collect();
    for row in &dump.invoices {
        let number = row.number();
        if !audited.contains(number) {
            problems.push(format!("{number}: no `create` or `credit` audit entry"));
        }
        match serde_json::from_str::<Invoice>(&row.text[10]) {
            Err(e) => problems.push(format!("{number}: the stored document is damaged: {e}")),
            Ok(invoice) => {
                if invoice.number.as_deref() != Some(number) {
                    problems.push(format!("{number}: the document carries number {:?}", invoice.number));
                }
                let t = &invoice.totals;
                let recomputed =
                    compute_totals(&invoice.lines, &invoice.allowances, &invoice.charges, t.prepaid, t.gross.scale());
                if recomputed.as_ref() != Some(t) {
                    let gross = recomputed.map_or_else(|| "an overflow".to_owned(), |r| r.gross.to_string());
                    problems.push(format!(
                        "{number}: totals recomputed from the lines differ (gross {gross}, stored {})",
                        t.gross
                    ));
                }
                if row.text[7] != t.gross.to_string() || row.text[8] != t.due.to_string() {
                    problems.push(format!("{number}: the gross/due columns differ from the document's totals"));
                }
            }
        }
    }
    check_catalog(dump, &mut problems);
    check_balances(dump, &mut problems);
    Report { invoices: dump.invoices.len(), audit_entries: dump.audit.len(), problems }
}

/// Payments (SPEC 12.7): every invoice's stored status is the one its balance — due −
/// payments − credit notes' gross — means, no payment exceeded what was outstanding when it
/// was recorded, every payment belongs to a stored invoice in its currency, and every
/// running total a payment row keeps (`paid_after`, which the next payment's balance is
/// read from) is the sum of its invoice's payments up to it.
fn check_balances(dump: &Dump, problems: &mut Vec<String>) {
    use crate::invoice::Status;
    use crate::invoice::model::DocumentType;
    use rust_decimal::Decimal;
    let Some(payments) = dump.tables.iter().find(|t| t.name == "payments") else { return };
    let column = |name: &str| payments.columns.iter().position(|c| c == name);
    let (Some(id), Some(invoice), Some(amount), Some(currency), Some(before), Some(reverses)) = (
        column("id"),
        column("invoice"),
        column("amount"),
        column("currency"),
        column("outstanding_before"),
        column("reverses"),
    ) else {
        problems.push("payments: the table lacks a column `store check` reads".to_owned());
        return;
    };
    let paid_after = column("paid_after");
    let decimal = |text: &Option<String>| text.as_deref().and_then(|t| t.parse::<Decimal>().ok());
    let invoices: BTreeMap<&str, &super::InvoiceRow> = dump.invoices.iter().map(|r| (r.number(), r)).collect();
    let mut paid: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    // Each invoice's payments so far, in payment-number order (`None`: overflowed).
    let mut running: BTreeMap<&str, Option<Decimal>> = BTreeMap::new();
    for row in &payments.rows {
        let name = row[id].as_deref().unwrap_or("?");
        let number = row[invoice].as_deref().unwrap_or_default();
        let Some(stored) = invoices.get(number) else {
            problems.push(format!("payment {name}: its invoice {number} does not exist"));
            continue;
        };
        if row[currency].as_deref() != Some(stored.text[6].as_str()) {
            problems.push(format!("payment {name}: its currency differs from {number}'s"));
        }
        let (Some(value), Some(outstanding)) = (decimal(&row[amount]), decimal(&row[before])) else {
            problems.push(format!("payment {name}: its amount or outstanding balance is not a decimal"));
            continue;
        };
        if row[reverses].is_none() && value > outstanding {
            problems.push(format!(
                "payment {name}: {value} is more than the {outstanding} outstanding on {number} when it was recorded"
            ));
        }
        paid.entry(number).or_default().push(value);
        let sum = running.entry(number).or_insert(Some(Decimal::ZERO));
        *sum = sum.and_then(|sum| sum.checked_add(value));
        if let Some(total) = paid_after.and_then(|c| row[c].as_ref()) {
            let sum = *sum;
            if total.parse::<Decimal>().ok() != sum {
                problems.push(format!(
                    "payment {name}: its running total {total} is not the {} paid on {number} up to it",
                    sum.map_or_else(|| "overflowing sum".to_owned(), |s| s.to_string())
                ));
            }
        }
    }
    let mut credited: BTreeMap<&str, Vec<Decimal>> = BTreeMap::new();
    for row in dump.invoices.iter().filter(|r| r.text[2] == "credit_note" && r.text[3] != "void") {
        let preceding = serde_json::from_str::<Invoice>(&row.text[10]).ok().and_then(|i| i.preceding_invoice);
        if let (Some(preceding), Ok(gross)) = (preceding, row.text[7].parse::<Decimal>())
            && let Some((number, _)) = invoices.get_key_value(preceding.as_str())
        {
            credited.entry(number).or_default().push(gross);
        }
    }
    for row in dump.invoices.iter().filter(|r| r.text[2] == "invoice") {
        let number = row.number();
        let (Ok(gross), Ok(due)) = (row.text[7].parse::<Decimal>(), row.text[8].parse::<Decimal>()) else { continue };
        let payments = paid.get(number).map(Vec::as_slice).unwrap_or_default();
        let credits = credited.get(number).map(Vec::as_slice).unwrap_or_default();
        let Some(balance) =
            crate::receivables::Balance::compute(gross, due, payments.iter().copied(), credits.iter().copied())
        else {
            problems.push(format!("{number}: its balance overflows"));
            continue;
        };
        let Some(stored) = Status::from_name(&row.text[3]) else { continue };
        let expected = crate::receivables::derive_status(DocumentType::Invoice, stored == Status::Void, &balance);
        if stored != expected {
            problems.push(format!(
                "{number}: the stored status is {} but due {} − paid {} − credited {} = outstanding {} means {}",
                stored.as_str(),
                balance.due,
                balance.paid,
                balance.credited,
                balance.outstanding,
                expected.as_str()
            ));
        }
        if stored == Status::Void && (balance.paid != Decimal::ZERO || !credits.is_empty()) {
            problems
                .push(format!("{number}: void, yet {} was paid and {} credited on it", balance.paid, balance.credited));
        }
    }
}

/// Customers, schedules and occurrences (SPEC 14): every schedule's customer exists, every
/// occurrence's schedule and invoice exist, and no invoice is the invoice of two occurrences.
fn check_catalog(dump: &Dump, problems: &mut Vec<String>) {
    let catalog = &dump.catalog;
    let customers: BTreeSet<&str> = catalog.customers.iter().map(|c| c.id.as_str()).collect();
    let schedules: BTreeSet<&str> = catalog.schedules.iter().map(|s| s.id.as_str()).collect();
    let invoices: BTreeSet<&str> = dump.invoices.iter().map(super::InvoiceRow::number).collect();
    for schedule in &catalog.schedules {
        if !customers.contains(schedule.customer.as_str()) {
            problems.push(format!("schedule {}: its customer {} does not exist", schedule.id, schedule.customer));
        }
    }
    let mut linked = BTreeSet::new();
    for o in &catalog.occurrences {
        let name = format!("occurrence {} {}", o.schedule, o.date);
        if !schedules.contains(o.schedule.as_str()) {
            problems.push(format!("{name}: no such schedule"));
        }
        if !invoices.contains(o.number.as_str()) {
            problems.push(format!("{name}: its invoice {} does not exist", o.number));
        }
        if !linked.insert(o.number.as_str()) {
            problems.push(format!("{name}: invoice {} is linked to another occurrence too", o.number));
        }
    }
}

/// What a copy moved, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Rows per table: invoices, counters, idempotency keys, audit entries, API keys.
    pub counts: [usize; 5],
    /// Rows of the tables copied as they stand: (table, rows).
    pub tables: Vec<(String, usize)>,
}

fn counts(dump: &Dump) -> [usize; 5] {
    [dump.invoices.len(), dump.sequences.len(), dump.idempotency.len(), dump.audit.len(), dump.keys.len()]
}

fn table_counts(dump: &Dump) -> Vec<(String, usize)> {
    dump.tables.iter().map(|t| (t.name.clone(), t.rows.len())).collect()
}

/// Copies `from` into the empty `to` (one transaction on `to`), then reads `to` back and
/// compares the row counts of every table and a checksum of every invoice.
///
/// # Errors
/// [`Error::Conflict`] when `to` is not empty; [`Error::Store`] when reading, writing or
/// the comparison fails (the message says what differs).
pub async fn copy(from: &Store, to: &Store) -> Result<Copied> {
    let source = std::sync::Arc::new(from.dump().await?);
    to.load(std::sync::Arc::clone(&source)).await?;
    let written = to.dump().await?;
    let mismatch = |message: String| Error::Store { action: "verify the copy".into(), message };
    if counts(&source) != counts(&written) {
        return Err(mismatch(format!(
            "row counts differ: source {:?}, target {:?}",
            counts(&source),
            counts(&written)
        )));
    }
    for (a, b) in source.invoices.iter().zip(&written.invoices) {
        if a.checksum() != b.checksum() {
            return Err(mismatch(format!("invoice {} differs after the copy", a.number())));
        }
    }
    if source.catalog != written.catalog {
        return Err(mismatch("the customers, schedules or occurrences differ after the copy".into()));
    }
    if source.audit != written.audit || source.keys != written.keys || source.sequences != written.sequences {
        return Err(mismatch("the audit log, keys or counters differ after the copy".into()));
    }
    if source.tables != written.tables {
        return Err(mismatch(format!(
            "the payments or reminders differ after the copy: source {:?}, target {:?}",
            table_counts(&source),
            table_counts(&written)
        )));
    }
    Ok(Copied { counts: counts(&source), tables: table_counts(&source) })
}

#[cfg(test)]
mod catalog_tests {
    use super::*;
    use crate::store::customers::{CustomerRow, ScheduleRow};
    use crate::store::{Catalog, Occurrence};

    #[test]
    fn store_check_finds_occurrences_without_invoices_and_schedules_without_customers() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let occurrence = |number: &str| Occurrence { schedule: "r".into(), date, number: number.into() };
        let row = |id: &str| CustomerRow {
            id: id.into(),
            document: "{}".into(),
            archived: false,
            created_at: String::new(),
            updated_at: String::new(),
        };
        let schedule = |customer: &str| ScheduleRow {
            id: "r".into(),
            customer: customer.into(),
            document: "{}".into(),
            created_at: String::new(),
            updated_at: String::new(),
        };
        let dump = Dump {
            catalog: Catalog {
                customers: vec![row("c")],
                schedules: vec![schedule("gone")],
                occurrences: vec![occurrence("INV-2026-0001"), occurrence("INV-2026-0001")],
            },
            ..Dump::default()
        };
        assert_eq!(
            check(&dump).problems,
            [
                "schedule r: its customer gone does not exist",
                "occurrence r 2026-01-01: its invoice INV-2026-0001 does not exist",
                "occurrence r 2026-01-01: its invoice INV-2026-0001 does not exist",
                "occurrence r 2026-01-01: invoice INV-2026-0001 is linked to another occurrence too",
            ]
        );
        let sound = Dump { catalog: Catalog { customers: vec![row("gone")], ..Catalog::default() }, ..Dump::default() };
        assert_eq!(check(&sound).problems, Vec::<String>::new());
    }
}
