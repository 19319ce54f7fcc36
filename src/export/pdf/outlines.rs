//! A glyph drawn as an outline (a kashida, an unmapped glyph, the running
//! header and footer): where, how stretched, from which font. A leaf that
//! the content stream, the text layers and the artwork share.

use crate::layout::{Glyph, PlacedLine, Run};
use crate::text::{FontBook, FontId};

/// A glyph drawn as an outline.
#[derive(Debug, Clone, Copy)]
pub struct Outline {
    pub(super) font: FontId,
    pub(super) glyph: u16,
    /// Points per font unit.
    pub(super) scale: f32,
    /// The glyph has no outline (nothing to draw).
    pub(super) empty: bool,
    /// Horizontal stretch (a kashida's width over the tatweel's advance).
    pub(super) stretch: f32,
    pub(super) x: f32,
    pub(super) y: f32,
}

impl Outline {
    /// The glyph id.
    pub fn glyph(&self) -> u16 {
        self.glyph
    }
}

pub(super) fn stretch(book: &FontBook, run: &Run, g: &Glyph) -> f32 {
    if !g.kashida {
        return 1.0;
    }
    let adv = book
        .get(run.font)
        .ttf()
        .glyph_hor_advance(ttf_parser::GlyphId(g.id))
        .unwrap_or(0);
    if adv == 0 {
        1.0
    } else {
        g.x_advance as f32 / f32::from(adv)
    }
}

pub(super) fn outline(
    placed: &PlacedLine,
    height: f32,
    run: &Run,
    g: &Glyph,
    scale: f32,
    s: f32,
    face: &ttf_parser::Face,
) -> Outline {
    Outline {
        font: run.font,
        glyph: g.id,
        scale,
        empty: is_empty(face, g.id),
        stretch: s,
        x: placed.x + g.x + g.x_offset as f32 * scale,
        y: height - placed.y + run.rise + g.y_offset as f32 * scale,
    }
}

/// Whether a glyph has no outline: read from its `glyf` entry (an empty
/// glyph has none) instead of outlining it, which costs 13 % of a report's
/// render (every text glyph of the visual layer keeps its outline in case
/// it is drawn); outlined only for fonts without `glyf`.
pub(super) fn is_empty(face: &ttf_parser::Face, glyph: u16) -> bool {
    let id = ttf_parser::GlyphId(glyph);
    match face.tables().glyf {
        Some(glyf) => glyf.bbox(id).is_none(),
        None => face.glyph_bounding_box(id).is_none(),
    }
}

#[cfg(test)]
mod tests {
    use crate::text::FontBook;

    /// The `glyf` entry and the outline agree on every bundled glyph.
    #[test]
    fn empty_glyphs_are_those_without_an_outline() {
        let book = FontBook::bundled();
        for id in [FontBook::REGULAR, FontBook::BOLD] {
            let face = book.get(id).ttf();
            let mut empty = 0;
            for g in 0..face.number_of_glyphs() {
                let outlined = face.glyph_bounding_box(ttf_parser::GlyphId(g)).is_none();
                assert_eq!(super::is_empty(&face, g), outlined, "glyph {g}");
                empty += usize::from(outlined);
            }
            assert!(empty > 0, "some glyphs are empty (spaces)");
        }
    }
}
