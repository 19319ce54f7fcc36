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
        empty: face.glyph_bounding_box(ttf_parser::GlyphId(g.id)).is_none(),
        stretch: s,
        x: placed.x + g.x + g.x_offset as f32 * scale,
        y: height - placed.y + run.rise + g.y_offset as f32 * scale,
    }
}
