//! Finalizing a line: cut into segments (rule L1, sliced from the
//! paragraph's shaping or reshaped), justified (spaces, then kashidas),
//! reordered (rule L2) and positioned.

use std::ops::Range;

use unicode_bidi::bidi_class;

use super::justify::{plan_kashidas, KASHIDA_MAX_EM, MAX_LOOSENESS, SPACE_LIMIT, SPACE_SHRINK};
use super::prepare::{item_size, scale, Prepared};
use super::reorder::{apply_l1, visual_order};
use crate::layout::{Glyph, Line, Run};
use crate::model::Justify;
use crate::text::analyze::guess_script;
use crate::text::shape::{shape, ShapeRequest, ShapedGlyph};
use crate::text::{Align, FontBook, RAISED_RISE};

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
            lang: it.lang.as_deref().or(prep.lang),
            chars: &mut chars,
            context: (pre, post),
            script_text: &text[r.clone()],
        },
        &mut seg.glyphs,
    );
    seg.doubled = doubled;
}

/// Sets one line: segments, justification, reordering, positions.
pub(super) fn finalize(fonts: &FontBook, prep: &Prepared, range: Range<usize>, last: bool) -> Line {
    let e = prep.content_end(range.start, range.end);
    let mut segs = segments(fonts, prep, range.start..e);
    let j = justify(fonts, prep, range.start..e, last, &mut segs);
    let (runs, x) = position(fonts, prep, &segs, &j);
    Line {
        range,
        width: if j.justified { prep.para.measure } else { x },
        justified: j.justified,
        runs,
    }
}

/// Whether a glyph of a segment is a word space that justification may
/// stretch (not a space between digit groups, which is rigid).
fn is_space(prep: &Prepared, seg: &Segment, g: &ShapedGlyph) -> bool {
    let layout = prep.analysis.layout.as_bytes();
    let c = if seg.doubled {
        g.cluster as usize / 2
    } else {
        g.cluster as usize
    };
    !(seg.doubled && g.cluster % 2 == 1)
        && (layout[c] == b' ' || (layout[c] == 0xC2 && layout.get(c + 1) == Some(&0xA0)))
        && !prep.ties.is_rigid(c)
}

/// What the segments measure: width, word spaces, the spaces' width (points).
fn natural(fonts: &FontBook, prep: &Prepared, segs: &[Segment]) -> (f32, usize, f32) {
    let (mut w, mut n, mut sw) = (0.0, 0, 0.0);
    for seg in segs {
        let s = scale(fonts, prep.para, &prep.analysis.items[seg.item]);
        for g in &seg.glyphs {
            let adv = g.x_advance as f32 * s;
            w += adv;
            if is_space(prep, seg, g) {
                n += 1;
                sw += adv;
            }
        }
    }
    (w, n, sw)
}

/// How a line's room is shared out.
struct Justification {
    justified: bool,
    /// Added to every word space, points.
    space_extra: f32,
    /// Added to every kashida, points.
    kashida_extra: f32,
}

