//! Pagination: lines onto A4 pages with the UN layout rules.
//!
//! - a heading is kept with the first two lines of what follows it, and a
//!   recommendation's heading with the first two lines of its text;
//! - a paragraph is only split with at least two lines on each side
//!   (no widow, no orphan);
//! - a hanging number or label sits on the baseline of its text's first line;
//! - the running header (the symbol) and the footer (job number, page/pages)
//!   are furniture lines, set like any text.

use super::pieces::{Piece, Role, StyleRun};
use super::{Geometry, Line, Page, PlacedLine};
use crate::model::Document;
use crate::text::{set_paragraph, Align, FontBook};

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

/// Sets and places the running header and footer of every page.
fn add_furniture(
    doc: &Document,
    fonts: &FontBook,
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    pages: &mut [Page],
) {
    let total = pages.len();
    let size = 10.0;
    for page in pages.iter_mut() {
        // Odd pages carry the furniture at the right edge, even pages at the left.
        let right = page.number % 2 == 1;
        let align_left = !right;
        let mut items: Vec<(Role, String, f32)> = Vec::new();
        if let Some(symbol) = &doc.symbol {
            items.push((Role::Header, symbol.clone(), geometry.header_y));
        }
        let folio = format!("{}/{}", page.number, total);
        let footer = match &doc.job_number {
            Some(job) if right => format!("{job}   {folio}"),
            Some(job) => format!("{folio}   {job}"),
            None => folio,
        };
        items.push((Role::Footer, footer, geometry.footer_y));
        for (role, text, y) in items {
            let piece = Piece {
                block: None,
                item: Vec::new(),
                path: String::new(),
                role,
                styles: vec![StyleRun {
                    range: 0..text.len(),
                    lang: Some("en".into()),
                    strong: false,
                }],
                text,
                rtl: false,
                bold: false,
                size,
                measure: geometry.text_width(),
                indent: 0.0,
                align: Align::Start,
            };
            let lines = set_paragraph(fonts, &piece.paragraph());
            let index = pieces.len();
            for (k, line) in lines.iter().enumerate() {
                let x = if align_left {
                    geometry.left
                } else {
                    geometry.width - geometry.right - line.width
                };
                page.furniture.push(PlacedLine {
                    piece: index,
                    index: k,
                    x,
                    y,
                    line: line.clone(),
                });
            }
            pieces.push(piece);
        }
    }
}
