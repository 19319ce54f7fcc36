//! The layout dump: `warraq layout INPUT`, a JSON view of every placed glyph.
//!
//! Scripts depend on these field names; extend, never rename.

use serde::Serialize;

use std::collections::BTreeMap;

use super::{Layout, Page, PlacedLine, Rect};
use crate::model::{Block, Document};
use crate::text::FontBook;

#[derive(Serialize)]
struct DumpLayout<'a> {
    pages: Vec<DumpPage<'a>>,
}

#[derive(Serialize)]
struct DumpPage<'a> {
    number: usize,
    lines: Vec<DumpLine<'a>>,
    /// Rules and barcode bars: `[x, y, width, height]` (top-left origin).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rules: Vec<[f32; 4]>,
    /// Table cells' boxes on the page, in reading order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cells: Vec<DumpCell<'a>>,
    /// Figures' images on the page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    figures: Vec<DumpFigure<'a>>,
}

#[derive(Serialize)]
struct DumpCell<'a> {
    /// The table's block.
    block: Option<usize>,
    /// The cell's JSON path (`blocks[3].rows[2][1]`).
    path: &'a str,
    /// Row and column on the table's grid (0-based; columns from the start edge).
    row: usize,
    col: usize,
    colspan: usize,
    rowspan: usize,
    /// A header cell.
    header: bool,
    /// A header row repeated at the top of a page the table runs onto
    /// (its lines are furniture: not in `lines`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    repeated: bool,
    /// `[x, y, width, height]` of the box (top-left origin).
    rect: [f32; 4],
    /// The cell's lines, as the text layer reads them.
    text: Vec<&'a str>,
}

#[derive(Serialize)]
struct DumpFigure<'a> {
    block: usize,
    /// The image's file, as the document names it.
    src: &'a str,
    /// Its size in pixels.
    pixels: [u32; 2],
    /// `[x, y, width, height]` of the image (top-left origin).
    rect: [f32; 4],
}

#[derive(Serialize)]
struct DumpLine<'a> {
    /// Index of the block in the document; `null` for the title block.
    block: Option<usize>,
    /// Role of the line's piece (`body`, `number`, `heading`…).
    role: String,
    line: usize,
    text: &'a str,
    x: f32,
    y: f32,
    width: f32,
    justified: bool,
    /// A note's label or text: the note's index (0-based, reading order).
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<usize>,
    /// The notes whose reference marks are on this line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    refs: Vec<usize>,
    /// The links whose text is on this line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<&'a str>,
    runs: Vec<DumpRun<'a>>,
}

#[derive(Serialize)]
struct DumpRun<'a> {
    font: &'a str,
    size: f32,
    /// How far the run's baseline sits above the line's, points (a note's
    /// raised reference mark); left out when 0.
    #[serde(skip_serializing_if = "is_zero")]
    rise: f32,
    level: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    text: &'a str,
    glyphs: Vec<DumpGlyph>,
}

#[derive(Serialize)]
struct DumpGlyph {
    id: u16,
    cluster: u32,
    x_advance: i32,
    x_offset: i32,
    y_offset: i32,
    x: f32,
    kashida: bool,
}

fn is_zero(v: &f32) -> bool {
    *v == 0.0
}

