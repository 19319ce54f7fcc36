//! The text layer of a line: its glyphs in logical order, each a CID
//! that maps to one character, with the carriers, direction marks and
//! bridges that make every extractor read the line in logical order.

use super::fonts::FontSet;
use super::outlines::{outline, stretch, Outline};
use super::tagging::{Target, Tree};
use crate::error::Result;
use crate::layout::{Glyph, Layout, PlacedLine, Role, Run};
use crate::text::{is_default_ignorable, FontId};

/// One glyph of the text layer, in PDF user space (origin bottom-left).
#[derive(Debug, Clone, Copy)]
pub(super) struct TextGlyph {
    pub(super) target: Target,
    pub(super) font: FontId,
    pub(super) size: f32,
    pub(super) cid: u16,
    /// Advance in thousandths of an em (the font's `/W`).
    pub(super) width: f32,
    /// In a right-to-left run.
    pub(super) rtl: bool,
    /// A carrier (see [`super::fonts`]), not the glyph that draws.
    pub(super) carrier: bool,
    /// Horizontal scaling in percent (`Tz`): 100 but for bridges and
    /// stretched glyphs.
    pub(super) hscale: f32,
    /// Written invisible (`3 Tr`): text only, drawn as an outline.
    pub(super) invisible: bool,
    pub(super) x: f32,
    pub(super) y: f32,
    /// Byte offset in the piece's text of the character it stands for
    /// (written by the visual order, where stream order is not reading
    /// order; 0 in the logical order).
    pub(super) at: usize,
    /// Written in a marked-content sequence of its own, or with the line.
    pub(super) apart: Apart,
    /// The bidi level run it belongs to, counted from the left, on a line
    /// written run by run (see `visual::by_runs::ltr_to_pdfjs`); else 0.
    pub(super) part: u16,
    /// Starts a `TJ` of its own where it stands, with its line (see
    /// `visual::marks_before_weak_runs`).
    pub(super) starts_object: bool,
}

impl TextGlyph {
    /// How far the pen moves for the glyph, points.
    pub(super) fn advance(&self) -> f32 {
        self.width * self.size / 1000.0 * self.hscale / 100.0
    }
}

/// Glyphs written apart from their line, each kind in a marked-content
/// sequence of its own that starts where its glyphs stand (see
/// `visual::leading_marks_apart`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Apart {
    /// With the line.
    No,
    /// The marks that would be the first glyphs of a line.
    Mark,
    /// The space a line was broken at, on a line with marks apart.
    Space,
}

/// The space a line was broken at, written at the line's logical end.
///
/// The text engine leaves a line's trailing space out of its runs (it takes
/// no room), but the words on either side of a line break must stay two
/// words in the text layer: for copy and paste, search and screen readers.
/// The space sits just outside the line's end (in the margin for a
/// right-to-left line); it draws nothing.
pub(super) fn line_end_space(
    layout: &Layout,
    placed: &PlacedLine,
    glyphs: &[TextGlyph],
    fonts: &mut FontSet,
) -> Result<Option<TextGlyph>> {
    let piece = &layout.pieces[placed.piece];
    let text = &piece.text[placed.line.range.clone()];
    let Some(last) = glyphs.iter().rev().find(|g| !g.carrier).or(glyphs.last()) else {
        return Ok(None);
    };
    // A table cell's text ends with a space too, an artifact (the cell's
    // element keeps its own text): extractors that read the page put the
    // cells of a row on one line, and pypdf and MuPDF glued them without it.
    // PDF.js still does (`الأرجنتين٢عضو`: it reads no whitespace glyph, and
    // the jump left to the next cell starts an item without a space).
    let cell_end =
        matches!(piece.role, Role::Cell { .. }) && placed.line.range.end == piece.text.len();
    if !text.ends_with(char::is_whitespace) && !cell_end {
        return Ok(None);
    }
    let target = if cell_end {
        Target::Artifact
    } else {
        last.target
    };
    let Some(space) = fonts.book().get(last.font).ttf().glyph_index(' ') else {
        return Ok(None);
    };
    let width = fonts.width(last.font, space.0);
    let step = width * last.size / 1000.0;
    let cid = fonts.cid(last.font, space.0, ' ')?;
    let x = if piece.rtl {
        placed.x - step
    } else {
        placed.x + placed.line.width
    };
    Ok(Some(TextGlyph {
        target,
        x,
        width,
        cid,
        carrier: false,
        hscale: 100.0,
        invisible: false,
        apart: Apart::No,
        part: 0,
        starts_object: false,
        ..*last
    }))
}

