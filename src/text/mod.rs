//! Text: fonts, bidi analysis and itemization, and shaping (rustybuzz) of
//! one paragraph.
//!
//! This is the analysis half of the paragraph pipeline (as in parley);
//! breaking, justification and reordering are layout's
//! (`layout::inline`), which calls `analyze` and `shape`.

pub(crate) mod analyze;
mod cache;
mod fontfile;
mod fonts;
pub(crate) mod shape;
mod spaces;
#[cfg(feature = "system-fonts")]
mod system;

pub use fontfile::{FaceChoice, FontSource};
pub use fonts::{Font, FontBook, FontId, Outlines};

use std::ops::Range;

use crate::model::Justify;

/// A shaped glyph, before positioning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ShapedGlyph {
    /// Glyph id.
    pub id: u16,
    /// Cluster: byte offset in the paragraph (or the caller's numbering).
    pub cluster: u32,
    /// Advance, font units.
    pub x_advance: i32,
    /// Offset, font units.
    pub x_offset: i32,
    /// Offset, font units.
    pub y_offset: i32,
    /// Breaking the text before this glyph's cluster changes the shaping.
    pub unsafe_to_break: bool,
    /// A tatweel may be inserted before this glyph's cluster without
    /// changing the shaping around it.
    pub tatweel_ok: bool,
}

/// A styled byte range of a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StyleRun {
    /// Byte range in the piece's text.
    pub range: Range<usize>,
    /// Language, when it differs from the document's.
    pub lang: Option<String>,
    /// Bold.
    pub strong: bool,
    /// A note's reference mark: set [`RAISED_SCALE`] smaller and raised by
    /// [`RAISED_RISE`] of the paragraph's size.
    pub raised: bool,
}

/// The size of a raised run (a note's reference mark) as a fraction of its
/// paragraph's.
pub const RAISED_SCALE: f32 = 0.65;

/// How far a raised run's baseline sits above the line's, as a fraction of
/// the paragraph's size.
pub const RAISED_RISE: f32 = 0.38;

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
    /// A document symbol (`CTOC/COP/WG.4/2019/1`) may break after a slash,
    /// as a last resort for a line it would leave too loose. Off, a symbol
    /// stays whole unless it is wider than the line: a line break inside it
    /// reads as a space in every PDF engine.
    pub break_symbols: bool,
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
    /// At the end edge (left for RTL): a table's numbers.
    End,
}

/// Characters that are invisible by definition (bidi controls, joiners, variation selectors).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}
