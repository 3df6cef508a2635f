//! PDF invoices: A4 or US Letter, with an embedded, subset Unicode font.
//!
//! The pipeline is check → compose → paginate → paint:
//!
//! 1. [`coverage`] refuses any printed field with a character the embedded font
//!    (Noto Sans: Latin, Greek, Cyrillic) cannot draw, naming the field by its JSON
//!    Pointer, so a PDF never shows empty boxes;
//! 2. [`compose`] turns the invoice into a flow of fixed-height blocks (masthead,
//!    parties, line table, VAT breakdown, totals, payment, notes), shaping and
//!    wrapping all text with the font's real metrics;
//! 3. [`layout`] breaks the flow into pages, repeating the table header and keeping
//!    the totals on the page of the last line;
//! 4. [`paint`] writes the pages with krilla, adding running headers, footers with
//!    "Page n of m" and, for drafts, a watermark.
//!
//! Output is deterministic: no timestamps, ids derived from the content.
//! This module owns PDF output only; which file or stream it goes to is the caller's.

mod compose;
mod coverage;
mod fonts;
mod layout;
mod paint;
#[cfg(test)]
pub(crate) mod tests;

use std::rc::Rc;

use super::Paper;
use crate::error::Error;
use crate::invoice::Invoice;
use compose::Composer;
pub(crate) use compose::Item;

use fonts::Fonts;
use layout::Frame;
pub(crate) use paint::Attachment;
use paint::{Geometry, Info, PageContent};

/// Renders the invoice as a PDF document on `paper`.
///
/// The title and a DRAFT marker (for drafts and unnumbered invoices), number, dates,
/// references, seller and buyer, the lines, the VAT breakdown, the totals with the
/// amount due, payment details and notes. Long invoices continue over as many pages
/// as needed.
///
/// # Errors
/// [`Error::Invalid`] with one `unsupported_character` problem per text field that
/// holds a character the embedded font has no glyph for (CJK, Arabic, emoji, ...);
/// [`Error::Internal`] if the embedded font cannot be read or the PDF cannot be
/// written, both bugs.
pub fn render(invoice: &Invoice, paper: Paper) -> Result<Vec<u8>, Error> {
    render_with(invoice, paper, None)
}

/// Like [`render`], with the seller logo (PNG or JPEG) top left of the first page.
///
/// # Errors
/// As [`render`].
pub fn render_with(
    invoice: &Invoice,
    paper: Paper,
    logo: Option<&crate::render::logo::Logo>,
) -> Result<Vec<u8>, Error> {
    render_archive(invoice, paper, logo, None)
}

/// Renders the invoice like [`render_with`]; with an attachment, as PDF/A-3b (krilla's
/// validating export mode) with the file embedded as an associated file (Factur-X).
///
/// # Errors
/// As [`render`].
pub(crate) fn render_archive(
    invoice: &Invoice,
    paper: Paper,
    logo: Option<&crate::render::logo::Logo>,
    attachment: Option<paint::Attachment>,
) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::load()?;
    let problems = coverage::check(invoice, &fonts);
    if !problems.is_empty() {
        return Err(Error::Invalid { problems });
    }
    let geometry = geometry(paper);
    let composer = Composer::new(&fonts, invoice, geometry.content_width()).with_logo(logo);
    let blocks = composer.blocks();
    paint_flow(&composer, &blocks, &fonts, geometry, invoice, attachment)
}

/// A letter about `invoice` (a reminder) or from its seller (a statement of account),
/// named `name`, made of `items`: the invoice's fonts, page furniture and language.
///
/// # Errors
/// [`Error::Invalid`] (`unsupported_character` at `/document`) for text the font cannot
/// print; [`Error::Internal`] as [`render`].
pub(crate) fn render_letter(invoice: &Invoice, name: &str, items: &[Item], paper: Paper) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::load()?;
    check_texts(invoice, &fonts, std::iter::once(name).chain(items.iter().flat_map(Item::texts)))?;
    let geometry = geometry(paper);
    let composer = Composer::new(&fonts, invoice, geometry.content_width()).named(name.to_owned());
    let blocks = composer.letter_blocks(items);
    paint_flow(&composer, &blocks, &fonts, geometry, invoice, None)
}

