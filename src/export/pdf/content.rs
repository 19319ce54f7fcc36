//! Page content: the text layer and the artwork of each page, as printpdf
//! operations.
//!
//! Text is written in logical order, one glyph at a time at its absolute
//! position (a `TJ` array whose numbers move the pen to each glyph), each
//! glyph a CID that maps to one character (see [`super::fonts`]). A
//! ligature's further characters and the marks are carriers (an empty,
//! narrow glyph) placed inside the ligature or just after the mark's base,
//! so that extractors that sort by position read them in order too. Inserted kashidas, glyphs that stand for no character,
//! and the running header and footer are drawn as outlines (form XObjects)
//! inside artifacts: they are not text at all.

use std::collections::BTreeMap;

use printpdf::{DictItem, Op};

use super::fonts::{resource_name, FontSet};
use super::tagging::{Target, Tree};
use crate::error::Result;
use crate::layout::{Glyph, Layout, Page, PlacedLine, Role, Run};
use crate::text::{is_default_ignorable, FontId};

/// One glyph of the text layer, in PDF user space (origin bottom-left).
#[derive(Debug, Clone, Copy)]
struct TextGlyph {
    target: Target,
    font: FontId,
    size: f32,
    cid: u16,
    /// Advance in thousandths of an em (the font's `/W`).
    width: f32,
    /// In a right-to-left run.
    rtl: bool,
    /// A carrier (see [`super::fonts`]), not the glyph that draws.
    carrier: bool,
    /// Horizontal scaling in percent (`Tz`): 100 but for bridges.
    hscale: f32,
    x: f32,
    y: f32,
}

/// A glyph drawn as an outline.
#[derive(Debug, Clone, Copy)]
pub struct Outline {
    font: FontId,
    glyph: u16,
    /// Points per font unit.
    scale: f32,
    /// The glyph has no outline (nothing to draw).
    empty: bool,
    /// Horizontal stretch (a kashida's width over the tatweel's advance).
    stretch: f32,
    x: f32,
    y: f32,
}

/// The glyph outlines used as form XObjects, by (font, glyph).
#[derive(Debug, Default)]
pub struct Artwork {
    /// Every outlined glyph, with its XObject name.
    pub glyphs: BTreeMap<(FontId, u16), String>,
}

impl Artwork {
    fn name(&mut self, font: FontId, glyph: u16) -> String {
        let next = format!("G{}", self.glyphs.len());
        self.glyphs.entry((font, glyph)).or_insert(next).clone()
    }
}

/// A page's operations and the element of each of its MCIDs.
pub struct PageContent {
    /// printpdf operations.
    pub ops: Vec<Op>,
    /// `mcids[n]` is the structure element of MCID n.
    pub mcids: Vec<usize>,
}

