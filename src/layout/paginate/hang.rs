//! A heading that wraps continues under its text, not under its label
//! (issue 16, item 6): "جيم - توصيات بشأن …" sets its first line at the
//! full measure and every later line in from the start edge by the
//! label's width ("جيم - ", the separator's space included), the measure
//! shorter by as much — a hanging indent, as paragraph numbers hang.

use super::super::{set_paragraph_in, Line};
use super::Piece;
use crate::layout::Role;
use crate::model::semantics::heading_prefix;
use crate::model::{Block, Document};
use crate::text::{FontBook, StyleRun};

/// Sets the lines after the first of every wrapped heading with a label
/// again, hanging under its text; returns each piece's hang (points in
/// from its start edge of its lines after the first; 0 for most).
pub(super) fn hang_headings(
    doc: &Document,
    fonts: &FontBook,
    pieces: &[Piece],
    set: &mut [Vec<Line>],
) -> Vec<f32> {
    let mut hangs = vec![0.0; pieces.len()];
    for (p, piece) in pieces.iter().enumerate() {
        if !matches!(piece.role, Role::Heading(_)) || set[p].len() < 2 {
            continue;
        }
        let Some(Block::Heading { label, .. }) = piece.block.and_then(|b| doc.blocks.get(b)) else {
            continue;
        };
        let Some(prefix) = heading_prefix(label.as_deref()) else {
            continue;
        };
        if !piece.text.starts_with(&prefix) {
            continue;
        }
        let hang = prefix_width(fonts, &set[p][0], prefix.len());
        // A label wider than half the line would leave the text too
        // narrow a column: it wraps under the label, as before.
        if hang <= 0.0 || hang > piece.measure / 2.0 {
            continue;
        }
        let start = set[p][0].range.end;
        let styles = styles_from(&piece.styles, start);
        let para = crate::text::Paragraph {
            text: &piece.text[start..],
            styles: &styles,
            measure: piece.measure - hang,
            ..piece.paragraph()
        };
        let mut rest = set_paragraph_in(fonts, &para, Some(&doc.lang));
        for line in &mut rest {
            line.range = line.range.start + start..line.range.end + start;
            for run in &mut line.runs {
                run.range = run.range.start + start..run.range.end + start;
            }
        }
        set[p].truncate(1);
        set[p].append(&mut rest);
        hangs[p] = hang;
    }
    hangs
}

/// The advance of the glyphs of `line` whose text is in its piece's first
/// `len` bytes, points.
fn prefix_width(fonts: &FontBook, line: &Line, len: usize) -> f32 {
    let mut width = 0.0;
    for run in &line.runs {
        let scale = run.size / f32::from(fonts.get(run.font).units_per_em.max(1));
        for g in &run.glyphs {
            if run.range.start + g.cluster as usize >= len {
                continue;
            }
            width += g.x_advance as f32 * scale;
        }
    }
    width
}

/// The style runs of the text from byte `start` on, counted from there.
fn styles_from(styles: &[StyleRun], start: usize) -> Vec<StyleRun> {
    styles
        .iter()
        .filter(|s| s.range.end > start)
        .map(|s| StyleRun {
            range: s.range.start.max(start) - start..s.range.end - start,
            ..s.clone()
        })
        .collect()
}
