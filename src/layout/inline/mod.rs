//! The paragraph pipeline, in one place: itemize → shape → break →
//! justify → reorder.
//!
//! [`set_paragraph`] is the whole pipeline as four verbs (after typst's
//! `inline/`): [`prepare`](prepare::prepare) analyses the paragraph (bidi
//! levels and items, `text::analyze`), shapes every item once
//! (`text::shape`) and measures it; `breakpoints` and
//! [`linebreak`](linebreak::optimal_breaks) choose the lines (UAX #14
//! opportunities less the `ties`, optimal fit); [`finalize`](finalize::finalize) cuts each
//! line into runs (rule L1), justifies it (spaces, then kashidas: `justify`,
//! `kashida`), reorders it (rule L2: `reorder`) and positions its glyphs.
//! Every glyph keeps its cluster, the byte offset of the characters it
//! stands for.

mod finalize;
pub(crate) mod justify;
mod kashida;
pub(crate) mod linebreak;
mod prepare;
pub mod reorder;
mod ties;

use finalize::finalize;
use linebreak::optimal_breaks;
use prepare::{breakpoints, prepare};

use crate::layout::Line;
use crate::text::{FontBook, Paragraph};

/// Sets a paragraph into lines: bidi, itemization, shaping, optimal line
/// breaking, justification (spaces, then kashida) and per-line reordering.
///
/// Lines come out in logical order, their runs and glyphs in visual order.
/// A line's runs cover its text without the spaces it ends with.
///
/// Runs without a language of their own are shaped with the font's default
/// language system; [`set_paragraph_in`] gives them the document's.
pub fn set_paragraph(fonts: &FontBook, para: &Paragraph) -> Vec<Line> {
    set_paragraph_in(fonts, para, None)
}

/// [`set_paragraph`], with `lang` (BCP 47, the document's language) for the
/// runs that have no language of their own: the shaper then applies that
/// language's OpenType forms (`locl`: Urdu digits, Arabic marks), as
/// `hb-shape --language` does. Line runs keep their own language only.
pub fn set_paragraph_in(fonts: &FontBook, para: &Paragraph, lang: Option<&str>) -> Vec<Line> {
    if para.text.is_empty() {
        return Vec::new();
    }
    let prep = prepare(fonts, para, lang);
    let points = breakpoints(&prep);
    let ends = optimal_breaks(&points, para.measure, |i, j| {
        prep.fit(points[i].pos, points[j].pos)
    });
    let mut lines = Vec::with_capacity(ends.len());
    let mut start = 0;
    for (k, &j) in ends.iter().enumerate() {
        let end = points[j].pos;
        let last = k + 1 == ends.len();
        lines.push(finalize(fonts, &prep, start..end, last));
        start = end;
    }
    lines
}

/// The min-content and max-content widths of a paragraph, points (as CSS
/// measures a table cell's content): its widest unbreakable stretch
/// between two break opportunities, and its width on one line. Shaped as
/// [`set_paragraph_in`] shapes it; the paragraph's measure is ignored.
pub fn content_widths(fonts: &FontBook, para: &Paragraph, lang: Option<&str>) -> (f32, f32) {
    if para.text.trim().is_empty() {
        return (0.0, 0.0);
    }
    // No measure: no break inside a word is offered.
    let wide = Paragraph {
        measure: f32::MAX / 4.0,
        ..*para
    };
    let prep = prepare(fonts, &wide, lang);
    // A break the paragraph forbids (inside a symbol kept whole) parts no
    // line.
    let points: Vec<_> = breakpoints(&prep)
        .into_iter()
        .filter(|p| p.penalty.is_finite())
        .collect();
    let max = prep.fit(0, para.text.len()).natural;
    let min = points
        .windows(2)
        .map(|w| prep.fit(w[0].pos, w[1].pos).natural)
        .fold(0.0, f32::max);
    (min, max)
}
