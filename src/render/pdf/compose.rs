//! What goes on the invoice and where: the invoice turned into a flow of blocks.
//!
//! Page one opens with the seller, the title and the invoice facts, then the buyer
//! and a summary of the amount due. The line table follows (allowances and charges
//! are its last rows), then the VAT breakdown and the totals, which stay on the page
//! of the last table row, then payment details and notes. Running headers, footers
//! and the draft watermark are page furniture, made per page once the page count
//! is known.

use std::rc::Rc;

use rust_decimal::Decimal;

use super::fonts::{Fonts, Run, Weight};
use super::layout::{Block, Op, Rgb, Role};
use crate::invoice::model::{DocumentType, InvoiceAdjustment, InvoiceLine, Party, TaxCategory};
use crate::invoice::{Invoice, Status};
use crate::render::document;
use crate::render::vocabulary::{self, Vocabulary, group_iban};

mod letter;
pub(crate) use letter::Item;

const INK: Rgb = Rgb(0x1d, 0x1f, 0x24);
const MUTED: Rgb = Rgb(0x5f, 0x66, 0x70);
const ACCENT: Rgb = Rgb(0x1f, 0x3a, 0x5f);
const RULE: Rgb = Rgb(0xcf, 0xd5, 0xdc);
const SHADE: Rgb = Rgb(0xec, 0xf0, 0xf4);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const RED: Rgb = Rgb(0xb3, 0x26, 0x1e);
const GREEN: Rgb = Rgb(0x2e, 0x7d, 0x32);
/// Pure black, for the QR code's modules (scanners want full contrast).
const INK_BLACK: Rgb = Rgb(0, 0, 0);
const WATERMARK: Rgb = Rgb(0xfa, 0xe6, 0xe4);

/// Line height as a multiple of the font size.
const LEADING: f32 = 1.35;
/// Padding inside table cells.
const PAD: f32 = 4.0;
/// Least room between a label and the amount beside it.
const GAP: f32 = 8.0;
/// Width of the line-number column.
const NUMBER_W: f32 = 24.0;
/// Height of the footer without legal text: a rule and the page counter line.
pub(super) const FOOTER_BASE: f32 = 24.0;

/// Face, size and colour of a piece of text.
#[derive(Debug, Clone, Copy)]
struct Style {
    weight: Weight,
    size: f32,
    color: Rgb,
}

impl Style {
    const fn new(weight: Weight, size: f32, color: Rgb) -> Self {
        Style { weight, size, color }
    }

    const fn sized(self, size: f32) -> Self {
        Style { size, ..self }
    }

    const fn colored(self, color: Rgb) -> Self {
        Style { color, ..self }
    }
}

/// Body text.
const TEXT: Style = Style::new(Weight::Regular, 9.0, INK);
/// Bold body text.
const STRONG: Style = Style::new(Weight::Bold, 9.0, INK);
/// Labels and party details.
const LABEL: Style = Style::new(Weight::Regular, 8.0, MUTED);
/// Small print under a row, footers.
const FINE: Style = Style::new(Weight::Regular, 7.5, MUTED);
/// Table column titles.
const HEAD: Style = Style::new(Weight::Bold, 8.0, INK);
/// Section titles.
const SECTION: Style = Style::new(Weight::Bold, 10.0, ACCENT);

/// Where a one-line text goes: its left edge, or its right edge.
#[derive(Debug, Clone, Copy)]
enum At {
    Left(f32),
    Right(f32),
}

/// A table column: left edge and width in points from the content edge, and
/// whether its text is right-aligned (amounts).
#[derive(Debug, Clone, Copy)]
struct Column {
    x: f32,
    w: f32,
    right: bool,
}

impl Column {
    /// Where a one-line cell text goes, inside the padding.
    fn at(self) -> At {
        if self.right { At::Right(self.x + self.w - PAD) } else { At::Left(self.x + PAD) }
    }
}

/// Columns from fixed widths, the first taking the rest of `total`.
fn columns(total: f32, fixed: &[(f32, bool)]) -> Vec<Column> {
    let first = total - fixed.iter().map(|c| c.0).sum::<f32>();
    let mut columns = vec![Column { x: 0.0, w: first, right: false }];
    let mut x = first;
    for &(w, right) in fixed {
        columns.push(Column { x, w, right });
        x += w;
    }
    columns
}

/// Text lines growing downwards inside a block.
struct Stack {
    ops: Vec<Op>,
    y: f32,
}

impl Stack {
    fn new(y: f32) -> Self {
        Stack { ops: Vec::new(), y }
    }
}

/// Turns one invoice into blocks and page furniture.
pub(super) struct Composer<'a> {
    fonts: &'a Fonts,
    invoice: &'a Invoice,
    /// Words and number formats.
    v: &'static Vocabulary,
    /// Content width in points.
    width: f32,
    /// The currency's minor units.
    minor_units: u32,
    /// The seller logo, ready to draw.
    logo: Option<Art>,
    /// The document's name when it is a letter about the invoice (a reminder), not the
    /// invoice itself.
    name: Option<String>,
}

