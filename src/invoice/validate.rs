//! From a parsed [`Draft`] to a complete [`Invoice`]: defaults, cross-field rules, totals.
//!
//! This is the one place the rules that involve several fields or the configuration
//! live (required-after-defaults, dates, tax categories against rates, currency
//! precision of amounts, totals). The CLI and the daemon both call [`check`].

use super::model::{
    Adjustment, DocumentType, Draft, Invoice, InvoiceAdjustment, InvoiceLine, Language, Line, Party, Payment, Status,
    TaxCategory, TaxSubtotal, Totals,
};
use super::money::{self, MAX_AMOUNT};
use super::parse::{self, Options, Parsed};
use super::problem::{Code, Problem};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Values a draft may leave out, from the config file and command-line flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    /// Default currency.
    pub currency: Option<String>,
    /// Tax rate for lines (and allowances/charges) without one.
    pub tax_rate: Option<Decimal>,
    /// Days from issue to due date.
    pub payment_terms_days: u32,
    /// Series of invoices.
    pub series: String,
    /// Series of credit notes.
    pub credit_note_series: String,
    /// Seller used when the draft has none.
    pub seller: Option<Party>,
    /// Payment instructions used when the draft has none; draft fields win one by one.
    pub payment: Option<Payment>,
    /// Language of documents whose draft names none.
    pub language: Option<Language>,
}

impl Default for Defaults {
    fn default() -> Self {
        Defaults {
            currency: None,
            tax_rate: None,
            payment_terms_days: 30,
            series: "INV".to_owned(),
            credit_note_series: "CN".to_owned(),
            seller: None,
            payment: None,
            language: None,
        }
    }
}

/// A draft that passed every check, with its warnings.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The computed invoice (status `draft`, no number yet).
    pub invoice: Invoice,
    /// Sanitize-mode warnings.
    pub warnings: Vec<Problem>,
}

/// A draft that failed: every problem found, and the warnings.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// Every violation.
    pub problems: Vec<Problem>,
    /// Sanitize-mode warnings.
    pub warnings: Vec<Problem>,
}

/// Parses, validates and computes a draft in one go.
///
/// # Errors
/// Returns every problem found when the draft is not valid.
pub fn check_bytes(bytes: &[u8], options: Options, defaults: &Defaults, today: NaiveDate) -> Result<Checked, Rejected> {
    check(parse::parse_draft(bytes, options), defaults, today)
}

/// Applies defaults to a parsed draft, checks the cross-field rules and computes totals.
///
/// # Errors
/// Returns the parse problems together with every rule violation found here.
pub fn check(parsed: Parsed, defaults: &Defaults, today: NaiveDate) -> Result<Checked, Rejected> {
    let Parsed { draft, mut problems, warnings } = parsed;
    if problems.iter().any(|p| p.code == Code::MalformedJson) {
        return Err(Rejected { problems, warnings });
    }
    let mut flagged = HashSet::new();
    for problem in &problems {
        flag_with_ancestors(&mut flagged, &problem.path);
    }
    let invoice = Resolver { problems: &mut problems, flagged, defaults, today }.resolve(draft);
    match invoice {
        Some(invoice) if problems.is_empty() => {
            let mut warnings = warnings;
            warnings.extend(super::suspicious::warnings(&invoice));
            Ok(Checked { invoice, warnings: cap_problems(warnings) })
        }
        _ => Err(Rejected { problems: cap_problems(problems), warnings: cap_problems(warnings) }),
    }
}

/// SPEC 11: at most [`MAX_PROBLEMS`] problems per document; when more exist, the last
/// entry kept is a `too_many` at `""` saying how many were left out.
#[must_use]
pub fn cap_problems(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_PROBLEMS {
        let left_out = problems.len() - (MAX_PROBLEMS - 1);
        problems.truncate(MAX_PROBLEMS - 1);
        problems.push(Problem::new(
            "",
            Code::TooMany,
            format!("{left_out} more problems were left out; at most {MAX_PROBLEMS} are reported per document"),
        ));
    }
    problems
}

/// Most problems (or warnings) reported for one document.
pub const MAX_PROBLEMS: usize = 1_000;

