//! Pagination: lines onto A4 pages with the UN layout rules.
//!
//! - a heading is kept with the first two lines of what follows it, and a
//!   recommendation's heading with the first two lines of its text;
//! - a paragraph is only split with at least two lines on each side
//!   (no widow, no orphan);
//! - a hanging number or label sits on the baseline of its text's first line;
//! - the running header (the symbol) and the footer (job number, page/pages)
//!   are furniture lines, set like any text (`furniture`);
//! - full pages end on one baseline: the space between blocks is glue
//!   (`balance`); a line moves down where its ink would touch the line
//!   above (`super::ink`); a wrapped heading hangs under its text (`hang`).

mod balance;
mod furniture;
mod hang;
mod masthead;
mod notes;
mod objects;

use super::ink::{self, InkBoxes, LineInk};
use super::pieces::{Piece, Role};
use super::{Geometry, Line, Page, PlacedLine, Rect};
use crate::image::Images;
use crate::model::Document;
use crate::text::{Align, FontBook};
use balance::Glue;
use furniture::add_furniture;
use notes::{NoteRun, Notes, PageNotes, NOTE_SEPARATION};
use objects::{Headers, Object};

/// Space above a piece of each role, in points (dropped at the top of a
/// page), and how far it may stretch or shrink to balance the page
/// ([`balance`]): the gaps between paragraphs and list items up to twice
/// their size, the space above headings and tables by half; a third of
/// each may go. The title block and the space under a heading
/// (`after_heading`) do not move.
fn glue_before(role: Role, after_heading: bool) -> Glue {
    match role {
        Role::Title => Glue::fixed(0.0),
        Role::Subtitle => Glue::fixed(4.0),
        Role::Heading(1) => Glue::flexible(18.0, 1.0),
        Role::Heading(_) => Glue::flexible(12.0, 1.0),
        Role::RecommendationHeading => Glue::flexible(10.0, 1.0),
        Role::Body | Role::ItemBody | Role::Caption if after_heading => Glue::fixed(6.0),
        Role::Body | Role::ItemBody => Glue::flexible(6.0, 1.0),
        Role::Caption => Glue::flexible(6.0, 0.5),
        _ => Glue::fixed(0.0),
    }
}

/// Whether a piece is set outside the flow of lines: hanging numbers and
/// labels ride on their text's first line, notes go to the foot of the
/// page, the masthead sits at the top of the first one.
fn outside_flow(role: Role) -> bool {
    matches!(
        role,
        Role::Number
            | Role::Label
            | Role::NoteLabel
            | Role::NoteBody
            | Role::Organisation
            | Role::Symbol
            | Role::Masthead(_)
    )
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
    /// The space before, in `advance`, as glue (not on a page's first slot).
    glue: Glue,
    /// A page break is allowed after this slot.
    breakable: bool,
    /// The notes this line refers to (indices into the notes), in order.
    notes: Vec<usize>,
    /// A table row or a figure placed instead of a line; the slot's
    /// baseline is then the object's bottom.
    object: Option<Object>,
}

/// Places the set pieces on pages and adds the running header and footer.
///
/// `pieces` gains the furniture pieces; `set[i]` are the lines of `pieces[i]`.
pub fn paginate(
    doc: &Document,
    (fonts, images): (&FontBook, &Images),
    geometry: &Geometry,
    pieces: &mut Vec<Piece>,
    mut set: Vec<Vec<Line>>,
) -> Vec<Page> {
    let hangs = hang::hang_headings(doc, fonts, pieces, &mut set);
    let mut ink = InkBoxes::new(fonts);
    let slots = flow(doc, (images, &mut ink, &hangs), pieces, &set, geometry);
    let headers = objects::headers(&slots);
    let placing = Placing {
        slots: &slots,
        pieces,
        set: &set,
        geometry,
        headers: &headers,
        hangs: &hangs,
    };
    let notes = Notes::new(pieces, &set, &mut ink, geometry);
    let masthead = masthead::place(pieces, &set, geometry);
    let first_baseline = masthead.as_ref().map_or(geometry.top, |m| m.bottom);
    let mut state = PageNotes {
        notes: &notes,
        set: &set,
        carry: None,
    };

    let mut pages = fill(&placing, &mut state, first_baseline);
    if pages.is_empty() {
        pages.push(place_page(1, &[], &placing));
    }
    if let Some(m) = masthead {
        let first = &mut pages[0];
        let mut lines = m.lines;
        lines.append(&mut first.lines);
        first.lines = lines;
        first.rules.extend(m.rules);
    }
    add_furniture(doc, fonts, geometry, pieces, &mut pages);
    pages
}

