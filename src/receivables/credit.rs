//! Credit notes against a balance (SPEC 12.3): by an amount, spread over the invoice's VAT
//! groups so that they sum to it exactly, or by whole lines.
//!
//! A credit by amount gets one line per VAT group of the credited invoice. Each group's
//! share of the gross is proportional to the group's gross, in whole minor units by the
//! largest remainder, so the shares sum to the amount; each line's net is then chosen so
//! that net + VAT (rounded per group, as every invoice is computed) is exactly the share.

use super::invalid;
use crate::error::Result;
use crate::invoice::Code;
use crate::invoice::model::{Invoice, InvoiceLine, Line, TaxCategory};
use crate::invoice::money::{self, product_rounded, round_to};
use rust_decimal::Decimal;

/// One VAT group's part of a credit by amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCredit {
    /// VAT category of the group.
    pub category: TaxCategory,
    /// Its rate in percent.
    pub rate: Decimal,
    /// Its exemption reason, if any.
    pub exemption_reason: Option<String>,
    /// The net to credit (the credit note line's price).
    pub net: Decimal,
    /// The VAT on it, rounded as the invoice's totals round it.
    pub tax: Decimal,
}

impl GroupCredit {
    /// net + tax.
    #[must_use]
    pub fn gross(&self) -> Decimal {
        self.net + self.tax
    }
}

/// Checks a credit amount: above 0, the currency's minor digits at most, and at most what
/// is still uncredited (`gross − credited_before`).
///
/// # Errors
/// [`crate::Error::Invalid`] at `/amount` (`must_be_positive`, `invalid_value`, or
/// `out_of_range` naming what can still be credited).
pub fn check_amount(invoice: &Invoice, credited_before: Decimal, amount: Decimal) -> Result<Decimal> {
    let currency = &invoice.currency;
    let dp = money::minor_units(currency).unwrap_or(2);
    let amount = super::payment::positive_amount(amount, currency, dp)?;
    let left = round_to(invoice.totals.gross - credited_before, dp);
    if amount > left {
        return Err(invalid(
            "/amount",
            Code::OutOfRange,
            format!(
                "the credit {amount} {currency} is more than the {left} {currency} of {} not credited yet",
                invoice.number.as_deref().unwrap_or("the invoice")
            ),
        ));
    }
    Ok(amount)
}

/// Spreads `amount` (gross, tax included, already checked) over the invoice's VAT groups.
/// The groups' gross sums to `amount` exactly.
///
/// # Errors
/// [`crate::Error::Invalid`] at `/amount` (`invalid_value`) in the rare case no split in
/// whole minor units exists (a group whose rate makes some totals unreachable, with no
/// other group to take the odd unit).
pub fn split_by_groups(invoice: &Invoice, amount: Decimal) -> Result<Vec<GroupCredit>> {
    let dp = money::minor_units(&invoice.currency).unwrap_or(2);
    let unit = Decimal::new(1, dp);
    let groups: Vec<_> = invoice.totals.tax.iter().filter(|g| g.base + g.amount > Decimal::ZERO).collect();
    let weights: Vec<Decimal> = groups.iter().map(|g| g.base + g.amount).collect();
    let total: Decimal = weights.iter().sum();
    let cannot = || {
        invalid(
            "/amount",
            Code::InvalidValue,
            format!(
                "{amount} {} cannot be split over the invoice's VAT groups in whole cents; try {}",
                invoice.currency,
                amount + unit
            ),
        )
    };
    if total <= Decimal::ZERO {
        return Err(cannot());
    }
    let mut shares = largest_remainder(amount, &weights, unit, dp).ok_or_else(cannot)?;
    // A share some rate cannot reach (19 %: 233.02 lies between 233.01 and 233.03) hands
    // one unit to the next group, the last group to the one before; then every group is
    // checked again. Each group moves at most a few units, so this ends quickly.
    let mut moves = 0;
    let credits = 'split: loop {
        let mut credits = Vec::with_capacity(groups.len());
        for (i, g) in groups.iter().enumerate() {
            if let Some((net, tax)) = net_for_gross(shares[i], g.rate, dp) {
                credits.push(GroupCredit {
                    category: g.category,
                    rate: g.rate,
                    exemption_reason: g.exemption_reason.clone(),
                    net,
                    tax,
                });
                continue;
            }
            let other = if i + 1 < groups.len() { i + 1 } else { i.checked_sub(1).ok_or_else(cannot)? };
            moves += 1;
            if other == i || moves > 4 * groups.len() || shares[i] <= unit {
                return Err(cannot());
            }
            shares[i] -= unit;
            shares[other] += unit;
            continue 'split;
        }
        break credits;
    };
    Ok(credits.into_iter().filter(|c| !c.gross().is_zero()).collect())
}

