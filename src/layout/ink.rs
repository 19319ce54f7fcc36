//! Leading from ink (issue 16, item 7): lines keep the leading of their
//! size, a regular grid, except where the ink of two adjacent lines would
//! collide; there the lower line moves down just enough.
//!
//! **A collision** (what `tools/typography.py` counts too): two lines on
//! different baselines, and a glyph of each, whose ink boxes overlap
//! horizontally and come less than [`CLEARANCE`] apart vertically (or
//! overlap). A glyph's ink box is its bounding box in the font (the
//! outline's extremes, as `ttf_parser::Face::glyph_bounding_box` gives
//! it), at its shaped position and size, raised with its run; an inserted
//! kashida's is the tatweel's height over the width it is drawn. Boxes
//! overstate the ink of a letter with a tail (a final yeh's box covers the
//! whole glyph), so a line may move where the outlines themselves would
//! just clear: never the other way round.

use std::collections::BTreeMap;

use super::Line;
use crate::text::{FontBook, FontId};

/// The least vertical distance between the ink boxes of glyphs on two
/// adjacent lines, points.
pub const CLEARANCE: f32 = 0.5;

/// Added to [`CLEARANCE`] when lines are moved apart, so that the layout
/// dump's rounding (1/1000 pt) cannot show a distance just under it.
const MARGIN: f32 = 0.02;

/// A glyph's ink box on its line: `left` and `right` from the page's left
/// edge; `up`, the height of its top above the baseline, and `down`, the
/// depth of its bottom below it (negative when the box is above it).
#[derive(Debug, Clone, Copy, PartialEq)]
struct InkBox {
    left: f32,
    right: f32,
    up: f32,
    down: f32,
}

/// The ink of a line (with what rides on its baseline: a hanging number).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LineInk {
    boxes: Vec<InkBox>,
    /// The tallest box's `up`.
    up: f32,
}

impl LineInk {
    /// Adds the boxes of `other`, on the same baseline.
    pub fn extend(&mut self, other: LineInk) {
        self.up = if self.boxes.is_empty() {
            other.up
        } else {
            self.up.max(other.up)
        };
        self.boxes.extend(other.boxes);
    }
}

/// Glyph bounding boxes, font units, read from the fonts once per glyph.
pub(crate) struct InkBoxes<'a> {
    fonts: &'a FontBook,
    faces: BTreeMap<FontId, ttf_parser::Face<'a>>,
    boxes: BTreeMap<(FontId, u16), Option<ttf_parser::Rect>>,
}

impl<'a> InkBoxes<'a> {
    pub fn new(fonts: &'a FontBook) -> Self {
        InkBoxes {
            fonts,
            faces: BTreeMap::new(),
            boxes: BTreeMap::new(),
        }
    }

    fn glyph_box(&mut self, font: FontId, glyph: u16) -> Option<ttf_parser::Rect> {
        let fonts = self.fonts;
        let faces = &mut self.faces;
        *self.boxes.entry((font, glyph)).or_insert_with(|| {
            let face = faces.entry(font).or_insert_with(|| fonts.get(font).ttf());
            face.glyph_bounding_box(ttf_parser::GlyphId(glyph))
        })
    }

    /// The ink of `line`, its left edge at `x` (points from the page's
    /// left edge).
    pub fn line(&mut self, line: &Line, x: f32) -> LineInk {
        let mut out = LineInk::default();
        for run in &line.runs {
            let upem = f32::from(self.fonts.get(run.font).units_per_em.max(1));
            let s = run.size / upem;
            for g in &run.glyphs {
                let Some(b) = self.glyph_box(run.font, g.id) else {
                    continue;
                };
                let origin = x + g.x + g.x_offset as f32 * s;
                let (left, right) = if g.kashida {
                    (x + g.x, x + g.x + g.x_advance as f32 * s)
                } else {
                    (
                        origin + f32::from(b.x_min) * s,
                        origin + f32::from(b.x_max) * s,
                    )
                };
                let dy = g.y_offset as f32 * s + run.rise;
                let ink = InkBox {
                    left,
                    right,
                    up: f32::from(b.y_max) * s + dy,
                    down: -(f32::from(b.y_min) * s + dy),
                };
                out.up = if out.boxes.is_empty() {
                    ink.up
                } else {
                    out.up.max(ink.up)
                };
                out.boxes.push(ink);
            }
        }
        out
    }
}

/// How much farther apart than `advance` the baselines of `upper` and
/// `lower` must be for no glyph of one to collide with a glyph of the
/// other (0 when they clear).
pub(crate) fn extra(upper: &LineInk, lower: &LineInk, advance: f32) -> f32 {
    let mut least = advance;
    for a in &upper.boxes {
        // No box of the lower line reaches this one.
        if a.down + lower.up + CLEARANCE + MARGIN <= least {
            continue;
        }
        for b in &lower.boxes {
            if a.left < b.right && b.left < a.right {
                least = least.max(a.down + b.up + CLEARANCE + MARGIN);
            }
        }
    }
    least - advance
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ink(boxes: &[(f32, f32, f32, f32)]) -> LineInk {
        let mut out = LineInk::default();
        for &(left, right, up, down) in boxes {
            out.extend(LineInk {
                boxes: vec![InkBox {
                    left,
                    right,
                    up,
                    down,
                }],
                up,
            });
        }
        out
    }

    #[test]
    fn lines_move_apart_only_where_boxes_meet() {
        // A kasra 6 pt below the upper baseline over a shadda-fatha stack
        // 14.3 pt above the lower one: 20 pt of leading leave -0.3 pt.
        let upper = ink(&[(100.0, 104.0, 9.0, 6.0), (110.0, 120.0, 8.0, 3.0)]);
        let lower = ink(&[(101.0, 103.0, 14.3, 0.0), (130.0, 140.0, 16.0, 2.0)]);
        let need = 6.0 + 14.3 + CLEARANCE + MARGIN;
        assert!((extra(&upper, &lower, 20.0) - (need - 20.0)).abs() < 1e-4);
        // Side by side, the same boxes do not collide.
        let apart = ink(&[(104.0, 109.0, 30.0, 0.0)]);
        assert_eq!(extra(&upper, &apart, 20.0), 0.0);
        // Touching edges are not an overlap.
        let touching = ink(&[(120.0, 125.0, 30.0, 0.0)]);
        assert_eq!(extra(&upper, &touching, 20.0), 0.0);
    }
}
