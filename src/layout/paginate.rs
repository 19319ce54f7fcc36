//! Pagination: lines onto A4 pages with the UN layout rules.
//!
//! - a heading is kept with the first two lines of what follows it, and a
//!   recommendation's heading with the first two lines of its text;
//! - a paragraph is only split with at least two lines on each side
//!   (no widow, no orphan);
//! - a hanging number or label sits on the baseline of its text's first line;
//! - the running header (the symbol) and the footer (job number, page/pages)
//!   are furniture lines, set like any text.

use super::limits::FURNITURE_SET_BYTES;
use super::pieces::{Piece, Role};
use super::set_paragraph;
use super::{Geometry, Line, Page, PlacedLine};
use crate::model::Document;
use crate::text::{Align, FontBook, StyleRun};

/// Space above a piece of each role, in points (dropped at the top of a page).
fn space_before(role: Role) -> f32 {
    match role {
        Role::Title => 0.0,
        Role::Subtitle => 4.0,
        Role::Heading(1) => 18.0,
        Role::Heading(_) => 12.0,
        Role::RecommendationHeading => 10.0,
        Role::Body | Role::ItemBody => 6.0,
        Role::Number | Role::Label | Role::Header | Role::Footer => 0.0,
    }
}

/// Distance between baselines of a piece's lines.
fn leading(piece: &Piece, geometry: &Geometry) -> f32 {
    geometry.leading * piece.size / geometry.body_size
}

/// One line in the flow, before it is placed.
struct Slot {
    piece: usize,
    index: usize,
    /// Vertical advance from the previous slot's baseline to this one's.
    advance: f32,
    /// The first advance on a page: without the space before.
    top_advance: f32,
    /// A page break is allowed after this slot.
    breakable: bool,
}

/// Places the set pieces on pages and adds the running header and footer.
///
/// `pieces` gains the furniture pieces; `set[i]` are the lines of `pieces[i]`.
pub fn paginate(
    doc: &Document,
    fonts: &FontBook,
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    set: Vec<Vec<Line>>,
) -> Vec<Page> {
    let slots = flow(pieces, &set, geometry);
    let mut pages: Vec<Page> = Vec::new();
    let first_baseline = geometry.top;
    let limit = geometry.height - geometry.bottom;

    let mut current: Vec<(usize, f32)> = Vec::new(); // (slot index, baseline)
    let mut y = first_baseline;
    let mut i = 0;
    while i < slots.len() {
        let slot = &slots[i];
        let next_y = if current.is_empty() {
            first_baseline + slot.top_advance
        } else {
            y + slot.advance
        };
        if next_y <= limit || current.is_empty() {
            current.push((i, next_y));
            y = next_y;
            i += 1;
            continue;
        }
        // Overflow: break after the last breakable slot on this page, if any.
        let keep = current
            .iter()
            .rposition(|&(s, _)| slots[s].breakable)
            .map_or(current.len(), |k| k + 1);
        let moved = current.len() - keep;
        current.truncate(keep);
        pages.push(place_page(
            pages.len() + 1,
            &current,
            &slots,
            pieces,
            &set,
            geometry,
        ));
        current.clear();
        i -= moved;
        y = first_baseline;
    }
    if !current.is_empty() || pages.is_empty() {
        pages.push(place_page(
            pages.len() + 1,
            &current,
            &slots,
            pieces,
            &set,
            geometry,
        ));
    }
    add_furniture(doc, fonts, geometry, pieces, &mut pages);
    pages
}

/// The flow of line slots, with their advances and break permissions.
fn flow(pieces: &[Piece], set: &[Vec<Line>], geometry: &Geometry) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    for (p, piece) in pieces.iter().enumerate() {
        // Hanging numbers and labels ride on the next piece's first line.
        if matches!(piece.role, Role::Number | Role::Label) {
            continue;
        }
        let lead = leading(piece, geometry);
        let n = set[p].len();
        for index in 0..n {
            let first = index == 0;
            let before = if first { space_before(piece.role) } else { 0.0 };
            // At least two lines of a paragraph on each side of a break.
            let breakable = match piece.role {
                Role::Title | Role::Subtitle => false,
                Role::Heading(_) | Role::RecommendationHeading => false,
                _ => index + 1 >= 2.min(n) && n - 1 - index >= 2 || index + 1 == n,
            };
            slots.push(Slot {
                piece: p,
                index,
                advance: before + lead,
                top_advance: lead,
                breakable,
            });
        }
        // A heading keeps with the first two lines of what follows: the
        // break rule above already forbids a break after a first line.
    }
    // The title block stays with the first two lines after it.
    slots
}