/// Space glyphs across the gap between a hanging number or label and the
/// first line of its text, written with the label: the gap is then
/// whitespace of one text line for extractors that join characters by
/// distance (pdfminer), and the label is read before the text.
pub(super) fn bridge_spaces(
    label: &[TextGlyph],
    text: &[TextGlyph],
    fonts: &mut FontSet,
) -> Result<Vec<TextGlyph>> {
    let (Some(first), Some(next)) = (label.last(), text.first()) else {
        return Ok(Vec::new());
    };
    if (first.y - next.y).abs() > 0.5 {
        return Ok(Vec::new());
    }
    let Some(space) = fonts.book().get(first.font).ttf().glyph_index(' ') else {
        return Ok(Vec::new());
    };
    let right = |g: &TextGlyph| g.x + g.width * g.size / 1000.0;
    let label_left = label.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let label_right = label.iter().map(right).fold(f32::NEG_INFINITY, f32::max);
    let text_left = text.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let text_right = text.iter().map(right).fold(f32::NEG_INFINITY, f32::max);
    let width = fonts.width(first.font, space.0);
    let step = width * first.size / 1000.0;
    if step <= 0.0 {
        return Ok(Vec::new());
    }
    let cid = fonts.cid(first.font, space.0, ' ')?;
    let mut out = Vec::new();
    // Artifacts: they only fill the gap for extractors that ignore the
    // structure; the label's element keeps its own text.
    let space_at = |x: f32| TextGlyph {
        target: Target::Artifact,
        x,
        width,
        cid,
        ..*first
    };
    if label_left >= text_right {
        // Right-to-left: the label is right of the text.
        let mut x = label_left - step;
        while x > text_right - step {
            out.push(space_at(x.max(text_right)));
            x -= step;
        }
    } else if label_right <= text_left {
        let mut x = label_right;
        while x < text_left {
            out.push(space_at(x.min(text_left - step)));
            x += step;
        }
    }
    Ok(out)
}

/// The text glyphs of a line in logical order, and its outlined glyphs.
pub(super) fn line_glyphs(
    layout: &Layout,
    placed: &PlacedLine,
    fonts: &mut FontSet,
    tree: &Tree,
) -> Result<(Vec<TextGlyph>, Vec<Outline>)> {
    let height = layout.geometry.height;
    let piece = &layout.pieces[placed.piece];
    let mut runs: Vec<&Run> = placed.line.runs.iter().collect();
    runs.sort_by_key(|r| r.range.start);
    let mut out = (Vec::new(), Vec::new());
    for run in runs {
        let run_start = out.0.len();
        let Some(run_text) = piece.text.get(run.range.clone()) else {
            continue;
        };
        let font = fonts.book().get(run.font);
        let view = RunView {
            placed,
            run,
            face: font.ttf(),
            scale: run.size / f32::from(font.units_per_em),
            height,
            carrier: fonts.carrier_glyph(run.font),
        };
        run_glyphs(&view, run_text, fonts, tree, &mut out)?;
        if piece.rtl && !run.is_rtl() {
            let marked = marks_around(placed, run, &out.0[run_start..], fonts)?;
            out.0.truncate(run_start);
            out.0.extend(marked);
        }
    }
    let (text_glyphs, outlines) = out;
    let text_glyphs = marks_after_separators(text_glyphs, fonts)?;
    Ok((text_glyphs, outlines))
}

/// What the glyphs of one run share.
struct RunView<'a> {
    placed: &'a PlacedLine,
    run: &'a Run,
    face: ttf_parser::Face<'a>,
    /// Points per font unit.
    scale: f32,
    /// Page height, points.
    height: f32,
    /// The font's invisible glyph that carries marks and extra characters.
    carrier: Option<u16>,
}

