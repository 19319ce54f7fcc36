//! Page content: the text layer and the artwork of each page, as printpdf
//! operations.
//!
//! Text is written in logical order, one glyph at a time at its absolute
//! position (a `TJ` array whose numbers move the pen to each glyph), each
//! glyph a CID that maps to one character (see [`super::fonts`]); which
//! glyphs a line writes, with their carriers and direction marks, is
//! [`super::textlayer`]'s business. Inserted kashidas, glyphs that stand for
//! no character, and the running header and footer are drawn as outlines
//! (form XObjects) inside artifacts: they are not text at all.
use std::collections::BTreeMap;

use printpdf::{DictItem, Op};

use super::fonts::{resource_name, FontSet};
use super::tagging::{Target, Tree};
use super::textlayer::{bridge_spaces, line_end_space, line_glyphs, TextGlyph};
use crate::error::Result;
use crate::layout::{Glyph, Layout, Page, PlacedLine, Role, Run};
use crate::text::FontId;

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

pub(super) fn stretch(book: &crate::text::FontBook, run: &Run, g: &Glyph) -> f32 {
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

pub(super) fn outline(
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