/// Fills pages with the slots from the flow's start at `first_baseline`
/// (under the masthead), breaking each page at its least bad allowed
/// break ([`balance`]) and balancing it.
fn fill(placing: &Placing, state: &mut PageNotes, mut first_baseline: f32) -> Vec<Page> {
    let slots = placing.slots;
    let geometry = placing.geometry;
    let limit = geometry.height - geometry.bottom;
    let mut pages: Vec<Page> = Vec::new();
    let mut current: Vec<(usize, f32)> = Vec::new(); // (slot index, baseline)
    let mut refs: Vec<usize> = Vec::new();
    // The allowed breaks of the page being filled: (slots kept, badness).
    let mut breaks: Vec<(usize, Option<f32>)> = Vec::new();
    let mut y = first_baseline;
    let mut i = 0;
    loop {
        let mut last = false;
        if let Some(slot) = slots.get(i) {
            let next_y = if current.is_empty() {
                first_baseline + slot.top_advance + objects::repeat_height(placing, i)
            } else {
                y + slot.advance
            };
            let mut with = refs.clone();
            with.extend(&slot.notes);
            // How high the page's last baseline can be pulled by its glue.
            let (stretch, shrink) = page_glue(slots, &current, Some(i));
            let tight = next_y - shrink;
            let fits = tight <= limit && state.fit(&with, limit - tight).is_some();
            if fits || current.is_empty() {
                current.push((i, next_y));
                refs = with;
                y = next_y;
                i += 1;
                if slot.breakable {
                    let bad = bottom_target(state, &refs, limit, tight)
                        .and_then(|target| balance::badness(target - next_y, stretch, shrink));
                    breaks.push((current.len(), bad));
                }
                continue;
            }
            // Overflow: break at the least bad allowed break on this page
            // (the latest of equals; the latest when none is good), if any.
            let keep = best_break(&breaks).unwrap_or(current.len());
            let moved = current.len() - keep;
            current.truncate(keep);
            i -= moved;
        } else if current.is_empty() && state.carry.is_none() {
            break;
        } else {
            last = true;
        }
        balance_page(&mut current, slots, state, (first_baseline, limit), last);
        let at = (pages.len() + 1, first_baseline);
        pages.push(close_page(at, &current, placing, state));
        current.clear();
        refs.clear();
        breaks.clear();
        first_baseline = geometry.top;
        y = first_baseline;
    }
    pages
}

