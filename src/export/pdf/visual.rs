//! The text layer of a line in visual order: the encoding that viewers
//! read (PDFium in Chrome and Edge, PDF.js in Firefox, poppler, MuPDF).
//!
//! Those engines take the glyphs of a line as drawn from left to right and
//! rebuild the reading order with a bidi pass of their own, reversing each
//! right-to-left stretch character by character. So:
//!
//! - the runs of a line are written from left to right, and the glyphs of
//!   each run in the order the shaper leaves them (visual: a right-to-left
//!   run's first character is its rightmost glyph);
//! - each glyph is a CID that stands for its share of its cluster's text,
//!   in the order that the engines' reversal turns back into the source: a
//!   right-to-left cluster's text is handed out reversed (a lam-alef
//!   ligature maps to alef, lam; a mark written before its base maps to
//!   the mark), a left-to-right cluster's as it is;
//! - marks are real glyphs with their own characters; word spaces are
//!   space glyphs; nothing is added that the source does not hold (no
//!   direction marks).
//!
//! Engines that keep content-stream order instead (pdfminer, poppler's
//! structure text, `pdftotext -raw`) read right-to-left text backwards
//! from this encoding; [`super::textlayer`] writes the logical-order one
//! (`TextOrder::Logical`) for them.

mod by_runs;
mod joiners;
mod labels;
mod note_marks;

use super::fonts::FontSet;
use super::outlines::{outline, stretch, Outline};
use super::tagging::{Target, Tree};
use super::textlayer::{Apart, TextGlyph};
use crate::error::Result;
use crate::layout::{Glyph, Layout, PlacedLine, Run};
use crate::text::analyze::{digit_group, is_digit};
use crate::text::is_default_ignorable;

/// The text glyphs of a line from left to right, and its outlined glyphs
/// (inserted kashidas, and glyphs left without a character).
pub(super) fn line_glyphs(
    layout: &Layout,
    placed: &PlacedLine,
    fonts: &mut FontSet,
    tree: &Tree,
) -> Result<(Vec<TextGlyph>, Vec<Outline>)> {
    let height = layout.geometry.height;
    let piece = &layout.pieces[placed.piece];
    let mut runs: Vec<&Run> = placed.line.runs.iter().collect();
    let left = |r: &Run| r.glyphs.first().map_or(f32::INFINITY, |g| g.x);
    runs.sort_by(|a, b| left(a).total_cmp(&left(b)));
    let mut line: Vec<Written> = Vec::new();
    let mut outlines = Vec::new();
    let by_runs =
        piece.rtl && by_runs::ltr_to_pdfjs(piece.text.get(placed.line.range.clone()).unwrap_or(""));
    let mut part = (0u16, None);
    // The right-to-left parts of a line written run by run.
    let mut rtl_parts: Vec<u16> = Vec::new();
    for run in runs {
        if by_runs && part.1 != Some(run.level) {
            part = (part.0 + 1, Some(run.level));
            if run.is_rtl() {
                rtl_parts.push(part.0);
            }
        }
        let from = line.len();
        let font = fonts.book().get(run.font);
        let Some(run_text) = piece.text.get(run.range.clone()) else {
            continue;
        };
        let view = RunView {
            placed,
            run,
            font,
            face: font.ttf(),
            scale: run.size / f32::from(font.units_per_em),
            height,
        };
        run_glyphs(&view, run_text, fonts, tree, (&mut line, &mut outlines))?;
        for w in &mut line[from..] {
            w.glyph.part = part.0;
        }
    }
    joiners::into_next_glyph(&mut line, fonts)?;
    fold_spaces_before_marks(&mut line, fonts)?;
    digit_groups_as_read(&mut line);
    close_gaps(&mut line, fonts)?;
    marks_at_the_pen(&mut line);
    leading_marks_apart(&mut line);
    marks_before_weak_runs(&mut line);
    by_runs::neutral_parts_in_reading_order(&mut line, &rtl_parts);
    note_marks::clear_gap_for_pdfium(&mut line);
    let mut glyphs = Vec::with_capacity(line.len());
    let raised = labels::raises(piece, placed);
    for mut w in line {
        w.glyph.invisible |= raised;
        if w.glyph.invisible {
            outlines.push(w.drawn);
        }
        glyphs.push(w.glyph);
    }
    if raised {
        labels::raise(&mut glyphs, height - placed.y);
    }
    Ok((glyphs, outlines))
}

