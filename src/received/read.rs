//! A received UBL or CII document read into the product's invoice model (SPEC 13.1 `show
//! --format json`), with every element it could not place listed, never silently dropped.
//!
//! The mapping is the inverse of the product's own writers (`src/render/einvoice/ubl.rs`,
//! `cii.rs`), widened to what other senders write for the same business terms. Every value
//! is taken as written: amounts, quantities and prices are exact decimals, never recomputed.
//!
//! What the reader does when the document and the model disagree:
//! - an element the model has no place for stays out of the invoice and its path is listed in
//!   [`Received::unread`] (a whole subtree once, by its top element; attributes as `/@name`);
//! - a value the model cannot hold exactly (a type code other than 380/381, a payment means
//!   code outside the model's list, a line allowance that does not match the line's net)
//!   leaves its element in `unread` too, and [`Received::warnings`] says what is shown;
//! - a business term EN 16931 makes mandatory that the model cannot do without is a
//!   [`ReadError::Missing`] naming it and its element: BT-2 issue date, BT-5 currency, BG-22
//!   with BT-112 and BT-115, a VAT breakdown's BT-116/117/118, an allowance's or charge's
//!   amount and category, a line's BT-129 quantity, BT-130 unit, BT-131 net, BT-146 price,
//!   BT-151 category, BT-153 name; a value present but not of its type (a date, a decimal)
//!   is [`ReadError::Invalid`]; a VAT category the model has no variant for (B, L, M) is
//!   [`ReadError::Unsupported`];
//! - an optional term the model still needs has a stated default with a warning: BT-9 due
//!   date → the issue date, BT-106 → Σ line nets, BT-109 → BT-106 − BT-107 + BT-108,
//!   BT-110 → Σ breakdown VAT, BT-107/BT-108 → Σ allowances/charges, BT-152 rate → 0 (no
//!   warning for category O, which has none), an adjustment's reason → empty; absent
//!   amounts are written with the currency's minor units (`0.00`). BT-120 exemption reason
//!   is stated once per VAT group: lines and adjustments of that group get it.
//!   `series` (a store concept, no business term) is empty and `status` is `issued`;
//! - the document-level facts the model has no field for but every e-invoice has, BT-24
//!   specification and BT-23 process, are [`Received::specification`] and `process`.

mod cii;
mod ubl;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::str::FromStr;

use chrono::NaiveDate;
use einvoice_rules::Syntax;
use roxmltree::{Node, NodeId};
use rust_decimal::Decimal;

use crate::invoice::model::{Invoice, InvoiceLine, PaymentMeans, TaxCategory};
use crate::invoice::money;

/// A received invoice in the product's model.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The invoice as the document states it (status `issued`, no store fields).
    pub invoice: Invoice,
    /// Elements present in the document that the model has no place for (their paths).
    pub unread: Vec<String>,
    /// Where a value was defaulted or could not be held exactly, in words.
    pub warnings: Vec<String>,
    /// The specification identifier (BT-24), e.g. `urn:cen.eu:en16931:2017`.
    pub specification: Option<String>,
    /// The business process (BT-23), e.g. the Peppol billing process.
    pub process: Option<String>,
}

/// Why a document could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// A field the model cannot do without is absent or unreadable.
    #[error("{0}")]
    Missing(String),
    /// A value is present but not of its type (a date, a decimal).
    #[error("{0}")]
    Invalid(String),
    /// A value the model has no variant for (a VAT category such as `L`), or a root that is
    /// not the syntax asked for.
    #[error("{0}")]
    Unsupported(String),
}

