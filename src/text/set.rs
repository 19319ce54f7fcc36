//! Setting one paragraph: prepare (bidi, items, shaping, metrics) → break
//! (optimal fit) → finalize each line (cut runs, L1–L2, justify, position).

use std::ops::Range;

use unicode_bidi::bidi_class;
use unicode_linebreak::linebreaks;

use super::analyze::{analyze, guess_script, Analysis};
use super::kashida::{candidates, Candidate};
use super::shape::{shape, shape_item, ShapeRequest, ShapedGlyph};
use super::{Align, FontBook, Paragraph};
use crate::layout::justify::{
    plan_kashidas, KASHIDA_MAX_EM, SPACE_LIMIT, SPACE_SHRINK, SPACE_STRETCH,
};
use crate::layout::linebreak::{optimal_breaks, Breakpoint, Fit};
use crate::layout::reorder::{apply_l1, visual_order};
use crate::layout::{Glyph, Line, Run};
use crate::model::Justify;

/// Penalty of a UAX #14 break that is not after a space (after a slash or a
/// hyphen), used only inside a word wider than the line.
const PENALTY_IN_WORD: f32 = 500.0;
/// Penalty of a break between two grapheme clusters of a word wider than the line.
const PENALTY_EMERGENCY: f32 = 5_000.0;
/// Stretch of a ragged (centred or start-aligned) line, as a fraction of the measure.
const RAGGED_STRETCH: f32 = 0.25;

/// A paragraph shaped once, with the metrics the breaker needs per byte.
struct Prepared<'a> {
    para: &'a Paragraph<'a>,
    analysis: Analysis,
    /// Glyphs of each item, in visual order.
    shaped: Vec<Vec<ShapedGlyph>>,
    /// Advance (points) of everything before each byte offset.
    advance_before: Vec<f32>,
    /// Word spaces before each byte offset, and their natural width.
    spaces_before: Vec<(u32, f32)>,
    /// A glyph cluster starts at the byte offset.
    cluster_start: Vec<bool>,
    /// Breaking before the byte offset changes the shaping.
    unsafe_break: Vec<bool>,
    /// Kashida places, in logical order (empty unless kashida justification).
    candidates: Vec<Candidate>,
    /// The script HarfBuzz guesses for each item, found once (a line compares
    /// its segments' scripts with their item's).
    item_scripts: Vec<Option<[u8; 4]>>,
    /// Each item's glyph clusters run monotonically in its direction (as
    /// HarfBuzz's default cluster level gives), so a line's glyphs are found
    /// by binary search instead of a scan of the whole item.
    item_monotone: Vec<bool>,
}

pub(super) fn set_paragraph(fonts: &FontBook, para: &Paragraph) -> Vec<Line> {
    if para.text.is_empty() {
        return Vec::new();
    }
    let prep = prepare(fonts, para);
    let points = breakpoints(&prep);
    let ends = optimal_breaks(&points, para.measure, |i, j| {
        prep.fit(points[i].pos, points[j].pos)
    });
    let mut lines = Vec::with_capacity(ends.len());
    let mut start = 0;
    for (k, &j) in ends.iter().enumerate() {
        let end = points[j].pos;
        let last = k + 1 == ends.len();
        lines.push(finalize(fonts, &prep, start..end, last));
        start = end;
    }
    lines
}

fn scale(fonts: &FontBook, para: &Paragraph, font: crate::text::FontId) -> f32 {
    para.size / f32::from(fonts.get(font).units_per_em)
}