/// Text glyphs and outlines, as a line collects them.
type Collected = (Vec<TextGlyph>, Vec<Outline>);

/// The text glyphs of one run, cluster by cluster in logical order.
fn run_glyphs(
    v: &RunView,
    run_text: &str,
    fonts: &mut FontSet,
    tree: &Tree,
    out: &mut Collected,
) -> Result<()> {
    let run = v.run;
    let book = fonts.book();
    let mut logical: Vec<&Glyph> = Vec::new();
    for g in &run.glyphs {
        if g.kashida {
            let s = stretch(book, run, g);
            out.1
                .push(outline(v.placed, v.height, run, g, v.scale, s, &v.face));
        } else {
            logical.push(g);
        }
    }
    if run.is_rtl() {
        logical.reverse();
    }
    let mut starts: Vec<usize> = logical.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut last_x = v.placed.x;
    let mut i = 0;
    while i < logical.len() {
        let cluster = logical[i].cluster as usize;
        let n = logical[i..]
            .iter()
            .position(|g| g.cluster as usize != cluster)
            .unwrap_or(logical.len() - i);
        let group = &logical[i..i + n];
        i += n;
        let end = starts
            .iter()
            .find(|&&s| s > cluster)
            .copied()
            .unwrap_or(run_text.len());
        let chars: Vec<(usize, char)> = run_text
            .get(cluster..end)
            .unwrap_or("")
            .char_indices()
            .filter(|(_, c)| !is_default_ignorable(*c))
            .map(|(k, c)| (run.range.start + cluster + k, c))
            .collect();
        last_x = cluster_glyphs(v, group, &chars, last_x, fonts, tree, out)?;
    }
    Ok(())
}

/// Base characters go to base glyphs; marks are carriers just after the
/// character they sit on, and mark glyphs are drawn as outlines (see the
/// module notes). Returns the base glyphs (indices into `group`) and the
/// slot of each base character among them.
fn base_slots(v: &RunView, group: &[&Glyph], chars: &[(usize, char)]) -> (Vec<usize>, Vec<Slot>) {
    let glyph_is_mark: Vec<bool> = group
        .iter()
        .map(|g| {
            v.face
                .tables()
                .gdef
                .and_then(|t| t.glyph_class(ttf_parser::GlyphId(g.id)))
                == Some(ttf_parser::gdef::GlyphClass::Mark)
        })
        .collect();
    let bases = chars.iter().filter(|(_, c)| !is_mark_char(*c)).count();
    let mut base_glyphs: Vec<usize> = (0..group.len()).filter(|&k| !glyph_is_mark[k]).collect();
    if base_glyphs.is_empty() && bases > 0 {
        base_glyphs = (0..group.len()).collect();
    }
    let slots = map_cluster(bases, base_glyphs.len(), v.run.is_rtl());
    (base_glyphs, slots)
}

