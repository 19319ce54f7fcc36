//! Tables: column widths from the cells' content (HTML's automatic table
//! layout, within the measure), and rows as boxes of cells for pagination.
//!
//! A cell is a [`Piece`] with its own measure and indent (its columns'),
//! set by the same paragraph pipeline as any text. Columns run from the
//! start edge: right to left in a right-to-left document.

use std::ops::Range;

use super::pieces::Piece;
use super::{Geometry, Line};
use crate::model::table::{grid, Grid};
use crate::model::{Block, Document};
use crate::text::FontBook;

/// Space between a cell's text and its box, at the sides, points.
pub const PAD_X: f32 = 4.0;
/// Space between a cell's text and its box, above and below, points.
pub const PAD_Y: f32 = 3.0;
/// Weight of the rules between rows, points.
pub const RULE: f32 = 0.5;
/// Weight of the rule at the top and bottom of a table, points.
pub const OUTER_RULE: f32 = 0.75;

/// The grid of the table block `block`, if it is one.
pub fn table_grid(doc: &Document, block: usize) -> Option<Grid> {
    match doc.blocks.get(block) {
        Some(Block::Table {
            rows, header_rows, ..
        }) => grid(rows, *header_rows, &format!("blocks[{block}]")).ok(),
        _ => None,
    }
}

/// The cell pieces of each table, by block: a contiguous range of pieces.
pub fn cell_ranges(pieces: &[Piece]) -> Vec<(usize, Range<usize>)> {
    let mut out: Vec<(usize, Range<usize>)> = Vec::new();
    for (p, piece) in pieces.iter().enumerate() {
        let (Some(block), Some(_)) = (piece.block, piece.cell) else {
            continue;
        };
        match out.last_mut() {
            Some((b, range)) if *b == block && range.end == p => range.end = p + 1,
            _ => out.push((block, p..p + 1)),
        }
    }
    out
}

/// Sets every cell piece's measure and indent from its table's column
/// widths ([`column_widths`]), each cell's content measured with the text
/// engine (runs without a language in `lang`, the document's).
pub fn size_columns(doc: &Document, pieces: &mut [Piece], fonts: &FontBook, geometry: &Geometry) {
    let lang = Some(doc.lang.as_str());
    for (block, range) in cell_ranges(pieces) {
        let Some(grid) = table_grid(doc, block) else {
            continue;
        };
        let spans: Vec<(usize, usize, f32, f32)> = pieces[range.clone()]
            .iter()
            .filter_map(|piece| {
                let cell = grid.cells.get(piece.cell?)?;
                let (min, max) = super::inline::content_widths(fonts, &piece.paragraph(), lang);
                Some((cell.col, cell.colspan, min + 2.0 * PAD_X, max + 2.0 * PAD_X))
            })
            .collect();
        let widths = column_widths(grid.columns, &spans, geometry.text_width());
        let starts: Vec<f32> = widths
            .iter()
            .scan(0.0, |x, w| {
                let at = *x;
                *x += w;
                Some(at)
            })
            .collect();
        for piece in &mut pieces[range] {
            let Some(cell) = piece.cell.and_then(|k| grid.cells.get(k)) else {
                continue;
            };
            let width: f32 = widths[cell.col..cell.col + cell.colspan].iter().sum();
            piece.indent = starts[cell.col] + PAD_X;
            piece.measure = (width - 2.0 * PAD_X).max(1.0);
        }
    }
}