fn place_page(
    number: usize,
    slots_on_page: &[(usize, f32)],
    slots: &[Slot],
    pieces: &[Piece],
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> Page {
    let mut lines = Vec::new();
    for &(s, y) in slots_on_page {
        let slot = &slots[s];
        // A number or label piece directly before this piece, in the same
        // block, hangs on this piece's first line.
        if slot.index == 0 && slot.piece > 0 {
            let prev = slot.piece - 1;
            if matches!(pieces[prev].role, Role::Number | Role::Label)
                && pieces[prev].block == pieces[slot.piece].block
            {
                for (k, line) in set[prev].iter().enumerate() {
                    let y = y + k as f32 * leading(&pieces[prev], geometry);
                    lines.push(place(prev, k, y, line, &pieces[prev], geometry));
                }
            }
        }
        let line = &set[slot.piece][slot.index];
        lines.push(place(
            slot.piece,
            slot.index,
            y,
            line,
            &pieces[slot.piece],
            geometry,
        ));
    }
    Page {
        number,
        lines,
        furniture: Vec::new(),
    }
}

fn place(
    piece_index: usize,
    index: usize,
    y: f32,
    line: &Line,
    piece: &Piece,
    geometry: &Geometry,
) -> PlacedLine {
    let left = geometry.line_left(piece.rtl, piece.indent, piece.measure);
    let slack = piece.measure - line.width;
    let offset = if line.justified {
        0.0
    } else {
        match piece.align {
            Align::Center => slack / 2.0,
            _ if piece.rtl => slack,
            _ => 0.0,
        }
    };
    PlacedLine {
        piece: piece_index,
        index,
        x: left + offset,
        y,
        line: line.clone(),
    }
}

/// Font size of the running header and footer.
const FURNITURE_SIZE: f32 = 10.0;
/// Space between the job number and the page number in the footer.
const FOOTER_GAP: &str = "   ";

/// Sets and places the running header and footer of every page.
///
/// Each is one line: a symbol or job number longer than its line is clipped
/// to what fits ([`fit_furniture`]), once per document. The header is set
/// once and placed on every page; the footer differs by its page number
/// only, a line of bounded length set per page.
fn add_furniture(
    doc: &Document,
    fonts: &FontBook,
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    pages: &mut [Page],
) {
    let total = pages.len();
    let measure = geometry.text_width();
    let header = doc.symbol.as_deref().map(|symbol| {
        let (text, clipped) = fit_furniture(fonts, symbol, measure);
        let piece = furniture_piece(Role::Header, "symbol", text, clipped, measure);
        let line = set_paragraph(fonts, &piece.paragraph()).into_iter().next();
        (piece, line)
    });
    let job = doc.job_number.as_deref().map(|job| {
        // Room for the widest page number, `total/total`.
        let folio = furniture_piece(
            Role::Footer,
            "",
            format!("{FOOTER_GAP}{total}/{total}"),
            false,
            measure,
        );
        let reserve = set_paragraph(fonts, &folio.paragraph())
            .first()
            .map_or(0.0, |l| l.width);
        fit_furniture(fonts, job, (measure - reserve).max(measure / 2.0))
    });
    for page in pages.iter_mut() {
        // Odd pages carry the furniture at the right edge, even pages at the left.
        let right = page.number % 2 == 1;
        let x = |line: &Line| {
            if right {
                geometry.width - geometry.right - line.width
            } else {
                geometry.left
            }
        };
        if let Some((piece, line)) = &header {
            if let Some(line) = line {
                page.furniture.push(PlacedLine {
                    piece: pieces.len(),
                    index: 0,
                    x: x(line),
                    y: geometry.header_y,
                    line: line.clone(),
                });
            }
            pieces.push(piece.clone());
        }
        let folio = format!("{}/{}", page.number, total);
        let (text, clipped) = match &job {
            Some((job, clipped)) if right => (format!("{job}{FOOTER_GAP}{folio}"), *clipped),
            Some((job, clipped)) => (format!("{folio}{FOOTER_GAP}{job}"), *clipped),
            None => (folio.clone(), false),
        };
        let mut piece = furniture_piece(Role::Footer, "job_number", text, clipped, measure);
        let mut lines = set_paragraph(fonts, &piece.paragraph());
        if lines.len() > 1 {
            // Cannot happen with the room reserved above; never overprint,
            // never lose the page number.
            piece = furniture_piece(Role::Footer, "job_number", folio, clipped, measure);
            lines = set_paragraph(fonts, &piece.paragraph());
        }
        if let Some(line) = lines.into_iter().next() {
            page.furniture.push(PlacedLine {
                piece: pieces.len(),
                index: 0,
                x: x(&line),
                y: geometry.footer_y,
                line,
            });
        }
        pieces.push(piece);
    }
}

/// A piece of furniture: Latin-script (`en`), left to right, unjustified.
fn furniture_piece(role: Role, path: &str, text: String, clipped: bool, measure: f32) -> Piece {
    Piece {
        block: None,
        item: Vec::new(),
        path: path.into(),
        role,
        styles: vec![StyleRun {
            range: 0..text.len(),
            lang: Some("en".into()),
            strong: false,
            raised: false,
        }],
        text,
        rtl: false,
        bold: false,
        size: FURNITURE_SIZE,
        measure,
        indent: 0.0,
        align: Align::Start,
        clipped,
    }
}

/// `text` cut to what one furniture line `measure` wide holds: the first
/// line the breaker makes of its first [`FURNITURE_SET_BYTES`] bytes, so
/// that a huge text costs no more than that prefix. Returns the text and
/// whether it was cut.
fn fit_furniture(fonts: &FontBook, text: &str, measure: f32) -> (String, bool) {
    let mut end = text.len().min(FURNITURE_SET_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = &text[..end];
    let piece = furniture_piece(Role::Header, "", prefix.to_string(), false, measure);
    let lines = set_paragraph(fonts, &piece.paragraph());
    match lines.first() {
        Some(first) if lines.len() > 1 => {
            let cut = prefix[..first.range.end].trim_end();
            (cut.to_string(), true)
        }
        _ => (prefix.to_string(), end < text.len()),
    }
}