/// Reads a parsed UBL Invoice / CreditNote or CII document.
///
/// # Errors
/// [`ReadError`] when the root is not `syntax`, or a mandatory business term the model
/// needs is absent or unreadable (see the module documentation).
pub fn read(doc: &roxmltree::Document<'_>, syntax: Syntax) -> Result<Received, ReadError> {
    let root = doc.root_element();
    let found = Syntax::of_root(root.tag_name().namespace(), root.tag_name().name());
    if found != Some(syntax) {
        return Err(ReadError::Unsupported(format!(
            "the root element {} is not a {} document",
            root.tag_name().name(),
            syntax.as_str()
        )));
    }
    let mut ctx = Ctx::default();
    let (invoice, specification, process) = match syntax {
        Syntax::UblInvoice | Syntax::UblCreditNote => ubl::read(&mut ctx, root, syntax)?,
        Syntax::Cii => cii::read(&mut ctx, root)?,
    };
    let mut invoice = invoice;
    group_reasons(&mut invoice);
    let (unread, more_unread) = ctx.unread(root);
    if ctx.more_warnings > 0 {
        let more = ctx.more_warnings;
        ctx.warnings.push(format!("{more} further remarks like the ones above are not listed"));
    }
    if more_unread > 0 {
        ctx.warnings.push(format!(
            "{more_unread} further unread elements or attributes are not listed (at most {MAX_LISTED} are)"
        ));
    }
    Ok(Received { invoice, unread, warnings: ctx.warnings, specification, process })
}

/// A line, allowance or charge of an exempt category names no reason of its own in UBL
/// and CII (BT-120 is stated once per VAT group): it gets its group's.
fn group_reasons(invoice: &mut Invoice) {
    let groups = invoice.totals.tax.clone();
    let reason = |category: TaxCategory, rate: Decimal| {
        groups.iter().find(|g| g.category == category && g.rate == rate).and_then(|g| g.exemption_reason.clone())
    };
    for line in &mut invoice.lines {
        if line.tax_exemption_reason.is_none() && line.tax_category.needs_exemption_reason() {
            line.tax_exemption_reason = reason(line.tax_category, line.tax_rate);
        }
    }
    for a in invoice.allowances.iter_mut().chain(invoice.charges.iter_mut()) {
        if a.tax_exemption_reason.is_none() && a.tax_category.needs_exemption_reason() {
            a.tax_exemption_reason = reason(a.tax_category, a.tax_rate);
        }
    }
}

/// What a syntax reader found in a document, in the model's terms; [`Found::into_invoice`]
/// makes it the received invoice both syntaxes give.
pub(crate) struct Found {
    pub(crate) number: Option<String>,
    pub(crate) kind: crate::invoice::model::DocumentType,
    pub(crate) issue_date: NaiveDate,
    /// BT-9, when the document states it.
    pub(crate) due_date: Option<NaiveDate>,
    pub(crate) currency: String,
    pub(crate) seller: crate::invoice::model::Party,
    pub(crate) buyer: crate::invoice::model::Party,
    pub(crate) buyer_reference: Option<String>,
    pub(crate) order_reference: Option<String>,
    pub(crate) preceding_invoice: Option<String>,
    pub(crate) preceding_invoice_date: Option<NaiveDate>,
    pub(crate) delivery_date: Option<NaiveDate>,
    pub(crate) delivery_address: Option<crate::invoice::model::Address>,
    pub(crate) period: Option<crate::invoice::model::Period>,
    pub(crate) lines: Vec<InvoiceLine>,
    pub(crate) allowances: Vec<crate::invoice::model::InvoiceAdjustment>,
    pub(crate) charges: Vec<crate::invoice::model::InvoiceAdjustment>,
    /// Empty when the document gives no payment instructions.
    pub(crate) payment: crate::invoice::model::Payment,
    pub(crate) notes: Option<String>,
    pub(crate) totals: crate::invoice::model::Totals,
}