fn prepare<'a>(fonts: &FontBook, para: &'a Paragraph<'a>) -> Prepared<'a> {
    let analysis = analyze(fonts, para);
    let len = para.text.len();
    let mut shaped = Vec::with_capacity(analysis.items.len());
    let mut advance_at = vec![0.0f32; len + 1];
    let mut cluster_start = vec![false; len + 1];
    let mut unsafe_break = vec![false; len + 1];
    let mut tatweel_ok = vec![false; len + 1];
    cluster_start[len] = true;
    for item in &analysis.items {
        let mut glyphs = Vec::new();
        shape_item(fonts, para.text, item, &mut glyphs);
        let s = scale(fonts, para, item.font);
        for g in &glyphs {
            let c = g.cluster as usize;
            advance_at[c] += g.x_advance as f32 * s;
            cluster_start[c] = true;
            unsafe_break[c] |= g.unsafe_to_break;
            tatweel_ok[c] |= g.tatweel_ok;
        }
        // An item's edges are breaks of the shaping already.
        cluster_start[item.range.start] = true;
        shaped.push(glyphs);
    }
    let mut advance_before = Vec::with_capacity(len + 1);
    let mut spaces_before = Vec::with_capacity(len + 1);
    let (mut x, mut n, mut w) = (0.0f32, 0u32, 0.0f32);
    let bytes = analysis.layout.as_bytes();
    for i in 0..=len {
        advance_before.push(x);
        spaces_before.push((n, w));
        if i < len {
            x += advance_at[i];
            if bytes[i] == b' ' || (bytes[i] == 0xC2 && bytes.get(i + 1) == Some(&0xA0)) {
                n += 1;
                w += advance_at[i];
            }
        }
    }
    let mut cands = Vec::new();
    if para.align == Align::Justify(Justify::Kashida) {
        candidates(para.text, |pos| tatweel_ok[pos], &mut cands);
    }
    let item_scripts = analysis
        .items
        .iter()
        .map(|it| guess_script(&para.text[it.range.clone()]))
        .collect();
    let item_monotone = analysis
        .items
        .iter()
        .zip(&shaped)
        .map(|(it, glyphs)| {
            let rtl = it.level % 2 == 1;
            glyphs.windows(2).all(|w| {
                if rtl {
                    w[0].cluster >= w[1].cluster
                } else {
                    w[0].cluster <= w[1].cluster
                }
            })
        })
        .collect();
    Prepared {
        para,
        item_scripts,
        item_monotone,
        analysis,
        shaped,
        advance_before,
        spaces_before,
        cluster_start,
        unsafe_break,
        candidates: cands,
    }
}

impl Prepared<'_> {
    /// End of a line's content: `end` without the spaces the line ends with.
    fn content_end(&self, start: usize, end: usize) -> usize {
        let trimmed = self.analysis.layout[start..end].trim_end_matches(char::is_whitespace);
        start + trimmed.len()
    }

    /// Words in `start..end` that have a kashida place.
    fn kashida_words(&self, range: Range<usize>) -> usize {
        let first = self.candidates.partition_point(|c| c.pos < range.start);
        let mut words = 0;
        let mut last_word = None;
        for c in &self.candidates[first..] {
            if c.pos >= range.end {
                break;
            }
            if last_word != Some(c.word) {
                words += 1;
                last_word = Some(c.word);
            }
        }
        words
    }

    /// What the line `start..end` measures, for the breaker.
    fn fit(&self, start: usize, end: usize) -> Fit {
        let e = self.content_end(start, end);
        let natural = self.advance_before[e] - self.advance_before[start];
        let (n0, w0) = self.spaces_before[start];
        let (n1, w1) = self.spaces_before[e];
        let spaces = w1 - w0;
        let _ = n1 - n0;
        let em = self.para.size;
        let (stretch, shrink) = match self.para.align {
            Align::Justify(Justify::Kashida) => {
                let words = self.kashida_words(start..e) as f32;
                (
                    spaces * SPACE_LIMIT + words * KASHIDA_MAX_EM * em,
                    spaces * SPACE_SHRINK,
                )
            }
            Align::Justify(Justify::Spaces) => (spaces * SPACE_STRETCH, spaces * SPACE_SHRINK),
            _ => (self.para.measure * RAGGED_STRETCH, 0.0),
        };
        Fit {
            natural,
            stretch,
            shrink,
        }
    }
}

