//! The embedded font, text shaping, measuring and line wrapping.
//!
//! The PDF always uses Noto Sans Regular and Bold, compiled into the binary by the
//! `notosans` crate (SIL Open Font License, see `licenses/`): no system font lookup,
//! no download. Text is shaped once with rustybuzz (kerning, combining marks); the
//! same glyph advances are used to measure, wrap and draw, so what the layout
//! measured is exactly what krilla writes. krilla subsets the font on output.

use std::cell::RefCell;
use std::ops::Range;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, Script, ShapePlan, UnicodeBuffer};

use crate::error::Error;

/// Which of the two embedded faces a run is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    /// Noto Sans Regular.
    Regular,
    /// Noto Sans Bold.
    Bold,
}

/// The two embedded faces, ready for shaping (rustybuzz) and for writing (krilla).
pub(super) struct Fonts {
    regular: Face<'static>,
    bold: Face<'static>,
    pdf_regular: Font,
    pdf_bold: Font,
    /// Shape plans are costly to build; an invoice uses one or two scripts per face.
    plans: RefCell<Vec<(Weight, Direction, Script, ShapePlan)>>,
}

impl Fonts {
    /// Parses the embedded font files.
    ///
    /// # Errors
    /// [`Error::Internal`] if the font bytes compiled into the binary cannot be read,
    /// which would be a packaging bug.
    pub(super) fn load() -> Result<Self, Error> {
        let broken = |face: &str| Error::Internal(format!("failed to read the embedded font Noto Sans {face}"));
        Ok(Fonts {
            regular: Face::from_slice(notosans::REGULAR_TTF, 0).ok_or_else(|| broken("Regular"))?,
            bold: Face::from_slice(notosans::BOLD_TTF, 0).ok_or_else(|| broken("Bold"))?,
            pdf_regular: Font::new(notosans::REGULAR_TTF.into(), 0).ok_or_else(|| broken("Regular"))?,
            pdf_bold: Font::new(notosans::BOLD_TTF.into(), 0).ok_or_else(|| broken("Bold"))?,
            plans: RefCell::new(Vec::new()),
        })
    }

    /// Whether both faces have a glyph for `c`, so it prints in any style. Control
    /// characters never print, even where the font maps them (Noto maps NUL).
    pub(super) fn covers(&self, c: char) -> bool {
        !c.is_control() && self.regular.glyph_index(c).is_some() && self.bold.glyph_index(c).is_some()
    }

    /// The krilla font for a weight.
    pub(super) fn pdf_font(&self, weight: Weight) -> Font {
        match weight {
            Weight::Regular => self.pdf_regular.clone(),
            Weight::Bold => self.pdf_bold.clone(),
        }
    }

    fn face(&self, weight: Weight) -> &Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Shapes one paragraph (no newlines) into positioned glyphs.
    pub(super) fn shape(&self, text: &str, weight: Weight) -> Run {
        let text = text.replace('\t', "    ");
        if text.is_empty() {
            return Run { text, weight, glyphs: Vec::new(), breaks: Vec::new(), spaces: Vec::new() };
        }
        let face = self.face(weight);
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(&text);
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        let output = {
            let mut plans = self.plans.borrow_mut();
            let found = plans.iter().position(|p| p.0 == weight && p.1 == direction && p.2 == script);
            let index = found.unwrap_or_else(|| {
                plans.push((weight, direction, script, ShapePlan::new(face, direction, Some(script), None, &[])));
                plans.len() - 1
            });
            rustybuzz::shape_with_plan(face, &plans[index].3, buffer)
        };
        let upem = face.units_per_em() as f32;
        let infos = output.glyph_infos();
        let positions = output.glyph_positions();
        // A glyph's text is its cluster up to the next larger cluster start; sorting the
        // starts makes this right for either direction.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut breaks = Vec::with_capacity(infos.len());
        let mut spaces = Vec::with_capacity(infos.len());
        for (info, pos) in infos.iter().zip(positions) {
            let start = info.cluster as usize;
            let end = match starts.binary_search(&start) {
                Ok(i) => starts.get(i + 1).copied().unwrap_or(text.len()),
                Err(_) => text.len(),
            };
            let cluster = text.get(start..end).unwrap_or("");
            spaces.push(!cluster.is_empty() && cluster.chars().all(is_breaking_space));
            breaks.push(cluster.ends_with(['-', '/', '\u{2013}', '\u{2014}']));
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / upem,
                pos.x_offset as f32 / upem,
                pos.y_offset as f32 / upem,
                pos.y_advance as f32 / upem,
                start..end,
                None,
            ));
        }
        Run { text, weight, glyphs, breaks, spaces }
    }
}