impl Found {
    /// The received invoice: status `issued`, no series or store fields, the issue date as
    /// due date (remarked) when BT-9 is absent.
    pub(crate) fn into_invoice(self, ctx: &mut Ctx) -> Invoice {
        let issue_date = self.issue_date;
        let due_date = self.due_date.unwrap_or_else(|| {
            ctx.warn(|| "BT-9 payment due date is absent: the issue date stands in".to_owned());
            issue_date
        });
        let payment = (self.payment != crate::invoice::model::Payment::default()).then_some(self.payment);
        Invoice {
            number: self.number,
            status: crate::invoice::model::Status::Issued,
            created_at: None,
            kind: self.kind,
            series: String::new(),
            issue_date,
            due_date,
            currency: self.currency,
            seller: self.seller,
            buyer: self.buyer,
            buyer_reference: self.buyer_reference,
            order_reference: self.order_reference,
            preceding_invoice: self.preceding_invoice,
            preceding_invoice_date: self.preceding_invoice_date,
            delivery_date: self.delivery_date,
            delivery_address: self.delivery_address,
            period: self.period,
            lines: self.lines,
            allowances: self.allowances,
            charges: self.charges,
            payment,
            notes: self.notes,
            paid_date: None,
            void_reason: None,
            credited_by: None,
            credit_notes: Vec::new(),
            account: None,
            language: crate::invoice::model::Language::En,
            customer: None,
            totals: self.totals,
        }
    }
}

/// What the reader consumed, and what it had to say.
#[derive(Default)]
pub(crate) struct Ctx {
    used: HashSet<NodeId>,
    used_attrs: HashSet<(NodeId, String)>,
    pub(crate) warnings: Vec<String>,
    more_warnings: usize,
}

/// Most unread paths, and separately remarks, listed one by one; beyond, a remark counts
/// them (SPEC 13.3: a hostile file of a million unknown elements costs no more than its size).
pub const MAX_LISTED: usize = 10_000;

/// Most remarks listed one by one (each names a path, found by walking its siblings).
pub const MAX_REMARKS: usize = 100;

/// A namespace and a local name.
pub(crate) type Name = (&'static str, &'static str);

impl Ctx {
    /// The element children of `node` named `name`.
    pub(crate) fn all<'a, 'i>(node: Node<'a, 'i>, name: Name) -> Vec<Node<'a, 'i>> {
        node.children().filter(|c| c.is_element() && c.has_tag_name(name)).collect()
    }

    /// The first element child of `node` named `name`.
    pub(crate) fn one<'a, 'i>(node: Node<'a, 'i>, name: Name) -> Option<Node<'a, 'i>> {
        node.children().find(|c| c.is_element() && c.has_tag_name(name))
    }

    /// Follows `path` from `node`, first match at each step.
    pub(crate) fn at<'a, 'i>(node: Node<'a, 'i>, path: &[Name]) -> Option<Node<'a, 'i>> {
        let mut current = node;
        for step in path {
            current = Self::one(current, *step)?;
        }
        Some(current)
    }

    /// Marks `node` read.
    pub(crate) fn mark(&mut self, node: Node<'_, '_>) {
        self.used.insert(node.id());
    }

    /// Marks the attribute `name` of `node` read.
    pub(crate) fn mark_attr(&mut self, node: Node<'_, '_>, name: &str) {
        self.used_attrs.insert((node.id(), name.to_owned()));
    }

    /// The text of a leaf element, as written (`None` when empty); marks it read.
    pub(crate) fn text(&mut self, node: Node<'_, '_>) -> Option<String> {
        self.mark(node);
        let text: String = node.children().filter(Node::is_text).filter_map(|t| t.text()).collect();
        if text.trim().is_empty() { None } else { Some(text) }
    }

    /// The text at `path` below `node`, marked read.
    pub(crate) fn text_at(&mut self, node: Node<'_, '_>, path: &[Name]) -> Option<String> {
        Self::at(node, path).and_then(|n| self.text(n))
    }

    /// The text of a code, identifier or number: trimmed.
    pub(crate) fn code(&mut self, node: Node<'_, '_>) -> Option<String> {
        self.text(node).map(|t| t.trim().to_owned())
    }