/// A seller logo as the PDF draws it.
enum Art {
    /// PNG or JPEG.
    Raster(krilla::image::Image),
    /// SVG, parsed when the configuration loaded.
    Vector(std::sync::Arc<usvg::Tree>),
}

impl Art {
    /// Its natural width and height (pixels or SVG user units).
    fn size(&self) -> (f32, f32) {
        match self {
            Art::Raster(image) => {
                let (w, h) = image.size();
                (w as f32, h as f32)
            }
            Art::Vector(tree) => (tree.size().width(), tree.size().height()),
        }
    }

    /// Drawn into a `w` × `h` box at (`x`, `y`).
    fn op(&self, x: f32, y: f32, w: f32, h: f32) -> Op {
        match self {
            Art::Raster(image) => Op::Image { x, y, w, h, image: image.clone() },
            Art::Vector(tree) => Op::Svg { x, y, w, h, tree: std::sync::Arc::clone(tree) },
        }
    }
}

impl<'a> Composer<'a> {
    /// Height of the running header on pages after the first.
    pub(super) const RUNNING_HEADER: f32 = 30.0;

    /// A composer for `invoice` on a page whose content area is `width` points wide.
    pub(super) fn new(fonts: &'a Fonts, invoice: &'a Invoice, width: f32) -> Self {
        let minor_units = document::minor_units(invoice);
        Composer { fonts, invoice, v: vocabulary::for_invoice(invoice), width, minor_units, logo: None, name: None }
    }

    /// The composer with the seller logo top left.
    pub(super) fn with_logo(mut self, logo: Option<&crate::render::logo::Logo>) -> Self {
        use crate::render::logo::Kind;
        self.logo = logo.and_then(|logo| {
            let data = || krilla::Data::from(logo.bytes.clone());
            match logo.kind {
                Kind::Png => krilla::image::Image::from_png(data(), true).ok().map(Art::Raster),
                Kind::Jpeg => krilla::image::Image::from_jpeg(data(), true).ok().map(Art::Raster),
                Kind::Svg => logo.svg_tree().cloned().map(Art::Vector),
            }
        });
        self
    }

    /// The composer of a letter named `name` (footer, running header, PDF title).
    pub(super) fn named(mut self, name: String) -> Self {
        self.name = Some(name);
        self
    }

    /// Whether this is a draft: not issued yet, or without a number.
    fn is_draft(&self) -> bool {
        document::is_draft(self.invoice)
    }

    fn is_credit_note(&self) -> bool {
        self.invoice.kind == DocumentType::CreditNote
    }

    /// "Invoice INV-2026-0001", "Invoice (draft)", "Credit note CN-2026-0001", ...
    pub(super) fn document_name(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        document::document_name(self.v, self.invoice)
    }

    /// The PDF title: the number of an issued document, else its name.
    pub(super) fn pdf_title(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        match &self.invoice.number {
            Some(number) if !self.is_draft() => number.clone(),
            _ => self.document_name(),
        }
    }

    // ---- text primitives -------------------------------------------------------

    fn shape(&self, text: &str, weight: Weight) -> Rc<Run> {
        Rc::new(self.fonts.shape(text, weight))
    }

    /// One unwrapped line with its baseline at `y`; returns its width.
    fn line(&self, ops: &mut Vec<Op>, at: At, y: f32, text: &str, style: Style) -> f32 {
        let run = self.shape(text, style.weight);
        let width = run.width(style.size);
        self.push_run(ops, at, y, run, style);
        width
    }

    fn push_run(&self, ops: &mut Vec<Op>, at: At, y: f32, run: Rc<Run>, style: Style) {
        let x = match at {
            At::Left(x) => x,
            At::Right(x) => x - run.width(style.size),
        };
        let glyphs = 0..run.glyphs.len();
        ops.push(Op::Text { x, y, size: style.size, color: style.color, run, glyphs });
    }

    /// Text wrapped into a box `w` wide at `x`, from the stack's `y` down. Each
    /// newline starts a new paragraph.
    fn wrapped(&self, stack: &mut Stack, x: f32, w: f32, text: &str, style: Style, right: bool) {
        for paragraph in text.split('\n') {
            let run = self.shape(paragraph, style.weight);
            for glyphs in run.wrap(style.size, w) {
                let left = if right { x + w - run.range_width(glyphs.clone(), style.size) } else { x };
                let (size, color) = (style.size, style.color);
                stack.ops.push(Op::Text { x: left, y: stack.y + size, size, color, run: Rc::clone(&run), glyphs });
                stack.y += size * LEADING;
            }
        }
    }

