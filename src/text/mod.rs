//! The text engine: bidi, itemization, shaping, line breaking, justification
//! and per-line reordering of one paragraph.
//!
//! [`set_paragraph`] turns a paragraph's logical text into lines of
//! positioned glyphs in visual order; every glyph keeps its cluster, the
//! byte offset of the characters it stands for.

mod fonts;

pub use fonts::{Font, FontBook, FontId};

use crate::error::{Error, MissingChar, Result};
use crate::layout::{Glyph, Line, Piece, Run, StyleRun};
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

/// Sets a paragraph into lines.
///
/// PROVISIONAL greedy implementation (no bidi, no justification), replaced
/// by the real engine of the text-engine issue.
pub fn set_paragraph(fonts: &FontBook, para: &Paragraph) -> Vec<Line> {
    let font_id = if para.bold {
        FontBook::BOLD
    } else {
        FontBook::REGULAR
    };
    let font = fonts.get(font_id);
    let scale = para.size / f32::from(font.units_per_em);
    let mut lines = Vec::new();
    let mut start = 0;
    let words: Vec<usize> = para
        .text
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .chain([para.text.len()])
        .collect();
    let mut last_fit = start;
    let mut k = 0;
    while start < para.text.len() {
        while k < words.len() {
            let end = words[k];
            let width = shape(font, &para.text[start..end], para.rtl)
                .iter()
                .map(|g| g.x_advance)
                .sum::<i32>() as f32
                * scale;
            if width > para.measure && last_fit > start {
                break;
            }
            last_fit = end;
            k += 1;
        }
        let end = last_fit.max(start + 1);
        let range = start..end;
        let mut glyphs = shape(font, &para.text[range.clone()], para.rtl);
        let mut x = 0.0;
        for g in &mut glyphs {
            g.x = x;
            x += g.x_advance as f32 * scale;
        }
        let run = Run {
            font: font_id,
            size: para.size,
            level: u8::from(para.rtl),
            range: range.clone(),
            lang: None,
            glyphs,
        };
        lines.push(Line {
            range,
            width: x,
            justified: false,
            runs: vec![run],
        });
        start = end;
    }
    lines
}

fn shape(font: &Font, text: &str, rtl: bool) -> Vec<Glyph> {
    let face = font.shaper();
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let out = rustybuzz::shape(&face, &[], buffer);
    out.glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(i, p)| Glyph {
            id: i.glyph_id as u16,
            cluster: i.cluster,
            x_advance: p.x_advance,
            x_offset: p.x_offset,
            y_offset: p.y_offset,
            x: 0.0,
            kashida: false,
        })
        .collect()
}