/// Moves the baselines of a page's slots `current` so that its last
/// reaches the page's bottom ([`bottom_target`]): pulled up when it holds
/// more than its natural height; stretched down only when it is not the
/// `last` page and its gaps allow it.
fn balance_page(
    current: &mut [(usize, f32)],
    slots: &[Slot],
    state: &PageNotes,
    (first_baseline, limit): (f32, f32),
    last: bool,
) {
    let (stretch, shrink) = page_glue(slots, current, None);
    let bottom = current.last().map_or(first_baseline, |&(_, y)| y);
    let refs: Vec<usize> = current
        .iter()
        .flat_map(|&(s, _)| slots[s].notes.clone())
        .collect();
    let Some(target) = bottom_target(state, &refs, limit, bottom - shrink) else {
        return;
    };
    let delta = target - bottom;
    let glue: Vec<Glue> = current
        .iter()
        .enumerate()
        .map(|(k, &(s, _))| {
            if k == 0 {
                Glue::default()
            } else {
                slots[s].glue
            }
        })
        .collect();
    let mut ys: Vec<f32> = current.iter().map(|&(_, y)| y).collect();
    if delta < 0.0 || (!last && balance::badness(delta, stretch, shrink).is_some()) {
        balance::spread(delta, &glue, &mut ys);
    } else if !last {
        // Past the gaps' limit: the lines' leading (not above an object).
        let leads: Vec<f32> = current
            .iter()
            .enumerate()
            .map(|(k, &(s, _))| match &slots[s] {
                slot if k > 0 && slot.object.is_none() => slot.top_advance * balance::LEAD_STRETCH,
                _ => 0.0,
            })
            .collect();
        balance::spread_with_leading(delta, &glue, &leads, &mut ys);
    }
    for (c, y) in current.iter_mut().zip(ys) {
        c.1 = y;
    }
}

/// The stretch and shrink of the gaps of the page's slots `current` and
/// `next` (the first slot on a page has no gap).
fn page_glue(slots: &[Slot], current: &[(usize, f32)], next: Option<usize>) -> (f32, f32) {
    let on_page: Vec<Glue> = current
        .iter()
        .map(|&(s, _)| s)
        .chain(next)
        .skip(1)
        .map(|s| slots[s].glue)
        .collect();
    balance::totals(&on_page)
}

/// Where the page's last baseline belongs: the bottom of the text block,
/// or, under notes, [`NOTE_SEPARATION`] above the first of the note lines
/// that fit with the body's last baseline at `tight` (its highest);
/// `None` when its notes do not fit (an overfull page is not balanced).
fn bottom_target(state: &PageNotes, refs: &[usize], limit: f32, tight: f32) -> Option<f32> {
    let runs = state.fit(refs, limit - tight)?;
    Some(if runs.iter().all(|r| r.to == r.from) {
        limit
    } else {
        limit - state.height(&runs) - NOTE_SEPARATION
    })
}

/// The number of slots to keep on the page: at its least bad allowed
/// break (the latest of equals), else at its latest; `None` without one.
fn best_break(breaks: &[(usize, Option<f32>)]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for &(keep, bad) in breaks.iter().rev() {
        if let Some(b) = bad {
            if best.is_none_or(|(_, least)| b < least) {
                best = Some((keep, b));
            }
        }
    }
    best.map(|(keep, _)| keep)
        .or_else(|| breaks.last().map(|&(keep, _)| keep))
}

/// The page `number` of the slots `current` (the flow starting at
/// `first_baseline`) with its notes: those its lines refer to, after the
/// rest of a note from the page before; what does not fit is carried to
/// the next page in `state`.
fn close_page(
    (number, first_baseline): (usize, f32),
    current: &[(usize, f32)],
    placing: &Placing,
    state: &mut PageNotes,
) -> Page {
    let Placing {
        slots,
        pieces,
        set,
        geometry,
        ..
    } = *placing;
    let limit = geometry.height - geometry.bottom;
    let refs: Vec<usize> = current
        .iter()
        .flat_map(|&(s, _)| slots[s].notes.clone())
        .collect();
    let bottom = current.last().map_or(first_baseline, |&(_, y)| y);
    let runs = state
        .fit(&refs, limit - bottom)
        .unwrap_or_else(|| state.all_runs(&refs));
    state.carry = runs
        .last()
        .filter(|r| r.to < state.lines(r.note))
        .map(|r| NoteRun {
            note: r.note,
            from: r.to,
            to: state.lines(r.note),
        });
    let mut page = place_page(number, current, placing);
    notes::place_notes(&mut page, &runs, state.notes, (pieces, set), geometry);
    page
}