/// Records `path` and every JSON Pointer above it (`/lines/3/quantity`, `/lines/3`,
/// `/lines`, `""`), so "is there a problem at or below this path" is one lookup.
fn flag_with_ancestors(flagged: &mut HashSet<String>, path: &str) {
    let mut end = path.len();
    loop {
        // Stop at the first ancestor already recorded: its own ancestors are too.
        if !flagged.insert(path[..end].to_owned()) {
            return;
        }
        match path[..end].rfind('/') {
            Some(slash) => end = slash,
            None => return,
        }
    }
}

struct Resolver<'a> {
    problems: &'a mut Vec<Problem>,
    /// Every problem path and its ancestors (see [`flag_with_ancestors`]): checking for
    /// an earlier problem costs one lookup, not a scan of every problem so far.
    flagged: HashSet<String>,
    defaults: &'a Defaults,
    today: NaiveDate,
}

/// One line's or adjustment's tax group, resolved.
struct TaxGroup {
    rate: Decimal,
    category: TaxCategory,
    exemption_reason: Option<String>,
}

impl Resolver<'_> {
    /// Whether a problem was found at `path` or below it.
    fn has_problem_at(&self, path: &str) -> bool {
        self.flagged.contains(path)
    }

    fn problem(&mut self, path: impl Into<String>, code: Code, message: impl Into<String>) {
        let problem = Problem::new(path, code, message);
        flag_with_ancestors(&mut self.flagged, &problem.path);
        self.problems.push(problem);
    }

    fn require(&mut self, path: &str, message: &str) {
        if !self.has_problem_at(path) {
            self.problem(path, Code::Required, message);
        }
    }

    fn resolve(mut self, draft: Draft) -> Option<Invoice> {
        let Draft {
            kind,
            series,
            issue_date,
            due_date,
            currency,
            seller,
            buyer,
            buyer_reference,
            order_reference,
            preceding_invoice,
            delivery_date,
            delivery_address,
            period,
            lines,
            allowances,
            charges,
            prepaid,
            payment,
            notes,
            language,
            customer,
        } = draft;
        let language = language.or(self.defaults.language).unwrap_or_default();
        let kind = kind.unwrap_or_default();
        let series = series.unwrap_or_else(|| match kind {
            DocumentType::Invoice => self.defaults.series.clone(),
            DocumentType::CreditNote => self.defaults.credit_note_series.clone(),
        });
        let currency = currency.or_else(|| self.defaults.currency.clone());
        if currency.is_none() {
            self.require("/currency", "currency is required (give it in the draft, with --currency, or as [defaults] currency in the config file)");
        }
        let dp = currency.as_deref().and_then(money::minor_units);

        let seller = seller.or_else(|| self.defaults.seller.clone());
        if seller.as_ref().and_then(|s| s.name.as_ref()).is_none() {
            self.require(
                "/seller/name",
                "seller name is required (give `seller` in the draft or a [seller] table in the config file)",
            );
        }
        if buyer.as_ref().and_then(|b| b.name.as_ref()).is_none() {
            self.require("/buyer/name", "buyer name is required");
        }
        if kind == DocumentType::CreditNote && preceding_invoice.is_none() {
            self.require("/preceding_invoice", "a credit note must name the invoice it corrects in preceding_invoice");
        }

        let issue_date = issue_date.unwrap_or(self.today);
        // SPEC 11: an invoice is not issued for a day after tomorrow (tomorrow allows for
        // time zones); issue #10 defect 10 accepted dates years ahead.
        let tomorrow = self.today.checked_add_days(Days::new(1)).unwrap_or(self.today);
        if issue_date > tomorrow && !self.has_problem_at("/issue_date") {
            self.problem(
                "/issue_date",
                Code::InvalidDate,
                format!("issue_date {issue_date} is in the future: at the latest tomorrow ({tomorrow})"),
            );
        }
        let due_date = match due_date {
            Some(due) => due,
            None => issue_date
                .checked_add_days(Days::new(u64::from(self.defaults.payment_terms_days)))
                .unwrap_or(issue_date),
        };
        if due_date < issue_date && !self.has_problem_at("/issue_date") {
            self.problem(
                "/due_date",
                Code::DueBeforeIssue,
                format!("due_date {due_date} is earlier than issue_date {issue_date}"),
            );
        }

        if lines.is_empty() {
            self.require("/lines", "at least one line is required");
        }
        let lines = self.lines(lines, dp);
        let allowances = self.adjustments(allowances, "/allowances", dp);
        let charges = self.adjustments(charges, "/charges", dp);
        let prepaid = self.prepaid(prepaid, dp);
        let payment = self.payment(payment);
        self.reverse_charge_needs_buyer_vat_id(buyer.as_ref(), &lines, &allowances, &charges);

        if !self.problems.is_empty() {
            return None;
        }
        let dp = dp?;
        let totals = self.totals(&lines, &allowances, &charges, prepaid, dp)?;
        Some(Invoice {
            number: None,
            status: Status::Draft,
            created_at: None,
            kind,
            series,
            issue_date,
            due_date,
            currency: currency?,
            seller: seller?,
            buyer: buyer?,
            buyer_reference,
            order_reference,
            preceding_invoice,
            preceding_invoice_date: None,
            delivery_date,
            delivery_address,
            period,
            lines,
            allowances,
            charges,
            payment,
            notes,
            paid_date: None,
            void_reason: None,
            credited_by: None,
            credit_notes: Vec::new(),
            account: None,
            language,
            customer,
            totals,
        })
    }

    /// SPEC 15: reverse charge (category AE) shifts the VAT to the buyer, so the invoice
    /// must carry the buyer's VAT identifier (VAT directive art. 226(4)), with or without
    /// an e-invoice profile.
    fn reverse_charge_needs_buyer_vat_id(
        &mut self,
        buyer: Option<&Party>,
        lines: &[InvoiceLine],
        allowances: &[InvoiceAdjustment],
        charges: &[InvoiceAdjustment],
    ) {
        let reverse_charge = lines.iter().any(|l| l.tax_category == TaxCategory::AE)
            || allowances.iter().chain(charges).any(|a| a.tax_category == TaxCategory::AE);
        let has_vat_id = buyer.is_some_and(|b| b.vat_id.is_some());
        if reverse_charge && !has_vat_id && !self.has_problem_at("/buyer") {
            self.problem(
                "/buyer/vat_id",
                Code::MissingField,
                "the buyer's VAT identifier is required for reverse charge (category AE): the buyer accounts for \
                 the VAT (VAT directive art. 226(4))",
            );
        }
    }

    /// Resolves rate and category of a line or adjustment and checks they agree. `path`
    /// builds the item's pointer; it runs only when there is a problem to look up or report.
    fn tax_group(
        &mut self,
        path: impl Fn() -> String,
        rate: Option<Decimal>,
        category: Option<TaxCategory>,
        exemption_reason: Option<String>,
    ) -> Option<TaxGroup> {
        if !self.problems.is_empty() {
            let path = path();
            if self.has_problem_at(&format!("{path}/tax_rate")) || self.has_problem_at(&format!("{path}/tax_category"))
            {
                return None;
            }
        }
        let rate = rate.or(self.defaults.tax_rate).unwrap_or(Decimal::ZERO).normalize();
        let category = category.unwrap_or_else(|| TaxCategory::default_for(rate));
        let contradiction = match category {
            TaxCategory::S if rate.is_zero() => Some("category S (standard rate) needs a tax_rate above 0"),
            TaxCategory::S => None,
            _ if !rate.is_zero() => Some("this category means no tax is charged, so tax_rate must be 0"),
            _ => None,
        };
        let mut consistent = true;
        if let Some(why) = contradiction {
            self.problem(
                format!("{}/tax_category", path()),
                Code::InvalidTaxCategory,
                format!("tax_category {} contradicts tax_rate {rate}: {why}", category.code()),
            );
            consistent = false;
        }
        if category.needs_exemption_reason() && exemption_reason.is_none() {
            let reason_path = format!("{}/tax_exemption_reason", path());
            if !self.has_problem_at(&reason_path) {
                self.problem(
                    reason_path,
                    Code::MissingExemptionReason,
                    format!("tax_exemption_reason is required for tax category {}", category.code()),
                );
            }
            consistent = false;
        }
        if !consistent {
            return None;
        }
        Some(TaxGroup { rate, category, exemption_reason })
    }

    fn lines(&mut self, draft_lines: Vec<Line>, dp: Option<u32>) -> Vec<InvoiceLine> {
        let mut lines = Vec::with_capacity(draft_lines.len());
        for (i, line) in draft_lines.into_iter().enumerate() {
            let path = || format!("/lines/{i}");
            let group = self.tax_group(path, line.tax_rate, line.tax_category, line.tax_exemption_reason);
            let (Some(description), Some(quantity), Some(unit_price), Some(group), Some(dp)) =
                (line.description, line.quantity, line.unit_price, group, dp)
            else {
                continue;
            };
            let discount = line.discount_percent.unwrap_or(Decimal::ZERO);
            let remaining = Decimal::ONE_HUNDRED - discount;
            let Some(net) = money::product_rounded(&[quantity, unit_price, remaining], 2, dp) else {
                self.problem(
                    path(),
                    Code::OutOfRange,
                    format!("the line net (quantity × unit_price) exceeds {MAX_AMOUNT}"),
                );
                continue;
            };
            lines.push(InvoiceLine {
                description,
                quantity,
                unit: line.unit.unwrap_or_else(|| "C62".to_owned()),
                unit_price,
                tax_rate: group.rate,
                tax_category: group.category,
                tax_exemption_reason: group.exemption_reason,
                discount_percent: line.discount_percent,
                net,
            });
        }
        lines
    }

    fn adjustments(&mut self, items: Vec<Adjustment>, base: &str, dp: Option<u32>) -> Vec<InvoiceAdjustment> {
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let path = || format!("{base}/{i}");
            let group = self.tax_group(path, item.tax_rate, item.tax_category, item.tax_exemption_reason);
            let amount = item.amount.and_then(|a| self.currency_amount(a, &format!("{}/amount", path()), dp));
            if let (Some(reason), Some(amount), Some(group)) = (item.reason, amount, group) {
                out.push(InvoiceAdjustment {
                    reason,
                    amount,
                    tax_rate: group.rate,
                    tax_category: group.category,
                    tax_exemption_reason: group.exemption_reason,
                });
            }
        }
        out
    }

    /// A document amount may not have more decimals than the currency.
    fn currency_amount(&mut self, amount: Decimal, path: &str, dp: Option<u32>) -> Option<Decimal> {
        let dp = dp?;
        if amount.normalize().scale() > dp {
            let name = super::problem::field_name(path).to_owned();
            self.problem(
                path,
                Code::OutOfRange,
                format!("{name} has more decimal places than the currency allows ({dp})"),
            );
            return None;
        }
        Some(money::round_to(amount, dp))
    }

    fn prepaid(&mut self, prepaid: Option<Decimal>, dp: Option<u32>) -> Option<Decimal> {
        match prepaid {
            Some(p) => self.currency_amount(p, "/prepaid", dp),
            None => dp.map(|dp| money::round_to(Decimal::ZERO, dp)),
        }
    }

    fn payment(&mut self, payment: Option<Payment>) -> Option<Payment> {
        let Some(defaults) = self.defaults.payment.clone() else { return payment };
        let given = payment.unwrap_or_default();
        Some(Payment {
            means: given.means.or(defaults.means),
            iban: given.iban.or(defaults.iban),
            bic: given.bic.or(defaults.bic),
            terms: given.terms.or(defaults.terms),
            reference: given.reference.or(defaults.reference),
            mandate_reference: given.mandate_reference.or(defaults.mandate_reference),
            creditor_id: given.creditor_id.or(defaults.creditor_id),
            debtor_iban: given.debtor_iban.or(defaults.debtor_iban),
        })
    }

    fn totals(
        &mut self,
        lines: &[InvoiceLine],
        allowances: &[InvoiceAdjustment],
        charges: &[InvoiceAdjustment],
        prepaid: Option<Decimal>,
        dp: u32,
    ) -> Option<Totals> {
        let Some(totals) = compute_totals(lines, allowances, charges, prepaid.unwrap_or(Decimal::ZERO), dp) else {
            self.problem("", Code::OutOfRange, format!("a computed total exceeds {MAX_AMOUNT}"));
            return None;
        };
        if let Some(group) = totals.tax.iter().find(|g| g.base.is_sign_negative() && !g.base.is_zero()) {
            let at = allowances
                .iter()
                .position(|a| a.tax_category == group.category && a.tax_rate == group.rate)
                .map_or_else(|| "/allowances".to_owned(), |i| format!("/allowances/{i}/amount"));
            self.problem(
                at,
                Code::OutOfRange,
                format!(
                    "allowances exceed the lines and charges of tax group {} {}%: its base would be {}",
                    group.category.code(),
                    group.rate,
                    group.base
                ),
            );
            return None;
        }
        if totals.prepaid > totals.gross {
            self.problem(
                "/prepaid",
                Code::OutOfRange,
                format!("prepaid {} is more than the gross total {}", totals.prepaid, totals.gross),
            );
            return None;
        }
        Some(totals)
    }
}