/// The text glyphs of one cluster: its characters mapped onto its glyphs;
/// returns the pen position after it.
fn cluster_glyphs(
    v: &RunView,
    group: &[&Glyph],
    chars: &[(usize, char)],
    mut last_x: f32,
    fonts: &mut FontSet,
    tree: &Tree,
    out: &mut Collected,
) -> Result<f32> {
    let (run, placed, scale) = (v.run, v.placed, v.scale);
    let rtl = run.is_rtl();
    let (base_glyphs, slots) = base_slots(v, group, chars);
    let mut used = vec![false; group.len()];
    let mut next_base = 0;
    let mut marks_after = 0.0f32;
    for &(offset, ch) in chars {
        let target = tree.target(placed.piece, offset);
        let y = v.height - placed.y + v.run.rise;
        if is_mark_char(ch) || next_base >= slots.len() {
            // A carrier next to the last character, on the side
            // of reading order.
            marks_after += 1.0;
            let x = last_x + if rtl { -MARK_STEP } else { MARK_STEP } * marks_after;
            if let Some(carrier) = v.carrier {
                let at = (target, x, y);
                out.0.push(glyph_of(fonts, run, carrier, ch, true, at)?);
            }
            continue;
        }
        marks_after = 0.0;
        let slot = slots[next_base];
        next_base += 1;
        let gi = base_glyphs[slot.glyph];
        let g = group[gi];
        used[gi] = true;
        let x = placed.x + g.x + g.x_offset as f32 * scale;
        if slot.primary {
            let at = (target, x, y + g.y_offset as f32 * scale);
            out.0.push(glyph_of(fonts, run, g.id, ch, false, at)?);
            last_x = x;
        } else if let Some(carrier) = v.carrier {
            let w = g.x_advance as f32 * scale;
            // Right to left: across the glyph, in reading order.
            // Left to right: at its end, just before the next
            // glyph (poppler starts a new word at a character that
            // overlaps the one before by a fifth of an em).
            last_x = if rtl {
                x + w * slot.position
            } else {
                x + w - MARK_STEP * slot.rest as f32
            };
            let at = (target, last_x, y);
            out.0.push(glyph_of(fonts, run, carrier, ch, true, at)?);
        }
    }
    for (k, g) in group.iter().enumerate() {
        if !used[k] {
            out.1
                .push(outline(placed, v.height, run, g, scale, 1.0, &v.face));
        }
    }
    Ok(last_x)
}

/// A text-layer glyph of `run` drawing `glyph` for `ch`, at `(target, x, y)`.
fn glyph_of(
    fonts: &mut FontSet,
    run: &Run,
    glyph: u16,
    ch: char,
    carrier: bool,
    (target, x, y): (Target, f32, f32),
) -> Result<TextGlyph> {
    Ok(TextGlyph {
        target,
        font: run.font,
        size: run.size,
        cid: fonts.cid(run.font, glyph, ch)?,
        width: fonts.width(run.font, glyph),
        rtl: run.is_rtl(),
        carrier,
        hscale: 100.0,
        invisible: false,
        x,
        y,
        at: 0,
        apart: Apart::No,
        part: 0,
        starts_object: false,
    })
}

/// An RLM just after (left of) a separator (`:`, `.`, `،`, `/`, `-`…) of
/// right-to-left text that is followed, past spaces, by other punctuation:
/// poppler takes separators for digits and would read the separator and
/// the punctuation after it as one left-to-right section (`المقبلة: (أ)`
/// read `المقبلة( :أ)`); the RLM ends that section at the separator.
fn marks_after_separators(glyphs: Vec<TextGlyph>, fonts: &mut FontSet) -> Result<Vec<TextGlyph>> {
    use unicode_bidi::BidiClass::*;
    let class = |fonts: &FontSet, g: &TextGlyph| {
        fonts
            .char_of(g.font, g.cid)
            .map(unicode_bidi::bidi_class)
            .unwrap_or(WS)
    };
    let mut out = Vec::with_capacity(glyphs.len());
    for (k, g) in glyphs.iter().enumerate() {
        out.push(*g);
        if !g.rtl || g.carrier || !matches!(class(fonts, g), CS | ES | ET) {
            continue;
        }
        let next = glyphs[k + 1..]
            .iter()
            .filter(|n| !n.carrier && class(fonts, n) != WS)
            .map(|n| class(fonts, n))
            .next();
        if !matches!(next, Some(ON | CS | ES | ET)) {
            continue;
        }
        let Some(carrier) = fonts.carrier_glyph(g.font) else {
            continue;
        };
        let rlm = fonts.cid(g.font, carrier, '\u{200F}')?;
        out.push(TextGlyph {
            cid: rlm,
            width: fonts.width(g.font, carrier),
            carrier: true,
            hscale: 100.0,
            x: g.x - MARK_STEP,
            ..*g
        });
    }
    Ok(out)
}