/// What the glyphs of one run share.
struct RunView<'a> {
    placed: &'a PlacedLine,
    run: &'a Run,
    font: &'a crate::text::Font,
    face: ttf_parser::Face<'a>,
    /// Points per font unit.
    scale: f32,
    /// Page height, points.
    height: f32,
}

impl RunView<'_> {
    fn is_mark(&self, g: &Glyph) -> bool {
        self.face
            .tables()
            .gdef
            .and_then(|t| t.glyph_class(ttf_parser::GlyphId(g.id)))
            == Some(ttf_parser::gdef::GlyphClass::Mark)
    }

    /// Where a glyph is drawn, points from the page's left edge.
    fn position(&self, g: &Glyph) -> f32 {
        self.placed.x + g.x + g.x_offset as f32 * self.scale
    }
}

/// The written glyphs of one run, cluster by cluster from left to right.
fn run_glyphs(
    v: &RunView,
    run_text: &str,
    fonts: &mut FontSet,
    tree: &Tree,
    (line, outlines): (&mut Vec<Written>, &mut Vec<Outline>),
) -> Result<()> {
    let (run, placed) = (v.run, v.placed);
    let book = fonts.book();
    let mut drawn: Vec<&Glyph> = Vec::with_capacity(run.glyphs.len());
    for g in &run.glyphs {
        if g.kashida {
            let s = stretch(book, run, g);
            outlines.push(outline(placed, v.height, run, g, v.scale, s, &v.face));
        } else {
            drawn.push(g);
        }
    }
    let mut starts: Vec<usize> = drawn.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut i = 0;
    while i < drawn.len() {
        let cluster = drawn[i].cluster as usize;
        let n = drawn[i..]
            .iter()
            .position(|g| g.cluster as usize != cluster)
            .unwrap_or(drawn.len() - i);
        let mut group: Vec<&Glyph> = drawn[i..i + n].to_vec();
        i += n;
        if run.is_rtl() {
            order_marks(&mut group, &|g: &Glyph| v.is_mark(g), &|g: &Glyph| {
                v.position(g)
            });
        }
        let end = starts
            .iter()
            .find(|&&s| s > cluster)
            .copied()
            .unwrap_or(run_text.len());
        let mut chars: Vec<char> = run_text
            .get(cluster..end)
            .unwrap_or("")
            .chars()
            .filter(|&c| keeps(c))
            .collect();
        if run.is_rtl() {
            chars.reverse();
        }
        let kinds: Vec<bool> = group.iter().map(|g| v.is_mark(g)).collect();
        let at = run.range.start + cluster;
        let target = tree.target(placed.piece, at);
        let shares = marks_to_mark_glyphs(share(&kinds, chars.len()), &kinds, &chars);
        for ((g, share), &mark) in group.iter().zip(shares).zip(&kinds) {
            let drawn = outline(placed, v.height, run, g, v.scale, 1.0, &v.face);
            let Some(share) = share else {
                outlines.push(drawn);
                continue;
            };
            let text: String = chars[share].iter().collect();
            let glyph = text_glyph(v, fonts, g, &text, mark, (target, at))?;
            let group_space = text == " " && digit_group(&run_text[..cluster], &run_text[end..]);
            line.push(Written {
                glyph,
                text,
                mark,
                group_space,
                raised: run.rise != 0.0,
                baseline: v.height - placed.y,
                drawn,
                heights: v
                    .face
                    .glyph_bounding_box(ttf_parser::GlyphId(g.id))
                    .map(|b| (b.y_min, b.y_max)),
            });
        }
    }
    Ok(())
}