/// Computes document totals (SPEC 2.3): per tax group (category + rate),
/// base = Σ line nets − Σ allowances + Σ charges and tax = round(base × rate / 100),
/// computed on the group's sum (EN 16931 BR-CO-17). `None` on overflow.
#[must_use]
pub fn compute_totals(
    lines: &[InvoiceLine],
    allowances: &[InvoiceAdjustment],
    charges: &[InvoiceAdjustment],
    prepaid: Decimal,
    dp: u32,
) -> Option<Totals> {
    let mut groups: Vec<TaxSubtotal> = Vec::new();
    // Every distinct exemption reason of a group, so the breakdown does not depend on
    // which line happens to come first.
    let mut reasons: Vec<Vec<String>> = Vec::new();
    let mut contributions: Vec<(usize, Decimal)> = Vec::with_capacity(lines.len() + allowances.len() + charges.len());
    let mut add = |category: TaxCategory, rate: Decimal, reason: Option<&String>, amount: Decimal| {
        let i = groups.iter().position(|g| g.category == category && g.rate == rate).unwrap_or_else(|| {
            groups.push(TaxSubtotal {
                category,
                rate,
                base: money::round_to(Decimal::ZERO, dp),
                amount: Decimal::ZERO,
                exemption_reason: None,
            });
            reasons.push(Vec::new());
            groups.len() - 1
        });
        if let (Some(reason), Some(list)) = (reason, reasons.get_mut(i)) {
            list.push(reason.clone());
        }
        contributions.push((i, amount));
    };
    for line in lines {
        add(line.tax_category, line.tax_rate, line.tax_exemption_reason.as_ref(), line.net);
    }
    for a in allowances {
        add(a.tax_category, a.tax_rate, a.tax_exemption_reason.as_ref(), -a.amount);
    }
    for c in charges {
        add(c.tax_category, c.tax_rate, c.tax_exemption_reason.as_ref(), c.amount);
    }
    for (i, amount) in contributions {
        let group = groups.get_mut(i)?;
        group.base = group.base.checked_add(amount)?;
    }
    // Checking each base once, at the end, is as strict as checking the running sums:
    // line nets are not negative and come first, then allowances, then charges, and
    // each of those three sums is itself capped below, so no running sum can pass the
    // cap unless the lines' sum, the allowances' sum or the final base does.
    if groups.iter().any(|g| g.base.abs() > MAX_AMOUNT) {
        return None;
    }
    for (group, mut list) in groups.iter_mut().zip(reasons) {
        list.sort_unstable();
        list.dedup();
        if !list.is_empty() {
            group.exemption_reason = Some(list.join("; "));
        }
    }
    for group in &mut groups {
        group.amount = money::product_rounded(&[group.base, group.rate], 2, dp)?;
    }
    groups.sort_by(|a, b| a.category.code().cmp(b.category.code()).then(a.rate.cmp(&b.rate)));

    let lines_net = money::checked_sum(lines.iter().map(|l| &l.net))?;
    let allowance_sum = money::checked_sum(allowances.iter().map(|a| &a.amount))?;
    let charge_sum = money::checked_sum(charges.iter().map(|c| &c.amount))?;
    let net = money::checked_sum(groups.iter().map(|g| &g.base))?;
    let tax_total = money::checked_sum(groups.iter().map(|g| &g.amount))?;
    let gross = money::checked_sum([&net, &tax_total])?;
    let due = gross.checked_sub(prepaid)?;
    Some(Totals {
        lines_net: money::round_to(lines_net, dp),
        allowances: money::round_to(allowance_sum, dp),
        charges: money::round_to(charge_sum, dp),
        net: money::round_to(net, dp),
        tax: groups,
        tax_total: money::round_to(tax_total, dp),
        gross: money::round_to(gross, dp),
        prepaid: money::round_to(prepaid, dp),
        due: money::round_to(due, dp),
    })
}

#[cfg(test)]
mod tests;