/// Draws one page.
pub fn page(
    layout: &Layout,
    page: &Page,
    page_index: usize,
    fonts: &mut FontSet,
    tree: &mut Tree,
    art: &mut Artwork,
) -> Result<PageContent> {
    let mut out = PageContent {
        ops: Vec::new(),
        mcids: Vec::new(),
    };
    let height = layout.geometry.height;
    let mut lines = Vec::with_capacity(page.lines.len());
    for placed in &page.lines {
        let (mut glyphs, outlines) = line_glyphs(layout, placed, fonts, tree)?;
        if let Some(space) = line_end_space(layout, placed, &glyphs, fonts)? {
            glyphs.push(space);
        }
        lines.push((glyphs, outlines));
    }
    for k in 0..lines.len() {
        let role = layout.pieces[page.lines[k].piece].role;
        if matches!(role, Role::Number | Role::Label) && k + 1 < lines.len() {
            let bridge = bridge_spaces(&lines[k].0, &lines[k + 1].0, fonts)?;
            lines[k].0.extend(bridge);
        }
    }
    // All text in one text object; the outlines after it. A marked-content
    // sequence runs on across lines while the element stays the same.
    let mut writer = TextWriter::default();
    let mut artifacts = Vec::new();
    let mut open: Option<Target> = None;
    for (placed, (glyphs, outlines)) in page.lines.iter().zip(lines) {
        let baseline = height - placed.y;
        let mut start = 0;
        while start < glyphs.len() {
            let target = glyphs[start].target;
            let end = glyphs[start..]
                .iter()
                .position(|g| g.target != target)
                .map_or(glyphs.len(), |n| start + n);
            writer.begin(&mut out.ops);
            if open != Some(target) {
                if open.is_some() {
                    out.ops.push(Op::EndMarkedContent);
                }
                open = Some(target);
                match target {
                    Target::Elem(e) => {
                        let mcid = out.mcids.len();
                        let e = tree.add_content(e, page_index, mcid);
                        out.mcids.push(e);
                        let mut props = BTreeMap::new();
                        props.insert("MCID".to_string(), DictItem::Int(mcid as i64));
                        out.ops.push(Op::BeginMarkedContentWithProperties {
                            tag: tree.elems[e].kind.to_string(),
                            properties: DictItem::Dict { map: props },
                        });
                    }
                    Target::Artifact => out.ops.push(Op::BeginMarkedContent {
                        tag: "Artifact".into(),
                    }),
                }
            }
            writer.glyphs(&mut out.ops, &glyphs[start..end], baseline);
            start = end;
        }
        artifacts.extend(outlines);
    }
    if open.is_some() {
        out.ops.push(Op::EndMarkedContent);
    }
    writer.end(&mut out.ops);
    if !artifacts.is_empty() {
        out.ops.push(Op::BeginMarkedContent {
            tag: "Artifact".into(),
        });
        draw_outlines(&mut out.ops, &artifacts, art);
        out.ops.push(Op::EndMarkedContent);
    }
    for placed in &page.furniture {
        let role = layout.pieces[placed.piece].role;
        let subtype = if role == Role::Header {
            "Header"
        } else {
            "Footer"
        };
        let mut props = BTreeMap::new();
        props.insert("Type".to_string(), DictItem::Name(b"Pagination".to_vec()));
        props.insert("Subtype".to_string(), DictItem::Name(subtype.into()));
        out.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Artifact".into(),
            properties: DictItem::Dict { map: props },
        });
        let outlines = all_outlines(placed, height, fonts.book());
        draw_outlines(&mut out.ops, &outlines, art);
        out.ops.push(Op::EndMarkedContent);
    }
    Ok(out)
}

/// The space a line was broken at, written at the line's logical end.
///
/// The text engine leaves a line's trailing space out of its runs (it takes
/// no room), but the words on either side of a line break must stay two
/// words in the text layer: for copy and paste, search and screen readers.
/// The space sits just outside the line's end (in the margin for a
/// right-to-left line); it draws nothing.
fn line_end_space(
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
    if !text.ends_with(char::is_whitespace) {
        return Ok(None);
    }
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
        x,
        width,
        cid,
        carrier: false,
        hscale: 100.0,
        ..*last
    }))
}