/// Bidi marks and bridges around a left-to-right run of a right-to-left
/// line, and direction marks inside it.
///
/// Marks: at the run's right edge an RLM then an LRM (before the run in
/// reading order), at its left edge an RLM (after it), where something is
/// drawn beyond the edge. Extractors that rebuild reading order from
/// positions with a simplified bidi (poppler: from the right, a
/// right-to-left section runs on through neutral characters until a letter
/// or digit, a left-to-right section then runs on leftwards until a
/// right-to-left letter) then cut the sections at the run's edges: a
/// closing bracket at the run's end stays in it (LRM), and a closing quote
/// or the dash of a range between two numbers outside it is read after it
/// (RLM).
///
/// Bridges: a space, stretched (`Tz`) over the whole run, just before the
/// run and just after it in the stream. Extractors that keep stream order
/// but cut a line where two consecutive characters lie far apart (pdfminer)
/// then see no gap where the pen jumps over the run; poppler never takes a
/// space as a character.
///
/// Inside the run, an LRM before each character that MuPDF would take as
/// right-to-left (Arabic digits, and neutrals after them) right after
/// another such character: MuPDF flags right-to-left characters that follow
/// each other left to right as text in visual order and reverses the line;
/// a left-to-right character between them ends that.
///
/// The marks are real characters in their place in the reading order and
/// only restate the direction of the text around and inside the run.
fn marks_around(
    placed: &PlacedLine,
    run: &Run,
    glyphs: &[TextGlyph],
    fonts: &mut FontSet,
) -> Result<Vec<TextGlyph>> {
    let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else {
        return Ok(glyphs.to_vec());
    };
    let Some(carrier) = fonts.carrier_glyph(run.font) else {
        return Ok(glyphs.to_vec());
    };
    let (left, right) = run_extent(run, fonts);
    let all = || placed.line.runs.iter().flat_map(|r| r.glyphs.iter());
    let left_of = all().any(|g| g.x < left - 0.01);
    let right_of = all().any(|g| g.x > right - 0.01);
    let width = fonts.width(run.font, carrier);
    let lrm = fonts.cid(run.font, carrier, '\u{200E}')?;
    let rlm = fonts.cid(run.font, carrier, '\u{200F}')?;
    let mark = |cid: u16, x: f32, like: &TextGlyph| TextGlyph {
        cid,
        width,
        carrier: true,
        rtl: false,
        hscale: 100.0,
        x,
        ..*like
    };
    // An artifact: it serves extractors that ignore the structure; the
    // structure tree's text stays as written.
    let bridge = bridge_space(run, right - left, fonts)?.map(|(cid, w, hscale)| {
        move |like: &TextGlyph| TextGlyph {
            target: Target::Artifact,
            cid,
            width: w,
            carrier: true,
            rtl: false,
            hscale,
            x: placed.x + left,
            ..*like
        }
    });
    let mut out = Vec::with_capacity(glyphs.len() + 8);
    if right_of {
        out.push(mark(rlm, placed.x + right - MARK_STEP, first));
        out.push(mark(lrm, placed.x + right - 2.0 * MARK_STEP, first));
        if let Some(b) = &bridge {
            out.push(b(first));
        }
    }
    // MuPDF's direction of each character: strong ones their own, Arabic
    // digits right-to-left, European digits and their terminators
    // left-to-right, the others that of the character before.
    let mut odd = !right_of;
    for g in glyphs {
        let ch = fonts.char_of(g.font, g.cid).unwrap_or(' ');
        let level = |prev: bool| {
            use unicode_bidi::BidiClass::*;
            match unicode_bidi::bidi_class(ch) {
                L | EN | ES | ET => false,
                R | AL | AN => true,
                _ => prev,
            }
        };
        if level(odd) && odd {
            out.push(mark(lrm, g.x - MARK_STEP, g));
            odd = level(false);
        } else {
            odd = level(odd);
        }
        out.push(*g);
    }
    if left_of {
        if let Some(b) = &bridge {
            out.push(b(last));
        }
        out.push(mark(rlm, placed.x + left - MARK_STEP, last));
    }
    Ok(out)
}