    /// The trimmed text at `path`.
    pub(crate) fn code_at(&mut self, node: Node<'_, '_>, path: &[Name]) -> Option<String> {
        Self::at(node, path).and_then(|n| self.code(n))
    }

    /// The attribute `name` of `node`, marked read.
    pub(crate) fn attr(&mut self, node: Node<'_, '_>, name: &str) -> Option<String> {
        let value = node.attribute(name)?;
        self.mark_attr(node, name);
        Some(value.to_owned())
    }

    /// The `currencyID` of an amount: read when it is the document's currency, else left
    /// unread with a warning (the model has one currency per invoice).
    pub(crate) fn currency_attr(&mut self, node: Node<'_, '_>, currency: &str) {
        match node.attribute("currencyID") {
            Some(c) if c.trim() == currency => self.mark_attr(node, "currencyID"),
            Some(c) => {
                self.warnings.push(format!("{}: currencyID {c} is not the document currency {currency}", path_of(node)))
            }
            None => {}
        }
    }

    /// A decimal element, exact as written; `what` names it for errors.
    pub(crate) fn decimal(&mut self, node: Node<'_, '_>, what: &str) -> Result<Option<Decimal>, ReadError> {
        let Some(text) = self.code(node) else { return Ok(None) };
        parse_decimal(&text)
            .map(Some)
            .ok_or_else(|| ReadError::Invalid(format!("{what} ({}): `{text}` is not a decimal", path_of(node))))
    }

    /// A decimal at `path`, absent → `None`.
    pub(crate) fn decimal_at(
        &mut self,
        node: Node<'_, '_>,
        path: &[Name],
        what: &str,
    ) -> Result<Option<Decimal>, ReadError> {
        match Self::at(node, path) {
            Some(n) => self.decimal(n, what),
            None => Ok(None),
        }
    }

    /// An amount at `path` (its `currencyID` checked), absent → `None`.
    pub(crate) fn amount_at(
        &mut self,
        node: Node<'_, '_>,
        path: &[Name],
        what: &str,
        currency: &str,
    ) -> Result<Option<Decimal>, ReadError> {
        match Self::at(node, path) {
            Some(n) => {
                self.currency_attr(n, currency);
                self.decimal(n, what)
            }
            None => Ok(None),
        }
    }

    /// A warning.
    /// A remark; past [`MAX_REMARKS`] only counted (a hostile file cannot make the reader
    /// spend its time on paths), with the count said at the end.
    pub(crate) fn warn(&mut self, text: impl FnOnce() -> String) {
        if self.warnings.len() < MAX_REMARKS {
            self.warnings.push(text());
        } else {
            self.more_warnings += 1;
        }
    }

    /// The paths of every element and attribute not read, each subtree once (at most
    /// [`MAX_LISTED`]), and how many more there are.
    fn unread(&self, root: Node<'_, '_>) -> (Vec<String>, usize) {
        let mut touched: HashSet<NodeId> = HashSet::new();
        for id in &self.used {
            // Ancestors of a read node are structure the reader went through.
            let mut node = root.document().get_node(*id);
            while let Some(n) = node {
                if !touched.insert(n.id()) {
                    break;
                }
                node = n.parent();
            }
        }
        let mut out = Unread { paths: Vec::new(), more: 0 };
        self.walk(root, &format!("/{}", qualified(root)), &touched, &mut out);
        (out.paths, out.more)
    }