/// Justifies the line `content` (its text without trailing spaces): spaces
/// first, then kashidas (inserted into `segs`) in kashida mode.
fn justify(
    fonts: &FontBook,
    prep: &Prepared,
    content: Range<usize>,
    last: bool,
    segs: &mut [Segment],
) -> Justification {
    let para = prep.para;
    let (mut width, spaces, space_width) = natural(fonts, prep, segs);
    // The last line is not justified, unless the breaker counted on its
    // spaces shrinking (it would overrun the measure otherwise).
    // A line too loose to fill (see MAX_LOOSENESS) is spread to that limit,
    // kashidas counted, and ends short of the measure.
    let mut loose =
        !last && spaces > 0 && para.measure - width > space_width * (MAX_LOOSENESS - 1.0);
    let mut measure = if loose {
        width + space_width * (MAX_LOOSENESS - 1.0)
    } else {
        para.measure
    };
    let mode = match para.align {
        Align::Justify(mode) if (!last || width > measure) && !content.is_empty() => Some(mode),
        _ => None,
    };
    let mut kashida_extra = 0.0f32;
    let mut kashidas = 0usize;
    if mode == Some(Justify::Kashida) {
        let room = measure - width - space_width * SPACE_LIMIT;
        if room > 0.0 {
            let placed = insert_kashidas(fonts, prep, content, segs, room);
            if placed > 0 {
                kashidas = placed;
                width = natural(fonts, prep, segs).0;
                if loose {
                    // The letters before the kashidas took their joining
                    // forms: the limit counts from the line's new natural
                    // width, kashidas left out (as tests/report.rs and
                    // tools/typography.py measure it), but never past the
                    // measure: a line their forms widened that far is filled.
                    let limit =
                        width - tatweels(fonts, prep, segs) + space_width * (MAX_LOOSENESS - 1.0);
                    measure = limit.min(para.measure);
                    loose = limit < para.measure;
                }
                let room2 = measure - width - space_width * SPACE_LIMIT;
                // A kashida is drawn at most KASHIDA_MAX_EM wide, tatweel included.
                let max_extra =
                    (KASHIDA_MAX_EM * para.size - widest_tatweel(fonts, prep, segs)).max(0.0);
                kashida_extra = (room2 / placed as f32).clamp(0.0, max_extra);
            }
        }
    }
    let remaining = measure - width - kashida_extra * kashidas as f32;
    let spread = mode.is_some() && mode != Some(Justify::None) && {
        (spaces > 0 && remaining >= -space_width * SPACE_SHRINK - 0.01)
            || (kashidas > 0 && remaining >= -0.01)
    };
    let (space_extra, kashida_extra) = if !spread {
        (0.0, kashida_extra)
    } else if spaces > 0 {
        (remaining / spaces as f32, kashida_extra)
    } else {
        // No word space: the kashidas take all the room, past their limit.
        (0.0, kashida_extra + remaining / kashidas.max(1) as f32)
    };
    let justified = spread && !loose;
    Justification {
        justified,
        space_extra,
        kashida_extra,
    }
}

/// The natural widths of the tatweels inserted in the segments, points.
fn tatweel_widths<'a>(
    fonts: &'a FontBook,
    prep: &'a Prepared,
    segs: &'a [Segment],
) -> impl Iterator<Item = f32> + 'a {
    segs.iter().flat_map(move |seg| {
        let s = scale(fonts, prep.para, &prep.analysis.items[seg.item]);
        seg.glyphs
            .iter()
            .filter(|g| seg.doubled && g.cluster % 2 == 1)
            .map(move |g| g.x_advance as f32 * s)
    })
}

/// The widest tatweel inserted in the segments, points.
fn widest_tatweel(fonts: &FontBook, prep: &Prepared, segs: &[Segment]) -> f32 {
    tatweel_widths(fonts, prep, segs).fold(0.0f32, f32::max)
}

/// The natural width of all the tatweels inserted in the segments, points.
fn tatweels(fonts: &FontBook, prep: &Prepared, segs: &[Segment]) -> f32 {
    tatweel_widths(fonts, prep, segs).sum()
}

/// Rule L2, then positions: the runs in visual order and the line's width.
fn position(
    fonts: &FontBook,
    prep: &Prepared,
    segs: &[Segment],
    j: &Justification,
) -> (Vec<Run>, f32) {
    let levels: Vec<u8> = segs.iter().map(|s| s.level).collect();
    let order = visual_order(&levels);
    let mut runs = Vec::with_capacity(segs.len());
    let mut x = 0.0f32;
    for &k in &order {
        let seg = &segs[k];
        let item = &prep.analysis.items[seg.item];
        let s = scale(fonts, prep.para, item);
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
                adv += j.kashida_extra;
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
            if is_space(prep, seg, g) {
                x += j.space_extra;
            }
        }
        runs.push(Run {
            font: item.font,
            size: item_size(prep.para, item),
            rise: if item.raised {
                prep.para.size * RAISED_RISE
            } else {
                0.0
            },
            level: seg.level,
            range: seg.range.clone(),
            lang: item.lang.clone(),
            glyphs,
        });
    }
    (runs, x)
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
    // Tatweels are set at the paragraph's size (never in a raised run).
    let s = prep.para.size / f32::from(fonts.get(font).units_per_em);
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
        // A Nastaliq face is justified with its word spaces only.
        let kashida = fonts.get(prep.analysis.items[seg.item].font).kashida;
        if here.is_empty() || seg.level % 2 == 0 || !kashida {
            continue;
        }
        reshape(fonts, prep, seg, &here);
        placed += seg.glyphs.iter().filter(|g| g.cluster % 2 == 1).count();
    }
    placed
}
