//! Paragraph numbers and list item labels of right-to-left lines, in the
//! visual order: drawn as outlines where they stand, their text written
//! invisible, a tenth of their size and 1.2 em higher, in the space above
//! their line, ending where the drawn number ends.
//!
//! So PDF.js reads a line's end between the number and the line's first
//! word. On the baseline it glued them (`١٦-وأشار`, `(أ)ورقة`: 81 of the 86
//! words its recall of 0.984 missed on the report): the number is written
//! first, then the line from its left end, and PDF.js reads a move left of
//! more than 0.2 em as the start of a run with no space before it, but one
//! that also moves across lines by more than half the size of the text
//! before as a line's end (the number's `Lbl` sequence ends in between,
//! which keeps that size and position).
//!
//! Measured on the report, varying both:
//! - raised less than about 1.05 em, PDFium reads the number inside its
//!   line, after it (`منع -١`: 12 of 42 numbers at 1 em, 32 at 0.6 em);
//! - at the body's size, the number's glyphs reach the line above, and
//!   pdftotext reads the number in that line, before its end; at a tenth
//!   of it, raised from 1.1 to 1.3 em, pdftotext reads as before.
//!
//! PDFium then reads the number on a line of its own, before its line
//! (`١-` and a line break, where it read a space); pdftotext and MuPDF's
//! `mutool` did so before and still do; PyMuPDF reads as before.
//!
//! Written after the line instead (right of it, a third of an em away, in
//! its marked content), PDF.js read the space too, but MuPDF read the
//! number after the line: it keeps the stream order of a line's bidi runs.
//!
//! A left-to-right number stands left of its line, where PDFium and PDF.js
//! read the gap as a space: it stays on the baseline (raised, PDFium read
//! `1.` and `The` on two lines). Only a label's first line is raised: the
//! next ones are a leading lower each, and raised, their text reached the
//! body's line above (mutool read it glued to that line).

use crate::layout::{Piece, PlacedLine, Role};

use super::super::textlayer::TextGlyph;

/// How far above its line a number's or label's text is written, in ems
/// of its drawn size.
const RISE: f32 = 1.2;

/// The size of a number's or label's text, as a share of its drawn size.
const SCALE: f32 = 0.1;

/// Whether the line is a right-to-left number's or label's first: the ones
/// [`raise`] writes (invisible).
pub(super) fn raises(piece: &Piece, placed: &PlacedLine) -> bool {
    piece.rtl && matches!(piece.role, Role::Number | Role::Label) && placed.line.range.start == 0
}

/// Writes the glyphs of such a line, from left to right, small and raised
/// above `baseline`, side by side, ending where the last one ends.
pub(super) fn raise(glyphs: &mut [TextGlyph], baseline: f32) {
    let Some(right) = glyphs.iter().map(|g| g.x + g.advance()).reduce(f32::max) else {
        return;
    };
    let small: f32 = glyphs.iter().map(|g| g.advance() * SCALE).sum();
    let mut pen = right - small;
    for g in glyphs.iter_mut() {
        g.y = baseline + RISE * g.size;
        g.size *= SCALE;
        g.x = pen;
        pen += g.advance();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::tagging::Target;
    use crate::export::pdf::textlayer::Apart;
    use crate::text::FontId;

    fn glyph(x: f32, width: f32, hscale: f32) -> TextGlyph {
        TextGlyph {
            target: Target::Artifact,
            font: FontId(0),
            size: 12.0,
            cid: 1,
            width,
            rtl: false,
            carrier: false,
            hscale,
            invisible: true,
            x,
            y: 700.0,
            at: 0,
            apart: Apart::No,
            part: 0,
            starts_object: false,
        }
    }

    #[test]
    fn raised_glyphs_follow_each_other_and_end_where_the_number_ends() {
        // `١٦-` as drawn: 500, 500 and 400 thousandths of an em, the last
        // one stretched to 150 %; it ends at 100 + 6 + 6 + 7.2 = 119.2 pt.
        let mut glyphs = vec![
            glyph(100.0, 500.0, 100.0),
            glyph(106.0, 500.0, 100.0),
            glyph(112.0, 400.0, 150.0),
        ];
        raise(&mut glyphs, 700.0);
        let end = glyphs[2].x + glyphs[2].advance();
        assert!((end - 119.2).abs() < 1e-3, "{end}");
        for pair in glyphs.windows(2) {
            let gap = pair[1].x - (pair[0].x + pair[0].advance());
            assert!(gap.abs() < 1e-4, "a gap of {gap} pt");
        }
        for g in &glyphs {
            assert!((g.size - 1.2).abs() < 1e-6, "{}", g.size);
            assert!((g.y - (700.0 + 14.4)).abs() < 1e-3, "{}", g.y);
        }
    }
}
