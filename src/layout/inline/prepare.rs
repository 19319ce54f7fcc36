//! Preparing a paragraph: bidi and items (`text::analyze`), shaping once
//! (`text::shape`), the metrics the breaker needs per byte, kashida places,
//! and the break opportunities.

use unicode_linebreak::linebreaks;

use super::justify::{BREAK_STRETCH, MAX_LOOSENESS, SPACE_SHRINK, SPACE_STRETCH};
use super::kashida::{candidates, Candidate, ShapingFacts};
use super::linebreak::{Breakpoint, Fit};
use super::ties::{ties, Ties};
use crate::model::Justify;
use crate::text::analyze::{analyze, guess_script, Analysis, Item};
use crate::text::shape::{shape_item, ShapedGlyph};
use crate::text::{Align, FontBook, Paragraph, RAISED_SCALE};

/// Penalty of a UAX #14 break that is not after a space (after a slash or a
/// hyphen), used only inside a word wider than the line.
const PENALTY_IN_WORD: f32 = 500.0;
/// Penalty of a break between two grapheme clusters of a word wider than the line.
const PENALTY_EMERGENCY: f32 = 5_000.0;
/// Cost of breaking a document symbol after a slash (`CTOC/COP/` |
/// `WG.4/2019/1`, no hyphen) when [`Paragraph::break_symbols`] allows it: a
/// last resort for a line that its unbreakable symbols would leave too
/// loose (issue 16); dearer than any ordinary line. Otherwise the break is
/// forbidden (an infinite penalty): every PDF engine reads a line break
/// inside the symbol as a space (issue 11), and the UN's print keeps
/// symbols whole.
const PENALTY_SYMBOL: f32 = 1_000.0;
/// Stretch of a ragged (centred or start-aligned) line, as a fraction of the measure.
const RAGGED_STRETCH: f32 = 0.25;

/// A paragraph shaped once, with the metrics the breaker needs per byte.
pub(super) struct Prepared<'a> {
    pub(super) para: &'a Paragraph<'a>,
    /// The language of runs without one of their own (the document's), for
    /// shaping.
    pub(super) lang: Option<&'a str>,
    pub(super) analysis: Analysis,
    /// Glyphs of each item, in visual order.
    pub(super) shaped: Vec<Vec<ShapedGlyph>>,
    /// Advance (points) of everything before each byte offset.
    pub(super) advance_before: Vec<f32>,
    /// Word spaces before each byte offset, and their natural width.
    pub(super) spaces_before: Vec<(u32, f32)>,
    /// A glyph cluster starts at the byte offset.
    pub(super) cluster_start: Vec<bool>,
    /// Breaking before the byte offset changes the shaping.
    pub(super) unsafe_break: Vec<bool>,
    /// Spaces that must not end a line or must not stretch (`ties`).
    pub(super) ties: Ties,
    /// Kashida places, in logical order (empty unless kashida justification).
    pub(super) candidates: Vec<Candidate>,
    /// The script HarfBuzz guesses for each item, found once (a line compares
    /// its segments' scripts with their item's).
    pub(super) item_scripts: Vec<Option<[u8; 4]>>,
    /// Each item's glyph clusters run monotonically in its direction (as
    /// HarfBuzz's default cluster level gives), so a line's glyphs are found
    /// by binary search instead of a scan of the whole item.
    pub(super) item_monotone: Vec<bool>,
}
/// Points per font unit of an item: its paragraph's size, smaller in a
/// raised item (a note's reference mark).
pub(super) fn scale(fonts: &FontBook, para: &Paragraph, item: &Item) -> f32 {
    item_size(para, item) / f32::from(fonts.get(item.font).units_per_em)
}

/// The font size of an item, points.
pub(super) fn item_size(para: &Paragraph, item: &Item) -> f32 {
    if item.raised {
        para.size * RAISED_SCALE
    } else {
        para.size
    }
}