/// The text-layer glyph of `g`, which stands for `text`.
fn text_glyph(
    v: &RunView,
    fonts: &mut FontSet,
    g: &Glyph,
    text: &str,
    mark: bool,
    (target, at): (Target, usize),
) -> Result<TextGlyph> {
    let run = v.run;
    let natural = f32::from(v.font.advance(g.id));
    let upem = f32::from(v.font.units_per_em);
    // A raised run (a note's mark) is written on the line's baseline, where
    // engines that group text by baseline keep it in its line, and drawn
    // raised.
    let raised = run.rise != 0.0;
    // A glyph the font raises or lowers (a Nastaliq cascade) is written on
    // the baseline too: engines cut a line where glyphs change height.
    let lifted = (g.y_offset as f32).abs() > MAX_SHIFT * upem;
    let moved = !mark
        && (raised
            || lifted
            || (g.x_offset as f32).abs() > MAX_SHIFT * upem
            || (g.x_advance as f32 - natural).abs() > MAX_SHIFT * upem);
    Ok(TextGlyph {
        target,
        font: run.font,
        size: run.size,
        cid: fonts.cid_text(run.font, g.id, text)?,
        width: fonts.width(run.font, g.id),
        // Written left to right, whatever the run's direction.
        rtl: false,
        carrier: false,
        // A glyph the font moves sideways, or whose advance it
        // changes, is written at the pen, invisible and
        // stretched to its advance, and drawn where it sits:
        // the text layer's glyphs then follow each other
        // without gaps or jumps back, which PDF.js reads as
        // spaces or as new runs.
        invisible: moved,
        // Never 0 or negative (a glyph the font moves back): PDFium and
        // MuPDF misplace a glyph of no or negative width.
        hscale: if moved && natural > 0.0 {
            (g.x_advance as f32 / natural * 100.0).max(1.0)
        } else {
            100.0
        },
        // A glyph the font moves back is written where its advance ends,
        // where the next glyph starts: PDFium orders the text objects of
        // a line by where they start, and one starting past the next
        // would be read after it (`مشتركة` read `مشتكة` and its `ر`
        // further on).
        x: if mark || !moved {
            v.position(g)
        } else {
            let back = (g.x_advance as f32).min(0.0) * v.scale;
            // Just before: the pen's rounding must not put it after.
            v.placed.x + g.x + if back < 0.0 { back - BEFORE } else { 0.0 }
        },
        y: if raised || moved {
            v.height - v.placed.y
        } else {
            v.height - v.placed.y + g.y_offset as f32 * v.scale
        },
        at,
        apart: Apart::No,
        part: 0,
        starts_object: false,
    })
}

/// A glyph of the text layer with its text, and its outline in case the
/// text moves to a carrier.
#[derive(Clone)]
struct Written {
    glyph: TextGlyph,
    text: String,
    /// A mark glyph (zero width).
    mark: bool,
    /// A space between digit groups (`٦ ٠٠٠`).
    group_space: bool,
    /// In a raised run (a note's mark), written on the baseline.
    raised: bool,
    /// The line's baseline (the glyph's `y` is raised or lowered by the
    /// font for marks).
    baseline: f32,
    drawn: Outline,
    /// The glyph's box from bottom to top, font units (none if empty).
    heights: Option<(i16, i16)>,
}

impl Written {
    fn right(&self) -> f32 {
        self.glyph.x + self.glyph.advance()
    }

    fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// How far before the next glyph a glyph the font moves back is written,
/// points: more than the pen's rounding (hundredths of a point, and a
/// thousandth of an em in `TJ`).
const BEFORE: f32 = 0.05;

/// Largest move of a glyph, or change of its advance, in ems, that the
/// text layer follows with the pen: PDF.js reads a jump right of 0.102 em
/// as a space and one left of 0.2 em as a new run.
const MAX_SHIFT: f32 = 0.06;

/// Widest gap, in ems, between two glyphs of a word as written: PDF.js
/// reads a gap of 0.102 em as a space, PDFium one of half a space.
const MAX_GAP: f32 = 0.08;

/// Writes `w`'s glyph stretched (`Tz`) from its left edge to `right`, and
/// invisible (`3 Tr`), so that the text layer has no gap there; the glyph
/// is then drawn, unstretched, as an outline. Returns whether it could
/// (the glyph has a width). PDFium drops characters of glyphs without an
/// outline, so the stretched glyph is the glyph itself, not an empty one.
fn stretch_to(w: &mut Written, right: f32, fonts: &mut FontSet) -> Result<bool> {
    let g = w.glyph;
    let span = right - g.x;
    if g.width <= 0.0 || span <= 0.0 {
        return Ok(false);
    }
    w.glyph = TextGlyph {
        cid: fonts.cid_text(g.font, w.drawn.glyph(), &w.text)?,
        carrier: true,
        invisible: true,
        hscale: span * 1000.0 / (g.width * g.size) * 100.0,
        ..g
    };
    Ok(true)
}

/// Closes the gaps inside words: where the next glyph (marks aside)
/// starts more than [`MAX_GAP`] after a glyph ends (an inserted kashida
/// between them, or a glyph the font moves right), the glyph's text
/// stretches over the gap.
fn close_gaps(line: &mut [Written], fonts: &mut FontSet) -> Result<()> {
    let bases: Vec<usize> = (0..line.len()).filter(|&k| !line[k].mark).collect();
    for pair in bases.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if line[a].is_space() || line[b].is_space() {
            continue;
        }
        let gap = line[b].glyph.x - line[a].right();
        if gap > MAX_GAP * line[a].glyph.size {
            let right = line[b].glyph.x;
            stretch_to(&mut line[a], right, fonts)?;
        }
    }
    Ok(())
}