    /// One line cut to `max_width` with an ellipsis, for page furniture.
    fn fitted(&self, text: &str, style: Style, max_width: f32) -> Rc<Run> {
        let run = self.shape(text, style.weight);
        if run.width(style.size) <= max_width {
            return run;
        }
        let chars: Vec<char> = text.chars().collect();
        let cut = |n: usize| chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.fonts.shape(&cut(mid), style.weight).width(style.size) <= max_width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        self.shape(&cut(lo), style.weight)
    }

    // ---- the flow ----------------------------------------------------------------

    /// Every block of the document, in reading order.
    pub(super) fn blocks(&self) -> Vec<Rc<Block>> {
        let mut masthead = self.masthead();
        masthead.keep_with_prev = true;
        let mut blocks = vec![self.title(), masthead, self.parties()];
        self.line_table(&mut blocks);
        self.tax_breakdown(&mut blocks);
        self.totals(&mut blocks);
        self.payment(&mut blocks);
        self.notes(&mut blocks);
        blocks.into_iter().map(Rc::new).collect()
    }

    /// Seller on the left; title, status badge and invoice facts on the right.
    fn masthead(&self) -> Block {
        let left_w = self.width * 0.5;
        let mut left = Stack::new(0.0);
        if let Some(art) = &self.logo {
            // At most 48 pt high and half the column wide, keeping its proportions.
            let (w, h) = art.size();
            let scale = (48.0 / h.max(0.001)).min(left_w * 0.5 / w.max(0.001));
            let (w, h) = (w * scale, h * scale);
            left.ops.push(art.op(0.0, 0.0, w, h));
            left.y = h + 8.0;
        }
        let seller = &self.invoice.seller;
        let name_style = Style::new(Weight::Bold, 14.0, ACCENT);
        self.wrapped(&mut left, 0.0, left_w, seller.name.as_deref().unwrap_or(""), name_style, false);
        left.y += 2.0;
        for detail in party_details(self.v, seller) {
            self.wrapped(&mut left, 0.0, left_w, &detail, LABEL, false);
        }

        let right_x = self.width * 0.56;
        let right_w = self.width - right_x;
        let mut right = Stack::new(0.0);
        // The title is drawn here by its own block (a heading; see `title`).
        right.y = 30.0;
        if let Some((label, color)) = self.badge() {
            self.badge_op(&mut right, &label, color);
        }
        right.y += 2.0;
        // Wide enough for the longest label ("Gutschrift zu Rechnung"), so no value runs
        // into its label; at most half the column, where values wrap instead.
        let facts = self.facts();
        let widest =
            facts.iter().map(|(label, ..)| self.shape(label, LABEL.weight).width(LABEL.size)).fold(0.0, f32::max);
        let label_w = (widest + 6.0).clamp(86.0, right_w * 0.5);
        for (label, value, style) in facts {
            self.line(&mut right.ops, At::Left(right_x), right.y + LABEL.size + 0.5, label, LABEL);
            self.wrapped(&mut right, right_x + label_w, right_w - label_w, &value, style, true);
            right.y += 0.5;
        }
        let mut ops = left.ops;
        ops.extend(right.ops);
        Block { height: left.y.max(right.y) + 12.0, ops, ..Block::default() }
    }

    /// The document title ("INVOICE"), top right: the first heading of the structure
    /// tree. A block of no height, so the masthead starts at the same place.
    fn title(&self) -> Block {
        let mut ops = Vec::new();
        let title = self.v.title(self.invoice.kind).to_uppercase();
        self.line(&mut ops, At::Right(self.width), 21.0, &title, Style::new(Weight::Bold, 22.0, ACCENT));
        Block { height: 0.0, ops, role: Role::Heading(1), ..Block::default() }
    }

    /// The status stamp under the title, if any: DRAFT, PAID, VOID, CREDITED.
    fn badge(&self) -> Option<(String, Rgb)> {
        let l = &self.v.labels;
        let (label, color) = if self.is_draft() {
            (l.draft, RED)
        } else {
            match self.invoice.status {
                Status::Paid => (l.paid, GREEN),
                Status::Void => (l.void, RED),
                Status::Credited => (l.credited, MUTED),
                Status::Draft | Status::Issued | Status::PartiallyPaid => return None,
            }
        };
        Some((label.to_uppercase(), color))
    }

    fn badge_op(&self, stack: &mut Stack, label: &str, color: Rgb) {
        let style = Style::new(Weight::Bold, 10.0, WHITE);
        let run = self.shape(label, style.weight);
        let (w, h) = (run.width(style.size) + 14.0, 17.0);
        let x = self.width - w;
        stack.ops.push(Op::Rect { x, y: stack.y, w, h, color });
        self.push_run(&mut stack.ops, At::Left(x + 7.0), stack.y + 12.3, run, style);
        stack.y += h + 6.0;
    }