/// Break opportunities: UAX #14 opportunities after a space. Inside a word
/// (text between such opportunities) wider than the measure, its other UAX
/// #14 opportunities (after a slash, a hyphen) and, at a higher cost, the
/// boundaries of its grapheme clusters.
fn breakpoints(prep: &Prepared) -> Vec<Breakpoint> {
    let layout = &prep.analysis.layout;
    let text = prep.para.text;
    let mut points = vec![Breakpoint {
        pos: 0,
        penalty: 0.0,
    }];
    let mut inside: Vec<usize> = Vec::new();
    for (pos, _) in linebreaks(layout) {
        if !text.is_char_boundary(pos) || pos == 0 {
            continue;
        }
        let after_space = layout[..pos].ends_with(char::is_whitespace);
        if !after_space && pos < text.len() {
            inside.push(pos);
            continue;
        }
        let prev = points.last().map_or(0, |p| p.pos);
        let e = prep.content_end(prev, pos);
        if prep.advance_before[e] - prep.advance_before[prev] > prep.para.measure {
            // A word wider than the line: allow breaks inside it. `inside`
            // is in increasing order: one pass over it, not a search per byte.
            let mut next_inside = inside.iter().copied().peekable();
            for p in prev + 1..e {
                while next_inside.next_if(|&q| q < p).is_some() {}
                if next_inside.next_if_eq(&p).is_some() {
                    points.push(Breakpoint {
                        pos: p,
                        penalty: PENALTY_IN_WORD,
                    });
                } else if prep.cluster_start[p] && text.is_char_boundary(p) {
                    points.push(Breakpoint {
                        pos: p,
                        penalty: PENALTY_EMERGENCY,
                    });
                }
            }
        }
        inside.clear();
        points.push(Breakpoint { pos, penalty: 0.0 });
    }
    points
}

/// A piece of a line: one item at one level.
struct Segment {
    range: Range<usize>,
    item: usize,
    level: u8,
    glyphs: Vec<ShapedGlyph>,
    /// Clusters are doubled (tatweels inserted: odd clusters).
    doubled: bool,
}

/// Cuts a line into segments, each with its glyphs (sliced from the
/// paragraph's shaping where the cut is safe, reshaped where it is not).
fn segments(fonts: &FontBook, prep: &Prepared, line: Range<usize>) -> Vec<Segment> {
    let a = &prep.analysis;
    let text = prep.para.text;
    let chars: Vec<(usize, char)> = a.layout[line.clone()]
        .char_indices()
        .map(|(i, c)| (line.start + i, c))
        .collect();
    let classes: Vec<_> = chars.iter().map(|&(_, c)| bidi_class(c)).collect();
    let mut levels: Vec<u8> = chars.iter().map(|&(i, _)| a.levels[i]).collect();
    apply_l1(&classes, &mut levels, a.para_level);
    let mut out: Vec<Segment> = Vec::new();
    let mut item = a.items.partition_point(|it| it.range.end <= line.start);
    for (k, &(i, c)) in chars.iter().enumerate() {
        while a.items[item].range.end <= i {
            item += 1;
        }
        match out.last_mut() {
            Some(seg) if seg.item == item && seg.level == levels[k] => {
                seg.range.end = i + c.len_utf8();
            }
            _ => out.push(Segment {
                range: i..i + c.len_utf8(),
                item,
                level: levels[k],
                glyphs: Vec::new(),
                doubled: false,
            }),
        }
    }
    for seg in &mut out {
        let it = &a.items[seg.item];
        let safe_at = |p: usize| {
            p == it.range.start
                || p == it.range.end
                || (prep.cluster_start[p] && !prep.unsafe_break[p])
        };
        let same_script = guess_script(&text[seg.range.clone()]) == prep.item_scripts[seg.item];
        if seg.level == it.level
            && safe_at(seg.range.start)
            && safe_at(seg.range.end)
            && same_script
        {
            let r = seg.range.clone();
            let all = &prep.shaped[seg.item];
            if prep.item_monotone[seg.item] {
                seg.glyphs
                    .extend_from_slice(glyphs_in(all, it.level % 2 == 1, r));
            } else {
                seg.glyphs
                    .extend(all.iter().filter(|g| r.contains(&(g.cluster as usize))));
            }
        } else {
            reshape(fonts, prep, seg, &[]);
        }
    }
    out
}

/// The glyphs whose clusters are in `r`, of glyphs whose clusters increase
/// (left to right) or decrease (right to left) monotonically.
fn glyphs_in(glyphs: &[ShapedGlyph], rtl: bool, r: Range<usize>) -> &[ShapedGlyph] {
    let (start, end) = (r.start as u32, r.end as u32);
    let (lo, hi) = if rtl {
        (
            glyphs.partition_point(|g| g.cluster >= end),
            glyphs.partition_point(|g| g.cluster >= start),
        )
    } else {
        (
            glyphs.partition_point(|g| g.cluster < start),
            glyphs.partition_point(|g| g.cluster < end),
        )
    };
    &glyphs[lo..hi.max(lo)]
}