    fn walk(&self, node: Node<'_, '_>, path: &str, touched: &HashSet<NodeId>, out: &mut Unread) {
        for attr in node.attributes() {
            if !self.used_attrs.contains(&(node.id(), attr.name().to_owned())) {
                out.push(|| {
                    let prefix = attr.namespace().map(|ns| format!("{}:", prefix_of(ns, node))).unwrap_or_default();
                    format!("{path}/@{prefix}{}", attr.name())
                });
            }
        }
        // Sibling counts once per parent, so paths cost linear time however many siblings.
        let mut counts: std::collections::HashMap<(Option<&str>, &str), usize> = std::collections::HashMap::new();
        for child in node.children().filter(Node::is_element) {
            *counts.entry(key(child)).or_default() += 1;
        }
        let mut seen: std::collections::HashMap<(Option<&str>, &str), usize> = std::collections::HashMap::new();
        for child in node.children().filter(Node::is_element) {
            let index = seen.entry(key(child)).or_default();
            *index += 1;
            let index = *index;
            let many = counts.get(&key(child)).is_some_and(|n| *n > 1);
            let child_path = || {
                let name = qualified(child);
                if many { format!("{path}/{name}[{index}]") } else { format!("{path}/{name}") }
            };
            if touched.contains(&child.id()) {
                self.walk(child, &child_path(), touched, out);
            } else {
                out.push(child_path);
            }
        }
    }
}

/// An element's expanded name, as a map key.
fn key<'a>(node: Node<'a, '_>) -> (Option<&'a str>, &'a str) {
    (node.tag_name().namespace(), node.tag_name().name())
}

/// The unread paths being collected.
struct Unread {
    paths: Vec<String>,
    more: usize,
}

impl Unread {
    fn push(&mut self, path: impl FnOnce() -> String) {
        if self.paths.len() < MAX_LISTED {
            self.paths.push(path());
        } else {
            self.more += 1;
        }
    }
}

/// The well-known prefixes, so paths look alike whatever prefixes a sender chose.
fn prefix_of(ns: &str, node: Node<'_, '_>) -> String {
    let known = match ns {
        "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" => "cbc",
        "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" => "cac",
        "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2" => "ext",
        "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" => "rsm",
        "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" => "ram",
        "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100" => "udt",
        "urn:un:unece:uncefact:data:standard:QualifiedDataType:100" => "qdt",
        "http://www.w3.org/2001/XMLSchema-instance" => "xsi",
        Syntax::UBL_INVOICE_NS | Syntax::UBL_CREDIT_NOTE_NS => "ubl",
        _ => return node.lookup_prefix(ns).map_or_else(|| format!("{{{ns}}}"), str::to_owned),
    };
    known.to_owned()
}

fn qualified(node: Node<'_, '_>) -> String {
    match node.tag_name().namespace() {
        Some(ns) => format!("{}:{}", prefix_of(ns, node), node.tag_name().name()),
        None => node.tag_name().name().to_owned(),
    }
}

/// `prefix:name`, with `[n]` when the parent has several children of that name.
fn step(node: Node<'_, '_>) -> String {
    let name = qualified(node);
    let same = |n: &Node<'_, '_>| n.is_element() && n.tag_name() == node.tag_name();
    let Some(parent) = node.parent() else { return name };
    let count = parent.children().filter(same).count();
    if count <= 1 {
        return name;
    }
    let index = node.prev_siblings().filter(same).count();
    format!("{name}[{index}]")
}

/// The path of an element, for messages and `unread`.
pub(crate) fn path_of(node: Node<'_, '_>) -> String {
    let mut steps: Vec<String> = node.ancestors().filter(Node::is_element).map(step).collect();
    steps.reverse();
    format!("/{}", steps.join("/"))
}

/// An `xs:decimal` as written: optional sign, digits, optional point and digits.
pub(crate) fn parse_decimal(text: &str) -> Option<Decimal> {
    let body = text.strip_prefix('+').unwrap_or(text);
    let digits = body.strip_prefix('-').unwrap_or(body);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') || digits.matches('.').count() > 1 {
        return None;
    }
    let body = body.strip_suffix('.').unwrap_or(body);
    let body = if let Some(rest) = body.strip_prefix("-.") {
        format!("-0.{rest}")
    } else if let Some(rest) = body.strip_prefix('.') {
        format!("0.{rest}")
    } else {
        body.to_owned()
    };
    Decimal::from_str_exact(&body).ok()
}