    /// Label, value and style of each fact in the masthead.
    fn facts(&self) -> Vec<(&'static str, String, Style)> {
        let (inv, v, l) = (self.invoice, self.v, &self.v.labels);
        let number_label = v.number_label(inv.kind);
        let mut facts = vec![match &inv.number {
            Some(number) => (number_label, number.clone(), STRONG),
            None => (number_label, l.not_assigned.to_string(), TEXT.colored(MUTED)),
        }];
        facts.push((v.date_label(inv.kind), v.date(inv.issue_date), TEXT));
        if !self.is_credit_note() {
            facts.push((l.due_date, v.date(inv.due_date), TEXT));
        }
        let credited = document::credited_invoice(v, inv);
        let optional = [
            (l.credited_invoice, &credited),
            (l.buyer_reference, &inv.buyer_reference),
            (l.order_reference, &inv.order_reference),
            (l.void_reason, &inv.void_reason),
            (l.credited_by, &inv.credited_by),
        ];
        for (label, value) in optional {
            if let Some(value) = value {
                facts.push((label, value.clone(), TEXT));
            }
        }
        for (label, value) in crate::render::document::delivery_facts(v, inv) {
            facts.push((label, value, TEXT));
        }
        if let Some(date) = inv.paid_date {
            facts.push((l.paid_on, v.date(date), TEXT));
        }
        facts
    }

    /// The buyer on the left, the amount due in a shaded box on the right.
    fn parties(&self) -> Block {
        let left_w = self.width * 0.5;
        let mut left = Stack::new(0.0);
        let heading = self.v.buyer_heading(self.invoice.kind).to_uppercase();
        self.line(&mut left.ops, At::Left(0.0), FINE.size, &heading, FINE.colored(MUTED));
        left.y = FINE.size * LEADING + 2.0;
        let buyer = &self.invoice.buyer;
        self.wrapped(&mut left, 0.0, left_w, buyer.name.as_deref().unwrap_or(""), STRONG.sized(11.0), false);
        for detail in party_details(self.v, buyer) {
            self.wrapped(&mut left, 0.0, left_w, &detail, TEXT, false);
        }

        let box_x = self.width * 0.56;
        let (inner_x, inner_w) = (box_x + 12.0, self.width - box_x - 24.0);
        let mut right = Stack::new(10.0);
        let (label, amount) = document::closing_line(self.v, self.invoice);
        self.wrapped(&mut right, inner_x, inner_w, &label, LABEL, false);
        right.y += 1.0;
        if let Some(amount) = amount {
            let due = self.v.money(amount, &self.invoice.currency);
            self.wrapped(&mut right, inner_x, inner_w, &due, Style::new(Weight::Bold, 16.0, ACCENT), false);
        }
        if document::asks_payment(self.invoice) {
            let when = format!("{} {}", self.v.labels.pay_by, self.v.date(self.invoice.due_date));
            self.wrapped(&mut right, inner_x, inner_w, &when, LABEL, false);
        }
        right.y += 7.0;
        let mut ops = vec![Op::Rect { x: box_x, y: 0.0, w: self.width - box_x, h: right.y, color: SHADE }];
        ops.extend(left.ops);
        ops.extend(right.ops);
        Block { height: left.y.max(right.y) + 16.0, ops, ..Block::default() }
    }

    /// Line number, description (wraps, takes the rest), quantity, unit, unit price,
    /// VAT, net.
    fn line_table(&self, blocks: &mut Vec<Block>) {
        let l = &self.v.labels;
        let mut columns =
            columns(self.width - NUMBER_W, &[(52.0, true), (40.0, false), (74.0, true), (48.0, true), (82.0, true)]);
        for column in &mut columns {
            column.x += NUMBER_W;
        }
        let number = Column { x: 0.0, w: NUMBER_W, right: true };
        let net_title = format!("{} {}", l.net, self.invoice.currency);
        let titles = [l.description, l.quantity, l.unit, l.unit_price, l.vat, net_title.as_str()];
        let mut header = self.table_header(&columns, &titles, true);
        // After the shading, before the other titles: read in order when extracted.
        let mut title = Vec::new();
        self.line(&mut title, number.at(), 13.0, l.line_number, HEAD);
        header.ops.splice(1..1, title);
        let edges: Rc<[f32]> = std::iter::once(0.0).chain(columns.iter().map(|c| c.x)).collect();
        header.role = Role::Row { id: 1, head: true, edges: Rc::clone(&edges) };
        let header = Rc::new(header);
        blocks.push(Block {
            height: header.height,
            ops: header.ops.clone(),
            role: header.role.clone(),
            ..Block::default()
        });
        let lines = self.invoice.lines.iter().enumerate().map(|(i, line)| {
            let mut row = self.line_row(&columns, line);
            let mut cell = Vec::new();
            self.line(&mut cell, number.at(), 4.5 + TEXT.size, &(i + 1).to_string(), TEXT);
            row.ops.splice(0..0, cell);
            row
        });
        let allowances = self.invoice.allowances.iter().map(|a| self.adjustment_row(&columns, a, false));
        let charges = self.invoice.charges.iter().map(|c| self.adjustment_row(&columns, c, true));
        for (i, mut row) in lines.chain(allowances).chain(charges).enumerate() {
            row.header = Some(Rc::clone(&header));
            row.role = Role::Row { id: 1, head: false, edges: Rc::clone(&edges) };
            // The header never stands alone at the foot of a page.
            row.keep_with_prev = i == 0;
            blocks.push(row);
        }
    }

