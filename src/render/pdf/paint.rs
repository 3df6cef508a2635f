//! Writing laid-out pages as PDF with krilla.
//!
//! krilla embeds only the glyphs used (subset CID fonts with a ToUnicode map, so the
//! text can be searched and copied) and derives the document ids from a hash of the
//! content, so the same invoice gives the same bytes. No creation date is written.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla_svg::{SurfaceExt as _, SvgSettings};

use super::fonts::{Fonts, Weight};
use super::layout::{Op, Placed, Rgb, Role};
use crate::error::Error;

/// Page size and margins in points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Geometry {
    /// Page width.
    pub(super) width: f32,
    /// Page height.
    pub(super) height: f32,
    /// Left and right margin.
    pub(super) margin_x: f32,
    /// Top margin.
    pub(super) margin_top: f32,
    /// Space kept free at the bottom for the footer.
    pub(super) margin_bottom: f32,
}

impl Geometry {
    /// Width of the content area.
    pub(super) fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }
}

/// Everything drawn on one page, in page coordinates relative to the left margin.
pub(super) struct PageContent<'a> {
    /// Drawn first, behind everything: a big diagonal word, if any.
    pub(super) watermark: Option<(&'a super::fonts::Run, Rgb)>,
    /// The running header (empty on the first page).
    pub(super) header: Vec<Op>,
    /// The page's share of the flow.
    pub(super) placed: &'a [Placed],
    /// The footer with the page counter.
    pub(super) footer: Vec<Op>,
    /// The seller's legal text at the foot of the page.
    pub(super) legal: Vec<Op>,
}

/// Document information written into the PDF.
pub(super) struct Info {
    pub(super) title: String,
    pub(super) author: Option<String>,
    /// The document language (`de`), the PDF's `/Lang`.
    pub(super) language: String,
}

/// A file embedded in a PDF/A-3b document (the Factur-X XML).
pub(crate) struct Attachment {
    /// File name, e.g. `factur-x.xml`.
    pub(crate) name: String,
    /// Description shown by PDF readers.
    pub(crate) description: String,
    /// MIME type, e.g. `text/xml`.
    pub(crate) mime: String,
    /// The file's bytes.
    pub(crate) data: Vec<u8>,
    /// The document's and the file's date (a fixed date keeps the output deterministic).
    pub(crate) date: chrono::NaiveDate,
}