/// The marks that would be the first glyphs of a line (those of its
/// leftmost cluster, which ends a right-to-left line) are written apart:
/// in a marked-content sequence of their own, which the reading order puts
/// after the rest of the line, invisible on the baseline and drawn as
/// outlines, just before the glyph that then starts the line.
///
/// PDF.js does not place a glyph whose text is a mark: written first, the
/// mark joined the item of the line before, ahead of its line break
/// (`ً من عناصر` came out as the next line's start). Apart, it is an item
/// of its own after its line's, where it belongs. PDFium orders a line's
/// text objects by where they start and reads the line's weak characters
/// (a mark alone is one) as they stand: just left of the letters (and
/// right of the line's end space, written apart too), the mark ends the
/// line's text; on the baseline it stays in its line.
fn leading_marks_apart(line: &mut [Written]) {
    let Some(first) = line.iter().position(|w| !w.is_space()) else {
        return;
    };
    let marks = line[first..].iter().take_while(|w| w.mark).count();
    let Some(start) = line[first + marks..].first().map(|w| w.glyph.x) else {
        return;
    };
    for w in &mut line[first..first + marks] {
        w.glyph.apart = Apart::Mark;
        w.glyph.invisible = true;
        w.glyph.y = w.baseline;
        w.glyph.x = start - BEFORE;
    }
}

/// The marks on a letter that stands just right of a weak run (a number,
/// or punctuation: `دقيقاً.`, `نيابةً،`) are written just left of that
/// run, after it in the stream; the run, the marks and the letter each
/// start a `TJ` of their own.
///
/// PDFium orders a line's text objects by where they start and copies a
/// run of weak characters as drawn (a mark is one): written after the `.`
/// where it stands, a mark came out before its letter (`دقيقا.ً`); just
/// left of the `.`, it leads the run and follows its letter (`دقيقاً.`).
/// The stream order stays the one PDF.js and MuPDF read (the marks between
/// the run and their letter), and no glyph but the marks moves.
fn marks_before_weak_runs(line: &mut [Written]) {
    let weak = |w: &Written| {
        use unicode_bidi::BidiClass::{AN, CS, EN, ES, ET};
        !w.text.is_empty()
            && w.text
                .chars()
                .all(|c| matches!(unicode_bidi::bidi_class(c), AN | CS | EN | ES | ET))
    };
    for k in 1..line.len() {
        if !line[k].mark || line[k - 1].mark || !weak(&line[k - 1]) {
            continue;
        }
        let marks = line[k..].iter().take_while(|w| w.mark).count();
        if line[k..k + marks]
            .iter()
            .any(|w| w.glyph.apart != Apart::No)
            || k + marks == line.len()
        {
            continue;
        }
        let start = (0..k)
            .rev()
            .take_while(|&j| weak(&line[j]))
            .last()
            .unwrap_or(k - 1);
        let x = line[start].glyph.x;
        line[start].glyph.starts_object = true;
        line[k].glyph.starts_object = true;
        line[k + marks].glyph.starts_object = true;
        for w in &mut line[k..k + marks] {
            w.glyph.invisible = true;
            w.glyph.y = w.baseline;
            w.glyph.x = x - BEFORE;
        }
    }
}