/// `YYYY-MM-DD`.
pub(crate) fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::from_str(text.trim()).ok().filter(|_| text.trim().len() == 10)
}

/// UNTDID 1001 document type code → whether it is a credit note; `None` for codes the model
/// has no kind for.
pub(crate) fn kind_of(code: &str) -> Option<crate::invoice::model::DocumentType> {
    use crate::invoice::model::DocumentType;
    match code {
        "380" => Some(DocumentType::Invoice),
        "381" => Some(DocumentType::CreditNote),
        _ => None,
    }
}

/// UNTDID 4461 payment means code → the model's means (the inverse of `means_code`).
pub(crate) fn means_of(code: &str) -> Option<PaymentMeans> {
    Some(match code {
        "30" => PaymentMeans::CreditTransfer,
        "58" => PaymentMeans::SepaCreditTransfer,
        "49" => PaymentMeans::DirectDebit,
        "59" => PaymentMeans::SepaDirectDebit,
        "48" => PaymentMeans::Card,
        "10" => PaymentMeans::Cash,
        "20" => PaymentMeans::Cheque,
        "1" => PaymentMeans::Other,
        _ => return None,
    })
}

/// A VAT category code (BT-95/102/118/151) → the model's category, or a [`ReadError`].
pub(crate) fn category_of(code: &str, node: Node<'_, '_>) -> Result<TaxCategory, ReadError> {
    TaxCategory::from_code(code).ok_or_else(|| {
        ReadError::Unsupported(format!(
            "VAT category `{code}` ({}) has no place in the invoice model (it knows S, Z, E, AE, K, G, O)",
            path_of(node)
        ))
    })
}

/// A mandatory value, or a [`ReadError::Missing`] naming the business term.
pub(crate) fn required<T>(value: Option<T>, term: &str, at: Node<'_, '_>, element: &str) -> Result<T, ReadError> {
    value.ok_or_else(|| ReadError::Missing(format!("{term} is missing: no {element} in {}", path_of(at))))
}

/// One line's discount as the writers express it (BG-27: a single allowance, BT-136 amount,
/// optional BT-138 percentage and BT-137 base), found consistent with the line: base −
/// allowance = net (BT-131).
pub(crate) struct LineAllowance<'a, 'i> {
    pub(crate) node: Node<'a, 'i>,
    pub(crate) amount: Option<Node<'a, 'i>>,
    pub(crate) percent: Option<Node<'a, 'i>>,
    pub(crate) base: Option<Node<'a, 'i>>,
    pub(crate) reason: Option<Node<'a, 'i>>,
    pub(crate) indicator: Option<Node<'a, 'i>>,
}

impl Ctx {
    /// Reads a line's single allowance into `line.discount_percent` when it agrees with the
    /// line's quantity, price and net; otherwise leaves it unread with a warning. Returns
    /// whether it was read.
    pub(crate) fn line_allowance(
        &mut self,
        a: &LineAllowance<'_, '_>,
        line: &mut InvoiceLine,
        currency: &str,
    ) -> Result<bool, ReadError> {
        let dp = money::minor_units(currency).unwrap_or(2);
        let is_allowance = a.indicator.and_then(|n| n.text()).is_some_and(|t| t.trim() == "false");
        let amount = a.amount.and_then(|n| n.text()).and_then(|t| parse_decimal(t.trim()));
        let gross = money::product_rounded(&[line.quantity, line.unit_price], 0, dp);
        let fits = match (is_allowance, amount, gross) {
            (true, Some(amount), Some(gross)) => gross.checked_sub(amount) == Some(line.net),
            _ => false,
        };
        if !fits {
            self.warn(|| format!(
                "{}: a line allowance or charge that does not match the line's quantity × price − net; the net (BT-131) is shown as stated",
                path_of(a.node)
            ));
            return Ok(false);
        }
        self.mark(a.node);
        if let Some(n) = a.indicator {
            self.mark(n);
        }
        if let Some(n) = a.amount {
            self.currency_attr(n, currency);
            self.mark(n);
        }
        if let Some(n) = a.percent {
            line.discount_percent = self.decimal(n, "BT-138 line allowance percentage")?;
        }
        if let Some(n) = a.base {
            let base = n.text().and_then(|t| parse_decimal(t.trim()));
            if base.is_some() && base == gross {
                self.currency_attr(n, currency);
                self.mark(n);
            }
        }
        if let Some(n) = a.reason
            && n.text().is_some_and(|t| t == "Discount")
        {
            self.mark(n);
        }
        Ok(true)
    }
}