/// Shapes a segment again, with tatweels inserted before the given offsets.
fn reshape(fonts: &FontBook, prep: &Prepared, seg: &mut Segment, tatweels: &[usize]) {
    let text = prep.para.text;
    let it = &prep.analysis.items[seg.item];
    let r = seg.range.clone();
    // The paragraph around as context: joining forms stay as in the
    // paragraph's shaping (a space or a line break between words is
    // non-joining anyway; a word broken between graphemes keeps its forms).
    let (pre, post) = (&text[..r.start], &text[r.end..]);
    let doubled = !tatweels.is_empty();
    let mut chars = text[r.clone()].char_indices().flat_map(|(i, c)| {
        let at = r.start + i;
        let tatweel = (doubled && tatweels.contains(&at)).then(|| ('\u{640}', 2 * at as u32 - 1));
        let cluster = if doubled { 2 * at as u32 } else { at as u32 };
        tatweel.into_iter().chain(std::iter::once((c, cluster)))
    });
    seg.glyphs.clear();
    shape(
        fonts,
        ShapeRequest {
            font: it.font,
            rtl: seg.level % 2 == 1,
            lang: it.lang.as_deref(),
            chars: &mut chars,
            context: (pre, post),
            script_text: &text[r.clone()],
        },
        &mut seg.glyphs,
    );
    seg.doubled = doubled;
}

/// Sets one line: segments, justification, reordering, positions.
fn finalize(fonts: &FontBook, prep: &Prepared, range: Range<usize>, last: bool) -> Line {
    let para = prep.para;
    let e = prep.content_end(range.start, range.end);
    let mut segs = segments(fonts, prep, range.start..e);
    let measure = para.measure;
    let layout = prep.analysis.layout.as_bytes();
    let is_space = |seg: &Segment, g: &ShapedGlyph| {
        let c = if seg.doubled {
            g.cluster as usize / 2
        } else {
            g.cluster as usize
        };
        !(seg.doubled && g.cluster % 2 == 1)
            && (layout[c] == b' ' || (layout[c] == 0xC2 && layout.get(c + 1) == Some(&0xA0)))
    };
    let natural = |segs: &[Segment]| -> (f32, usize, f32) {
        let (mut w, mut n, mut sw) = (0.0, 0, 0.0);
        for seg in segs {
            let s = scale(fonts, para, prep.analysis.items[seg.item].font);
            for g in &seg.glyphs {
                let adv = g.x_advance as f32 * s;
                w += adv;
                if is_space(seg, g) {
                    n += 1;
                    sw += adv;
                }
            }
        }
        (w, n, sw)
    };
    let (mut width, spaces, space_width) = natural(&segs);
    // The last line is not justified, unless the breaker counted on its
    // spaces shrinking (it would overrun the measure otherwise).
    let mode = match para.align {
        Align::Justify(mode) if (!last || width > measure) && e > range.start => Some(mode),
        _ => None,
    };
    let mut kashida_extra = 0.0f32;
    let mut kashidas = 0usize;
    if mode == Some(Justify::Kashida) {
        let room = measure - width - space_width * SPACE_LIMIT;
        if room > 0.0 {
            let placed = insert_kashidas(fonts, prep, range.start..e, &mut segs, room);
            if placed > 0 {
                kashidas = placed;
                let (w2, _, _) = natural(&segs);
                width = w2;
                let room2 = measure - width - space_width * SPACE_LIMIT;
                // A kashida is drawn at most KASHIDA_MAX_EM wide, tatweel included.
                let tatweel = segs
                    .iter()
                    .flat_map(|seg| {
                        let s = scale(fonts, para, prep.analysis.items[seg.item].font);
                        seg.glyphs
                            .iter()
                            .filter(|g| seg.doubled && g.cluster % 2 == 1)
                            .map(move |g| g.x_advance as f32 * s)
                    })
                    .fold(0.0f32, f32::max);
                let max_extra = (KASHIDA_MAX_EM * para.size - tatweel).max(0.0);
                kashida_extra = (room2 / placed as f32).clamp(0.0, max_extra);
            }
        }
    }
    let remaining = measure - width - kashida_extra * kashidas as f32;
    let justified = mode.is_some() && mode != Some(Justify::None) && {
        (spaces > 0 && remaining >= -space_width * SPACE_SHRINK - 0.01)
            || (kashidas > 0 && remaining >= -0.01)
    };
    let (space_extra, kashida_extra) = if !justified {
        (0.0, kashida_extra)
    } else if spaces > 0 {
        (remaining / spaces as f32, kashida_extra)
    } else {
        // No word space: the kashidas take all the room, past their limit.
        (0.0, kashida_extra + remaining / kashidas.max(1) as f32)
    };
    // Rule L2: the segments' visual order.
    let levels: Vec<u8> = segs.iter().map(|s| s.level).collect();
    let order = visual_order(&levels);
    let mut runs = Vec::with_capacity(segs.len());
    let mut x = 0.0f32;
    for &k in &order {
        let seg = &segs[k];
        let item = &prep.analysis.items[seg.item];
        let s = scale(fonts, para, item.font);
        let mut glyphs = Vec::with_capacity(seg.glyphs.len());
        for g in &seg.glyphs {
            let kashida = seg.doubled && g.cluster % 2 == 1;
            let offset = if seg.doubled {
                g.cluster.div_ceil(2)
            } else {
                g.cluster
            } as usize;
            let mut adv = g.x_advance as f32 * s;
            let mut x_advance = g.x_advance;
            if kashida {
                adv += kashida_extra;
                x_advance = (adv / s).round() as i32;
            }
            glyphs.push(Glyph {
                id: g.id,
                cluster: (offset - seg.range.start) as u32,
                x_advance,
                x_offset: g.x_offset,
                y_offset: g.y_offset,
                x,
                kashida,
            });
            x += adv;
            if is_space(seg, g) {
                x += space_extra;
            }
        }
        runs.push(Run {
            font: item.font,
            size: para.size,
            level: seg.level,
            range: seg.range.clone(),
            lang: item.lang.clone(),
            glyphs,
        });
    }
    Line {
        range,
        width: if justified { measure } else { x },
        justified,
        runs,
    }
}