/// Numbers with spaces between their digit groups (`٦ ٠٠٠`) are written
/// with their groups in reverse order, invisible, and drawn as outlines
/// where they stand.
///
/// The layout reads such a space as a common separator, so the number is
/// drawn in order (a plain space is a bidi neutral, which UAX #9 would put
/// between two numbers ordered right to left: `٠٠٠ ٦` on the page). The
/// engines rebuild the reading order from the drawn order with a bidi pass
/// of their own, in which the space is the neutral again: from the groups
/// in order they read them reversed (PDF.js read `١٩٣ ١` for `١ ١٩٣`), and
/// from the groups reversed they read the source. The text keeps the
/// source's space (PDF.js turns any whitespace glyph, a no-break space
/// too, into a gap: a character would not help).
fn digit_groups_as_read(line: &mut [Written]) {
    let digitish =
        |w: &Written| w.group_space || w.text.chars().all(is_digit) && !w.text.is_empty();
    let mut k = 0;
    while k < line.len() {
        if !line[k].group_space {
            k += 1;
            continue;
        }
        let mut start = k;
        while start > 0 && digitish(&line[start - 1]) {
            start -= 1;
        }
        let mut end = k;
        while end < line.len() && digitish(&line[end]) {
            end += 1;
        }
        let number = &mut line[start..end];
        // Groups and the spaces between them, the last group first.
        let mut groups: Vec<Vec<Written>> = vec![Vec::new()];
        for w in number.iter() {
            if w.group_space {
                groups.push(vec![w.clone()]);
                groups.push(Vec::new());
            } else if let Some(group) = groups.last_mut() {
                group.push(w.clone());
            }
        }
        let mut pen = number[0].glyph.x;
        let reversed = groups.into_iter().rev().flatten();
        for (slot, mut w) in number.iter_mut().zip(reversed) {
            w.glyph.x = pen;
            w.glyph.invisible = true;
            pen = w.right();
            *slot = w;
        }
        k = end;
    }
}

/// Marks are written invisible where the pen stands (just before where
/// the glyph before them ends) and drawn as outlines where they sit: the
/// pen then never jumps for them, which PDFium would read as a space (it
/// takes a move right of half a space inside a `TJ` for one). Just before:
/// PDFium orders a line's text objects by where they start, and the
/// marks' object (invisible) and their letter's (visible) started at the
/// same place, give or take the pen's rounding; their letter came first
/// when it rounded lower (`وُذكرت`).
///
/// Written on the baseline, marks may stand wholly above (or below) the
/// glyph before them (`ّ ُ` over `ن`, after the short `ه` of `النُّهُج`):
/// PDFium starts a new line between two text objects taller than 4.5 pt
/// with no height in common, so that glyph is written invisible too, in
/// the marks' text object.
fn marks_at_the_pen(line: &mut [Written]) {
    let mut pen: Option<f32> = None;
    for k in 0..line.len() {
        if !line[k].mark {
            pen = Some(line[k].right());
            continue;
        }
        let at = pen
            .map(|x| x - BEFORE)
            .or_else(|| line[k..].iter().find(|w| !w.mark).map(|w| w.glyph.x));
        if let Some(at) = at {
            line[k].glyph.x = at;
            line[k].glyph.y = line[k].baseline;
            line[k].glyph.invisible = true;
        }
        if k > 0 && !line[k - 1].mark && !line[k - 1].is_space() && apart_in_height(line, k) {
            line[k - 1].glyph.invisible = true;
        }
    }
}

/// Whether the marks from `k` on, written on the baseline, are taller
/// than PDFium's line test allows and share no height with the glyph
/// before them (above it, or below).
fn apart_in_height(line: &[Written], k: usize) -> bool {
    let marks = line[k..]
        .iter()
        .take_while(|w| w.mark)
        .filter_map(|w| extent(w, w.baseline))
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
    let before = &line[k - 1];
    match (marks, extent(before, before.glyph.y)) {
        (Some(marks), Some(before)) => {
            let common = marks.1.min(before.1) - marks.0.max(before.0);
            marks.1 - marks.0 > PDFIUM_LINE_HEIGHT - MARGIN && common <= 0.0
        }
        _ => false,
    }
}

/// PDFium compares the heights of text objects taller than this (points)
/// to tell lines apart.
const PDFIUM_LINE_HEIGHT: f32 = 4.5;
/// How much taller than our glyph boxes PDFium may find them, points (it
/// measures a shadda with a damma 0.22 pt taller).
const MARGIN: f32 = 0.5;