/// The document totals (BG-22) as stated; `None` where the document has none.
pub(crate) struct Stated {
    pub(crate) lines_net: Option<Decimal>,
    pub(crate) allowance_total: Option<Decimal>,
    pub(crate) charge_total: Option<Decimal>,
    pub(crate) net: Option<Decimal>,
    pub(crate) tax_total: Option<Decimal>,
    pub(crate) gross: Decimal,
    pub(crate) prepaid: Option<Decimal>,
    pub(crate) due: Decimal,
}

/// The model's totals: every stated amount as written, the optional ones the document
/// lacks from the stated parts (with a warning where that is a sum of something).
pub(crate) fn complete_totals(
    ctx: &mut Ctx,
    stated: Stated,
    currency: &str,
    lines: &[InvoiceLine],
    allowances: &[crate::invoice::model::InvoiceAdjustment],
    charges: &[crate::invoice::model::InvoiceAdjustment],
    tax: Vec<crate::invoice::model::TaxSubtotal>,
) -> Result<crate::invoice::model::Totals, ReadError> {
    // Amounts the document does not state are written with the currency's minor units,
    // like the ones it states (`0.00`).
    let zero = money::round_to(Decimal::ZERO, money::minor_units(currency).unwrap_or(2));
    let overflow = |term: &str| ReadError::Invalid(format!("{term}: the sum leaves the supported range"));
    let mut sum_or = |value: Option<Decimal>, parts: Vec<Decimal>, term: &str| -> Result<Decimal, ReadError> {
        if let Some(v) = value {
            return Ok(v);
        }
        let sum = money::checked_sum(parts.iter().chain([&zero])).ok_or_else(|| overflow(term))?;
        if !parts.is_empty() {
            ctx.warn(|| format!("{term} is absent: the sum of its parts ({sum}) stands in"));
        }
        Ok(sum)
    };
    let lines_net = sum_or(stated.lines_net, lines.iter().map(|l| l.net).collect(), "BT-106 sum of line net amounts")?;
    let allowance_sum =
        sum_or(stated.allowance_total, allowances.iter().map(|a| a.amount).collect(), "BT-107 sum of allowances")?;
    let charge_sum = sum_or(stated.charge_total, charges.iter().map(|a| a.amount).collect(), "BT-108 sum of charges")?;
    let tax_total = sum_or(stated.tax_total, tax.iter().map(|g| g.amount).collect(), "BT-110 total VAT amount")?;
    let net = match stated.net {
        Some(net) => net,
        None => {
            let net = lines_net
                .checked_sub(allowance_sum)
                .and_then(|n| n.checked_add(charge_sum))
                .ok_or_else(|| overflow("BT-109"))?;
            ctx.warn(|| {
                format!("BT-109 invoice total without VAT is absent: BT-106 − BT-107 + BT-108 ({net}) stands in")
            });
            net
        }
    };
    Ok(crate::invoice::model::Totals {
        lines_net,
        allowances: allowance_sum,
        charges: charge_sum,
        net,
        tax,
        tax_total,
        gross: stated.gross,
        prepaid: stated.prepaid.unwrap_or(zero),
        due: stated.due,
    })
}