    fn table_header(&self, columns: &[Column], titles: &[&str], shaded: bool) -> Block {
        let height = 20.0;
        let mut ops = Vec::new();
        if shaded {
            ops.push(Op::Rect { x: 0.0, y: 0.0, w: self.width, h: height, color: SHADE });
        } else {
            ops.push(Op::Rule { x: 0.0, y: height - 0.6, w: self.width, width: 0.6, color: MUTED });
        }
        for (column, title) in columns.iter().zip(titles) {
            self.line(&mut ops, column.at(), 13.0, title, HEAD);
        }
        Block { height, ops, ..Block::default() }
    }

    /// A table row: the first cell wrapped (small print under it), the others on the
    /// first line, a hairline underneath.
    fn row(&self, columns: &[Column], first: &str, small_print: &[String], cells: &[String]) -> Block {
        let top = 4.5;
        let mut stack = Stack::new(top);
        if let Some(c0) = columns.first() {
            self.wrapped(&mut stack, c0.x + PAD, c0.w - 2.0 * PAD, first, TEXT, false);
            for text in small_print {
                self.wrapped(&mut stack, c0.x + PAD, c0.w - 2.0 * PAD, text, FINE, false);
            }
        }
        for (column, cell) in columns.iter().skip(1).zip(cells) {
            // Amounts may reach 10^12 with six decimals: shrink rather than overflow.
            let run = self.shape(cell, TEXT.weight);
            let (width, room) = (run.width(TEXT.size), column.w - 2.0 * PAD);
            let style = if width > room { TEXT.sized((TEXT.size * room / width).max(4.0)) } else { TEXT };
            self.push_run(&mut stack.ops, column.at(), top + TEXT.size, run, style);
        }
        let height = stack.y + 3.5;
        stack.ops.push(Op::Rule { x: 0.0, y: height - 0.25, w: self.width, width: 0.5, color: RULE });
        Block { height, ops: stack.ops, ..Block::default() }
    }

    fn line_row(&self, columns: &[Column], line: &InvoiceLine) -> Block {
        let mut small_print = Vec::new();
        if let Some(discount) = line.discount_percent.filter(|d| !d.is_zero()) {
            small_print.push(format!("{} {}", self.v.labels.discount, self.v.percent(discount)));
        }
        if let Some(reason) = &line.tax_exemption_reason
            && !self.group_reason_is(line.tax_category, line.tax_rate, reason)
        {
            small_print.push(reason.clone());
        }
        let cells = [
            self.v.quantity(line.quantity),
            self.v.unit(&line.unit).to_string(),
            self.v.price(line.unit_price, self.minor_units),
            self.v.rate_cell(line.tax_rate, line.tax_category),
            self.v.amount(line.net),
        ];
        self.row(columns, &line.description, &small_print, &cells)
    }

    /// Whether the tax breakdown already prints `reason` for this group.
    fn group_reason_is(&self, category: TaxCategory, rate: Decimal, reason: &str) -> bool {
        self.invoice
            .totals
            .tax
            .iter()
            .any(|g| g.category == category && g.rate == rate && g.exemption_reason.as_deref() == Some(reason))
    }

    fn adjustment_row(&self, columns: &[Column], adjustment: &InvoiceAdjustment, is_charge: bool) -> Block {
        let (kind, amount) = if is_charge {
            (self.v.labels.charge, self.v.amount(adjustment.amount))
        } else {
            (self.v.labels.allowance, self.v.negated(adjustment.amount))
        };
        let description = format!("{kind}: {}", adjustment.reason);
        let rate = self.v.rate_cell(adjustment.tax_rate, adjustment.tax_category);
        let cells = [String::new(), String::new(), String::new(), rate, amount];
        self.row(columns, &description, &[], &cells)
    }

