//! Page-independent blocks of drawing operations, and breaking them into pages.
//!
//! The document is a flow of [`Block`]s, each a horizontal slice of the page with a
//! fixed height. Pagination only decides where each block goes; drawing happens
//! later in `paint.rs`. Two rules shape the breaks:
//!
//! - a block marked `keep_with_prev` stays on the same page as the one before it
//!   (a section title with its first line, the last invoice line with the totals);
//!   a chain of such blocks moves to a new page whole, unless it is taller than a
//!   page, where it breaks anyway;
//! - a table row carries its table's header, which is repeated at the top of every
//!   page the table continues on.

use std::ops::Range;
use std::rc::Rc;

use super::fonts::Run;

/// An sRGB colour; krilla's own type cannot be built in a `const`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rgb(pub(super) u8, pub(super) u8, pub(super) u8);

/// One drawing operation, positioned relative to its block's top left corner.
#[derive(Debug, Clone)]
pub(super) enum Op {
    /// Glyphs of a shaped run; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, color: Rgb, run: Rc<Run>, glyphs: Range<usize> },
    /// A filled rectangle.
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    /// A horizontal rule.
    Rule { x: f32, y: f32, w: f32, width: f32, color: Rgb },
    /// A raster image (the seller logo) scaled into a `w` × `h` box at its top left.
    Image { x: f32, y: f32, w: f32, h: f32, image: krilla::image::Image },
    /// A vector drawing (an SVG seller logo) scaled into a `w` × `h` box at its top left.
    Svg { x: f32, y: f32, w: f32, h: f32, tree: std::sync::Arc<usvg::Tree> },
}

/// What a block is to a screen reader: how its text goes into the PDF's structure tree
/// (SPEC 15, tagged PDF). Shapes and images are always layout artifacts.
#[derive(Debug, Clone, Default)]
pub(super) enum Role {
    /// Each text run is a paragraph of its own.
    #[default]
    Lines,
    /// All text of the block is one heading of this level.
    Heading(u16),
    /// A row of the table `id`: each text run is a cell of the column it starts in
    /// (`edges` are the columns' left edges); header rows are `head`.
    Row { id: u16, head: bool, edges: Rc<[f32]> },
}

/// A horizontal slice of a page.
#[derive(Debug, Default)]
pub(super) struct Block {
    /// Height in points.
    pub(super) height: f32,
    /// What to draw, relative to the block's top left corner.
    pub(super) ops: Vec<Op>,
    /// Stay on the page of the previous block.
    pub(super) keep_with_prev: bool,
    /// The header of the table this block is a row of, repeated on each new page.
    pub(super) header: Option<Rc<Block>>,
    /// Its place in the structure tree.
    pub(super) role: Role,
}

/// A block placed on a page, `y` being its top edge in points from the page top.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    pub(super) block: Rc<Block>,
    pub(super) y: f32,
    /// A table header repeated on a later page: page furniture, read once.
    pub(super) repeat: bool,
}

/// The vertical space blocks may use.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    /// Where content starts on the first page.
    pub(super) first_top: f32,
    /// Where content starts on later pages (below the running header).
    pub(super) top: f32,
    /// Where content must end (above the footer).
    pub(super) bottom: f32,
}

/// Breaks the flow into pages.
pub(super) fn paginate(blocks: &[Rc<Block>], frame: Frame) -> Vec<Vec<Placed>> {
    let mut pager = Pager { pages: vec![Vec::new()], y: frame.first_top, frame, fresh: true };
    let mut i = 0;
    while i < blocks.len() {
        let mut end = i + 1;
        while end < blocks.len() && blocks[end].keep_with_prev {
            end += 1;
        }
        let chain = &blocks[i..end];
        let height: f32 = chain.iter().map(|b| b.height).sum();
        if pager.fits(pager.lead(&chain[0]) + height) {
            pager.place_chain(chain);
            i = end;
        } else if !pager.fresh && pager.fits_on_new_page(&chain[0], height) {
            pager.new_page();
            pager.place_chain(chain);
            i = end;
        } else {
            // Taller than a page: place what fits, then go on with the rest of it.
            let block = &chain[0];
            if !pager.fresh && !pager.fits(pager.lead(block) + block.height) {
                pager.new_page();
            }
            pager.place_chain(&chain[..1]);
            i += 1;
        }
    }
    pager.pages
}

struct Pager {
    pages: Vec<Vec<Placed>>,
    y: f32,
    frame: Frame,
    /// Nothing placed on the current page yet.
    fresh: bool,
}

impl Pager {
    fn fits(&self, height: f32) -> bool {
        self.y + height <= self.frame.bottom + 0.01
    }

    fn fits_on_new_page(&self, first: &Block, height: f32) -> bool {
        let header = first.header.as_ref().map_or(0.0, |h| h.height);
        self.frame.top + header + height <= self.frame.bottom + 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.frame.top;
        self.fresh = true;
    }

    /// Height of the table header that must precede `first` if it started this page.
    fn lead(&self, first: &Block) -> f32 {
        match &first.header {
            Some(header) if self.fresh && self.pages.len() > 1 => header.height,
            _ => 0.0,
        }
    }

    /// Places blocks one after the other; a table row at the top of a page (not the
    /// first, where the table starts with its own header) gets its header first.
    fn place_chain(&mut self, chain: &[Rc<Block>]) {
        if let Some(first) = chain.first()
            && self.lead(first) > 0.0
            && let Some(header) = &first.header
        {
            self.place(header, true);
        }
        for block in chain {
            self.place(block, false);
        }
    }

    fn place(&mut self, block: &Rc<Block>, repeat: bool) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Placed { block: Rc::clone(block), y: self.y, repeat });
        }
        self.y += block.height;
        self.fresh = false;
    }
}