/// A shaped paragraph: its text and glyphs with advances in em units.
#[derive(Debug)]
pub(super) struct Run {
    /// The text the glyphs' ranges point into (tabs already expanded).
    pub(super) text: String,
    /// The face it was shaped with.
    pub(super) weight: Weight,
    /// Glyphs in visual order.
    pub(super) glyphs: Vec<KrillaGlyph>,
    /// Whether a line may break after glyph `i` (hyphen, slash, dash).
    breaks: Vec<bool>,
    /// Whether glyph `i` is white space.
    spaces: Vec<bool>,
}

impl Run {
    /// Width of the whole run at `size` points.
    pub(super) fn width(&self, size: f32) -> f32 {
        self.range_width(0..self.glyphs.len(), size)
    }

    /// Width of some of its glyphs at `size` points.
    pub(super) fn range_width(&self, range: Range<usize>, size: f32) -> f32 {
        self.glyphs.get(range).map_or(0.0, |g| g.iter().map(|g| g.x_advance).sum::<f32>() * size)
    }

    /// The glyph ranges of the lines this run wraps into at `max_width` points.
    ///
    /// Breaks after spaces, hyphens and slashes; a word longer than a line is cut
    /// between clusters. White space at line ends is dropped. An empty run is one
    /// empty line, so blank lines keep their height.
    pub(super) fn wrap(&self, size: f32, max_width: f32) -> Vec<Range<usize>> {
        let n = self.glyphs.len();
        let mut lines = Vec::new();
        let mut start = self.skip_spaces(0);
        while start < n {
            let mut x = 0.0;
            let mut last_break = None;
            let mut end = n;
            for i in start..n {
                if i > start && (self.spaces[i - 1] || self.breaks[i - 1]) && !self.spaces[i] {
                    last_break = Some(i);
                }
                let advance = self.glyphs[i].x_advance * size;
                if i > start && !self.spaces[i] && x + advance > max_width {
                    end = last_break.unwrap_or_else(|| self.cluster_start(start, i));
                    break;
                }
                x += advance;
            }
            lines.push(start..self.trim_spaces(start, end));
            start = self.skip_spaces(end);
        }
        if lines.is_empty() {
            lines.push(0..0);
        }
        lines
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.glyphs.len() && self.spaces[i] {
            i += 1;
        }
        i
    }

    fn trim_spaces(&self, start: usize, mut end: usize) -> usize {
        while end > start && self.spaces[end - 1] {
            end -= 1;
        }
        end
    }

    /// Moves a forced break at `i` back to the start of its cluster so a base letter
    /// and its combining marks stay together; always makes progress.
    fn cluster_start(&self, start: usize, mut i: usize) -> usize {
        let original = i;
        while i > start + 1 && self.glyphs[i].text_range.start == self.glyphs[i - 1].text_range.start {
            i -= 1;
        }
        if i <= start { original.max(start + 1) } else { i }
    }
}

/// White space a line may break at; no-break spaces (U+00A0, U+2007, U+202F) glue
/// their neighbours, as in "10 000" or "Nr. 5".
fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}