/// Chooses kashida places on the line and reshapes the segments that get
/// one; returns how many tatweels were placed.
fn insert_kashidas(
    fonts: &FontBook,
    prep: &Prepared,
    line: Range<usize>,
    segs: &mut [Segment],
    room: f32,
) -> usize {
    let first = prep.candidates.partition_point(|c| c.pos < line.start);
    let last = prep.candidates.partition_point(|c| c.pos < line.end);
    let in_line = &prep.candidates[first..last];
    if in_line.is_empty() {
        return 0;
    }
    // Per word, its places best first (a later place wins a tie: the end of
    // the word is where Arabic print elongates).
    let mut words: Vec<Vec<usize>> = Vec::new();
    let mut k = 0;
    while k < in_line.len() {
        let word = in_line[k].word;
        let mut places: Vec<usize> = (k..in_line.len())
            .take_while(|&j| in_line[j].word == word)
            .collect();
        k += places.len();
        places.sort_by_key(|&j| (in_line[j].priority, std::cmp::Reverse(in_line[j].pos)));
        words.push(places);
    }
    let font = prep.analysis.items[segs[0].item].font;
    let s = scale(fonts, prep.para, font);
    let tatweel = fonts
        .get(font)
        .ttf()
        .glyph_index('\u{640}')
        .and_then(|g| fonts.get(font).ttf().glyph_hor_advance(g))
        .map_or(0.0, |a| f32::from(a) * s);
    let plan = plan_kashidas(room, &words, tatweel, KASHIDA_MAX_EM * prep.para.size);
    let positions: Vec<usize> = plan.chosen.iter().map(|&j| in_line[j].pos).collect();
    let mut placed = 0;
    for seg in segs.iter_mut() {
        let here: Vec<usize> = positions
            .iter()
            .copied()
            .filter(|p| seg.range.contains(p) && *p > seg.range.start)
            .collect();
        if here.is_empty() || seg.level % 2 == 0 {
            continue;
        }
        reshape(fonts, prep, seg, &here);
        placed += seg.glyphs.iter().filter(|g| g.cluster % 2 == 1).count();
    }
    placed
}