/// The left and right edges of a run's glyphs, points from the line's left.
fn run_extent(run: &Run, fonts: &FontSet) -> (f32, f32) {
    let scale = run.size / f32::from(fonts.book().get(run.font).units_per_em);
    let left = run.glyphs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let right = run
        .glyphs
        .iter()
        .map(|g| g.x + g.x_advance as f32 * scale)
        .fold(f32::NEG_INFINITY, f32::max);
    (left, right)
}

/// A space stretched across `span` points of `run`: its CID, width and
/// horizontal scale; `None` without a space glyph.
fn bridge_space(run: &Run, span: f32, fonts: &mut FontSet) -> Result<Option<(u16, f32, f32)>> {
    let Some(space) = fonts.book().get(run.font).ttf().glyph_index(' ') else {
        return Ok(None);
    };
    let w = fonts.width(run.font, space.0);
    if w > 0.0 && span > 0.0 {
        let cid = fonts.cid(run.font, space.0, ' ')?;
        let hscale = span * 1000.0 / (w * run.size) * 100.0;
        Ok(Some((cid, w, hscale)))
    } else {
        Ok(None)
    }
}

/// Distance between a mark's carrier and the character before it, points:
/// enough to survive the 1/1000 em rounding of `TJ` numbers, small enough
/// to stay inside the character.
const MARK_STEP: f32 = 0.1;

/// Whether a character is a nonspacing mark (it sits on the previous one).
fn is_mark_char(c: char) -> bool {
    unicode_bidi::bidi_class(c) == unicode_bidi::BidiClass::NSM
}

/// Which glyph of a cluster a character is written with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    /// Index of the glyph in the cluster (logical order).
    pub glyph: usize,
    /// Whether the character is written with the glyph itself; otherwise it
    /// is a zero-width carrier inside the glyph's box.
    pub primary: bool,
    /// For a carrier: its position as a fraction of the glyph's advance.
    pub position: f32,
    /// For a carrier: how many of the glyph's characters come after it
    /// (counting it).
    pub rest: usize,
}

/// Shares a cluster's `chars` base characters (logical order) among its
/// `glyphs` base glyphs (logical order), one each in order; the last glyph
/// takes the characters left over (a ligature). Of a ligature's
/// characters, the one written with the glyph is the visually leftmost (the
/// last in RTL, the first in LTR): extractors that sort characters by their
/// left edge then read them in order; the others are carriers placed, in
/// reading order, across the glyph's box.
pub fn map_cluster(chars: usize, glyphs: usize, rtl: bool) -> Vec<Slot> {
    if glyphs == 0 {
        return Vec::new();
    }
    let owner: Vec<usize> = (0..chars).map(|k| k.min(glyphs - 1)).collect();
    let mut slots = Vec::with_capacity(chars);
    for (k, &g) in owner.iter().enumerate() {
        let first = owner.iter().position(|&o| o == g).unwrap_or(k);
        let count = owner.iter().filter(|&&o| o == g).count();
        let rank = k - first;
        let primary = if rtl { rank + 1 == count } else { rank == 0 };
        let position = if primary {
            0.0
        } else if rtl {
            (count - 1 - rank) as f32 / count as f32
        } else {
            rank as f32 / count as f32
        };
        slots.push(Slot {
            glyph: g,
            primary,
            position,
            rest: count - rank,
        });
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_glyph_per_character() {
        let s = map_cluster(2, 2, true);
        assert_eq!((s[0].glyph, s[1].glyph), (0, 1));
        assert!(s[0].primary && s[1].primary);
    }

    #[test]
    fn rtl_ligature_writes_its_last_character_with_the_glyph() {
        // lam + alef → one glyph: lam is a carrier at the right, alef the glyph.
        let s = map_cluster(2, 1, true);
        assert!(!s[0].primary && s[1].primary);
        assert_eq!(s[0].position, 0.5);
    }

    #[test]
    fn ltr_ligature_writes_its_first_character_with_the_glyph() {
        let s = map_cluster(3, 1, false);
        assert!(s[0].primary && !s[1].primary && !s[2].primary);
        assert!(s[1].position < s[2].position);
    }

    #[test]
    fn extra_glyphs_get_no_character() {
        let s = map_cluster(1, 2, true);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].glyph, 0);
    }
}