/// Column widths, points, for cells `(column, span, min, max)` in a
/// table `measure` wide (HTML's automatic layout, the table as wide as
/// the measure): each column's min and max content widths (a spanning
/// cell's shortfall shared evenly by its columns); when the max widths
/// fit, they grow in proportion to fill the measure; else each column
/// gets its min and the room left in proportion to how much more its max
/// wants; when even the mins do not fit, they shrink in proportion (the
/// cells' words then break inside, with a warning).
pub fn column_widths(columns: usize, cells: &[(usize, usize, f32, f32)], measure: f32) -> Vec<f32> {
    let mut min = vec![0.0f32; columns];
    let mut max = vec![0.0f32; columns];
    let mut sorted: Vec<&(usize, usize, f32, f32)> = cells.iter().collect();
    // Single columns first, then wider spans share what is still missing.
    sorted.sort_by_key(|c| c.1);
    for &&(col, span, lo, hi) in &sorted {
        let cols = col..(col + span).min(columns);
        let n = cols.len().max(1) as f32;
        let have_min: f32 = min[cols.clone()].iter().sum();
        let have_max: f32 = max[cols.clone()].iter().sum();
        for c in cols {
            min[c] += (lo - have_min).max(0.0) / n;
            max[c] += (hi - have_max).max(0.0) / n;
        }
    }
    for c in 0..columns {
        max[c] = max[c].max(min[c]).max(1.0);
        min[c] = min[c].max(1.0);
    }
    let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if sum_max <= measure {
        return max.iter().map(|w| w * measure / sum_max).collect();
    }
    if sum_min <= measure {
        let want = sum_max - sum_min;
        let room = measure - sum_min;
        return min
            .iter()
            .zip(&max)
            .map(|(lo, hi)| lo + (hi - lo) * room / want)
            .collect();
    }
    min.iter().map(|w| w * measure / sum_min).collect()
}

/// One row of a table, ready to be placed.
#[derive(Debug, Clone, PartialEq)]
pub struct RowBox {
    /// The table's block.
    pub block: usize,
    /// The row's index.
    pub row: usize,
    /// A header row.
    pub header: bool,
    /// The row's height, points.
    pub height: f32,
    /// The cells that start in this row.
    pub cells: Vec<RowCell>,
    /// A page may break after this row: not inside the header, not
    /// across a cell that spans rows.
    pub breakable: bool,
}

/// A cell of a row: its piece, its box's height (more than the row's when
/// it spans rows) and the lines it shows there (all of them, but in a row
/// taller than a page, which is cut into parts: [`split_tall_rows`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RowCell {
    /// Index of the cell's piece.
    pub piece: usize,
    /// The box's height, points.
    pub height: f32,
    /// The lines of the piece in this row (or part of a row).
    pub lines: Range<usize>,
}

/// Distance between the baselines of a cell's lines.
pub fn cell_leading(piece: &Piece, geometry: &Geometry) -> f32 {
    geometry.leading * piece.size / geometry.body_size
}

/// From a cell box's top to its first baseline.
pub fn first_baseline(piece: &Piece, geometry: &Geometry) -> f32 {
    PAD_Y + 0.72 * cell_leading(piece, geometry)
}