/// `amount` split in proportion to `weights`, in whole `unit`s, by the largest remainder.
fn largest_remainder(amount: Decimal, weights: &[Decimal], unit: Decimal, dp: u32) -> Option<Vec<Decimal>> {
    let total: Decimal = weights.iter().sum();
    let units = (amount / unit).trunc();
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = units.checked_mul(*w)?.checked_div(total)?;
        let floor = exact.floor();
        shares.push(floor);
        remainders.push((exact - floor, i));
    }
    let left = units - shares.iter().sum::<Decimal>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = usize::try_from(left.trunc().mantissa()).ok()?;
    for (_, i) in remainders.into_iter().take(left) {
        shares[i] += Decimal::ONE;
    }
    Some(shares.into_iter().map(|s| round_to(s * unit, dp)).collect())
}

/// The net whose VAT at `rate`, rounded to `dp`, makes exactly `gross`, if any.
fn net_for_gross(gross: Decimal, rate: Decimal, dp: u32) -> Option<(Decimal, Decimal)> {
    let unit = Decimal::new(1, dp);
    let guess = round_to(gross * Decimal::ONE_HUNDRED / (Decimal::ONE_HUNDRED + rate), dp);
    for step in [0i64, -1, 1, -2, 2] {
        let net = guess + unit * Decimal::from(step);
        if net < Decimal::ZERO {
            continue;
        }
        let tax = product_rounded(&[net, rate], 2, dp)?;
        if net + tax == gross {
            return Some((round_to(net, dp), tax));
        }
    }
    None
}

/// The draft lines of a credit by amount: one line per VAT group, quantity 1, the
/// group's net as its price; `description` names it ("Credit on INV-2026-0007").
#[must_use]
pub fn lines_for_amount(credits: &[GroupCredit], description: &str) -> Vec<Line> {
    credits
        .iter()
        .map(|c| Line {
            description: Some(description.to_owned()),
            quantity: Some(Decimal::ONE),
            unit: Some("C62".to_owned()),
            unit_price: Some(c.net),
            tax_rate: Some(c.rate),
            tax_category: Some(c.category),
            tax_exemption_reason: c.exemption_reason.clone(),
            discount_percent: None,
        })
        .collect()
}

/// The draft lines of a credit by lines (`--lines 1,3`, numbered from 1 as printed).
///
/// # Errors
/// [`crate::Error::Invalid`] at `/lines`: none given, a number not on the invoice, or one
/// named twice.
pub fn lines_by_number(invoice: &Invoice, numbers: &[usize]) -> Result<Vec<Line>> {
    if numbers.is_empty() {
        return Err(invalid("/lines", Code::Required, "name at least one line to credit, e.g. --lines 1,3".into()));
    }
    let count = invoice.lines.len();
    let mut seen = vec![false; count];
    let mut lines = Vec::with_capacity(numbers.len());
    for &n in numbers {
        let Some(line) = n.checked_sub(1).and_then(|i| invoice.lines.get(i)) else {
            return Err(invalid(
                "/lines",
                Code::OutOfRange,
                format!(
                    "line {n} is not on the invoice, which has {count} {}",
                    if count == 1 { "line" } else { "lines" }
                ),
            ));
        };
        if std::mem::replace(&mut seen[n - 1], true) {
            return Err(invalid("/lines", Code::InvalidValue, format!("line {n} is named twice")));
        }
        lines.push(line_of(line));
    }
    Ok(lines)
}

/// A stored line as a draft line.
#[must_use]
pub fn line_of(line: &InvoiceLine) -> Line {
    Line {
        description: Some(line.description.clone()),
        quantity: Some(line.quantity),
        unit: Some(line.unit.clone()),
        unit_price: Some(line.unit_price),
        tax_rate: Some(line.tax_rate),
        tax_category: Some(line.tax_category),
        tax_exemption_reason: line.tax_exemption_reason.clone(),
        discount_percent: line.discount_percent,
    }
}

#[cfg(test)]
mod tests;