/// The invoice as [`render`] draws it, with letter `before` it and `after` it (a received
/// e-invoice: the validation verdict on top, the unread elements at the end; SPEC 13.1).
///
/// # Errors
/// As [`render_letter`].
pub(crate) fn render_framed(
    invoice: &Invoice,
    paper: Paper,
    before: &[Item],
    after: &[Item],
) -> Result<Vec<u8>, Error> {
    let fonts = Fonts::load()?;
    check_texts(invoice, &fonts, before.iter().chain(after).flat_map(Item::texts))?;
    let geometry = geometry(paper);
    let composer = Composer::new(&fonts, invoice, geometry.content_width());
    let mut blocks = composer.letter_blocks(before);
    blocks.extend(composer.blocks());
    blocks.extend(composer.letter_blocks(after));
    paint_flow(&composer, &blocks, &fonts, geometry, invoice, None)
}

/// Fails with every field of `invoice`, and the extra `texts` as one `/document` problem,
/// that holds a character the font cannot print.
fn check_texts<'a>(invoice: &Invoice, fonts: &Fonts, texts: impl Iterator<Item = &'a str>) -> Result<(), Error> {
    let mut missing = Vec::new();
    for text in texts {
        for c in coverage::missing_chars(text, fonts) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
    }
    let mut problems = coverage::check(invoice, fonts);
    if !missing.is_empty() {
        problems.push(crate::invoice::Problem::new(
            "/document",
            crate::invoice::Code::UnsupportedCharacter,
            coverage::message(&missing),
        ));
    }
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid { problems }) }
}

/// Paginates `blocks` and paints them with the composer's page furniture.
fn paint_flow(
    composer: &Composer<'_>,
    blocks: &[Rc<layout::Block>],
    fonts: &Fonts,
    geometry: Geometry,
    invoice: &Invoice,
    attachment: Option<paint::Attachment>,
) -> Result<Vec<u8>, Error> {
    let footer_height = composer.footer_height();
    let content_bottom = geometry.height - geometry.margin_bottom - footer_height;
    let frame = Frame {
        first_top: geometry.margin_top,
        top: geometry.margin_top + Composer::RUNNING_HEADER,
        bottom: content_bottom,
    };
    let pages = layout::paginate(blocks, frame);
    let watermark = composer.watermark();
    let running_header = composer.running_header();
    let count = pages.len();
    let contents = pages
        .iter()
        .enumerate()
        .map(|(i, placed)| {
            let header = if i == 0 { Vec::new() } else { shift_all(&running_header, geometry.margin_top) };
            let footer_top = content_bottom + 16.0;
            let footer = composer.footer(footer_top, i + 1, count);
            let legal = composer.legal_footer(footer_top);
            let watermark = watermark.as_ref().map(|(run, color)| (Rc::as_ref(run), *color));
            PageContent { watermark, header, placed, footer, legal }
        })
        .collect();
    let language = crate::render::vocabulary::for_invoice(invoice).tag.to_owned();
    let info = Info { title: composer.pdf_title(), author: invoice.seller.name.clone(), language };
    paint::paint(contents, geometry, fonts, info, attachment)
}

/// Page size and margins: A4 is 595.28 × 841.89 pt, Letter 612 × 792 pt.
fn geometry(paper: Paper) -> Geometry {
    let (width, height) = match paper {
        Paper::A4 => (595.28, 841.89),
        Paper::Letter => (612.0, 792.0),
    };
    Geometry { width, height, margin_x: 50.0, margin_top: 48.0, margin_bottom: 30.0 }
}

fn shift_all(ops: &[layout::Op], dy: f32) -> Vec<layout::Op> {
    let mut ops = ops.to_vec();
    for op in &mut ops {
        compose::shift(op, dy);
    }
    ops
}