    /// The VAT breakdown per category and rate; kept with the last table row.
    fn tax_breakdown(&self, blocks: &mut Vec<Block>) {
        let columns = columns(self.width, &[(56.0, true), (100.0, true), (100.0, true)]);
        let l = &self.v.labels;
        let titles = [l.vat_breakdown, l.rate, l.taxable_amount, l.vat];
        let edges: Rc<[f32]> = columns.iter().map(|c| c.x).collect();
        let mut repeat = self.table_header(&columns, &titles, false);
        repeat.role = Role::Row { id: 2, head: true, edges: Rc::clone(&edges) };
        let repeat = Rc::new(repeat);
        // The first header has space above it, inside the block so it moves with it.
        let gap = 12.0;
        let mut ops = repeat.ops.clone();
        for op in &mut ops {
            shift(op, gap);
        }
        blocks.push(Block {
            height: repeat.height + gap,
            ops,
            keep_with_prev: true,
            header: None,
            role: repeat.role.clone(),
        });
        for group in &self.invoice.totals.tax {
            let small_print: Vec<String> = group.exemption_reason.iter().cloned().collect();
            let cells = [self.v.percent(group.rate), self.v.amount(group.base), self.v.amount(group.amount)];
            let mut row = self.row(&columns, &self.v.category(group.category), &small_print, &cells);
            row.keep_with_prev = true;
            row.header = Some(Rc::clone(&repeat));
            row.role = Role::Row { id: 2, head: false, edges: Rc::clone(&edges) };
            blocks.push(row);
        }
        // The notes the categories require (reverse charge, ...), under the breakdown.
        for note in document::category_notes(self.v, self.invoice) {
            let mut stack = Stack::new(3.0);
            self.wrapped(&mut stack, PAD, self.width - 2.0 * PAD, note, FINE, false);
            blocks.push(Block {
                height: stack.y + 2.0,
                ops: stack.ops,
                keep_with_prev: true,
                header: None,
                role: Role::Lines,
            });
        }
    }

    /// Net, VAT, gross, prepaid and the amount due, right-aligned; kept with the table.
    fn totals(&self, blocks: &mut Vec<Block>) {
        let (v, l) = (self.v, &self.v.labels);
        let t = &self.invoice.totals;
        let currency = &self.invoice.currency;
        let mut rows: Vec<(String, String, bool)> = vec![(l.lines_net.into(), v.amount(t.lines_net), false)];
        if !self.invoice.allowances.is_empty() {
            rows.push((l.allowances.into(), v.negated(t.allowances), false));
        }
        if !self.invoice.charges.is_empty() {
            rows.push((l.charges.into(), v.amount(t.charges), false));
        }
        rows.push((l.net_total.into(), v.amount(t.net), false));
        rows.push((l.vat.into(), v.amount(t.tax_total), false));
        rows.push((format!("{} {currency}", l.total), v.amount(t.gross), true));
        if !t.prepaid.is_zero() {
            rows.push((l.prepaid.into(), v.negated(t.prepaid), false));
        }
        let x = self.width * 0.52;
        let w = self.width - x;
        // Label and amount are the two cells of a row of one table (the amount starts
        // right of the middle of the box: amounts are short, labels start at its left).
        let edges: Rc<[f32]> = Rc::from([x, x + w * 0.45]);
        let role = Role::Row { id: 3, head: false, edges };
        for (i, (label, value, strong)) in rows.into_iter().enumerate() {
            let style = if strong { STRONG.sized(10.0) } else { TEXT };
            let pad = if i == 0 { 8.0 } else { 0.0 } + if strong { 4.0 } else { 0.0 };
            let mut ops = Vec::new();
            if strong {
                ops.push(Op::Rule { x, y: pad - 2.0, w, width: 0.8, color: INK });
            }
            let baseline = pad + style.size + 1.5;
            self.line(&mut ops, At::Left(x + PAD), baseline, &label, style);
            self.line(&mut ops, At::Right(self.width - PAD), baseline, &value, style);
            let height = pad + style.size * LEADING + 2.0;
            blocks.push(Block { height, ops, keep_with_prev: true, header: None, role: role.clone() });
        }
        for (i, (label, amount)) in document::account_rows(v, self.invoice).into_iter().enumerate() {
            // The "Payments and credits" heading, then its rows (SPEC 12.4).
            let style = if i == 0 { STRONG.sized(10.0) } else { TEXT };
            let pad = if i == 0 { 8.0 } else { 0.0 };
            let mut ops = Vec::new();
            let baseline = pad + style.size + 1.5;
            // A payment's label (date and method) can be longer than the room beside its
            // amount: it wraps there instead of running into the amount.
            let amount = amount.map(|amount| self.shape(&v.amount(amount), style.weight));
            let amount_width = amount.as_ref().map_or(0.0, |run| run.width(style.size));
            let room = (self.width - PAD - amount_width - GAP) - (x + PAD);
            let run = self.shape(&label, style.weight);
            let lines = run.wrap(style.size, room);
            for (n, glyphs) in lines.iter().enumerate() {
                let y = baseline + n as f32 * style.size * LEADING;
                let (size, color) = (style.size, style.color);
                ops.push(Op::Text { x: x + PAD, y, size, color, run: Rc::clone(&run), glyphs: glyphs.clone() });
            }
            // After the label, so the label is read first.
            if let Some(amount) = amount {
                self.push_run(&mut ops, At::Right(self.width - PAD), baseline, amount, style);
            }
            let height = pad + lines.len().max(1) as f32 * style.size * LEADING + 2.0;
            blocks.push(Block { height, ops, keep_with_prev: true, header: None, role: role.clone() });
        }
        let (label, amount) = document::closing_line(v, self.invoice);
        let style = Style::new(Weight::Bold, 11.0, ACCENT);
        let mut ops = vec![Op::Rect { x, y: 3.0, w, h: 24.0, color: SHADE }];
        let label = if amount.is_some() { format!("{label} {currency}") } else { label };
        self.line(&mut ops, At::Left(x + PAD + 2.0), 19.5, &label, style);
        if let Some(amount) = amount {
            self.line(&mut ops, At::Right(self.width - PAD - 2.0), 19.5, &v.amount(amount), style);
        }
        blocks.push(Block { height: 28.0, ops, keep_with_prev: true, header: None, role });
    }