/// The rows of the table whose cells are `pieces[range]`, `set` their lines.
///
/// Rows that a cell spans stay on one page, but for rows a cell spans that
/// are together taller than a page: the spanning cell's lines then all go
/// to its first row (see `deal`), and the rows break like any row. Kept
/// whole, such rows ran off the page's foot.
pub fn rows(
    grid: &Grid,
    block: usize,
    (pieces, range): (&[Piece], Range<usize>),
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> Vec<RowBox> {
    let (mut heights, mut starts, spanning) = cells_by_row(grid, (pieces, range), set, geometry);
    for h in &mut heights {
        *h = h.max(2.0 * PAD_Y + geometry.leading * super::pieces::CELL_SIZE / geometry.body_size);
    }
    let header: f32 = heights[..grid.header_rows].iter().sum();
    let room = geometry.height - geometry.top - geometry.bottom - header - 2.0 * ROW_GAP;
    let dealt = too_tall_to_keep(&spanning, &heights, grid.header_rows, room);
    let mut kept = Vec::new();
    for (k, (p, rows, need)) in spanning.into_iter().enumerate() {
        if dealt[k] {
            deal(
                p,
                rows,
                (&pieces[p], geometry, set[p].len()),
                &mut heights,
                &mut starts,
            );
            continue;
        }
        grow_to_hold(&mut heights, &rows, need);
        let all = RowCell {
            piece: p,
            height: 0.0,
            lines: 0..set[p].len(),
        };
        starts[rows.start].push((all, rows.len()));
        kept.push(rows);
    }
    for cells in &mut starts {
        cells.sort_by_key(|(c, _)| c.piece);
    }
    let held = |r: usize| kept.iter().any(|rows| rows.start <= r && r + 1 < rows.end);
    let spans = |r: usize| kept.iter().any(|rows| rows.contains(&r));
    let boxes: Vec<RowBox> = (0..grid.rows)
        .map(|r| RowBox {
            block,
            row: r,
            header: r < grid.header_rows,
            height: heights[r],
            cells: starts[r]
                .iter()
                .map(|(c, span)| RowCell {
                    height: heights[r..r + span].iter().sum(),
                    ..c.clone()
                })
                .collect(),
            breakable: r >= grid.header_rows && !held(r),
        })
        .collect();
    boxes
        .into_iter()
        .flat_map(|row| {
            if row.height > room && !row.header && !spans(row.row) {
                split_tall_rows(row, (pieces, geometry), room)
            } else {
                vec![row]
            }
        })
        .collect()
}

/// The rows' heights from their one-row cells, each row's one-row cells
/// (with the one row their boxes cover) and the cells that span rows
/// (`(piece, rows, need)`).
fn cells_by_row(
    grid: &Grid,
    (pieces, range): (&[Piece], Range<usize>),
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> (Vec<f32>, Vec<RowCells>, Vec<Spanning>) {
    let mut heights = vec![0.0f32; grid.rows];
    // Each row's cells, with the number of rows each box covers.
    let mut starts: Vec<RowCells> = vec![Vec::new(); grid.rows];
    let mut spanning = Vec::new();
    for p in range {
        let Some(cell) = pieces[p].cell.and_then(|k| grid.cells.get(k)) else {
            continue;
        };
        let need = cell_need(&pieces[p], geometry, set[p].len());
        if cell.rowspan == 1 {
            heights[cell.row] = heights[cell.row].max(need);
            let all = RowCell {
                piece: p,
                height: 0.0,
                lines: 0..set[p].len(),
            };
            starts[cell.row].push((all, 1));
        } else {
            spanning.push((p, cell.row..cell.row + cell.rowspan, need));
        }
    }
    (heights, starts, spanning)
}

/// A row's cells, each with the number of rows its box covers.
type RowCells = Vec<(RowCell, usize)>;
/// A cell that spans rows: its piece, its rows, the height it needs.
type Spanning = (usize, Range<usize>, f32);

/// Grows the last of `rows` so that together they are `need` high.
fn grow_to_hold(heights: &mut [f32], rows: &Range<usize>, need: f32) {
    let have: f32 = heights[rows.clone()].iter().sum();
    if need > have {
        heights[rows.end - 1] += need - have;
    }
}

/// The height a cell of `lines` lines needs, points.
fn cell_need(piece: &Piece, geometry: &Geometry, lines: usize) -> f32 {
    2.0 * PAD_Y + lines.max(1) as f32 * cell_leading(piece, geometry)
}

/// Which spanning cells (`(piece, rows, need)`) are dealt to their rows:
/// those of a run of rows held together by spans that, each spanning cell
/// given its height, is taller than `room` (header rows never are).
fn too_tall_to_keep(
    spanning: &[Spanning],
    heights: &[f32],
    header_rows: usize,
    room: f32,
) -> Vec<bool> {
    let mut grown = heights.to_vec();
    for (_, rows, need) in spanning {
        grow_to_hold(&mut grown, rows, *need);
    }
    // Runs of rows joined by spans, merged where they overlap.
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut by_start: Vec<Range<usize>> = spanning.iter().map(|s| s.1.clone()).collect();
    by_start.sort_by_key(|r| r.start);
    for rows in by_start {
        match runs.last_mut() {
            Some(run) if rows.start < run.end => run.end = run.end.max(rows.end),
            _ => runs.push(rows),
        }
    }
    let too_tall: Vec<Range<usize>> = runs
        .into_iter()
        .filter(|run| run.start >= header_rows && grown[run.clone()].iter().sum::<f32>() > room)
        .collect();
    spanning
        .iter()
        .map(|(_, rows, _)| too_tall.iter().any(|run| run.contains(&rows.start)))
        .collect()
}

/// Deals the lines of a spanning cell (`piece` index `p`) to the rows it
/// spans: all to its first row, which grows to hold them (and is cut into
/// parts that fit pages, [`split_tall_rows`]); the other rows get an empty
/// box of it. Its text then reads at once, from the span's top, in reading
/// order as on the page (dealt a part to each row, it was read in pieces
/// between the rows' other cells).
fn deal(
    p: usize,
    rows: Range<usize>,
    (piece, geometry, lines): (&Piece, &Geometry, usize),
    heights: &mut [f32],
    starts: &mut [RowCells],
) {
    for r in rows.clone() {
        let shown = if r == rows.start {
            0..lines
        } else {
            lines..lines
        };
        heights[r] = heights[r].max(cell_need(piece, geometry, shown.len()));
        let part = RowCell {
            piece: p,
            height: 0.0,
            lines: shown,
        };
        starts[r].push((part, 1));
    }
}

/// Room above a row at the top of a page and before it (pagination's gap).
const ROW_GAP: f32 = 6.0;

/// A body row taller than `room` (the text block less the header rows)
/// cut into parts that fit, each holding the next lines of every cell; a
/// page may break between them. Rows a cell spans into are not cut.
pub fn split_tall_rows(
    row: RowBox,
    (pieces, geometry): (&[Piece], &Geometry),
    room: f32,
) -> Vec<RowBox> {
    let per_part = |c: &RowCell| {
        let lead = cell_leading(&pieces[c.piece], geometry);
        (((room - 2.0 * PAD_Y) / lead).floor() as usize).max(1)
    };
    let parts = row
        .cells
        .iter()
        .map(|c| c.lines.len().div_ceil(per_part(c)))
        .max()
        .unwrap_or(1)
        .max(1);
    (0..parts)
        .map(|k| {
            let cells: Vec<RowCell> = row
                .cells
                .iter()
                .map(|c| {
                    let n = per_part(c);
                    let start = (c.lines.start + k * n).min(c.lines.end);
                    RowCell {
                        piece: c.piece,
                        height: 0.0,
                        lines: start..(start + n).min(c.lines.end),
                    }
                })
                .collect();
            let height = cells
                .iter()
                .map(|c| {
                    2.0 * PAD_Y + c.lines.len() as f32 * cell_leading(&pieces[c.piece], geometry)
                })
                .fold(2.0 * PAD_Y, f32::max);
            RowBox {
                height,
                cells: cells.into_iter().map(|c| RowCell { height, ..c }).collect(),
                breakable: k + 1 < parts || row.breakable,
                ..row.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{column_widths, too_tall_to_keep};

    #[test]
    fn spans_are_dealt_only_in_runs_of_rows_taller_than_the_room() {
        let heights = [10.0, 10.0, 10.0, 10.0, 10.0];
        // Rows 1-2 and 2-3 overlap: one run, 1..4, 30 pt; rows 4.. alone.
        let spanning = [(7, 1..3, 15.0), (8, 2..4, 20.0)];
        assert_eq!(
            too_tall_to_keep(&spanning, &heights, 1, 40.0),
            [false, false]
        );
        assert_eq!(too_tall_to_keep(&spanning, &heights, 1, 25.0), [true, true]);
        // A cell needing more than its rows grows its run (rows 1-2 to 70
        // pt); a run beside it (rows 3-4, 20 pt) stays whole.
        let tall = [(7, 1..3, 70.0), (8, 3..5, 15.0)];
        assert_eq!(too_tall_to_keep(&tall, &heights, 1, 60.0), [true, false]);
        // Header rows are never cut, however tall.
        assert_eq!(
            too_tall_to_keep(&[(7, 0..2, 500.0)], &heights, 2, 25.0),
            [false]
        );
    }

    #[test]
    fn max_widths_fill_the_measure_and_mins_share_the_rest() {
        // Both fit at their max: grown in proportion.
        let w = column_widths(2, &[(0, 1, 10.0, 30.0), (1, 1, 10.0, 10.0)], 80.0);
        assert_eq!(w, vec![60.0, 20.0]);
        // Maxes do not fit: mins plus the room in proportion to what is wanted.
        let w = column_widths(2, &[(0, 1, 10.0, 110.0), (1, 1, 10.0, 10.0)], 60.0);
        assert_eq!(w, vec![50.0, 10.0]);
        // A spanning cell's shortfall is shared by its columns.
        let w = column_widths(
            2,
            &[(0, 1, 5.0, 5.0), (1, 1, 5.0, 5.0), (0, 2, 30.0, 30.0)],
            30.0,
        );
        assert_eq!(w, vec![15.0, 15.0]);
    }
}
