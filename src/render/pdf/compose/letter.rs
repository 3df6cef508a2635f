//! Letters: documents about an invoice or a buyer that are not the invoice itself — a
//! reminder, a statement of account (SPEC 12.5, 12.6). The same fonts, page furniture and
//! EPC QR code as the invoice, in a simple flow of headings, paragraphs, label/value
//! facts, an amounts column and a four-column table.

use super::*;

/// One piece of a letter, in reading order.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// The document title.
    Title(String),
    /// A paragraph, wrapped.
    Text(String),
    /// A small muted line (sender, date).
    Muted(String),
    /// A section title with a rule.
    Section(String),
    /// Label and value rows (invoice number, dates).
    Facts(Vec<(String, String)>),
    /// Label and amount rows; the last one is the total, in bold.
    Amounts(Vec<(String, String)>),
    /// A table of four columns (date, what, amount, balance) with its header.
    Table([String; 4], Vec<[String; 4]>),
    /// The EPC QR code.
    Qr(crate::render::epc::Matrix),
}

impl Item {
    /// Every text it prints.
    pub(crate) fn texts(&self) -> Vec<&str> {
        match self {
            Item::Title(t) | Item::Text(t) | Item::Muted(t) | Item::Section(t) => vec![t.as_str()],
            Item::Facts(rows) | Item::Amounts(rows) => {
                rows.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect()
            }
            Item::Table(head, rows) => head.iter().chain(rows.iter().flatten()).map(String::as_str).collect(),
            Item::Qr(_) => Vec::new(),
        }
    }
}

impl Composer<'_> {
    /// The blocks of a letter made of `items`.
    pub(in crate::render::pdf) fn letter_blocks(&self, items: &[Item]) -> Vec<Rc<Block>> {
        let mut blocks = Vec::new();
        for item in items {
            match item {
                Item::Title(title) => {
                    let mut ops = Vec::new();
                    self.line(&mut ops, At::Left(0.0), 18.0, title, Style::new(Weight::Bold, 16.0, ACCENT));
                    blocks.push(Block { height: 28.0, ops, role: Role::Heading(1), ..Block::default() });
                }
                Item::Text(text) | Item::Muted(text) => {
                    let style = if matches!(item, Item::Muted(_)) { LABEL } else { TEXT };
                    let mut stack = Stack::new(4.0);
                    self.wrapped(&mut stack, 0.0, self.width, text, style, false);
                    blocks.push(Block { height: stack.y + 4.0, ops: stack.ops, ..Block::default() });
                }
                Item::Section(title) => blocks.push(self.section_title(title)),
                Item::Facts(rows) => {
                    let widest = rows
                        .iter()
                        .map(|(label, _)| self.shape(label, LABEL.weight).width(LABEL.size))
                        .fold(0.0, f32::max);
                    let label_w = (widest + 10.0).clamp(90.0, self.width * 0.4);
                    for (i, (label, value)) in rows.iter().enumerate() {
                        let mut stack = Stack::new(0.0);
                        self.line(&mut stack.ops, At::Left(0.0), TEXT.size, label, LABEL);
                        self.wrapped(&mut stack, label_w, self.width - label_w, value, TEXT, false);
                        let keep_with_prev = i > 0;
                        blocks.push(Block {
                            height: stack.y + 2.0,
                            ops: stack.ops,
                            keep_with_prev,
                            ..Block::default()
                        });
                    }
                }
                Item::Amounts(rows) => self.amounts(&mut blocks, rows),
                Item::Table(head, rows) => self.four_columns(&mut blocks, head, rows),
                Item::Qr(matrix) => {
                    let (ops, _, h) = self.qr_ops(matrix);
                    blocks.push(Block { height: h + 8.0, ops, ..Block::default() });
                }
            }
        }
        blocks.into_iter().map(Rc::new).collect()
    }

    fn amounts(&self, blocks: &mut Vec<Block>, rows: &[(String, String)]) {
        let x = self.width * 0.35;
        let edges: Rc<[f32]> = Rc::from([x, self.width * 0.75]);
        let role = Role::Row { id: 11, head: false, edges };
        let last = rows.len().saturating_sub(1);
        for (i, (label, value)) in rows.iter().enumerate() {
            let strong = i == last;
            let style = if strong { STRONG.sized(10.0) } else { TEXT };
            let pad = if i == 0 { 6.0 } else { 0.0 } + if strong { 4.0 } else { 0.0 };
            let mut ops = Vec::new();
            if strong {
                ops.push(Op::Rule { x, y: pad - 2.0, w: self.width - x, width: 0.8, color: INK });
            }
            let baseline = pad + style.size + 1.5;
            self.line(&mut ops, At::Left(x + PAD), baseline, label, style);
            self.line(&mut ops, At::Right(self.width - PAD), baseline, value, style);
            let height = pad + style.size * LEADING + 2.0;
            blocks.push(Block { height, ops, keep_with_prev: i > 0, header: None, role: role.clone() });
        }
    }

    fn four_columns(&self, blocks: &mut Vec<Block>, head: &[String; 4], rows: &[[String; 4]]) {
        let (date_w, amount_w) = (64.0, 92.0);
        let what = Column { x: date_w, w: self.width - date_w - 2.0 * amount_w, right: false };
        // The wrapped column first (as `row` wants it), then date and amounts.
        let columns = [
            what,
            Column { x: 0.0, w: date_w, right: false },
            Column { x: self.width - 2.0 * amount_w, w: amount_w, right: true },
            Column { x: self.width - amount_w, w: amount_w, right: true },
        ];
        let titles = [head[1].as_str(), head[0].as_str(), head[2].as_str(), head[3].as_str()];
        let edges: Rc<[f32]> = Rc::from([0.0, date_w, self.width - 2.0 * amount_w, self.width - amount_w]);
        let mut header = self.table_header(&columns, &titles, true);
        header.role = Role::Row { id: 12, head: true, edges: Rc::clone(&edges) };
        let header = Rc::new(header);
        blocks.push(Block {
            height: header.height,
            ops: header.ops.clone(),
            role: header.role.clone(),
            ..Block::default()
        });
        for (i, row) in rows.iter().enumerate() {
            let cells = [row[0].clone(), row[2].clone(), row[3].clone()];
            let mut block = self.row(&columns, &row[1], &[], &cells);
            block.header = Some(Rc::clone(&header));
            block.role = Role::Row { id: 12, head: false, edges: Rc::clone(&edges) };
            block.keep_with_prev = i == 0;
            blocks.push(block);
        }
    }
}