/// What placing a page's slots needs.
#[derive(Clone, Copy)]
struct Placing<'a> {
    slots: &'a [Slot],
    pieces: &'a [Piece],
    set: &'a [Vec<Line>],
    geometry: &'a Geometry,
    /// The header rows of each table, repeated on the pages it runs onto.
    headers: &'a Headers,
    /// Per piece, how far in its lines after the first hang ([`hang`]).
    hangs: &'a [f32],
}

/// The flow of line slots, with their advances and break permissions; a
/// table's rows and a figure's image as slots of their own.
fn flow(
    doc: &Document,
    (images, ink, hangs): (&Images, &mut InkBoxes, &[f32]),
    pieces: &[Piece],
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    let tables = super::table::cell_ranges(pieces);
    // The ink of the line before, when it is a line (not a table row or
    // a figure): the next line keeps clear of it.
    let mut above: Option<LineInk> = None;
    for (p, piece) in pieces.iter().enumerate() {
        if outside_flow(piece.role) {
            continue;
        }
        match piece.role {
            Role::Cell { .. } => {
                if let Some((block, range)) = tables.iter().find(|(_, r)| r.start == p) {
                    let after_caption = p > 0 && pieces[p - 1].role == Role::Caption;
                    let at = (*block, range.clone(), after_caption);
                    slots.extend(objects::table_slots(doc, at, pieces, set, geometry));
                }
                above = None;
                continue;
            }
            Role::Figure => {
                slots.extend(objects::figure_slot(doc, images, p, piece, geometry));
                above = None;
                continue;
            }
            _ => {}
        }
        let lead = leading(piece, geometry);
        let n = set[p].len();
        let after_heading = slots.last().is_some_and(|s: &Slot| {
            matches!(
                pieces[s.piece].role,
                Role::Heading(_) | Role::RecommendationHeading
            )
        });
        for (index, line) in set[p].iter().enumerate() {
            let first = index == 0;
            // A figure's caption stays close under its image.
            let under_figure = piece.role == Role::Caption && !caption_of_table(pieces, p);
            let mut glue = if first {
                glue_before(piece.role, after_heading || under_figure)
            } else {
                Glue::default()
            };
            let hang = if first { 0.0 } else { hangs[p] };
            let here = line_ink(ink, (p, line, hang), pieces, set, geometry);
            if let Some(up) = &above {
                let short = ink::extra(up, &here, glue.space - glue.shrink + lead);
                keep_clear(&mut glue, short);
            }
            above = Some(here);
            let before = glue.space;
            let breakable = breakable_after(pieces, p, index, n);
            let notes = line_refs(piece, line);
            slots.push(Slot {
                piece: p,
                index,
                advance: before + lead,
                top_advance: lead,
                glue,
                breakable,
                notes,
                object: None,
            });
        }
        // A heading keeps with the first two lines of what follows: the
        // break rule above already forbids a break after a first line.
    }
    // The title block stays with the first two lines after it.
    slots
}

/// The notes whose references are on `line` of `piece`.
fn line_refs(piece: &Piece, line: &Line) -> Vec<usize> {
    piece
        .refs
        .iter()
        .filter(|(r, _)| line.range.contains(&r.start))
        .map(|&(_, k)| k)
        .collect()
}

/// Leading from ink: the space before a line grows where the line above
/// would come `short` points too close to it, shrunk as far as it may,
/// and never shrinks into it.
fn keep_clear(glue: &mut Glue, short: f32) {
    glue.space += (short - glue.shrink).max(0.0);
    glue.shrink = (glue.shrink - short).max(0.0);
}

