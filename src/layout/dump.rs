//! The layout dump: `warraq layout INPUT`, a JSON view of every placed glyph.
//!
//! Scripts depend on these field names; extend, never rename.

use serde::Serialize;

use super::{Layout, PlacedLine};
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

/// Rounds to 1/1000 pt so that the dump is stable and readable.
fn r(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// The layout dump as pretty-printed JSON.
///
/// A line whose piece or ranges are not in the layout (a layout built or
/// edited by hand that [`Layout::check`] would refuse) is left out, and a
/// run's text outside its piece is empty: the dump never panics.
pub fn dump_json(layout: &Layout, fonts: &FontBook) -> String {
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
            rules: page
                .rules
                .iter()
                .map(|q| [r(q.x), r(q.y), r(q.width), r(q.height)])
                .collect(),
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
        role: format!("{:?}", piece.role).to_lowercase(),
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