/// Writes the pages as one PDF.
///
/// # Errors
/// [`Error::Internal`] if krilla refuses the document (a bug: the text was checked
/// against the font before layout).
pub(super) fn paint(
    pages: Vec<PageContent<'_>>,
    geometry: Geometry,
    fonts: &Fonts,
    info: Info,
    attachment: Option<Attachment>,
) -> Result<Vec<u8>, Error> {
    let mut document = match &attachment {
        Some(_) => crate::render::einvoice::facturx::pdfa3_document()?,
        None => Document::new(),
    };
    let mut metadata = Metadata::new()
        .title(info.title)
        .creator(concat!("invoice ", env!("CARGO_PKG_VERSION")).to_string())
        .language(info.language.clone());
    if let Some(author) = info.author {
        metadata = metadata.authors(vec![author]);
    }
    if let Some(file) = &attachment {
        metadata = metadata.creation_date(crate::render::einvoice::facturx::pdf_date(file.date));
    }
    document.set_metadata(metadata);
    if let Some(file) = attachment {
        crate::render::einvoice::facturx::embed(&mut document, file)?;
    }
    let mut tags = Tagger::default();
    let last = pages.len().saturating_sub(1);
    for (index, content) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(geometry.width, geometry.height)
            .ok_or_else(|| Error::Internal("invalid PDF page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut painter = Painter { surface: &mut surface, fonts, dx: geometry.margin_x, current: None };
        if let Some((run, color)) = content.watermark {
            painter.artifact(ArtifactType::Watermark, |p| p.watermark(run, color, geometry));
        }
        // Reading order: running header, content, footer (text extraction follows the
        // content stream; screen readers follow the structure tree, where page
        // furniture is left out and the legal text is read once, at the end).
        painter.artifact(ArtifactType::PaginationOther, |p| content.header.iter().for_each(|op| p.op(op, 0.0)));
        for placed in content.placed {
            tags.block(&mut painter, placed);
        }
        tags.close_table();
        // The legal text before the page counter line, as it reads from top to bottom.
        if index == last {
            let ids = painter.tagged_texts(&content.legal);
            tags.legal.extend(ids.into_iter().map(|id| TagGroup::with_children(Tag::P, vec![id.into()]).into()));
        } else {
            painter.artifact(ArtifactType::PaginationOther, |p| content.legal.iter().for_each(|op| p.op(op, 0.0)));
        }
        painter.artifact(ArtifactType::PaginationOther, |p| content.footer.iter().for_each(|op| p.op(op, 0.0)));
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tags.finish(&info.language));
    document.finish().map_err(|e| Error::Internal(format!("failed to write the PDF: {e}")))
}

/// Builds the structure tree (SPEC 15, tagged PDF) while the pages are painted: each
/// block's text goes in by its [`Role`], in the order of the flow.
#[derive(Default)]
struct Tagger {
    /// The document's top-level elements, in reading order.
    root: Vec<Node>,
    /// The table being filled: its id, header rows and body rows.
    table: Option<(u16, Vec<Node>, Vec<Node>)>,
    /// The legal text, read once after everything else.
    legal: Vec<Node>,
}

impl Tagger {
    /// Paints one placed block, tagging what it draws.
    fn block(&mut self, painter: &mut Painter<'_, '_>, placed: &Placed) {
        let (ops, dy) = (&placed.block.ops, placed.y);
        if placed.repeat {
            // A table header repeated on a later page: read once, where the table starts.
            painter.artifact(ArtifactType::PaginationOther, |p| ops.iter().for_each(|op| p.op(op, dy)));
            return;
        }
        painter.artifact(ArtifactType::Layout, |p| ops.iter().filter(|op| !is_text(op)).for_each(|op| p.op(op, dy)));
        let texts: Vec<&Op> = ops.iter().filter(|op| is_text(op)).collect();
        match &placed.block.role {
            Role::Lines => {
                self.close_table();
                for op in texts {
                    let id = painter.tagged(op, dy);
                    self.root.push(TagGroup::with_children(Tag::P, vec![id.into()]).into());
                }
            }
            Role::Heading(level) => {
                self.close_table();
                let ids: Vec<Node> = texts.into_iter().map(|op| painter.tagged(op, dy).into()).collect();
                let level = std::num::NonZeroU16::new(*level).unwrap_or(std::num::NonZeroU16::MIN);
                let title = texts_of(&placed.block.ops);
                self.root.push(TagGroup::with_children(Tag::Hn(level, Some(title)), ids).into());
            }
            Role::Row { id, head, edges } => {
                if self.table.as_ref().is_some_and(|(open, ..)| open != id) {
                    self.close_table();
                }
                let mut cells: Vec<Vec<Node>> = vec![Vec::new(); edges.len()];
                for op in texts {
                    let Op::Text { x, .. } = op else { continue };
                    let column = edges.iter().rposition(|edge| *x >= edge - 0.5).unwrap_or(0);
                    let tagged = painter.tagged(op, dy);
                    if let Some(cell) = cells.get_mut(column) {
                        cell.push(tagged.into());
                    }
                }
                let row: Vec<Node> = cells
                    .into_iter()
                    .filter(|cell| !cell.is_empty())
                    .map(|cell| {
                        if *head {
                            TagGroup::with_children(Tag::TH(TableHeaderScope::Column), cell).into()
                        } else {
                            TagGroup::with_children(Tag::TD, cell).into()
                        }
                    })
                    .collect();
                let (_, heads, body) = self.table.get_or_insert_with(|| (*id, Vec::new(), Vec::new()));
                let row = TagGroup::with_children(Tag::TR, row).into();
                if *head { heads.push(row) } else { body.push(row) }
            }
        }
    }

    /// Ends the open table, if any: a `Table` with its `THead` and `TBody`.
    fn close_table(&mut self) {
        let Some((_, heads, body)) = self.table.take() else { return };
        let mut parts: Vec<Node> = Vec::new();
        if !heads.is_empty() {
            parts.push(TagGroup::with_children(Tag::THead, heads).into());
        }
        if !body.is_empty() {
            parts.push(TagGroup::with_children(Tag::TBody, body).into());
        }
        self.root.push(TagGroup::with_children(Tag::Table, parts).into());
    }

    /// The finished tree, in the document language.
    fn finish(mut self, language: &str) -> TagTree {
        self.close_table();
        let mut tree = TagTree::new().with_lang(Some(language.to_owned()));
        for node in self.root.into_iter().chain(self.legal) {
            tree.push(node);
        }
        tree
    }
}

fn is_text(op: &Op) -> bool {
    matches!(op, Op::Text { .. })
}

/// The text of a block's runs, joined: a heading's title.
fn texts_of(ops: &[Op]) -> String {
    let texts: Vec<&str> = ops
        .iter()
        .filter_map(|op| match op {
            Op::Text { run, .. } => Some(run.text.as_str()),
            _ => None,
        })
        .collect();
    texts.join(" ")
}

struct Painter<'s, 'p> {
    surface: &'s mut Surface<'p>,
    fonts: &'s Fonts,
    /// The left margin; ops are relative to it.
    dx: f32,
    /// The fill colour last set, to avoid repeating it for every text run.
    current: Option<Rgb>,
}

impl Painter<'_, '_> {
    /// Paints with `paint` as an artifact of `kind`: seen, not read.
    fn artifact(&mut self, kind: ArtifactType, paint: impl FnOnce(&mut Self)) {
        self.surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(kind)));
        paint(self);
        self.surface.end_tagged();
    }

    /// Paints one op as tagged content and returns its identifier.
    fn tagged(&mut self, op: &Op, dy: f32) -> Identifier {
        let id = self.surface.start_tagged(ContentTag::Span(SpanTag::empty()));
        self.op(op, dy);
        self.surface.end_tagged();
        id
    }

    /// Paints text ops (page coordinates) as tagged content, one identifier each.
    fn tagged_texts(&mut self, ops: &[Op]) -> Vec<Identifier> {
        ops.iter().map(|op| self.tagged(op, 0.0)).collect()
    }

    fn fill(&mut self, color: Rgb) {
        if self.current != Some(color) {
            self.surface.set_fill(Some(Fill {
                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                opacity: NormalizedF32::ONE,
                rule: FillRule::NonZero,
            }));
            self.current = Some(color);
        }
    }

    fn op(&mut self, op: &Op, dy: f32) {
        match op {
            Op::Text { x, y, size, color, run, glyphs } => {
                let Some(slice) = run.glyphs.get(glyphs.clone()) else { return };
                if slice.is_empty() {
                    return;
                }
                self.fill(*color);
                let font = self.fonts.pdf_font(run.weight);
                self.surface.draw_glyphs(Point::from_xy(self.dx + x, dy + y), slice, font, &run.text, *size, false);
            }
            Op::Rect { x, y, w, h, color } => self.rect(self.dx + x, dy + y, *w, *h, *color),
            Op::Rule { x, y, w, width, color } => self.rect(self.dx + x, dy + y - width / 2.0, *w, *width, *color),
            Op::Image { x, y, w, h, image } => {
                let Some(size) = krilla::geom::Size::from_wh(*w, *h) else { return };
                self.surface.push_transform(&Transform::from_translate(self.dx + x, dy + y));
                self.surface.draw_image(image.clone(), size);
                self.surface.pop();
            }
            Op::Svg { x, y, w, h, tree } => {
                let Some(size) = krilla::geom::Size::from_wh(*w, *h) else { return };
                self.surface.push_transform(&Transform::from_translate(self.dx + x, dy + y));
                // Text in a logo is artwork: drawn as outlines, not searchable document text.
                let settings = SvgSettings { embed_text: false, ..SvgSettings::default() };
                self.surface.draw_svg(tree, size, settings);
                self.surface.pop();
                // krilla-svg restores fill and stroke as they were set: the cached fill is stale.
                self.current = None;
            }
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        let Some(rect) = Rect::from_xywh(x, y, w, h) else { return };
        let mut builder = PathBuilder::new();
        builder.push_rect(rect);
        if let Some(path) = builder.finish() {
            self.fill(color);
            self.surface.draw_path(&path);
        }
    }

    fn watermark(&mut self, run: &super::fonts::Run, color: Rgb, geometry: Geometry) {
        let size = 110.0;
        let (cx, cy) = (geometry.width / 2.0, geometry.height / 2.0);
        self.surface.push_transform(&Transform::from_rotate_at(-40.0, cx, cy));
        self.fill(color);
        let font = self.fonts.pdf_font(Weight::Bold);
        let start = Point::from_xy(cx - run.width(size) / 2.0, cy + size * 0.36);
        self.surface.draw_glyphs(start, &run.glyphs, font, &run.text, size, false);
        self.surface.pop();
    }
}