    /// Payment means, terms, account and remittance reference, when the document asks
    /// to be paid; a credit note says that nothing is to be paid.
    fn payment(&self, blocks: &mut Vec<Block>) {
        let (v, l) = (self.v, &self.v.labels);
        if self.is_credit_note() {
            blocks.push(self.section_title(l.payment));
            let mut stack = Stack::new(0.0);
            self.wrapped(&mut stack, 0.0, self.width, l.credit_no_payment, TEXT, false);
            blocks.push(Block {
                height: stack.y + 1.0,
                ops: stack.ops,
                keep_with_prev: true,
                header: None,
                role: Role::Lines,
            });
            return;
        }
        if !document::asks_payment(self.invoice) {
            return;
        }
        let payment = self.invoice.payment.as_ref();
        let mut rows: Vec<(&str, String)> = Vec::new();
        if let Some(p) = payment {
            if let Some(means) = p.means {
                rows.push((l.payment_means, v.means(means).to_string()));
            }
            if let Some(terms) = &p.terms {
                rows.push((l.terms, terms.clone()));
            }
            if let Some(iban) = &p.iban {
                rows.push((l.iban, group_iban(iban)));
            }
            if let Some(bic) = &p.bic {
                rows.push((l.bic, bic.clone()));
            }
        }
        // SPEC 2.1: the remittance reference defaults to the invoice number.
        if let Some(reference) = document::payment_reference(self.invoice) {
            rows.push((l.reference, reference.to_owned()));
        }
        if rows.is_empty() {
            return;
        }
        blocks.push(self.section_title(l.payment));
        // Measured, per language: "Conditions de paiement" is wider than "Terms", and no
        // label may run into its value (SPEC 15); at most 40 % of the width.
        let widest =
            rows.iter().map(|(label, _)| self.shape(label, LABEL.weight).width(LABEL.size)).fold(0.0, f32::max);
        let label_w = (widest + 10.0).clamp(90.0, self.width * 0.4);
        let qr = crate::render::epc::code(self.invoice).map(|matrix| self.qr_ops(&matrix));
        // With a QR code the rows and the code form one block, the code on the right.
        let value_w = self.width - label_w - qr.as_ref().map_or(0.0, |(_, w, _)| w + 12.0);
        let mut together = Stack::new(0.0);
        for (i, (label, value)) in rows.into_iter().enumerate() {
            let mut stack = Stack::new(0.0);
            self.line(&mut stack.ops, At::Left(0.0), TEXT.size, label, LABEL);
            self.wrapped(&mut stack, label_w, value_w, &value, TEXT, false);
            if qr.is_some() {
                stack.ops.iter_mut().for_each(|op| shift(op, together.y));
                together.ops.extend(stack.ops);
                together.y += stack.y + 1.0;
            } else {
                blocks.push(Block {
                    height: stack.y + 1.0,
                    ops: stack.ops,
                    keep_with_prev: i == 0,
                    header: None,
                    role: Role::Lines,
                });
            }
        }
        if let Some((mut ops, w, h)) = qr {
            for op in &mut ops {
                let (Op::Text { x, .. }
                | Op::Rect { x, .. }
                | Op::Rule { x, .. }
                | Op::Image { x, .. }
                | Op::Svg { x, .. }) = op;
                *x += self.width - w;
            }
            together.ops.extend(ops);
            blocks.push(Block {
                height: together.y.max(h) + 2.0,
                ops: together.ops,
                keep_with_prev: true,
                header: None,
                role: Role::Lines,
            });
        }
    }

    /// The EPC QR code (SPEC 10), one black square per dark module, with its caption
    /// under it; the page's white is its quiet zone. Returns the ops, width and height.
    fn qr_ops(&self, matrix: &crate::render::epc::Matrix) -> (Vec<Op>, f32, f32) {
        const MODULE: f32 = 2.0;
        let mut ops = Vec::new();
        for y in 0..matrix.size {
            for x in 0..matrix.size {
                if matrix.is_dark(x, y) {
                    let (x, y) = (x as f32 * MODULE, y as f32 * MODULE);
                    ops.push(Op::Rect { x, y, w: MODULE, h: MODULE, color: INK_BLACK });
                }
            }
        }
        let side = matrix.size as f32 * MODULE;
        self.line(&mut ops, At::Left(0.0), side + 4.0 + FINE.size, self.v.labels.scan_to_pay, FINE);
        (ops, side, side + 6.0 + FINE.size * LEADING)
    }