/// The heights a glyph's box covers on the page (bottom, top), written
/// on `y`.
fn extent(w: &Written, y: f32) -> Option<(f32, f32)> {
    let (bottom, top) = w.heights?;
    let scale = w.drawn.scale;
    Some((y + f32::from(bottom) * scale, y + f32::from(top) * scale))
}

/// A word space written just before a mark (a word whose last letter
/// bears marks, written left to right) joins the glyph before it.
///
/// PDF.js skips the position of marks: it writes the space before the
/// mark, then finds the gap before the mark's base and writes a second
/// one, after the mark, which then lands on the wrong word. The glyph
/// before the space, stretched over the space (its text and the space's),
/// leaves no gap there.
fn fold_spaces_before_marks(line: &mut Vec<Written>, fonts: &mut FontSet) -> Result<()> {
    let mut k = 1;
    while k + 1 < line.len() {
        let fold =
            line[k].is_space() && line[k + 1].mark && !line[k - 1].mark && !line[k - 1].is_space();
        if fold {
            let right = line[k + 1..]
                .iter()
                .find(|w| !w.mark)
                .map_or(line[k].right(), |w| w.glyph.x);
            let text = format!("{}{}", line[k - 1].text, line[k].text);
            let mut joined = Written {
                text,
                ..line[k - 1]
            };
            if stretch_to(&mut joined, right, fonts)? {
                line[k - 1] = joined;
                line.remove(k);
                continue;
            }
        }
        k += 1;
    }
    Ok(())
}