/// Rounds to 1/1000 pt so that the dump is stable and readable.
fn r(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

fn rect(q: &Rect) -> [f32; 4] {
    [r(q.x), r(q.y), r(q.width), r(q.height)]
}

/// The cells of a page: each box with its place on the grid and its lines.
fn dump_cells<'a>(layout: &'a Layout, doc: &Document, page: &'a Page) -> Vec<DumpCell<'a>> {
    let mut grids = BTreeMap::new();
    page.cells
        .iter()
        .filter_map(|cell| {
            let piece = layout.pieces.get(cell.piece)?;
            let block = piece.block?;
            let grid = grids
                .entry(block)
                .or_insert_with(|| super::table::table_grid(doc, block));
            let g = *grid.as_ref()?.cells.get(piece.cell?)?;
            let lines = if cell.repeated {
                &page.furniture
            } else {
                &page.lines
            };
            let text = lines
                .iter()
                .filter(|l| l.piece == cell.piece)
                .filter_map(|l| piece.text.get(l.line.range.clone()))
                .collect();
            Some(DumpCell {
                block: piece.block,
                path: &piece.path,
                row: g.row,
                col: g.col,
                colspan: g.colspan,
                rowspan: g.rowspan,
                header: g.header,
                repeated: cell.repeated,
                rect: rect(&cell.rect),
                text,
            })
        })
        .collect()
}

/// The figures of a page.
fn dump_figures<'a>(layout: &'a Layout, doc: &'a Document, page: &Page) -> Vec<DumpFigure<'a>> {
    page.figures
        .iter()
        .filter_map(|f| {
            let Some(Block::Figure { src, .. }) = doc.blocks.get(f.block) else {
                return None;
            };
            let image = layout.images.get(src)?;
            Some(DumpFigure {
                block: f.block,
                src,
                pixels: [image.width, image.height],
                rect: rect(&f.rect),
            })
        })
        .collect()
}

/// The layout dump as pretty-printed JSON.
///
/// A line whose piece or ranges are not in the layout (a layout built or
/// edited by hand that [`Layout::check`] would refuse) is left out, and a
/// run's text outside its piece is empty: the dump never panics. Without
/// the document, the dump has no table cells or figures
/// ([`dump_json_of`] has them).
pub fn dump_json(layout: &Layout, fonts: &FontBook) -> String {
    dump(layout, fonts, None)
}

/// [`dump_json`] with the table cells (their grid places, boxes and
/// lines) and the figures (their images' files, pixels and boxes) of
/// `doc`, which `layout` was made from.
pub fn dump_json_of(layout: &Layout, fonts: &FontBook, doc: &Document) -> String {
    dump(layout, fonts, Some(doc))
}

fn dump(layout: &Layout, fonts: &FontBook, doc: Option<&Document>) -> String {
    let pages = layout
        .pages
        .iter()
        .map(|page| DumpPage {
            number: page.number,
            lines: page
                .lines
                .iter()
                .filter_map(|l| dump_line(layout, fonts, l))
                .collect(),
            rules: page.rules.iter().map(rect).collect(),
            cells: doc.map_or(Vec::new(), |d| dump_cells(layout, d, page)),
            figures: doc.map_or(Vec::new(), |d| dump_figures(layout, d, page)),
        })
        .collect();
    serde_json::to_string_pretty(&DumpLayout { pages }).expect("the dump serializes")
}

fn dump_line<'a>(
    layout: &'a Layout,
    fonts: &'a FontBook,
    placed: &'a PlacedLine,
) -> Option<DumpLine<'a>> {
    let piece = layout.pieces.get(placed.piece)?;
    let line = &placed.line;
    Some(DumpLine {
        block: piece.block,
        role: match piece.role {
            super::Role::Cell { header: true } => "header_cell".into(),
            super::Role::Cell { header: false } => "cell".into(),
            role => format!("{role:?}").to_lowercase(),
        },
        line: placed.index,
        text: piece.text.get(line.range.clone())?,
        x: r(placed.x),
        y: r(placed.y),
        width: r(line.width),
        justified: line.justified,
        note: piece.note,
        refs: piece
            .refs
            .iter()
            .filter(|(range, _)| line.range.contains(&range.start))
            .map(|&(_, k)| k)
            .collect(),
        links: piece
            .links
            .iter()
            .filter(|(range, _)| range.start < line.range.end && line.range.start < range.end)
            .map(|(_, href)| href.as_str())
            .collect(),
        runs: line
            .runs
            .iter()
            .map(|run| DumpRun {
                font: &fonts.get(run.font).name,
                size: run.size,
                rise: r(run.rise),
                level: run.level,
                lang: run.lang.as_deref(),
                text: piece.text.get(run.range.clone()).unwrap_or(""),
                glyphs: run
                    .glyphs
                    .iter()
                    .map(|g| DumpGlyph {
                        id: g.id,
                        cluster: g.cluster,
                        x_advance: g.x_advance,
                        x_offset: g.x_offset,
                        y_offset: g.y_offset,
                        x: r(placed.x + g.x),
                        kashida: g.kashida,
                    })
                    .collect(),
            })
            .collect(),
    })
}