    /// The notes, newlines kept, one block per printed line so they break anywhere.
    fn notes(&self, blocks: &mut Vec<Block>) {
        let Some(notes) = &self.invoice.notes else { return };
        blocks.push(self.section_title(self.v.labels.notes));
        let mut first = true;
        for paragraph in notes.split('\n') {
            let run = self.shape(paragraph, TEXT.weight);
            for glyphs in run.wrap(TEXT.size, self.width) {
                let (size, color) = (TEXT.size, TEXT.color);
                let ops = vec![Op::Text { x: 0.0, y: size, size, color, run: Rc::clone(&run), glyphs }];
                blocks.push(Block {
                    height: size * LEADING,
                    ops,
                    keep_with_prev: first,
                    header: None,
                    role: Role::Lines,
                });
                first = false;
            }
        }
    }

    fn section_title(&self, title: &str) -> Block {
        let mut ops = Vec::new();
        self.line(&mut ops, At::Left(0.0), 22.0, title, SECTION);
        ops.push(Op::Rule { x: 0.0, y: 27.0, w: self.width, width: 0.6, color: RULE });
        Block { height: 32.0, ops, role: Role::Heading(2), ..Block::default() }
    }

    // ---- page furniture ------------------------------------------------------------

    /// The running header of pages after the first, from the top of the content area.
    pub(super) fn running_header(&self) -> Vec<Op> {
        let mut ops = Vec::new();
        let name_style = STRONG.colored(ACCENT);
        let w = self.line(&mut ops, At::Left(0.0), 10.0, &self.document_name(), name_style);
        if let Some(buyer) = &self.invoice.buyer.name {
            let run = self.fitted(buyer, LABEL, (self.width - w - 24.0).max(0.0));
            self.push_run(&mut ops, At::Right(self.width), 10.0, run, LABEL);
        }
        ops.push(Op::Rule { x: 0.0, y: 17.0, w: self.width, width: 0.6, color: RULE });
        ops
    }

    /// Height of the page footer: the page counter line, with the seller's legal text
    /// (SPEC 15) above it when there is one.
    pub(super) fn footer_height(&self) -> f32 {
        let lines: usize = document::legal_text(self.invoice)
            .iter()
            .map(|line| self.shape(line, FINE.weight).wrap(FINE.size, self.width).len())
            .sum();
        if lines == 0 { FOOTER_BASE } else { FOOTER_BASE + 4.0 + lines as f32 * FINE.size * LEADING }
    }

    /// The seller's legal text, wrapped to the width, from `y` (the footer's top edge)
    /// down: the same on every page.
    pub(super) fn legal_footer(&self, y: f32) -> Vec<Op> {
        let mut stack = Stack::new(y + 4.0);
        for line in document::legal_text(self.invoice) {
            self.wrapped(&mut stack, 0.0, self.width, line, FINE, false);
        }
        stack.ops
    }

    /// The footer line: seller and document on the left, "Page n of m" on the right,
    /// with a rule above the footer; `y` is the footer's top edge.
    pub(super) fn footer(&self, y: f32, page: usize, pages: usize) -> Vec<Op> {
        let mut ops = vec![Op::Rule { x: 0.0, y, w: self.width, width: 0.5, color: RULE }];
        let baseline = y + self.footer_height() - FOOTER_BASE + 14.0;
        let w = self.line(&mut ops, At::Right(self.width), baseline, &self.v.page_of(page, pages), FINE);
        let seller = self.invoice.seller.name.as_deref().unwrap_or("");
        let left = format!("{seller} · {}", self.document_name());
        let run = self.fitted(&left, FINE, (self.width - w - 24.0).max(0.0));
        self.push_run(&mut ops, At::Left(0.0), baseline, run, FINE);
        ops
    }

    /// A large diagonal "DRAFT" (or "VOID") behind the content, if the document is one.
    pub(super) fn watermark(&self) -> Option<(Rc<Run>, Rgb)> {
        let text = if self.is_draft() {
            self.v.labels.draft
        } else if self.invoice.status == Status::Void {
            self.v.labels.void
        } else {
            return None;
        };
        Some((self.shape(&text.to_uppercase(), Weight::Bold), WATERMARK))
    }
}

/// Address lines, city, country, identifiers and contacts of a party, one per line.
fn party_details(v: &Vocabulary, party: &Party) -> Vec<String> {
    let mut details = document::address_lines(party);
    details.extend(document::party_ids(v, party));
    details
}

/// Moves an op down by `dy` points.
pub(super) fn shift(op: &mut Op, dy: f32) {
    match op {
        Op::Text { y, .. } | Op::Rect { y, .. } | Op::Rule { y, .. } | Op::Image { y, .. } | Op::Svg { y, .. } => {
            *y += dy;
        }
    }
}