/// Analyses and shapes a paragraph once (runs without a language of their
/// own in `lang`), and measures it for the breaker.
pub(super) fn prepare<'a>(
    fonts: &FontBook,
    para: &'a Paragraph<'a>,
    lang: Option<&'a str>,
) -> Prepared<'a> {
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
        shape_item(fonts, para.text, item, lang, &mut glyphs);
        let s = scale(fonts, para, item);
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
    let ties = ties(&analysis.layout);
    for i in 0..=len {
        advance_before.push(x);
        spaces_before.push((n, w));
        if i < len {
            x += advance_at[i];
            let space = bytes[i] == b' ' || (bytes[i] == 0xC2 && bytes.get(i + 1) == Some(&0xA0));
            if space && !ties.is_rigid(i) {
                n += 1;
                w += advance_at[i];
            }
        }
    }
    let mut cands = Vec::new();
    if para.align == Align::Justify(Justify::Kashida) {
        let facts = ShapingFacts {
            tatweel_ok: |pos: usize| tatweel_ok[pos],
            cluster_start: |pos: usize| cluster_start[pos],
        };
        candidates(para.text, &facts, &mut cands);
    }
    let item_scripts = analysis
        .items
        .iter()
        .map(|it| guess_script(&para.text[it.range.clone()]))
        .collect();
    let item_monotone = monotone_items(&analysis, &shaped);
    Prepared {
        para,
        lang,
        item_scripts,
        item_monotone,
        analysis,
        shaped,
        advance_before,
        spaces_before,
        cluster_start,
        unsafe_break,
        candidates: cands,
        ties,
    }
}

/// Whether each item's glyph clusters run monotonically in its direction.
fn monotone_items(analysis: &Analysis, shaped: &[Vec<ShapedGlyph>]) -> Vec<bool> {
    analysis
        .items
        .iter()
        .zip(shaped)
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
        .collect()
}

impl Prepared<'_> {
    /// End of a line's content: `end` without the spaces the line ends with.
    pub(super) fn content_end(&self, start: usize, end: usize) -> usize {
        let trimmed = self.analysis.layout[start..end].trim_end_matches(char::is_whitespace);
        start + trimmed.len()
    }

    /// What the line `start..end` measures, for the breaker.
    pub(super) fn fit(&self, start: usize, end: usize) -> Fit {
        let e = self.content_end(start, end);
        let natural = self.advance_before[e] - self.advance_before[start];
        let (n0, w0) = self.spaces_before[start];
        let (n1, w1) = self.spaces_before[e];
        let spaces = w1 - w0;
        let _ = n1 - n0;
        let (stretch, shrink) = match self.para.align {
            // Kashidas fill the room the spaces would take, but the line is
            // as loose as its spaces would be without them: the breaker
            // rates that (see BREAK_STRETCH).
            Align::Justify(Justify::Kashida) => (spaces * BREAK_STRETCH, spaces * SPACE_SHRINK),
            Align::Justify(Justify::Spaces) => (spaces * SPACE_STRETCH, spaces * SPACE_SHRINK),
            _ => (self.para.measure * RAGGED_STRETCH, 0.0),
        };
        let room = match self.para.align {
            Align::Justify(Justify::Kashida | Justify::Spaces) => spaces * (MAX_LOOSENESS - 1.0),
            _ => f32::INFINITY,
        };
        Fit {
            natural,
            stretch,
            shrink,
            room,
        }
    }
}

