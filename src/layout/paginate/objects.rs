//! Slots that place boxes instead of lines: a table's rows (their cells'
//! lines, boxes and rules) and a figure's image; and the header rows a
//! table repeats at the top of every page it runs onto.

use std::collections::BTreeMap;
use std::ops::Range;

use super::super::table::{self, RowBox, OUTER_RULE, PAD_X, RULE};
use super::balance::Glue;
use super::{leading, place, Placing, Slot};
use crate::image::Images;
use crate::layout::pieces::Piece;
use crate::layout::{Geometry, Line, Page, PlacedCell, PlacedFigure, Rect};
use crate::model::{Block, Document};

/// What a slot places instead of a line.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Object {
    /// A table row.
    Row(RowBox),
    /// A figure's image: its block and size, points.
    Figure {
        block: usize,
        width: f32,
        height: f32,
    },
}

/// The slots of each table's header rows, by the table's block.
pub(super) type Headers = BTreeMap<usize, Vec<usize>>;

/// Space between what comes before a table (or a figure) and its top,
/// and between the top of a page and a table row or image there.
const GAP: f32 = 6.0;
/// Space above a table or a figure that follows text (the text's descent
/// and some air).
const SPACE_ABOVE: f32 = 14.0;

/// The header rows' slots of every table.
pub(super) fn headers(slots: &[Slot]) -> Headers {
    let mut out = Headers::new();
    for (s, slot) in slots.iter().enumerate() {
        if let Some(Object::Row(row)) = &slot.object {
            if row.header {
                out.entry(row.block).or_default().push(s);
            }
        }
    }
    out
}

/// The header rows repeated above slot `s` when it is the first on a
/// page: a body row of a table with header rows.
fn repeated<'a>(placing: &Placing<'a>, s: usize) -> &'a [usize] {
    match placing.slots.get(s).and_then(|slot| slot.object.as_ref()) {
        Some(Object::Row(row)) if !row.header => placing
            .headers
            .get(&row.block)
            .map_or(&[][..], |v| v.as_slice()),
        _ => &[],
    }
}

/// The height of the header rows repeated above slot `s` when it begins
/// a page.
pub(super) fn repeat_height(placing: &Placing, s: usize) -> f32 {
    repeated(placing, s)
        .iter()
        .map(|&h| match &placing.slots[h].object {
            Some(Object::Row(row)) => row.height,
            _ => 0.0,
        })
        .sum()
}