/// Space glyphs across the gap between a hanging number or label and the
/// first line of its text, written with the label: the gap is then
/// whitespace of one text line for extractors that join characters by
/// distance (pdfminer), and the label is read before the text.
fn bridge_spaces(
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

fn raw(key: &str, value: Vec<DictItem>) -> Op {
    Op::Unknown {
        key: key.to_string(),
        value,
    }
}

/// A number rounded to 1/100 (enough for positions in points).
fn num(v: f32) -> DictItem {
    let r = (v * 100.0).round();
    if r % 100.0 == 0.0 {
        DictItem::Int((r / 100.0) as i64)
    } else {
        DictItem::Real(r / 100.0)
    }
}

/// Writes the text of a page as one text object, each glyph placed at its
/// position by the numbers of `TJ` arrays.
#[derive(Default)]
struct TextWriter {
    open: bool,
    font: Option<(FontId, f32)>,
    rise: f32,
    /// Horizontal scaling (`Tz`), percent; 0 before the first glyph.
    hscale: f32,
    /// Pen position and baseline.
    pen: Option<(f32, f32)>,
}

impl TextWriter {
    fn begin(&mut self, ops: &mut Vec<Op>) {
        if !self.open {
            ops.push(raw("BT", vec![]));
            self.open = true;
        }
    }

    fn end(&mut self, ops: &mut Vec<Op>) {
        if self.open {
            ops.push(raw("ET", vec![]));
            self.open = false;
        }
    }

    fn glyphs(&mut self, ops: &mut Vec<Op>, glyphs: &[TextGlyph], baseline: f32) {
        let Some(first) = glyphs.first() else { return };
        let baseline = round2(baseline);
        let mut pen = match self.pen {
            Some((x, y)) if y == baseline => x,
            _ => {
                let x0 = round2(first.x);
                ops.push(raw(
                    "Tm",
                    vec![
                        DictItem::Int(1),
                        DictItem::Int(0),
                        DictItem::Int(0),
                        DictItem::Int(1),
                        num(x0),
                        num(baseline),
                    ],
                ));
                x0
            }
        };
        let mut array: Vec<DictItem> = Vec::new();
        let mut codes: Vec<u8> = Vec::new();
        let flush_codes = |array: &mut Vec<DictItem>, codes: &mut Vec<u8>| {
            if !codes.is_empty() {
                array.push(DictItem::String {
                    data: std::mem::take(codes),
                    literal: true,
                });
            }
        };
        let flush = |ops: &mut Vec<Op>, array: &mut Vec<DictItem>, codes: &mut Vec<u8>| {
            flush_codes(array, codes);
            if !array.is_empty() {
                ops.push(raw("TJ", vec![DictItem::Array(std::mem::take(array))]));
            }
        };
        let mut anchor = pen;
        for g in glyphs {
            let g_rise = round2(g.y - baseline);
            if self.font != Some((g.font, g.size)) {
                flush(ops, &mut array, &mut codes);
                ops.push(raw(
                    "Tf",
                    vec![
                        DictItem::Name(resource_name(g.font).into_bytes()),
                        num(g.size),
                    ],
                ));
                self.font = Some((g.font, g.size));
            }
            if g_rise != self.rise {
                flush(ops, &mut array, &mut codes);
                ops.push(raw("Ts", vec![num(g_rise)]));
                self.rise = g_rise;
            }
            let hscale = g.hscale.round();
            if hscale != self.hscale && !(self.hscale == 0.0 && hscale == 100.0) {
                flush(ops, &mut array, &mut codes);
                ops.push(raw("Tz", vec![num(hscale)]));
                self.hscale = hscale;
            }
            // TJ numbers are scaled by Tz too.
            let unit = g.size / 1000.0
                * if self.hscale == 0.0 {
                    1.0
                } else {
                    self.hscale / 100.0
                };
            let adjust = (-(g.x - pen) / unit).round();
            if adjust != 0.0 {
                flush_codes(&mut array, &mut codes);
                array.push(DictItem::Int(adjust as i64));
                pen -= adjust * unit;
            }
            if !g.carrier {
                anchor = pen;
            }
            codes.extend_from_slice(&g.cid.to_be_bytes());
            pen += g.width * unit;
            if g.rtl {
                // Back to the origin of the last drawn glyph: in right-to-left
                // text each glyph is then framed by numbers that depend on it
                // alone (its width), which compresses far better than the
                // sum of two neighbours' widths.
                let back = ((pen - anchor) / unit).round();
                if back != 0.0 {
                    flush_codes(&mut array, &mut codes);
                    array.push(DictItem::Int(back as i64));
                    pen -= back * unit;
                }
            }
        }
        flush(ops, &mut array, &mut codes);
        self.pen = Some((pen, baseline));
    }
}

fn round2(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Draws outlined glyphs, each placed relative to the one before, in font
/// units (short numbers), inside one graphics state per font scale.
fn draw_outlines(ops: &mut Vec<Op>, outlines: &[Outline], art: &mut Artwork) {
    let mut scale: Option<f32> = None;
    let mut at = (0i64, 0i64);
    for o in outlines.iter().filter(|o| !o.empty) {
        if scale != Some(o.scale) {
            if scale.is_some() {
                ops.push(raw("Q", vec![]));
            }
            ops.push(raw("q", vec![]));
            ops.push(raw(
                "cm",
                vec![
                    DictItem::Real(o.scale),
                    DictItem::Int(0),
                    DictItem::Int(0),
                    DictItem::Real(o.scale),
                    DictItem::Int(0),
                    DictItem::Int(0),
                ],
            ));
            scale = Some(o.scale);
            at = (0, 0);
        }
        let target = (
            (o.x / o.scale).round() as i64,
            (o.y / o.scale).round() as i64,
        );
        let (dx, dy) = (
            DictItem::Int(target.0 - at.0),
            DictItem::Int(target.1 - at.1),
        );
        let name = DictItem::Name(art.name(o.font, o.glyph).into_bytes());
        let one = DictItem::Int(1);
        let zero = || DictItem::Int(0);
        if o.stretch == 1.0 {
            ops.push(raw("cm", vec![one.clone(), zero(), zero(), one, dx, dy]));
            ops.push(raw("Do", vec![name]));
            at = target;
        } else {
            let stretch = DictItem::Real((o.stretch * 1000.0).round() / 1000.0);
            ops.push(raw("q", vec![]));
            ops.push(raw("cm", vec![stretch, zero(), zero(), one, dx, dy]));
            ops.push(raw("Do", vec![name]));
            ops.push(raw("Q", vec![]));
        }
    }
    if scale.is_some() {
        ops.push(raw("Q", vec![]));
    }
}

/// Every glyph of a furniture line, as outlines.
fn all_outlines(placed: &PlacedLine, height: f32, book: &crate::text::FontBook) -> Vec<Outline> {
    let mut out = Vec::new();
    for run in &placed.line.runs {
        let font = book.get(run.font);
        let face = font.ttf();
        let scale = run.size / f32::from(font.units_per_em);
        for g in &run.glyphs {
            out.push(outline(
                placed,
                height,
                run,
                g,
                scale,
                stretch(book, run, g),
                &face,
            ));
        }
    }
    out
}

fn stretch(book: &crate::text::FontBook, run: &Run, g: &Glyph) -> f32 {
    if !g.kashida {
        return 1.0;
    }
    let adv = book
        .get(run.font)
        .ttf()
        .glyph_hor_advance(ttf_parser::GlyphId(g.id))
        .unwrap_or(0);
    if adv == 0 {
        1.0
    } else {
        g.x_advance as f32 / f32::from(adv)
    }
}

fn outline(
    placed: &PlacedLine,
    height: f32,
    run: &Run,
    g: &Glyph,
    scale: f32,
    s: f32,
    face: &ttf_parser::Face,
) -> Outline {
    Outline {
        font: run.font,
        glyph: g.id,
        scale,
        empty: face.glyph_bounding_box(ttf_parser::GlyphId(g.id)).is_none(),
        stretch: s,
        x: placed.x + g.x + g.x_offset as f32 * scale,
        y: height - placed.y + g.y_offset as f32 * scale,
    }
}

/// The text glyphs of a line in logical order, and its outlined glyphs.
fn line_glyphs(
    layout: &Layout,
    placed: &PlacedLine,
    fonts: &mut FontSet,
    tree: &Tree,
) -> Result<(Vec<TextGlyph>, Vec<Outline>)> {
    let height = layout.geometry.height;
    let piece = &layout.pieces[placed.piece];
    let mut runs: Vec<&Run> = placed.line.runs.iter().collect();
    runs.sort_by_key(|r| r.range.start);
    let mut text_glyphs = Vec::new();
    let mut outlines = Vec::new();
    for run in runs {
        let run_start = text_glyphs.len();
        let book = fonts.book();
        let font = book.get(run.font);
        let face = font.ttf();
        let scale = run.size / f32::from(font.units_per_em);
        let Some(run_text) = piece.text.get(run.range.clone()) else {
            continue;
        };
        let mut logical: Vec<&Glyph> = Vec::new();
        for g in &run.glyphs {
            if g.kashida {
                outlines.push(outline(
                    placed,
                    height,
                    run,
                    g,
                    scale,
                    stretch(book, run, g),
                    &face,
                ));
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
        let carrier = fonts.carrier_glyph(run.font);
        let rtl = run.is_rtl();
        let mut last_x = placed.x;
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
            let glyph_is_mark: Vec<bool> = group
                .iter()
                .map(|g| {
                    face.tables()
                        .gdef
                        .and_then(|t| t.glyph_class(ttf_parser::GlyphId(g.id)))
                        == Some(ttf_parser::gdef::GlyphClass::Mark)
                })
                .collect();
            // Base characters go to base glyphs; marks are carriers just
            // after the character they sit on, and mark glyphs are drawn
            // as outlines (see the module notes).
            let bases: Vec<usize> = (0..chars.len())
                .filter(|&k| !is_mark_char(chars[k].1))
                .collect();
            let mut base_glyphs: Vec<usize> =
                (0..group.len()).filter(|&k| !glyph_is_mark[k]).collect();
            if base_glyphs.is_empty() && !bases.is_empty() {
                base_glyphs = (0..group.len()).collect();
            }
            let slots = map_cluster(bases.len(), base_glyphs.len(), rtl);
            let mut used = vec![false; group.len()];
            let mut next_base = 0;
            let mut marks_after = 0.0f32;
            for &(offset, ch) in &chars {
                let target = tree.target(placed.piece, offset);
                let y = height - placed.y;
                if is_mark_char(ch) || next_base >= slots.len() {
                    // A carrier next to the last character, on the side
                    // of reading order.
                    marks_after += 1.0;
                    let x = last_x + if rtl { -MARK_STEP } else { MARK_STEP } * marks_after;
                    if let Some(carrier) = carrier {
                        let cid = fonts.cid(run.font, carrier, ch)?;
                        text_glyphs.push(TextGlyph {
                            target,
                            font: run.font,
                            size: run.size,
                            cid,
                            width: fonts.width(run.font, carrier),
                            rtl,
                            carrier: true,
                            hscale: 100.0,
                            x,
                            y,
                        });
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
                    let cid = fonts.cid(run.font, g.id, ch)?;
                    text_glyphs.push(TextGlyph {
                        target,
                        font: run.font,
                        size: run.size,
                        cid,
                        width: fonts.width(run.font, g.id),
                        rtl,
                        carrier: false,
                        hscale: 100.0,
                        x,
                        y: y + g.y_offset as f32 * scale,
                    });
                    last_x = x;
                } else if let Some(carrier) = carrier {
                    let w = g.x_advance as f32 * scale;
                    let cid = fonts.cid(run.font, carrier, ch)?;
                    // Right to left: across the glyph, in reading order.
                    // Left to right: at its end, just before the next
                    // glyph (poppler starts a new word at a character that
                    // overlaps the one before by a fifth of an em).
                    last_x = if rtl {
                        x + w * slot.position
                    } else {
                        x + w - MARK_STEP * slot.rest as f32
                    };
                    text_glyphs.push(TextGlyph {
                        target,
                        font: run.font,
                        size: run.size,
                        cid,
                        width: fonts.width(run.font, carrier),
                        rtl,
                        carrier: true,
                        hscale: 100.0,
                        x: last_x,
                        y,
                    });
                }
            }
            for (k, g) in group.iter().enumerate() {
                if !used[k] {
                    outlines.push(outline(placed, height, run, g, scale, 1.0, &face));
                }
            }
        }
        if piece.rtl && !rtl {
            let marked = marks_around(placed, run, &text_glyphs[run_start..], fonts)?;
            text_glyphs.truncate(run_start);
            text_glyphs.extend(marked);
        }
    }
    let text_glyphs = marks_after_separators(text_glyphs, fonts)?;
    Ok((text_glyphs, outlines))
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
    let scale = run.size / f32::from(fonts.book().get(run.font).units_per_em);
    let left = run.glyphs.iter().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let right = run
        .glyphs
        .iter()
        .map(|g| g.x + g.x_advance as f32 * scale)
        .fold(f32::NEG_INFINITY, f32::max);
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
    let bridge = match fonts.book().get(run.font).ttf().glyph_index(' ') {
        Some(space) => {
            let w = fonts.width(run.font, space.0);
            let span = right - left;
            if w > 0.0 && span > 0.0 {
                let cid = fonts.cid(run.font, space.0, ' ')?;
                let hscale = span * 1000.0 / (w * run.size) * 100.0;
                // An artifact: it serves extractors that ignore the
                // structure; the structure tree's text stays as written.
                Some(move |like: &TextGlyph| TextGlyph {
                    target: Target::Artifact,
                    cid,
                    width: w,
                    carrier: true,
                    rtl: false,
                    hscale,
                    x: placed.x + left,
                    ..*like
                })
            } else {
                None
            }
        }
        _ => None,
    };
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