/// UAX #14's break opportunities, with two more (issue 16):
/// - Unicode 15.1's narrower rule LB15: a quotation mark that is neither
///   an initial (Pi) nor a final (Pf) one, the ASCII `"` that closes a
///   title, no longer holds an opening bracket after its spaces
///   (`… بالأشخاص" | (CTOC/COP/WG.4/2019/2)`). unicode-linebreak 0.1.5
///   implements Unicode 15.0's `QU SP* × OP`, which left a line of the
///   report 2.18x loose;
/// - after every slash of a document symbol, before a digit too
///   (`CTOC/COP/WG.4/` | `2019/L.1`): the UN breaks symbols at their
///   slashes, where LB25 (`SY × NU`) keeps a number with the slash
///   before it; that left a line of symbols 2.38x loose.
fn opportunities(layout: &str) -> Vec<usize> {
    let mut out: Vec<usize> = linebreaks(layout).map(|(pos, _)| pos).collect();
    let mut extra: Vec<usize> = layout
        .match_indices('/')
        .map(|(i, _)| i + 1)
        .filter(|&pos| after_symbol_slash(layout, pos))
        .collect();
    for (i, _) in layout.match_indices("\" ") {
        let after = i + 1 + layout[i + 1..].len() - layout[i + 1..].trim_start_matches(' ').len();
        if layout[after..].starts_with(['(', '[', '{']) {
            extra.push(after);
        }
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// Whether `pos` follows a slash inside a document symbol: an ASCII letter,
/// digit or dot before the slash and an ASCII letter or digit after it.
fn after_symbol_slash(text: &str, pos: usize) -> bool {
    let before = text[..pos]
        .strip_suffix('/')
        .and_then(|t| t.chars().next_back());
    let after = text[pos..].chars().next();
    matches!(before, Some(c) if c.is_ascii_alphanumeric() || c == '.')
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Break opportunities: UAX #14 opportunities after a space, but for the
/// ties (a digit group, an enumerator, a day and its month); after a slash
/// inside a document symbol, at a high cost or forbidden
/// ([`PENALTY_SYMBOL`]). Inside a word (text between opportunities after
/// a space) wider than the measure, its other UAX #14 opportunities (after
/// a slash, a hyphen) and, at a higher cost, the boundaries of the grapheme
/// clusters of each of its parts still wider than the measure.
pub(super) fn breakpoints(prep: &Prepared) -> Vec<Breakpoint> {
    let layout = &prep.analysis.layout;
    let text = prep.para.text;
    let symbol_penalty = if prep.para.break_symbols {
        PENALTY_SYMBOL
    } else {
        f32::INFINITY
    };
    let mut points = vec![Breakpoint {
        pos: 0,
        penalty: 0.0,
    }];
    // Opportunities inside the current word, in order: (position, a
    // symbol's slash).
    let mut inside: Vec<(usize, bool)> = Vec::new();
    let mut prev = 0;
    for pos in opportunities(layout) {
        if !text.is_char_boundary(pos) || pos == 0 {
            continue;
        }
        let after_space = layout[..pos].ends_with(char::is_whitespace);
        if after_space && prep.ties.forbids_break(pos) {
            continue;
        }
        if !after_space && pos < text.len() {
            inside.push((pos, after_symbol_slash(text, pos)));
            continue;
        }
        let e = prep.content_end(prev, pos);
        if prep.advance_before[e] - prep.advance_before[prev] <= prep.para.measure {
            let symbol = inside.iter().filter(|&&(_, slash)| slash);
            points.extend(symbol.map(|&(pos, _)| Breakpoint {
                pos,
                penalty: symbol_penalty,
            }));
        } else {
            // A word wider than the line breaks at its other opportunities
            // (a symbol's slashes among them); a part between them still
            // wider than the line, between its grapheme clusters too.
            let mut start = prev;
            let ends = inside.iter().map(|&(p, _)| p).chain(std::iter::once(e));
            for end in ends.filter(|&p| p > prev) {
                if prep.advance_before[end] - prep.advance_before[start] > prep.para.measure {
                    points.extend(
                        (start + 1..end)
                            .filter(|&p| prep.cluster_start[p] && text.is_char_boundary(p))
                            .map(|pos| Breakpoint {
                                pos,
                                penalty: PENALTY_EMERGENCY,
                            }),
                    );
                }
                if end < e {
                    points.push(Breakpoint {
                        pos: end,
                        penalty: PENALTY_IN_WORD,
                    });
                }
                start = end;
            }
        }
        inside.clear();
        points.push(Breakpoint { pos, penalty: 0.0 });
        prev = pos;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_ascii_quote_lets_a_bracket_start_the_next_line() {
        let text = "بعنوان \"تدابير بالأشخاص\" (CTOC/COP/WG.4/2019/2)؛";
        let at = text.find('(').unwrap();
        assert!(
            opportunities(text).contains(&at),
            "{:?}",
            opportunities(text)
        );
        // unicode-linebreak alone keeps it with the quote (Unicode 15.0).
        assert!(!linebreaks(text).any(|(p, _)| p == at));
    }

    #[test]
    fn a_symbol_breaks_after_each_slash_even_before_digits() {
        let text = "الوثائق CTOC/COP/WG.4/2019/L.1، و";
        let slashes: Vec<usize> = text.match_indices('/').map(|(i, _)| i + 1).collect();
        let ops = opportunities(text);
        for pos in slashes {
            assert!(ops.contains(&pos), "no break at {pos}: {ops:?}");
        }
        // A date's slash between words is not a symbol's.
        assert!(!after_symbol_slash("أيلول/سبتمبر", "أيلول/".len()));
    }
}
