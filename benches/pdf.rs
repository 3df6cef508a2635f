//! PDF rendering benchmark: `cargo bench --bench pdf`.
//!
//! Renders a 20-line and a 1,000-line invoice repeatedly (after a warm-up) and
//! prints the median and 95th percentile time and the output size. Targets on the
//! reference machine (2 cores): under 20 ms and under 300 ms.
//! Plain `fn main` (`harness = false`): no benchmark framework needed for two numbers.

use std::error::Error;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use invoice::invoice::{Defaults, Invoice, Status, check_bytes, parse};
use invoice::render::Paper;
use invoice::render::pdf::render;
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn Error>> {
    for (lines, runs, target_ms) in [(20, 200, 20.0), (1_000, 20, 300.0)] {
        let invoice = sample(lines)?;
        for _ in 0..runs.min(10) {
            render(&invoice, Paper::A4)?;
        }
        let mut times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let pdf = render(&invoice, Paper::A4)?;
            times.push(start.elapsed());
            size = pdf.len();
        }
        times.sort_unstable();
        let median = ms(times[times.len() / 2]);
        let p95 = ms(times[(times.len() * 95).div_ceil(100) - 1]);
        let verdict = if p95 < target_ms { "ok" } else { "SLOW" };
        println!(
            "pdf {lines:>5} lines: median {median:7.2} ms, p95 {p95:7.2} ms, {size:>7} bytes ({runs} runs, target < {target_ms} ms: {verdict})"
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1_000.0
}

/// An issued invoice with `n` lines, every seventh with a description that wraps.
fn sample(n: usize) -> Result<Invoice, Box<dyn Error>> {
    let lines: Vec<Value> = (0..n)
        .map(|i| {
            let description = if i % 7 == 0 {
                format!(
                    "Item {i}: Wartung der Produktionslinie in Straße 5, Ersatzteile, Anfahrt und Bericht für Müller"
                )
            } else {
                format!("Item {i}: consulting")
            };
            let rate = if i % 3 == 0 { "7" } else { "19" };
            json!({ "description": description, "quantity": (i % 5 + 1).to_string(), "unit": "HUR",
                    "unit_price": "12.34", "tax_rate": rate })
        })
        .collect();
    let draft = json!({
        "currency": "EUR",
        "issue_date": "2026-11-27",
        "seller": { "name": "Müller GmbH", "vat_id": "DE123456789",
                    "address": { "lines": ["Hauptstr. 1"], "city": "Berlin", "postal_code": "10115", "country": "DE" } },
        "buyer": { "name": "Αθήνα Εμπορική ΑΕ", "address": { "lines": ["Οδός Ερμού 10"], "city": "Αθήνα", "country": "GR" } },
        "lines": lines,
        "payment": { "means": "credit_transfer", "iban": "DE89370400440532013000", "terms": "Payable within 30 days" },
        "notes": "Thank you for your business."
    });
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("bad date")?;
    let bytes = serde_json::to_vec(&draft)?;
    let checked = check_bytes(&bytes, parse::Options::default(), &Defaults::default(), today)
        .map_err(|rejected| format!("sample draft is invalid: {:?}", rejected.problems))?;
    let mut invoice = checked.invoice;
    invoice.number = Some("INV-2026-0001".into());
    invoice.status = Status::Issued;
    Ok(invoice)
}