/// Whether a character of the source goes into the text layer: all but
/// the invisible format characters the shaper drops, except the joiners,
/// which spell Persian and Urdu words.
fn keeps(c: char) -> bool {
    !is_default_ignorable(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// Orders the marks written before a right-to-left cluster's base so that
/// the pen never jumps right by much between them: first those at or
/// right of the base's origin, then those left of it, each from left to
/// right. PDFium reads a rightward jump of half a space inside a `TJ` as a
/// space.
fn order_marks(
    group: &mut [&Glyph],
    is_mark: &impl Fn(&Glyph) -> bool,
    position: &impl Fn(&Glyph) -> f32,
) {
    let Some(base) = group.iter().position(|g| !is_mark(g)) else {
        return;
    };
    let origin = position(group[base]) - group[base].x_offset as f32;
    let marks = &mut group[..base];
    marks.sort_by(|a, b| {
        let key = |g: &Glyph| (position(g) < origin - 0.01, position(g));
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
}

/// Shares `chars` characters (already in writing order) among a cluster's
/// glyphs in writing order (`marks[k]`: glyph k is a mark): consecutive
/// slices, one character each, the last base glyph taking what is left (a
/// ligature). Glyphs beyond the characters get none (`None`: they are
/// drawn as outlines), marks first.
pub fn share(marks: &[bool], chars: usize) -> Vec<Option<std::ops::Range<usize>>> {
    let n = marks.len();
    let mut keep = vec![chars > 0; n];
    let mut kept = if chars > 0 { n } else { 0 };
    for pass_marks in [true, false] {
        for k in (0..n).rev() {
            if kept <= chars {
                break;
            }
            if keep[k] && (marks[k] || !pass_marks) {
                keep[k] = false;
                kept -= 1;
            }
        }
    }
    let kept_at: Vec<usize> = (0..n).filter(|&k| keep[k]).collect();
    let Some(&absorber) = kept_at
        .iter()
        .rev()
        .find(|&&k| !marks[k])
        .or(kept_at.last())
    else {
        return vec![None; n];
    };
    let before = kept_at.iter().filter(|&&k| k < absorber).count();
    let after = kept_at.iter().filter(|&&k| k > absorber).count();
    let mut out = vec![None; n];
    let (mut front, mut back) = (0, chars - after);
    for &k in &kept_at {
        out[k] = Some(match k.cmp(&absorber) {
            std::cmp::Ordering::Less => {
                front += 1;
                front - 1..front
            }
            std::cmp::Ordering::Equal => before..chars - after,
            std::cmp::Ordering::Greater => {
                back += 1;
                back - 1..back
            }
        });
    }
    out
}

/// Moves a mark's character from a base glyph to the mark glyph beside it
/// that [`share`] left without one.
///
/// Fonts add base glyphs of their own to a cluster: Amiri puts an
/// extension (an advance of 92 to 371 units) under a kasra or a sukun that
/// needs room (`الصَّنَائِعِ`). Shared by position, that glyph takes the mark's
/// character and the mark glyph none. PDF.js advances its pen by nothing
/// for a glyph whose text holds a nonspacing mark (it takes it for a
/// zero-width diacritic), so from there on its pen ran behind ours by the
/// glyph's advance, and the line's next absolute move (`Td`) showed the lag
/// as a space (4.45 pt on the long vocalized fixture). With the character
/// on the mark glyph, the added glyph is an outline and its gap is closed
/// like a kashida's ([`close_gaps`]).
fn marks_to_mark_glyphs(
    mut shares: Vec<Option<std::ops::Range<usize>>>,
    marks: &[bool],
    chars: &[char],
) -> Vec<Option<std::ops::Range<usize>>> {
    let nonspacing = |c: &char| unicode_bidi::bidi_class(*c) == unicode_bidi::BidiClass::NSM;
    for k in 0..shares.len() {
        let Some(range) = shares[k].clone() else {
            continue;
        };
        if marks[k] || !chars.get(range).is_some_and(|t| t.iter().all(nonspacing)) {
            continue;
        }
        // The glyph and the marks on either side of it, in writing order.
        let from = (0..k).rev().take_while(|&m| marks[m]).last().unwrap_or(k);
        let to = (k + 1..shares.len())
            .take_while(|&m| marks[m])
            .last()
            .unwrap_or(k);
        let taken: Vec<_> = (from..=to).filter_map(|m| shares[m].clone()).collect();
        let on: Vec<usize> = (from..=to).filter(|&m| marks[m]).collect();
        if taken.len() > on.len() {
            continue;
        }
        for share in &mut shares[from..=to] {
            *share = None;
        }
        for (m, range) in on.into_iter().zip(taken) {
            shares[m] = Some(range);
        }
    }
    shares
}

#[cfg(test)]
mod tests {
    use super::{marks_to_mark_glyphs, share};

    #[test]
    fn one_character_per_glyph() {
        assert_eq!(
            share(&[true, true, false], 3),
            [Some(0..1), Some(1..2), Some(2..3)]
        );
    }

    #[test]
    fn a_ligature_takes_what_is_left() {
        // Right to left, reversed: a mark then the lam-alef glyph, for
        // "alef, fatha... " three characters: the base takes two.
        assert_eq!(share(&[true, false], 3), [Some(0..1), Some(1..3)]);
        // Left to right: base first, its marks after it.
        assert_eq!(share(&[false, true], 3), [Some(0..2), Some(2..3)]);
    }

    #[test]
    fn glyphs_beyond_the_characters_are_outlines_marks_first() {
        assert_eq!(share(&[false, true], 1), [Some(0..1), None]);
        assert_eq!(share(&[false, false], 1), [Some(0..1), None]);
        assert_eq!(share(&[true, false], 0), [None, None]);
    }

    #[test]
    fn a_mark_goes_to_its_mark_glyph_not_to_a_glyph_the_font_adds() {
        // Amiri's ain with kasra, left to right: the extension under the
        // kasra, the kasra, the ain; characters reversed: kasra, ain.
        let marks = [false, true, false];
        let chars = ['\u{0650}', '\u{0639}'];
        let shares = marks_to_mark_glyphs(share(&marks, 2), &marks, &chars);
        assert_eq!(shares, [None, Some(0..1), Some(1..2)]);
        // The sukun before the extension under it.
        let marks = [true, false, false];
        let chars = ['\u{0652}', '\u{0644}'];
        let shares = marks_to_mark_glyphs(share(&marks, 2), &marks, &chars);
        assert_eq!(shares, [Some(0..1), None, Some(1..2)]);
        // A base glyph with a letter keeps it.
        let marks = [false, true];
        let chars = ['\u{0644}'];
        let shares = marks_to_mark_glyphs(share(&marks, 1), &marks, &chars);
        assert_eq!(shares, [Some(0..1), None]);
        // Hah with shadda and kasra: the extension, two marks, the hah.
        let marks = [false, true, true, false];
        let chars = ['\u{0650}', '\u{0651}', '\u{062D}'];
        let shares = marks_to_mark_glyphs(share(&marks, 3), &marks, &chars);
        assert_eq!(shares, [None, Some(0..1), Some(1..2), Some(2..3)]);
    }
}
