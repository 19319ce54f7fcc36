//! The text engine: bidi, itemization, shaping, line breaking, justification
//! and per-line reordering of one paragraph.
//!
//! [`set_paragraph`] turns a paragraph's logical text into lines of
//! positioned glyphs in visual order; every glyph keeps its cluster, the
//! byte offset of the characters it stands for.

mod analyze;
mod fonts;
mod kashida;
mod set;
mod shape;

pub use fonts::{Font, FontBook, FontId};

use crate::error::{Error, MissingChar, Result};
use crate::layout::{Line, Piece, StyleRun};
use crate::model::{Document, Justify};

/// A paragraph to set: logical text with styles, measure and alignment.
#[derive(Debug, Clone, Copy)]
pub struct Paragraph<'a> {
    /// The logical text.
    pub text: &'a str,
    /// Styled ranges covering `text` without gaps.
    pub styles: &'a [StyleRun],
    /// Base direction right-to-left.
    pub rtl: bool,
    /// The whole paragraph is bold.
    pub bold: bool,
    /// Font size, points.
    pub size: f32,
    /// Line width, points.
    pub measure: f32,
    /// Alignment of the lines.
    pub align: Align,
}

/// How the lines of a paragraph are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Every line but the last filled to the measure.
    Justify(Justify),
    /// Centred.
    Center,
    /// At the start edge (right for RTL).
    Start,
}

/// Checks that some font has every character the pieces print.
///
/// Default-ignorable characters (bidi controls, joiners) need no glyph.
pub fn check_coverage(_doc: &Document, pieces: &[Piece], fonts: &FontBook) -> Result<()> {
    let mut missing: Vec<MissingChar> = Vec::new();
    for piece in pieces {
        for c in piece.text.chars() {
            if c.is_whitespace() || is_default_ignorable(c) {
                continue;
            }
            let preferred = if piece.bold {
                FontBook::BOLD
            } else {
                FontBook::REGULAR
            };
            if fonts.select(preferred, c).is_none() {
                let block = piece.block.unwrap_or(0);
                if !missing.iter().any(|m| m.ch == c && m.path == piece.path) {
                    missing.push(MissingChar {
                        ch: c,
                        block,
                        path: piece.path.clone(),
                    });
                }
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::MissingGlyphs(missing))
    }
}

/// Characters that are invisible by definition (bidi controls, joiners, variation selectors).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Sets a paragraph into lines: bidi, itemization, shaping, optimal line
/// breaking, justification (spaces, then kashida) and per-line reordering.
///
/// Lines come out in logical order, their runs and glyphs in visual order.
/// A line's runs cover its text without the spaces it ends with.
pub fn set_paragraph(fonts: &FontBook, para: &Paragraph) -> Vec<Line> {
    set::set_paragraph(fonts, para)
}

/// Shapes every item of a paragraph once, as the engine does before
/// breaking, and returns the number of glyphs: the "shape-once floor" of
/// the benchmarks.
pub fn shape_paragraph(fonts: &FontBook, para: &Paragraph) -> usize {
    let analysis = analyze::analyze(fonts, para);
    let mut glyphs = Vec::new();
    for item in &analysis.items {
        shape::shape_item(fonts, para.text, item, &mut glyphs);
    }
    glyphs.len()
}