/// The slots of a table's rows (`block`, its cell pieces `range`, and
/// whether a caption comes before them).
pub(super) fn table_slots(
    doc: &Document,
    (block, range, after_caption): (usize, Range<usize>, bool),
    pieces: &[Piece],
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> Vec<Slot> {
    let Some(grid) = table::table_grid(doc, block) else {
        return Vec::new();
    };
    let first = range.start;
    table::rows(&grid, block, (pieces, range), set, geometry)
        .into_iter()
        .map(|row| {
            let glue = match row.row {
                0 if after_caption => Glue::fixed(GAP),
                0 => Glue::flexible(SPACE_ABOVE, 0.5),
                _ => Glue::fixed(0.0),
            };
            let before = glue.space;
            Slot {
                piece: row.cells.first().map_or(first, |c| c.piece),
                index: 0,
                advance: before + row.height,
                top_advance: GAP + row.height,
                glue,
                breakable: row.breakable,
                notes: Vec::new(),
                object: Some(Object::Row(row)),
            }
        })
        .collect()
}

/// The slot of a figure's image (piece `p`): its natural size (a pixel is
/// 1/96 inch) or its `width` times the measure, never wider than the
/// measure nor taller than the text block less room for its caption.
pub(super) fn figure_slot(
    doc: &Document,
    images: &Images,
    p: usize,
    piece: &Piece,
    geometry: &Geometry,
) -> Option<Slot> {
    let block = piece.block?;
    let Some(Block::Figure { src, width, .. }) = doc.blocks.get(block) else {
        return None;
    };
    let image = images.get(src)?;
    let (natural_w, natural_h) = image.natural_size();
    let measure = geometry.text_width();
    let mut w = match width {
        Some(f) => *f as f32 * measure,
        None => natural_w,
    }
    .min(measure);
    let mut h = w * natural_h / natural_w;
    let tallest = geometry.height - geometry.top - geometry.bottom - 4.0 * geometry.leading;
    if h > tallest {
        w *= tallest / h;
        h = tallest;
    }
    Some(Slot {
        piece: p,
        index: 0,
        advance: SPACE_ABOVE + h,
        top_advance: GAP + h,
        glue: Glue::flexible(SPACE_ABOVE, 0.5),
        // The caption, if any, follows on the same page.
        breakable: false,
        notes: Vec::new(),
        object: Some(Object::Figure {
            block,
            width: w,
            height: h,
        }),
    })
}

/// Places the object of slot `s`, its bottom at `y` (`first`: the first
/// slot of the page, under the header rows it repeats).
pub(super) fn place_object(page: &mut Page, (s, y, first): (usize, f32, bool), placing: &Placing) {
    let g = placing.geometry;
    let Some(object) = &placing.slots[s].object else {
        return;
    };
    match object {
        Object::Figure {
            block,
            width,
            height,
        } => {
            let piece = page_piece(placing, *block);
            page.figures.push(PlacedFigure {
                block: *block,
                piece,
                rect: Rect {
                    x: g.left + (g.text_width() - width) / 2.0,
                    y: y - height,
                    width: *width,
                    height: *height,
                },
            });
        }
        Object::Row(row) => {
            let mut top = y - row.height;
            if first {
                let headers = repeated(placing, s);
                top -= repeat_height(placing, s);
                rule(page, placing, top, OUTER_RULE);
                for &h in headers {
                    if let Some(Object::Row(r)) = &placing.slots[h].object {
                        place_row(page, r, top, true, placing);
                        top += r.height;
                    }
                }
            } else if row.row == 0 {
                rule(page, placing, top, OUTER_RULE);
            }
            place_row(page, row, top, false, placing);
        }
    }
}

/// The piece of the figure of `block`.
fn page_piece(placing: &Placing, block: usize) -> usize {
    placing
        .pieces
        .iter()
        .position(|p| p.block == Some(block) && p.role == crate::layout::Role::Figure)
        .unwrap_or(0)
}

/// A rule across the text block at `y` (its top edge), `weight` thick.
fn rule(page: &mut Page, placing: &Placing, y: f32, weight: f32) {
    let g = placing.geometry;
    page.rules.push(Rect {
        x: g.left,
        y: y - weight / 2.0,
        width: g.text_width(),
        height: weight,
    });
}

/// Places a row's cells at `top`: their lines (furniture when the row is
/// a `repeated` header), their boxes, and the rule under each box.
fn place_row(page: &mut Page, row: &RowBox, top: f32, repeated: bool, placing: &Placing) {
    let g = placing.geometry;
    for cell in &row.cells {
        let (p, height) = (cell.piece, cell.height);
        let piece = &placing.pieces[p];
        let lead = leading(piece, g);
        let baseline = top + table::first_baseline(piece, g);
        let lines = placing.set[p].get(cell.lines.clone()).unwrap_or(&[]);
        for (j, line) in lines.iter().enumerate() {
            let k = cell.lines.start + j;
            let placed = place(p, k, baseline + j as f32 * lead, line, piece, g);
            if repeated {
                page.furniture.push(placed);
            } else {
                page.lines.push(placed);
            }
        }
        let width = piece.measure + 2.0 * PAD_X;
        let x = g.line_left(piece.rtl, piece.indent - PAD_X, width);
        let rect = Rect {
            x,
            y: top,
            width,
            height,
        };
        page.cells.push(PlacedCell {
            piece: p,
            rect,
            repeated,
        });
        page.rules.push(Rect {
            x,
            y: top + height - RULE / 2.0,
            width,
            height: RULE,
        });
    }
}
