//! Builds a SQLite store for the `aging` benchmark in the README: `--invoices` invoices
//! (default 100,000) for 500 buyers with due dates spread over a year, and `--payments`
//! payment rows (default 150,000: two on each of the first half of the invoices, one on
//! each of the rest).
//!
//! One invoice is issued through the store interface (schema, numbering, a real checked
//! document); the rest are copies of its row written by SQL in one transaction, with their
//! own numbers, buyers, due dates and statuses, because issuing 100,000 invoices and
//! recording 150,000 payments one durable transaction at a time would take the machine
//! longer than the benchmark is worth. The copies are what `aging` reads (the summary
//! columns, the payments table); their documents all say INV-2026-000001, which `aging`
//! never reads (and `store check` would report).
//!
//! `cargo run --example aging_data -- --store /tmp/aging.db`, then
//! `time invoice --store /tmp/aging.db aging --as-of 2027-06-30 --format csv`.

use clap::Parser;
use invoice::invoice::parse::Options;
use invoice::invoice::{Defaults, check_bytes};
use invoice::store::{Actor, Location, Store};
use std::path::PathBuf;

/// Options.
#[derive(Debug, Parser)]
struct Args {
    /// The SQLite file to create (must not exist).
    #[arg(long)]
    store: PathBuf,
    /// How many invoices.
    #[arg(long, default_value_t = 100_000)]
    invoices: u32,
    /// How many payment rows (at most twice the invoices).
    #[arg(long, default_value_t = 150_000)]
    payments: u32,
}

const DRAFT: &str = r#"{"issue_date": "2026-01-02", "due_date": "2026-02-01", "currency": "EUR",
  "seller": {"name": "Acme GmbH", "address": {"city": "Berlin", "country": "DE"}},
  "buyer": {"name": "Buyer 0", "address": {"city": "Paris", "country": "FR"}},
  "lines": [{"description": "Consulting", "quantity": "10", "unit_price": "120.00", "tax_rate": "19"}]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    if args.store.exists() {
        return Err(format!("{} exists; give a new file", args.store.display()).into());
    }
    if args.invoices == 0 || args.payments > 2 * args.invoices {
        return Err("--invoices must be > 0 and --payments at most twice --invoices".into());
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).ok_or("date")?;
    let checked = check_bytes(DRAFT.as_bytes(), Options::default(), &Defaults::default(), today)
        .map_err(|r| format!("the template draft is invalid: {:?}", r.problems))?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let store = Store::open(&Location::Sqlite(args.store.clone())).await?;
        store.issue(checked.invoice, "INV-{year}-{seq:06}", None, &Actor::cli("bench")).await?;
        store.close(std::time::Duration::from_secs(5));
        Ok::<(), invoice::error::Error>(())
    })?;
    let mut conn = rusqlite::Connection::open(&args.store)?;
    let tx = conn.transaction()?;
    let started = std::time::Instant::now();
    let (two, one) = (args.payments.saturating_sub(args.invoices), args.payments.min(args.invoices));
    {
        let mut invoice = tx.prepare(
            "INSERT INTO invoices (number, seq_series, seq_year, seq, kind, status, issue_date, buyer_name, currency,
                                   gross, due, created_at, document, paid_date, void_reason, credited_by, status_changed_at)
             SELECT ?1, seq_series, seq_year, ?2, kind, ?3, issue_date, ?4, currency, gross, due, created_at,
                    json_set(document, '$.due_date', ?5), NULL, NULL, NULL, NULL
             FROM invoices WHERE id = 1",
        )?;
        let mut payment = tx.prepare(
            "INSERT INTO payments (seq, id, invoice, date, amount, currency, outstanding_before, created_at, actor)
             VALUES (?1, printf('PAY-%06d', ?1), ?2, '2026-03-01', ?3, 'EUR', ?4, '2026-03-01T10:00:00Z', 'cli:bench')",
        )?;
        let mut seq = 0u32;
        for n in 1..=args.invoices {
            let number = format!("INV-2026-{n:06}");
            let due =
                chrono::NaiveDate::from_ymd_opt(2026, 2, 1).ok_or("date")? + chrono::Duration::days(i64::from(n % 365));
            // The first `two` invoices get two payments, the next ones one, the rest none.
            let count = if n <= two {
                2
            } else if n <= one {
                1
            } else {
                0
            };
            let status = if count == 0 { "issued" } else { "partially_paid" };
            if n > 1 {
                invoice.execute(rusqlite::params![number, n, status, format!("Buyer {}", n % 500), due.to_string()])?;
            } else {
                tx.execute("UPDATE invoices SET status = ?1 WHERE id = 1", [status])?;
            }
            let mut outstanding = rust_decimal::Decimal::new(142_800, 2);
            for amount in
                [rust_decimal::Decimal::new(10_000, 2), rust_decimal::Decimal::new(5_000, 2)].into_iter().take(count)
            {
                seq += 1;
                payment.execute(rusqlite::params![seq, number, amount.to_string(), outstanding.to_string()])?;
                outstanding -= amount;
            }
        }
        tx.execute("UPDATE sequences SET last = ?1", [args.invoices])?;
        println!("wrote {} invoices and {seq} payments in {:.1} s", args.invoices, started.elapsed().as_secs_f64());
    }
    tx.commit()?;
    Ok(())
}