/// Whether a page may break after line `index` of piece `p` (of `n`): at
/// least two lines of a paragraph on each side of a break.
fn breakable_after(pieces: &[Piece], p: usize, index: usize, n: usize) -> bool {
    let piece = &pieces[p];
    match piece.role {
        Role::Title | Role::Subtitle => false,
        // A table's caption keeps with its first row; a figure's
        // caption with its image, whole.
        Role::Caption => index + 1 == n && !caption_of_table(pieces, p),
        Role::Heading(_) | Role::RecommendationHeading => false,
        // A lead-in ("… التوصيات التالية:", "١- المسائل التنظيمية:")
        // keeps with what it introduces.
        _ if index + 1 == n && leads_in(piece) => false,
        _ => index + 1 >= 2.min(n) && n - 1 - index >= 2 || index + 1 == n,
    }
}

/// The ink of line `line` of piece `p`, with the hanging number or label
/// on its baseline when it is the first.
fn line_ink(
    ink: &mut InkBoxes,
    (p, line, hang): (usize, &Line, f32),
    pieces: &[Piece],
    set: &[Vec<Line>],
    geometry: &Geometry,
) -> LineInk {
    let x = line_x(line, &pieces[p], geometry) + hung(&pieces[p], hang);
    let mut out = ink.line(line, x);
    let first = set[p].first().is_some_and(|l| l.range == line.range);
    if first && p > 0 {
        let prev = &pieces[p - 1];
        if matches!(prev.role, Role::Number | Role::Label) && prev.block == pieces[p].block {
            if let Some(hang) = set[p - 1].first() {
                out.extend(ink.line(hang, line_x(hang, prev, geometry)));
            }
        }
    }
    out
}

/// Whether piece `p`, a caption, is a table's (cells follow it).
fn caption_of_table(pieces: &[Piece], p: usize) -> bool {
    pieces
        .get(p + 1)
        .is_some_and(|next| matches!(next.role, Role::Cell { .. }))
}

/// Whether a text ends with a colon: it introduces what follows.
fn leads_in(piece: &Piece) -> bool {
    matches!(piece.role, Role::Body | Role::ItemBody)
        && piece.text.trim_end().ends_with([':', '：'])
}

fn place_page(number: usize, slots_on_page: &[(usize, f32)], placing: &Placing) -> Page {
    let Placing {
        slots,
        pieces,
        set,
        geometry,
        ..
    } = *placing;
    let mut page = Page {
        number,
        lines: Vec::new(),
        furniture: Vec::new(),
        rules: Vec::new(),
        figures: Vec::new(),
        cells: Vec::new(),
    };
    for (k, &(s, y)) in slots_on_page.iter().enumerate() {
        let slot = &slots[s];
        if slot.object.is_some() {
            objects::place_object(&mut page, (s, y, k == 0), placing);
            continue;
        }
        let lines = &mut page.lines;
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
        let piece = &pieces[slot.piece];
        let mut placed = place(slot.piece, slot.index, y, line, piece, geometry);
        if slot.index > 0 {
            placed.x += hung(piece, placing.hangs[slot.piece]);
        }
        lines.push(placed);
    }
    page
}

fn place(
    piece_index: usize,
    index: usize,
    y: f32,
    line: &Line,
    piece: &Piece,
    geometry: &Geometry,
) -> PlacedLine {
    PlacedLine {
        piece: piece_index,
        index,
        x: line_x(line, piece, geometry),
        y,
        line: line.clone(),
    }
}

/// How far a line of `piece` hanging `hang` points in from its start edge
/// moves right (left in a right-to-left piece).
fn hung(piece: &Piece, hang: f32) -> f32 {
    if piece.rtl {
        -hang
    } else {
        hang
    }
}

/// The left edge of `line` of `piece` on the page: its measure's, moved by
/// the alignment of a line that is not justified.
fn line_x(line: &Line, piece: &Piece, geometry: &Geometry) -> f32 {
    let left = geometry.line_left(piece.rtl, piece.indent, piece.measure);
    let slack = piece.measure - line.width;
    let offset = if line.justified {
        0.0
    } else {
        match piece.align {
            Align::Center => slack / 2.0,
            Align::End if piece.rtl => 0.0,
            Align::End => slack,
            _ if piece.rtl => slack,
            _ => 0.0,
        }
    };
    left + offset
}
